/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 5: the laptop's side of the team archive.
 *
 * team_settings holds the team this laptop belongs to (server, user, role,
 * the laptop's short code, where the last pull stopped); no row at all
 * when the laptop is on its own.  Passwords are never here.
 *
 * team_outbox is what the next push sends: one row per changed record,
 * written by triggers on the synced tables, so every code path that
 * inserts or updates a record is captured without being told.  A record
 * changed again only moves to the end of the queue.  Capture runs only
 * while team_settings says 'capture' = 'on': a laptop without a team
 * collects nothing, and the pull turns it off inside its own transaction
 * so that what it writes is not sent back.
 *
 * team_conflicts keeps both values of a field changed here and on the
 * server, with who and when, until a person decides.
 */
#define G_LOG_DOMAIN "xj-store"

#include "xj-schema-private.h"

#define CAPTURE_WHEN " WHEN (SELECT value FROM team_settings WHERE key = 'capture') = 'on'"

/* Delete, then insert: a plain INSERT, so that an outer statement's
 * conflict clause (INSERT OR IGNORE, OR ABORT ...), which SQLite applies to
 * the trigger's statements too, can neither skip nor fail it. */
#define CAPTURE_ACTION(table, key) \
  "  BEGIN DELETE FROM team_outbox WHERE table_name = '" table "' AND record = NEW." key ";" \
  "    INSERT INTO team_outbox (table_name, record, changed_at)" \
  "    VALUES ('" table "', NEW." key ", unixepoch()); END;"

#define CAPTURE(table, key) \
  "CREATE TRIGGER " table "_capture_insert AFTER INSERT ON " table CAPTURE_WHEN \
  CAPTURE_ACTION (table, key) \
  "CREATE TRIGGER " table "_capture_update AFTER UPDATE ON " table CAPTURE_WHEN \
  CAPTURE_ACTION (table, key)

const char _xj_schema_v5[] =
  "CREATE TABLE team_settings ("
  "  key TEXT PRIMARY KEY CHECK (key IN ('server', 'user', 'role', 'laptop_code',"
  "    'joined_at', 'last_sync_at', 'pull_seq', 'capture')),"
  "  value TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE team_outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  table_name TEXT NOT NULL,"
  /* The record's UUID, or a photo's SHA-256. */
  "  record TEXT NOT NULL,"
  "  changed_at INTEGER NOT NULL,"
  "  UNIQUE (table_name, record)"
  ") STRICT;"
  "CREATE TABLE team_conflicts ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  table_name TEXT NOT NULL,"
  "  record TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  mine TEXT,"
  "  theirs TEXT,"
  "  their_author TEXT NOT NULL,"
  "  their_changed_at INTEGER NOT NULL,"
  "  found_at INTEGER NOT NULL,"
  "  resolved_at INTEGER,"
  "  kept TEXT CHECK (kept IN ('mine', 'theirs')),"
  "  CHECK ((resolved_at IS NULL) = (kept IS NULL))"
  ") STRICT;"
  /* A field waits for one decision at a time. */
  "CREATE UNIQUE INDEX team_conflicts_open ON team_conflicts (table_name, record, field)"
  "  WHERE resolved_at IS NULL;"
  CAPTURE ("sites", "uuid")
  CAPTURE ("templates", "uuid")
  CAPTURE ("template_versions", "uuid")
  CAPTURE ("schedules", "uuid")
  CAPTURE ("inspections", "uuid")
  CAPTURE ("answers", "uuid")
  CAPTURE ("answer_photos", "uuid")
  CAPTURE ("photos", "sha256")
  CAPTURE ("signatures", "uuid")
  CAPTURE ("reports", "uuid")
  CAPTURE ("notices", "uuid")
  CAPTURE ("notice_photos", "uuid")
  CAPTURE ("notice_events", "uuid");
