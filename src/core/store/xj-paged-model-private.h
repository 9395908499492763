/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL side of the lazy lists: what a source reads in its worker.
 * Private to src/core, like the store's SQL level.
 */
#pragma once

#ifndef XJ_CORE_COMPILATION
#error "xj-paged-model-private.h is for src/core only"
#endif

#include <sqlite3.h>

#include "xj-paged-model.h"

G_BEGIN_DECLS

/* What a lazy list reads, in a worker with a read-only connection of its
 * own: how many rows the query has (a cheap COUNT) and one page of them as
 * XjRecords.  The query is copied for each worker. */
typedef struct {
  gboolean   (*count)      (sqlite3        *db,
                            gconstpointer   query,
                            guint          *n_items,
                            GCancellable   *cancellable,
                            GError        **error);
  GPtrArray *(*read)       (sqlite3        *db,
                            gconstpointer   query,
                            guint           offset,
                            guint           limit,
                            GCancellable   *cancellable,
                            GError        **error);
  gpointer   (*copy_query) (gconstpointer   query);
  void       (*free_query) (gpointer        query);
} XjPagedSource;

XjPagedModel *xj_paged_model_new         (XjStore             *store,
                                          const XjPagedSource *source,
                                          gconstpointer        query);


/* For sources, in their worker: step a prepared statement (finalized here)
 * with cancellation through SQLite's progress handler. */
typedef XjRecord *(*XjPagedRowFunc) (sqlite3_stmt *stmt);

GPtrArray    *xj_paged_read_rows         (sqlite3             *db,
                                          sqlite3_stmt        *stmt,
                                          XjPagedRowFunc       from_row,
                                          GCancellable        *cancellable,
                                          const char          *context,
                                          GError             **error);
gboolean      xj_paged_count_rows        (sqlite3             *db,
                                          sqlite3_stmt        *stmt,
                                          guint               *n_items,
                                          GCancellable        *cancellable,
                                          const char          *context,
                                          GError             **error);
sqlite3_stmt *xj_paged_prepare           (sqlite3             *db,
                                          const char          *sql,
                                          const char          *context,
                                          GError             **error);

G_END_DECLS
