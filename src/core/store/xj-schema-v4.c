/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 4: identities that last.
 *
 * Every table with an integer id gets AUTOINCREMENT, so that an id once
 * used is never handed out again (a discarded draft notice's id, and the
 * audit trail under it, no longer pass to the next notice).  The rows that
 * have a history, and the ones the team archive will match across laptops,
 * get a UUID made by the database itself (a DEFAULT, so every code path
 * that inserts a row gets one), backfilled for the rows already there.
 *
 * SQLite cannot add AUTOINCREMENT or a column with a non-constant default
 * in place: each table is rebuilt with its rows (kept meanwhile in a
 * temporary table), its indexes and its triggers, with foreign keys off so
 * that dropping it cascades nowhere (migrate() arranges that, and checks
 * the references before it commits).
 * The new table's text is the old one with the two changes, so that the
 * columns, checks and references stay exactly what the earlier steps made.
 *
 * Signed means locked for the rows v1 left open: a signed inspection's
 * report row and the photos its answers show.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "xj-schema-private.h"
#include "xj-store.h"

#define HEX  "[0-9a-f]"
#define HEX4 HEX HEX HEX HEX

/* A random (version 4) UUID, 8-4-4-4-12 lower-case hex digits. */
#define UUID_DEFAULT \
  "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'" \
  " || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (random() & 3), 1)" \
  " || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"

#define UUID_COLUMN \
  " uuid TEXT NOT NULL UNIQUE DEFAULT " UUID_DEFAULT \
  " CHECK (uuid GLOB '" HEX4 HEX4 "-" HEX4 "-" HEX4 "-" HEX4 "-" HEX4 HEX4 HEX4 "'),"

#define ID_COLUMN "id INTEGER PRIMARY KEY,"

/* The tables whose rows get a UUID; every other table with an integer id
 * gets AUTOINCREMENT only. */
static const char *const uuid_tables[] = {
  "sites", "templates", "template_versions", "schedules", "inspections", "answers",
  "answer_photos", "notices", "notice_photos", "notice_events", "signatures", "reports",
  NULL,
};

/* The locks v1 missed.  A report row is written once, when its inspection
 * is signed and archived in the same transaction, and never changes again;
 * a photo that a signed inspection shows keeps what the report says about
 * it (time, place, camera, file). */
static const char locks[] =
  "CREATE TRIGGER reports_locked_update BEFORE UPDATE ON reports"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER reports_locked_delete BEFORE DELETE ON reports"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER photos_locked_update BEFORE UPDATE ON photos"
  "  WHEN EXISTS (SELECT 1 FROM answer_photos p JOIN answers a ON a.id = p.answer_id"
  "               JOIN inspections i ON i.id = a.inspection_id"
  "               WHERE p.sha256 = OLD.sha256 AND i.state IN ('signed', 'archived'))"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE TRIGGER photos_locked_delete BEFORE DELETE ON photos"
  "  WHEN EXISTS (SELECT 1 FROM answer_photos p JOIN answers a ON a.id = p.answer_id"
  "               JOIN inspections i ON i.id = a.inspection_id"
  "               WHERE p.sha256 = OLD.sha256 AND i.state IN ('signed', 'archived'))"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;";

static gboolean
fail (GError      **error,
      sqlite3      *db,
      const char   *table,
      int           rc)
{
  /* A full disk or a read-only file is said as such, like any other
   * store error; a table that is not as v3 made it is ours to explain. */
  if (rc != SQLITE_OK)
    return xj_store_set_sqlite_error (error, db, rc, table);
  g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_FAILED, "%s: %s", table,
               "unexpected table definition");
  return FALSE;
}

static gboolean
exec (sqlite3     *db,
      const char  *table,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || fail (error, db, table, rc);
}

/* Rows of one text column. */
static GPtrArray *
query_texts (sqlite3     *db,
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
      fail (error, db, table, rc);
      return NULL;
    }
  return g_steal_pointer (&texts);
}

