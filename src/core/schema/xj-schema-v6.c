/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 6: report and notice numbers that stay unique across a
 * team.
 *
 * report_counters: report numbers are counted per year, like notices (until
 * now they were the inspection's id, and two laptops printed the same
 * number).  Each year's counter starts at the highest number already
 * printed that year, so every existing report keeps its number and the
 * next one follows it.
 *
 * number_blocks: the blocks of numbers this laptop leased from its team
 * (kind, year, first, last, and the next one to hand out), so that it can
 * number offline.  Kinds as the server has them: 'report', 'notice' (one
 * count for the three types of notice).
 *
 * number_suffix on reports and notices: '' normally; the laptop's short
 * code when the same number was printed on another laptop before both
 * joined the team (ZG-2026-0001-B), or when an offline laptop had no leased
 * number left.  The base number may then exist twice, once per suffix: the
 * UNIQUE constraints take the suffix in, which SQLite cannot change in
 * place, so both tables are rebuilt with their rows, indexes and triggers
 * (as in version 4).  A signed report stays locked except for gaining its
 * suffix once.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "xj-schema-private.h"

#define SUFFIX_COLUMN \
  " number_suffix TEXT NOT NULL DEFAULT ''" \
  " CHECK (length(number_suffix) <= 8 AND number_suffix NOT GLOB '*[^A-Z0-9]*'),"

static const char counters[] =
  "CREATE TABLE report_counters ("
  "  year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),"
  "  last_seq INTEGER NOT NULL CHECK (last_seq >= 0)"
  ") STRICT;"
  /* Numbers printed so far: XJ-<year>-<six digits>. */
  "INSERT INTO report_counters (year, last_seq)"
  "  SELECT CAST(substr(number, 4, 4) AS INTEGER), max(CAST(substr(number, 9) AS INTEGER))"
  "  FROM reports WHERE number GLOB 'XJ-[0-9][0-9][0-9][0-9]-[0-9]*'"
  "    AND substr(number, 9) NOT GLOB '*[^0-9]*'"
  "  GROUP BY 1;"
  "CREATE TABLE number_blocks ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind TEXT NOT NULL CHECK (kind IN ('report', 'notice')),"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),"
  "  first INTEGER NOT NULL CHECK (first >= 1),"
  "  last INTEGER NOT NULL,"
  "  next INTEGER NOT NULL,"
  "  leased_at INTEGER NOT NULL,"
  "  CHECK (first <= last),"
  "  CHECK (next BETWEEN first AND last + 1),"
  "  UNIQUE (kind, year, first)"
  ") STRICT;"
  "CREATE INDEX number_blocks_open ON number_blocks (kind, year, next) WHERE next <= last;";

/* Signed means locked, except that a report gains its suffix once. */
static const char report_lock[] =
  "DROP TRIGGER reports_locked_update;"
  "CREATE TRIGGER reports_locked_update BEFORE UPDATE ON reports"
  "  WHEN NOT (OLD.number_suffix = '' AND NEW.number_suffix <> ''"
  "            AND NEW.id = OLD.id AND NEW.uuid = OLD.uuid"
  "            AND NEW.inspection_id = OLD.inspection_id AND NEW.number = OLD.number"
  "            AND NEW.path = OLD.path AND NEW.sha256 = OLD.sha256"
  "            AND NEW.bytes = OLD.bytes AND NEW.signer = OLD.signer"
  "            AND NEW.created_at = OLD.created_at)"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;";

/* @definition with each of @edits' (from, to) pairs replaced; NULL unless
 * each `from` is there exactly once. */
static char *
edit_definition (const char        *definition,
                 const char *const *edits)
{
  g_autofree char *text = g_strdup (definition);

  for (guint i = 0; edits[i] != NULL; i += 2)
    {
      const char *at = strstr (text, edits[i]);
      char *edited;

      if (at == NULL || strstr (at + 1, edits[i]) != NULL)
        return NULL;
      edited = g_strdup_printf ("%.*s%s%s", (int) (at - text), text, edits[i + 1],
                                at + strlen (edits[i]));
      g_free (text);
      text = edited;
    }
  return g_steal_pointer (&text);
}

static gboolean
rebuild (sqlite3            *db,
         const char         *table,
         const char *const  *edits,
         GError            **error)
{
  g_autofree char *definition = NULL;
  g_autofree char *edited = NULL;

  if ((definition = _xj_schema_get_definition (db, table, error)) == NULL)
    return FALSE;
  if ((edited = edit_definition (definition, edits)) == NULL)
    return _xj_schema_fail (error, db, table, SQLITE_OK);
  return _xj_schema_rebuild (db, table, edited, error);
}

gboolean
_xj_schema_step_v6 (sqlite3  *db,
                    GError  **error)
{
  static const char *const report_edits[] = {
    "number TEXT NOT NULL UNIQUE,", "number TEXT NOT NULL," SUFFIX_COLUMN,
    "created_at INTEGER NOT NULL", "created_at INTEGER NOT NULL,  UNIQUE (number, number_suffix)",
    NULL,
  };
  static const char *const notice_edits[] = {
    "number TEXT NOT NULL UNIQUE,", "number TEXT NOT NULL," SUFFIX_COLUMN,
    "UNIQUE (type, year, seq),", "UNIQUE (type, year, seq, number_suffix),"
                                 "  UNIQUE (number, number_suffix),",
    NULL,
  };

  return _xj_schema_exec (db, "report_counters", counters, error)
         && rebuild (db, "reports", report_edits, error)
         && rebuild (db, "notices", notice_edits, error)
         && _xj_schema_exec (db, "reports", report_lock, error);
}
