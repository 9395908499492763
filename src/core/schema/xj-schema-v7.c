/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 7: what the sync engine keeps on the laptop.
 *
 * audit_log gets a UUID like every record that travels (the audit entries
 * go to the team archive, written once); the table is rebuilt for it (a
 * column with a non-constant default), its rows keep their ids and get a
 * UUID each.  Its entries are captured for the next push like the others.
 *
 * inspections.owner: the team login of the inspector who made an
 * inspection pulled from the team; NULL for one made on this laptop.
 * inspections.laptop: the short code of the laptop that made it (NULL:
 * this laptop before it had one).  An inspection whose owner is someone
 * else is read-only here, with its answers and their photos: only the
 * pull (capture off inside its own transaction) writes it.
 *
 * team_shadow: the server's last-known body and version of each shared
 * record (sites, checklists, schedules, notices), the base of the
 * three-way merge when both sides changed it.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "xj-schema-private.h"

/* Writing here is refused unless the pull writes (capture 'off') or the
 * owner is this laptop's team login. */
#define OWNED_BY_OTHER(owner) \
  " (" owner ") IS NOT NULL" \
  " AND (" owner ") IS NOT (SELECT value FROM team_settings WHERE key = 'user')" \
  " AND (SELECT value FROM team_settings WHERE key = 'capture') IS NOT 'off'"
#define REFUSE \
  " BEGIN SELECT RAISE(ABORT, 'inspection of another inspector is locked: read-only here'); END;"
#define ANSWER_OWNER(answer) \
  "SELECT i.owner FROM answers a JOIN inspections i ON i.id = a.inspection_id WHERE a.id = " answer

static const char owners[] =
  "ALTER TABLE inspections ADD COLUMN owner TEXT"
  "  CHECK (owner IS NULL OR length(owner) BETWEEN 1 AND 63);"
  "ALTER TABLE inspections ADD COLUMN laptop TEXT"
  "  CHECK (laptop IS NULL OR (length(laptop) <= 8 AND laptop NOT GLOB '*[^A-Z0-9]*'));"
  /* The laptop that makes an inspection signs it with its short code. */
  "CREATE TRIGGER inspections_laptop AFTER INSERT ON inspections"
  "  WHEN NEW.laptop IS NULL AND NEW.owner IS NULL"
  "   AND (SELECT value FROM team_settings WHERE key = 'laptop_code') IS NOT NULL"
  "  BEGIN UPDATE inspections SET laptop = (SELECT value FROM team_settings"
  "    WHERE key = 'laptop_code') WHERE id = NEW.id; END;"
  "CREATE TRIGGER inspections_owned_update BEFORE UPDATE ON inspections"
  "  WHEN" OWNED_BY_OTHER ("OLD.owner") REFUSE
  "CREATE TRIGGER inspections_owned_delete BEFORE DELETE ON inspections"
  "  WHEN" OWNED_BY_OTHER ("OLD.owner") REFUSE
  "CREATE TRIGGER answers_owned_insert BEFORE INSERT ON answers"
  "  WHEN" OWNED_BY_OTHER ("SELECT owner FROM inspections WHERE id = NEW.inspection_id") REFUSE
  "CREATE TRIGGER answers_owned_update BEFORE UPDATE ON answers"
  "  WHEN" OWNED_BY_OTHER ("SELECT owner FROM inspections WHERE id = OLD.inspection_id") REFUSE
  "CREATE TRIGGER answers_owned_delete BEFORE DELETE ON answers"
  "  WHEN" OWNED_BY_OTHER ("SELECT owner FROM inspections WHERE id = OLD.inspection_id") REFUSE
  "CREATE TRIGGER answer_photos_owned_insert BEFORE INSERT ON answer_photos"
  "  WHEN" OWNED_BY_OTHER (ANSWER_OWNER ("NEW.answer_id")) REFUSE
  "CREATE TRIGGER answer_photos_owned_update BEFORE UPDATE ON answer_photos"
  "  WHEN" OWNED_BY_OTHER (ANSWER_OWNER ("OLD.answer_id")) REFUSE
  "CREATE TRIGGER answer_photos_owned_delete BEFORE DELETE ON answer_photos"
  "  WHEN" OWNED_BY_OTHER (ANSWER_OWNER ("OLD.answer_id")) REFUSE

  "CREATE TABLE team_shadow ("
  "  table_name TEXT NOT NULL,"
  "  record TEXT NOT NULL,"
  "  version INTEGER NOT NULL CHECK (version >= 1),"
  "  body TEXT NOT NULL CHECK (json_valid(body)),"
  "  PRIMARY KEY (table_name, record)"
  ") STRICT;"

  "CREATE TRIGGER audit_log_capture_insert AFTER INSERT ON audit_log"
  "  WHEN (SELECT value FROM team_settings WHERE key = 'capture') = 'on'"
  "  BEGIN INSERT INTO team_outbox (table_name, record, changed_at)"
  "    VALUES ('audit_log', NEW.uuid, unixepoch()); END;";

gboolean
_xj_schema_step_v7 (sqlite3  *db,
                    GError  **error)
{
  static const char id[] = "id INTEGER PRIMARY KEY AUTOINCREMENT,";
  g_autofree char *definition = NULL;
  g_autofree char *edited = NULL;
  const char *at;

  if ((definition = _xj_schema_get_definition (db, "audit_log", error)) == NULL)
    return FALSE;
  if ((at = strstr (definition, id)) == NULL || strstr (at + 1, id) != NULL)
    return _xj_schema_fail (error, db, "audit_log", SQLITE_OK);
  edited = g_strdup_printf ("%.*s%s" UUID_COLUMN "%s", (int) (at - definition), definition, id,
                            at + strlen (id));
  return _xj_schema_rebuild (db, "audit_log", edited, error)
         && _xj_schema_exec (db, "inspections", owners, error);
}
