/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One number read by id: "does it exist", "how many", "which version",
 * asked the same way by every domain; one row read by id, the domains'
 * get-by-id; and the text of a column, as every row reader copies it.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include "xj-store-private.h"

/**
 * xj_store_query_int64:
 * @sql: a query with one parameter, ?1
 * @value: (out): the first column of the first row; untouched when there
 *   is no row
 * @found: (out) (optional): whether there was a row
 * @context: the start of the error message (translated)
 *
 * Returns: %FALSE with @error set when SQLite failed.
 */
gboolean
xj_store_query_int64 (XjStore     *self,
                      const char  *sql,
                      gint64       id,
                      gint64      *value,
                      gboolean    *found,
                      const char  *context,
                      GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (self, sql, error);
  int rc;

  if (found != NULL)
    *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  if (found != NULL)
    *found = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE
         || xj_store_set_sqlite_error (error, xj_store_get_db (self), rc, context);
}

/**
 * xj_store_query_row:
 * @sql: a query with one parameter, ?1
 * @from_row: the object of a row
 * @row: (out) (transfer full): the object of the first row, %NULL when
 *   there is no row
 * @context: the start of the error message (translated)
 *
 * Returns: %FALSE with @error set when SQLite failed.
 */
gboolean
xj_store_query_row (XjStore         *self,
                    const char      *sql,
                    gint64           id,
                    XjStoreRowFunc   from_row,
                    gpointer        *row,
                    const char      *context,
                    GError         **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (self, sql, error);
  int rc;

  *row = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *row = from_row (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE
         || xj_store_set_sqlite_error (error, xj_store_get_db (self), rc, context);
}

char *
xj_store_column_dup (sqlite3_stmt *stmt,
                     int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

char *
xj_store_column_dup_or_empty (sqlite3_stmt *stmt,
                              int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}
