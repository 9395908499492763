/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 12: monthly reports in the team's outbox, and a month
 * signed on two laptops.
 *
 * Schema v8 left monthly reports out of the capture triggers; the build
 * that made them travel queued one only when it archived it, so a
 * monthly report archived in a team by an older build was never queued.
 * The capture triggers now take every report, and every monthly report
 * of a laptop in a team is queued once: the push sends only what the
 * server lacks (a report it holds, by UUID and SHA-256, goes without its
 * PDF and changes nothing), so a report the team has costs one question.
 *
 * Two managers signing the same month offline: the team keeps the first
 * (one report per month on the server too).  The second laptop's report
 * is set aside, naming the team's report (who signed it, when:
 * team_set_aside.taken_by / taken_at).  Taking the team's copy must not
 * lose the signed PDF here: the laptop's own report becomes "kept here
 * only" (reports.kept_local), under its laptop's code (MR-2026-05-B, in
 * its own file), and the team's takes the month.  A month has one report
 * that is not kept here only.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include <string.h>

#include "xj-schema-private.h"

static const char triggers[] =
  "DROP TRIGGER reports_capture_insert;"
  "DROP TRIGGER reports_capture_update;"
  "CREATE TRIGGER reports_capture_insert AFTER INSERT ON reports"
  "  WHEN (SELECT value FROM team_settings WHERE key = 'capture') = 'on'"
  "  BEGIN DELETE FROM team_outbox WHERE table_name = 'reports' AND record = NEW.uuid;"
  "    INSERT INTO team_outbox (table_name, record, changed_at)"
  "    VALUES ('reports', NEW.uuid, unixepoch()); END;"
  "CREATE TRIGGER reports_capture_update AFTER UPDATE ON reports"
  "  WHEN (SELECT value FROM team_settings WHERE key = 'capture') = 'on'"
  "  BEGIN DELETE FROM team_outbox WHERE table_name = 'reports' AND record = NEW.uuid;"
  "    INSERT INTO team_outbox (table_name, record, changed_at)"
  "    VALUES ('reports', NEW.uuid, unixepoch()); END;"
  /* Signed reports stay locked; two changes are allowed, each once: the
   * laptop's code added to the number (a number another laptop printed
   * too), and a monthly report becoming kept here only, with the code and
   * its own file (the team's report of the month takes the other). */
  "DROP TRIGGER reports_locked_update;"
  "CREATE TRIGGER reports_locked_update BEFORE UPDATE ON reports"
  "  WHEN NOT ((OLD.number_suffix = '' AND NEW.number_suffix <> ''"
  "             AND NEW.path = OLD.path AND NEW.kept_local = OLD.kept_local"
  "             OR OLD.kept_local = 0 AND NEW.kept_local = 1 AND NEW.month IS NOT NULL"
  "                AND NEW.number_suffix <> '')"
  "            AND NEW.id = OLD.id AND NEW.uuid = OLD.uuid"
  "            AND NEW.inspection_id IS OLD.inspection_id AND NEW.month IS OLD.month"
  "            AND NEW.number = OLD.number"
  "            AND NEW.sha256 = OLD.sha256 AND NEW.bytes = OLD.bytes"
  "            AND NEW.signer = OLD.signer AND NEW.created_at = OLD.created_at)"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "CREATE UNIQUE INDEX reports_month ON reports (month)"
  "  WHERE month IS NOT NULL AND kept_local = 0;"
  "ALTER TABLE team_set_aside ADD COLUMN taken_by TEXT;"
  "ALTER TABLE team_set_aside ADD COLUMN taken_at INTEGER;"
  /* Every monthly report of a laptop in a team, once (the team's own
   * pulled ones too: the push asks the server before sending bytes). */
  "INSERT OR IGNORE INTO team_outbox (table_name, record, changed_at)"
  "  SELECT 'reports', uuid, unixepoch() FROM reports"
  "  WHERE month IS NOT NULL"
  "    AND EXISTS (SELECT 1 FROM team_settings WHERE key = 'server');";

gboolean
_xj_schema_step_v12 (sqlite3  *db,
                     GError  **error)
{
  static const char unique_month[] = " month TEXT UNIQUE CHECK";
  g_autofree char *definition = NULL;
  g_autofree char *edited = NULL;
  const char *at;

  if ((definition = _xj_schema_get_definition (db, "reports", error)) == NULL)
    return FALSE;
  if ((at = strstr (definition, unique_month)) == NULL
      || strstr (at + 1, unique_month) != NULL)
    return _xj_schema_fail (error, db, "reports", SQLITE_OK);
  /* The month's uniqueness moves to a partial index (above); the new
   * column goes among the columns, before the table's constraints. */
  edited = g_strdup_printf ("%.*s kept_local INTEGER NOT NULL DEFAULT 0"
                            " CHECK (kept_local IN (0, 1)), month TEXT CHECK%s",
                            (int) (at - definition), definition, at + strlen (unique_month));
  return _xj_schema_rebuild (db, "reports", edited, error)
         && _xj_schema_exec (db, "reports", triggers, error);
}
