/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libpq-fe.h>

#include "xj-store.h"
#include "xj-team-codec.h"
#include "xj-team-connection.h"
#include "xj-team-sync.h"

G_BEGIN_DECLS

/* One run of xj_team_sync: what its push and its pull share. */
typedef struct
{
  XjStore          *store;
  XjTeamConnection *connection;
  GCancellable     *cancellable;
  XjTeamSyncResult *result;
  guint             pull_limit;     /* XJ_SYNC_BATCH (tests): rows per batch */
  gint64            stop_after;     /* XJ_SYNC_STOP_AFTER (tests): batches, then _exit */
  gint64            batches;
  GHashTable       *locked_later;   /* uuid -> body: inspections signed once their parts are in */
  char             *until;          /* the end of the pull's window: the next watermark */
  gboolean          any_new;        /* others wrote something in the window */
  GHashTable       *notices;        /* uuids of notices pulled, merged or given events */
  GHashTable       *events;         /* uuids of the notice events pulled */
  const char       *watermark;      /* where this pull starts ("0": from the beginning) */
  GString          *own_txids;      /* this laptop's push transactions not yet behind the watermark */
  int               staging;        /* the push's staging table: 0 not asked yet, 1 there, -1 none */
  const XjSyncTable *refused_table; /* the record the server refused in the batch that failed */
  char             *refused_record;
} Sync;

void     _xj_sync_batch_done  (Sync      *sync);
gboolean _xj_sync_set_capture (XjStore   *store,
                               gboolean   on,
                               GError   **error);
gboolean _xj_sync_write_file  (const char    *path,
                               const guint8  *data,
                               gsize          length,
                               GError       **error);
/* A pulled report's PDF, checked against @body's hash, at @body's path. */
gboolean _xj_sync_write_report_file (XjStore            *store,
                                     const XjSyncTable  *table,
                                     const char         *record,
                                     const char         *body,
                                     const guint8       *data,
                                     gsize               length,
                                     GError            **error);
/* Remembers the server transaction of a push batch, for the pull to skip. */
gboolean _xj_sync_remember_own_txid (Sync    *sync,
                                     GError **error);
/* The record whose write the server refused (the first in a batch). */
void     _xj_sync_note_refused (Sync              *sync,
                                const XjSyncTable *table,
                                const char        *record);
/* Set aside (xj-team-set-aside.c): what depends on a refused record the
 * server never had is held with it, before a push; a batch that failed
 * on a refusal of a record sets that record aside (TRUE: the push goes
 * on) or gives @failure back in @error. */
gboolean _xj_set_aside_hold    (XjStore   *store,
                                GError   **error);
gboolean _xj_set_aside_refused (Sync      *sync,
                                GError    *failure,
                                GError   **error);
/* The push's INSERT of report @record took no row and the server holds
 * none with its UUID: another report of its month is there.  Notes it
 * refused and sets XJ_TEAM_ERROR_INTEGRITY; returns FALSE. */
gboolean _xj_set_aside_month_refused (Sync        *sync,
                                      const char  *record,
                                      GError     **error);
/* Sends the outbox (xj-team-sync-push.c). */
gboolean _xj_sync_push        (Sync      *sync,
                               GError   **error);

/* The push's staging path (xj-team-sync-stage.c): the records of a batch
 * that carry no bytes copied into a temporary table with one COPY, then
 * written with one set-based statement per table (sent in the pipeline,
 * in the tables' order). */
typedef struct _XjStage XjStage;

gboolean           _xj_stage_prepare     (Sync               *sync);
gboolean           _xj_stage_takes       (const XjSyncTable  *table);
const char        *_xj_stage_get_sql     (const XjSyncTable  *table);
XjStage           *_xj_stage_new         (void);
void               _xj_stage_free        (XjStage            *stage);
/* Encodes @record into @stage (nothing when it is gone from this laptop). */
gboolean           _xj_stage_add         (Sync               *sync,
                                          XjStage            *stage,
                                          const XjSyncTable  *table,
                                          const char         *record,
                                          GError            **error);
/* Copies the staged records to the server, in the caller's transaction. */
gboolean           _xj_stage_copy        (Sync               *sync,
                                          XjStage            *stage,
                                          GError            **error);
/* Takes the answer of @table's set statement; the shared records the
 * server moved since this laptop saw them are added to @moved. */
gboolean           _xj_stage_take        (Sync               *sync,
                                          XjStage            *stage,
                                          const XjSyncTable  *table,
                                          PGresult           *result,
                                          GPtrArray          *moved,
                                          GError            **error);
/* Merges @moved field by field, record by record (out of pipeline mode). */
gboolean           _xj_stage_merge_moved (Sync               *sync,
                                          GPtrArray          *moved,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjStage, _xj_stage_free)

/* xj-team-sync-files.c */
GBytes  *_xj_sync_read_derived (const char        *path);
GBytes  *_xj_sync_read_file_of (Sync              *sync,
                                const XjSyncTable *table,
                                const char        *record,
                                GError           **error);

G_END_DECLS
