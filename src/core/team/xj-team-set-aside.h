/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"
#include "xj-team-connection.h"

G_BEGIN_DECLS

/* Why the team server refused a record. */
typedef enum
{
  XJ_TEAM_SET_ASIDE_DENIED,     /* the server's rules: the role, a trigger */
  XJ_TEAM_SET_ASIDE_INTEGRITY,  /* the server holds it with other content (written once) */
} XjTeamSetAsideCode;

/* A change made here that the team server refused: set aside, with what
 * waits for it, until a person decides (retry, take the team's copy, or
 * keep it on this laptop only).  The record stays as it was written. */
typedef struct
{
  gint64              id;
  char               *table;       /* the local table: "sites", "notices" ... */
  char               *record;      /* its UUID (a photo's SHA-256) */
  char               *label;       /* what a person calls it: a site's name, a notice's number */
  XjTeamSetAsideCode  code;
  char               *reason;      /* the server's words */
  char               *role;        /* the member's role in the team when it was refused */
  gboolean            on_server;   /* the team has a copy of the record, which may be taken */
  gint64              refused_at;  /* Unix seconds */
  guint               n_held;      /* records that wait with it (the answers of an inspection) */
  char               *taken_by;    /* a monthly report: who signed the team's of that month */
  gint64              taken_at;    /* and when (Unix seconds) */
} XjTeamSetAside;

void        xj_team_set_aside_free        (XjTeamSetAside    *item);
/* Returns: (transfer full) (element-type XjTeamSetAside): what is set
 * aside, oldest first (the records waiting with one are counted in it). */
GPtrArray  *xj_team_list_set_aside        (XjStore           *store,
                                           GError           **error);
/* Sends @id (0: every one) again at the next sync, with what waits for it. */
gboolean    xj_team_set_aside_retry       (XjStore           *store,
                                           gint64             id,
                                           GError           **error);
/* Replaces the local record with the team's copy and sends nothing of it;
 * XJ_TEAM_ERROR_INVALID when the server never had it.  A monthly report
 * whose month the team holds another of is not replaced: the team's takes
 * the month and this one stays, kept here only.  Blocking: a worker. */
gboolean    xj_team_set_aside_take_theirs (XjStore           *store,
                                           XjTeamConnection  *connection,
                                           gint64             id,
                                           GError           **error);
/* A record the server never had (or a monthly report whose month the
 * team holds another of) stays on this laptop only: nothing of it (or of
 * what waits for it) is sent any more. */
gboolean    xj_team_set_aside_keep_local  (XjStore           *store,
                                           gint64             id,
                                           GError           **error);
/* Returns: (transfer full): why the server refused @item, in plain words */
char       *xj_team_set_aside_explain     (const XjTeamSetAside *item);
/* Returns: the kind of record in @table as a person says it ("Site") */
const char *xj_team_record_kind           (const char        *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTeamSetAside, xj_team_set_aside_free)

G_END_DECLS
