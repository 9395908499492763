/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"
#include "xj-team-codec.h"
#include "xj-team-connection.h"
#include "xj-team-sync.h"

G_BEGIN_DECLS

/* One field changed on both sides with different values. */
typedef struct
{
  char *field;
  char *mine;     /* JSON text */
  char *theirs;   /* JSON text */
} XjMergeConflict;

void      _xj_merge_conflict_free (gpointer     data);
/* Field-level three-way merge of JSON objects: a field changed on one
 * side only is taken from that side; changed on both to different values
 * it keeps @theirs and is added to @conflicts (of XjMergeConflict).
 * "updated_at" takes the later of the two.  @base may be NULL (nothing
 * known: every difference is a conflict). */
char     *_xj_merge_bodies        (const char  *base,
                                   const char  *mine,
                                   const char  *theirs,
                                   GPtrArray   *conflicts,
                                   GError     **error);

/* The server's last-known version and body of a shared record. */
gboolean  _xj_shadow_get          (XjStore     *store,
                                   const char  *table,
                                   const char  *record,
                                   gint64      *version,
                                   char       **body,
                                   GError     **error);
gboolean  _xj_shadow_set          (XjStore     *store,
                                   const char  *table,
                                   const char  *record,
                                   gint64       version,
                                   const char  *body,
                                   GError     **error);
/* Records the conflicts of one record, once each (a field already waiting
 * for a decision keeps its first entry). */
gboolean  _xj_conflicts_record    (XjStore     *store,
                                   const char  *table,
                                   const char  *record,
                                   GPtrArray   *conflicts,
                                   const char  *their_author,
                                   gint64       their_changed_at,
                                   gint64      *recorded,
                                   GError     **error);

/* Sends a shared record based on the version last seen; when the server
 * moved since, merges field by field, records the conflicts, and sends
 * the merge.  The local record and its shadow end as the server's. */
gboolean  _xj_merge_push_shared   (XjStore            *store,
                                   XjTeamConnection   *connection,
                                   const XjSyncTable  *table,
                                   const char         *record,
                                   const char         *body,
                                   XjTeamSyncResult   *result,
                                   GError            **error);

G_END_DECLS
