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

/* What a lazy list reads, in a worker on a read-only connection taken
 * from the store's readers (xj-reader-pool.c): how many rows the query has (a cheap COUNT), the sort keys of all
 * its rows in the list's order (a scan of an index, done once when a page
 * far down is first wanted) and one page of rows as XjRecords.
 *
 * Pages are read by key ("keyset"), not by a large OFFSET, which SQLite
 * walks row by row: the model keeps the key of every stride-th row
 * (xj_paged_model_set_key_stride ()), and @read is asked for @limit rows
 * starting @offset rows after the row whose key is @from (that row
 * included; @offset is then below the stride), or, with @from %NULL, after
 * the first row.  So page N costs about what page 1 costs.  A key is
 * @n_keys values, the columns @keys selects; they end with a unique one
 * (the id), so that a key names one row.  The query is copied for each
 * worker. */
typedef struct {
  gboolean      (*count)      (sqlite3         *db,
                               gconstpointer    query,
                               guint           *n_items,
                               GCancellable    *cancellable,
                               GError         **error);
  sqlite3_stmt *(*keys)       (sqlite3         *db,
                               gconstpointer    query,
                               GError         **error);
  GPtrArray    *(*read)       (sqlite3         *db,
                               gconstpointer    query,
                               sqlite3_value  **from,
                               guint            offset,
                               guint            limit,
                               GCancellable    *cancellable,
                               GError         **error);
  gpointer      (*copy_query) (gconstpointer    query);
  void          (*free_query) (gpointer         query);
  guint           n_keys;
} XjPagedSource;

XjPagedModel *xj_paged_model_new         (XjStore             *store,
                                          const XjPagedSource *source,
                                          gconstpointer        query);

/* The keys kept of a query, and reading a page from them
 * (xj-paged-read.c, for the model's workers). */
typedef struct _XjPagedKeys XjPagedKeys;

XjPagedKeys  *_xj_paged_keys_scan        (sqlite3             *db,
                                          const XjPagedSource *source,
                                          gconstpointer        query,
                                          guint                stride,
                                          GCancellable        *cancellable,
                                          GError             **error);
GPtrArray    *_xj_paged_keys_read        (sqlite3             *db,
                                          XjPagedKeys         *keys,
                                          const XjPagedSource *source,
                                          gconstpointer        query,
                                          guint                offset,
                                          guint                limit,
                                          GCancellable        *cancellable,
                                          GError             **error);
XjPagedKeys  *_xj_paged_keys_ref         (XjPagedKeys         *keys);
void          _xj_paged_keys_unref       (XjPagedKeys         *keys);
guint         _xj_paged_keys_get_n_rows  (XjPagedKeys         *keys);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjPagedKeys, _xj_paged_keys_unref)


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
void          xj_paged_bind_key          (sqlite3_stmt        *stmt,
                                          int                  first,
                                          sqlite3_value      **key,
                                          guint                n_keys);
sqlite3_stmt *xj_paged_prepare           (sqlite3             *db,
                                          const char          *sql,
                                          const char          *context,
                                          GError             **error);

G_END_DECLS
