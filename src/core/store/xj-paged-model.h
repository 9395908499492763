/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "xj-record.h"
#include "xj-store.h"

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

#define XJ_TYPE_PAGED_MODEL (xj_paged_model_get_type ())
G_DECLARE_FINAL_TYPE (XjPagedModel, xj_paged_model, XJ, PAGED_MODEL, GObject)

XjPagedModel *xj_paged_model_new         (XjStore             *store,
                                          const XjPagedSource *source,
                                          gconstpointer        query);
void          xj_paged_model_set_query   (XjPagedModel        *self,
                                          gconstpointer        query);
void          xj_paged_model_reload      (XjPagedModel        *self);
gboolean      xj_paged_model_get_loading (XjPagedModel        *self);
gboolean      xj_paged_model_get_counted (XjPagedModel        *self);
const GError *xj_paged_model_get_error   (XjPagedModel        *self);
void          xj_paged_model_set_page_size (XjPagedModel      *self,
                                          guint                page_size);

G_END_DECLS

G_BEGIN_DECLS

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
