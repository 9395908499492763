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

/* For sources: a statement's parameters from the query, and an XjRecord
 * from a row. */
typedef void      (*XjPagedBindFunc) (sqlite3_stmt  *stmt,
                                      gconstpointer  query);
typedef XjRecord *(*XjPagedRowFunc)  (sqlite3_stmt  *stmt);

/* What a lazy list reads, in a worker on a read-only connection taken
 * from the store's readers (xj-reader-pool.c): how many rows the query has
 * (@count_sql, a cheap COUNT whose one row is the count), the sort keys of
 * all its rows in the list's order (@keys_sql, a scan of an index, done
 * once when a page far down is first wanted) and one page of rows as
 * XjRecords (@from_row of each row of @page_sql).
 *
 * Pages are read by key ("keyset"), not by a large OFFSET, which SQLite
 * walks row by row: the model keeps the key of every stride-th row
 * (xj_paged_model_set_key_stride ()), and a page of @limit rows is read
 * starting @offset rows after the row whose key is bound to the parameters
 * @key_param, @key_param + 1 … of @page_from_key_sql (that row included;
 * @offset is then below the stride), or, by @page_sql, after the first row.
 * Both take the limit and the offset at @limit_param and @limit_param + 1.
 * So page N costs about what page 1 costs.  A key is @n_keys values, the
 * columns @keys_sql selects; they end with a unique one (the id), so that
 * a key names one row.  @bind binds the query to every statement; a failed
 * read says @context (marked with N_(), translated when it is said).  The
 * query is copied for each worker. */
typedef struct {
  const char      *count_sql;
  const char      *keys_sql;
  const char      *page_sql;
  const char      *page_from_key_sql;
  int              limit_param;
  int              key_param;
  guint            n_keys;
  XjPagedBindFunc  bind;
  XjPagedRowFunc   from_row;
  const char      *context;
  gpointer       (*copy_query) (gconstpointer    query);
  void           (*free_query) (gpointer         query);
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


/* The count of the query (xj-paged-read.c, for the model's workers). */
gboolean      _xj_paged_count            (sqlite3             *db,
                                          const XjPagedSource *source,
                                          gconstpointer        query,
                                          guint               *n_items,
                                          GCancellable        *cancellable,
                                          GError             **error);

G_END_DECLS
