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
  g_autofree char *definition = NULL;
  g_autofree char *rewritten = NULL;

  if ((definition = _xj_schema_get_definition (db, table, error)) == NULL)
    return FALSE;
  if ((rewritten = rewrite_definition (definition, table, with_uuid)) == NULL)
    return _xj_schema_fail (error, db, table, SQLITE_OK);
  return _xj_schema_rebuild (db, table, rewritten, error);
}

gboolean
_xj_schema_step_v4 (sqlite3  *db,
                    GError  **error)
{
  g_autoptr(GPtrArray) tables = NULL;

  /* Every table with an integer id, in the order they were made. */
  tables = _xj_schema_query_texts (db, "SELECT name FROM sqlite_schema s WHERE type = 'table' "
                                   "AND name NOT LIKE 'sqlite_%' AND ?1 IS NOT NULL AND EXISTS "
                                   "(SELECT 1 FROM pragma_table_info(s.name) WHERE name = 'id' "
                                   "AND pk = 1) ORDER BY rowid", "", error);
  if (tables == NULL)
    return FALSE;
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);

      if (!rebuild (db, table, g_strv_contains (uuid_tables, table), error))
        return FALSE;
    }
  return _xj_schema_exec (db, "", locks, error);
}
