/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

/* The same field changed here and on the server with different values:
 * the server's value is in force until a person decides. */
typedef struct
{
  gint64  id;
  char   *table;            /* "sites", "templates", "schedules", "notices" ... */
  char   *record;           /* the record's UUID */
  char   *label;            /* site name, checklist name or notice number */
  char   *field;            /* the column, e.g. "name" */
  char   *mine;             /* this laptop's value (JSON text; NULL: none) */
  char   *theirs;           /* the server's value (JSON text; NULL: none) */
  char   *their_author;     /* team login that wrote the server's value */
  gint64  their_changed_at; /* Unix seconds */
  gint64  found_at;         /* Unix seconds */
} XjTeamConflict;

typedef enum
{
  XJ_TEAM_KEEP_MINE,        /* restore this laptop's value, sent at the next sync */
  XJ_TEAM_KEEP_THEIRS,      /* the server's value stays; nothing is sent */
} XjTeamKeep;

void       xj_team_conflict_free      (XjTeamConflict  *conflict);
/* Returns: (transfer full) (element-type XjTeamConflict): the conflicts
 * waiting for a decision, oldest first. */
GPtrArray *xj_team_list_conflicts     (XjStore         *store,
                                       GError         **error);
gboolean   xj_team_resolve_conflict   (XjStore         *store,
                                       gint64           id,
                                       XjTeamKeep       keep,
                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTeamConflict, xj_team_conflict_free)

G_END_DECLS