/* The table's definition with AUTOINCREMENT (and the uuid column), or
 * NULL when it is not the shape the earlier steps made. */
static char *
rewrite_definition (const char *definition,
                    const char *table,
                    gboolean    with_uuid)
{
  g_autofree char *head = g_strdup_printf ("CREATE TABLE %s (", table);
  const char *id = strstr (definition, ID_COLUMN);

  if (!g_str_has_prefix (definition, head) || id == NULL
      || strstr (id + 1, ID_COLUMN) != NULL)
    return NULL;
  return g_strdup_printf ("%.*sid INTEGER PRIMARY KEY AUTOINCREMENT,%s%s",
                          (int) (id - definition), definition,
                          with_uuid ? UUID_COLUMN : "", id + strlen (ID_COLUMN));
}

static gboolean
rebuild (sqlite3     *db,
         const char  *table,
         gboolean     with_uuid,
         GError     **error)
{
  g_autoptr(GPtrArray) definition = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) dependents = NULL;
  g_autofree char *rewritten = NULL;
  g_autofree char *column_list = NULL;
  g_autofree char *save = NULL;
  g_autofree char *drop = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *drop_saved = NULL;

  if ((definition = query_texts (db, "SELECT sql FROM sqlite_schema WHERE type = 'table' "
                                 "AND name = ?1", table, error)) == NULL
      || (columns = query_texts (db, "SELECT '\"' || name || '\"' FROM pragma_table_info(?1) "
                                 "ORDER BY cid", table, error)) == NULL
      || (dependents = query_texts (db, "SELECT sql FROM sqlite_schema WHERE tbl_name = ?1 "
                                    "AND type IN ('index', 'trigger') AND sql IS NOT NULL "
                                    "ORDER BY type, name", table, error)) == NULL)
    return FALSE;
  if (definition->len != 1
      || (rewritten = rewrite_definition (g_ptr_array_index (definition, 0), table,
                                          with_uuid)) == NULL)
    return fail (error, db, table, SQLITE_OK);

  g_ptr_array_add (columns, NULL);
  column_list = g_strjoinv (", ", (char **) columns->pdata);
  /* The rows wait in a temporary table while the table is made again.  No
   * ALTER TABLE RENAME: it rewrites every other table's references and
   * triggers, and reparses the whole schema each time. */
  save = g_strdup_printf ("CREATE TEMP TABLE %s_v3 AS SELECT * FROM main.%s", table, table);
  drop = g_strdup_printf ("DROP TABLE main.%s", table);
  copy = g_strdup_printf ("INSERT INTO main.%s (%s) SELECT %s FROM temp.%s_v3 ORDER BY id",
                          table, column_list, column_list, table);
  drop_saved = g_strdup_printf ("DROP TABLE temp.%s_v3", table);
  if (!exec (db, table, save, error)
      || !exec (db, table, drop, error)
      || !exec (db, table, rewritten, error)
      || !exec (db, table, copy, error)
      || !exec (db, table, drop_saved, error))
    return FALSE;
  for (guint i = 0; i < dependents->len; i++)
    if (!exec (db, table, g_ptr_array_index (dependents, i), error))
      return FALSE;
  return TRUE;
}

gboolean
_xj_schema_step_v4 (sqlite3  *db,
                    GError  **error)
{
  g_autoptr(GPtrArray) tables = NULL;

  /* Every table with an integer id, in the order they were made. */
  tables = query_texts (db, "SELECT name FROM sqlite_schema s WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%' AND ?1 IS NOT NULL AND EXISTS "
                        "(SELECT 1 FROM pragma_table_info(s.name) WHERE name = 'id' AND pk = 1) "
                        "ORDER BY rowid", "", error);
  if (tables == NULL)
    return FALSE;
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);

      if (!rebuild (db, table, g_strv_contains (uuid_tables, table), error))
        return FALSE;
    }
  return exec (db, "", locks, error);
}
