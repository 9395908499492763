/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rebuilding a table with a new definition, for the schema steps that
 * change what SQLite cannot ALTER (a UNIQUE constraint, AUTOINCREMENT, a
 * column with a non-constant default).  The rows wait in a temporary table
 * while the table is made again from the new text; then its indexes and
 * triggers come back as they were.  Foreign keys are off meanwhile
 * (migrate() arranges that, and checks the references before it commits),
 * so that dropping the table cascades nowhere.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include <sqlite3.h>

#include "xj-schema-private.h"
#include "xj-store.h"

/**
 * _xj_schema_fail:
 * @rc: an SQLite result code, or %SQLITE_OK for a table that is not the
 *   shape the earlier steps made
 */
gboolean
_xj_schema_fail (GError      **error,
                 sqlite3      *db,
                 const char   *table,
                 int           rc)
{
  /* A full disk or a read-only file is said as such, like any other
   * store error; a table that is not as the earlier steps made it is ours
   * to explain. */
  if (rc != SQLITE_OK)
    return xj_store_set_sqlite_error (error, db, rc, table);
  g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_FAILED, "%s: %s", table,
               "unexpected table definition");
  return FALSE;
}

gboolean
_xj_schema_exec (sqlite3     *db,
                 const char  *table,
                 const char  *sql,
                 GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || _xj_schema_fail (error, db, table, rc);
}

/**
 * _xj_schema_query_texts:
 * @sql: a query of one text column with one parameter, bound to @table
 *
 * Returns: (transfer full): the rows, or %NULL with @error set.
 */
GPtrArray *
_xj_schema_query_texts (sqlite3     *db,
                        const char  *sql,
                        const char  *table,
                        GError     **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _xj_schema_fail (error, db, table, rc);
      return NULL;
    }
  return g_steal_pointer (&texts);
}

/**
 * _xj_schema_get_definition:
 *
 * Returns: (transfer full): the table's CREATE TABLE text, or %NULL with
 * @error set.
 */
char *
_xj_schema_get_definition (sqlite3     *db,
                           const char  *table,
                           GError     **error)
{
  g_autoptr(GPtrArray) definition = _xj_schema_query_texts (db, "SELECT sql FROM sqlite_schema "
                                                            "WHERE type = 'table' AND name = ?1",
                                                            table, error);

  if (definition == NULL)
    return NULL;
  if (definition->len != 1)
    {
      _xj_schema_fail (error, db, table, SQLITE_OK);
      return NULL;
    }
  return g_strdup (g_ptr_array_index (definition, 0));
}

/**
 * _xj_schema_rebuild:
 * @definition: the table's new CREATE TABLE text; it has every column the
 *   table has now (new columns need a default)
 *
 * Makes @table again from @definition with its rows, indexes and triggers.
 */
gboolean
_xj_schema_rebuild (sqlite3     *db,
                    const char  *table,
                    const char  *definition,
                    GError     **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) dependents = NULL;
  g_autofree char *column_list = NULL;
  g_autofree char *save = NULL;
  g_autofree char *drop = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *drop_saved = NULL;

  if ((columns = _xj_schema_query_texts (db, "SELECT '\"' || name || '\"' FROM "
                                         "pragma_table_info(?1) ORDER BY cid", table,
                                         error)) == NULL
      || (dependents = _xj_schema_query_texts (db, "SELECT sql FROM sqlite_schema WHERE "
                                               "tbl_name = ?1 AND type IN ('index', 'trigger') "
                                               "AND sql IS NOT NULL ORDER BY type, name",
                                               table, error)) == NULL)
    return FALSE;

  g_ptr_array_add (columns, NULL);
  column_list = g_strjoinv (", ", (char **) columns->pdata);
  /* No ALTER TABLE RENAME: it rewrites every other table's references and
   * triggers, and reparses the whole schema each time. */
  save = g_strdup_printf ("CREATE TEMP TABLE %s_saved AS SELECT * FROM main.%s", table, table);
  drop = g_strdup_printf ("DROP TABLE main.%s", table);
  copy = g_strdup_printf ("INSERT INTO main.%s (%s) SELECT %s FROM temp.%s_saved ORDER BY id",
                          table, column_list, column_list, table);
  drop_saved = g_strdup_printf ("DROP TABLE temp.%s_saved", table);
  if (!_xj_schema_exec (db, table, save, error)
      || !_xj_schema_exec (db, table, drop, error)
      || !_xj_schema_exec (db, table, definition, error)
      || !_xj_schema_exec (db, table, copy, error)
      || !_xj_schema_exec (db, table, drop_saved, error))
    return FALSE;
  for (guint i = 0; i < dependents->len; i++)
    if (!_xj_schema_exec (db, table, g_ptr_array_index (dependents, i), error))
      return FALSE;
  return TRUE;
}
