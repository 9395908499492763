/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker side of the lazy lists (XjPagedModel): reading a page by key
 * and the scan that keeps the keys, and the helpers sources read with.
 *
 * SQLite reads OFFSET rows one by one before the first it returns: the
 * page at the end of three hundred thousand inspections cost a second,
 * and every page further down more.  So the sort keys of the whole query
 * are scanned once (an index walk) and every stride-th kept; a page then
 * starts at the kept key before it ("from that row on" in the list's
 * order) and skips fewer than stride rows: the same work wherever the
 * page is.
 */
#define G_LOG_DOMAIN "xj-paged-model"

#include "config.h"

#include "xj-paged-model-private.h"

#include <glib/gi18n-lib.h>

/* Virtual machine steps between two looks at the cancellable. */
#define CANCEL_CHECK_STEPS 4000

/* The sort keys of every stride-th row of the query (row 0, stride,
 * 2 × stride …), n_keys values each; scanned in a worker, then shared
 * read-only by the page reads of other workers (atomic reference count). */
struct _XjPagedKeys
{
  guint      stride;
  guint      n_keys;
  guint      n_rows;     /* rows the scan saw */
  GPtrArray *values;     /* of sqlite3_value, n_keys per kept row */
};

static int
on_progress_cb (void *user_data)
{
  /* Non-zero interrupts the statement. */
  return g_cancellable_is_cancelled (user_data);
}

/* @sql of @source prepared, and @query bound to it. */
static sqlite3_stmt *
prepare (sqlite3             *db,
         const XjPagedSource *source,
         const char          *sql,
         gconstpointer        query,
         GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      xj_store_set_sqlite_error (error, db, rc, _(source->context));
      return NULL;
    }
  source->bind (stmt, query);
  return stmt;
}

static GPtrArray *read_rows (sqlite3             *db,
                             sqlite3_stmt        *stmt,
                             const XjPagedSource *source,
                             GCancellable        *cancellable,
                             GError             **error);

/* --- the kept keys -------------------------------------------------------- */

static void
keys_clear (gpointer data)
{
  XjPagedKeys *keys = data;

  g_clear_pointer (&keys->values, g_ptr_array_unref);
}

XjPagedKeys *
_xj_paged_keys_ref (XjPagedKeys *keys)
{
  return g_atomic_rc_box_acquire (keys);
}

void
_xj_paged_keys_unref (XjPagedKeys *keys)
{
  g_atomic_rc_box_release_full (keys, keys_clear);
}

/* How many rows the scan saw (the count at the time of the scan). */
guint
_xj_paged_keys_get_n_rows (XjPagedKeys *keys)
{
  return keys->n_rows;
}

/**
 * _xj_paged_keys_scan:
 *
 * In a worker: the key of every @stride-th row of @source's @query, in the
 * list's order.
 *
 * Returns: (transfer full): the kept keys, or %NULL with @error set
 *   (G_IO_ERROR_CANCELLED when cancelled)
 */
XjPagedKeys *
_xj_paged_keys_scan (sqlite3              *db,
                     const XjPagedSource  *source,
                     gconstpointer         query,
                     guint                 stride,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autoptr(XjPagedKeys) keys = g_atomic_rc_box_new0 (XjPagedKeys);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (stride > 0 && source->n_keys > 0, NULL);

  keys->stride = stride;
  keys->n_keys = source->n_keys;
  keys->values = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);
  if ((stmt = prepare (db, source, source->keys_sql, query, error)) == NULL)
    return NULL;
  g_assert (sqlite3_column_count (stmt) == (int) keys->n_keys);
  sqlite3_progress_handler (db, CANCEL_CHECK_STEPS, on_progress_cb, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (keys->n_rows % stride == 0)
        for (guint i = 0; i < keys->n_keys; i++)
          g_ptr_array_add (keys->values, sqlite3_value_dup (sqlite3_column_value (stmt, (int) i)));
      keys->n_rows++;
    }
  sqlite3_progress_handler (db, 0, NULL, NULL);
  sqlite3_finalize (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, db, rc, "Could not read the keys of the list");
      return NULL;
    }
  return g_steal_pointer (&keys);
}

/**
 * _xj_paged_keys_read:
 * @keys: (nullable): the kept keys; %NULL: by OFFSET
 *
 * In a worker: @limit rows from row @offset of @source's @query, read from
 * the kept key at or before @offset.
 *
 * Returns: (transfer full) (element-type XjRecord): the rows, or %NULL
 *   with @error set
 */
GPtrArray *
_xj_paged_keys_read (sqlite3              *db,
                     XjPagedKeys          *keys,
                     const XjPagedSource  *source,
                     gconstpointer         query,
                     guint                 offset,
                     guint                 limit,
                     GCancellable         *cancellable,
                     GError              **error)
{
  guint n_kept = keys != NULL ? keys->values->len / keys->n_keys : 0;
  guint anchor = n_kept > 0 ? MIN (offset / keys->stride, n_kept - 1) : 0;
  sqlite3_stmt *stmt = prepare (db, source,
                                anchor == 0 ? source->page_sql : source->page_from_key_sql,
                                query, error);

  if (stmt == NULL)
    return NULL;
  if (anchor > 0)
    {
      /* From the kept key: the rows after it. */
      for (guint i = 0; i < keys->n_keys; i++)
        sqlite3_bind_value (stmt, source->key_param + (int) i,
                            keys->values->pdata[anchor * keys->n_keys + i]);
      offset -= anchor * keys->stride;
    }
  sqlite3_bind_int (stmt, source->limit_param, (int) limit);
  sqlite3_bind_int (stmt, source->limit_param + 1, (int) offset);
  return read_rows (db, stmt, source, cancellable, error);
}

/* --- stepping the statements ---------------------------------------------- */

static int
step_all (sqlite3       *db,
          sqlite3_stmt  *stmt,
          XjPagedRowFunc from_row,
          GPtrArray     *rows,
          guint         *count,
          GCancellable  *cancellable)
{
  int rc;

  if (cancellable != NULL)
    sqlite3_progress_handler (db, CANCEL_CHECK_STEPS, on_progress_cb, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (rows != NULL)
        g_ptr_array_add (rows, from_row (stmt));
      else
        *count = (guint) sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_progress_handler (db, 0, NULL, NULL);
  return rc;
}

/* @stmt (transfer full) prepared and bound: its rows, or %NULL with
 * @error set (G_IO_ERROR_CANCELLED when cancelled). */
static GPtrArray *
read_rows (sqlite3             *db,
           sqlite3_stmt        *stmt,
           const XjPagedSource *source,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc = step_all (db, stmt, source->from_row, rows, NULL, cancellable);

  sqlite3_finalize (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, db, rc, _(source->context));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * _xj_paged_count:
 *
 * In a worker: how many rows @source's @query has.
 */
gboolean
_xj_paged_count (sqlite3              *db,
                 const XjPagedSource  *source,
                 gconstpointer         query,
                 guint                *n_items,
                 GCancellable         *cancellable,
                 GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *n_items = 0;
  if ((stmt = prepare (db, source, source->count_sql, query, error)) == NULL)
    return FALSE;
  rc = step_all (db, stmt, NULL, NULL, n_items, cancellable);
  sqlite3_finalize (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, db, rc, _(source->context));
      return FALSE;
    }
  return TRUE;
}
