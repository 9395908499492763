/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 11: changes the team server refused, set aside.
 *
 * A record the server's rules refuse (a role lowered on the server after
 * the change was made, a liaison's laptop that changed a site, a rule of
 * the server's own) used to stay at the head of the outbox, and every
 * later sync stopped at it.  team_set_aside marks it, with the server's
 * words, the member's role then, when, and whether the server holds a
 * copy of the record (then the person may take the team's copy); the
 * push sends what is in team_outbox_ready, the outbox without what is set
 * aside, and goes on.  The record itself stays as it was written here.
 *
 * What depends on a refused record the server never had (the answers of
 * a refused inspection, the events of a refused notice) is held with it
 * (held_by): sent, it would only fail on the missing reference.  Retrying
 * the refused record releases what it holds (ON DELETE CASCADE).
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include "xj-schema-private.h"

static const char set_aside[] =
  "CREATE TABLE team_set_aside ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  table_name TEXT NOT NULL,"
  /* The record's UUID, or a photo's SHA-256, as in team_outbox. */
  "  record TEXT NOT NULL,"
  /* NULL: refused itself; otherwise the refused record it waits for. */
  "  held_by INTEGER REFERENCES team_set_aside (id) ON DELETE CASCADE,"
  "  code TEXT NOT NULL CHECK (code IN ('denied', 'integrity', 'held')),"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  role TEXT,"
  "  on_server INTEGER NOT NULL DEFAULT 0 CHECK (on_server IN (0, 1)),"
  "  refused_at INTEGER NOT NULL,"
  "  UNIQUE (table_name, record),"
  "  CHECK ((held_by IS NULL) = (code <> 'held'))"
  ") STRICT;"
  "CREATE INDEX team_set_aside_held_by ON team_set_aside (held_by) WHERE held_by IS NOT NULL;"
  "CREATE VIEW team_outbox_ready AS SELECT o.id, o.table_name, o.record, o.changed_at"
  "  FROM team_outbox o WHERE NOT EXISTS (SELECT 1 FROM team_set_aside s"
  "    WHERE s.table_name = o.table_name AND s.record = o.record);";

gboolean
_xj_schema_step_v11 (sqlite3  *db,
                     GError  **error)
{
  return _xj_schema_exec (db, "team_set_aside", set_aside, error);
}
