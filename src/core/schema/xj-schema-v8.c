/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 8: what the manager's view needs.
 *
 * inspection_totals: one row per inspection that is not a draft, with
 * what the Overview adds up (earned and possible points overall and per
 * heat-map category, the failure index, its site, kind and start), so
 * that the Overview reads a few numbers per inspection instead of every
 * answer.  inspection_failures: the failed items of those inspections (by
 * item key) for the repeat findings.  Both are clustered by start time:
 * a period is one range of the table.
 *
 * Who keeps them: triggers mark an inspection stale (its totals and
 * failures dropped, its id in inspection_totals_stale) when it leaves the
 * draft state, arrives completed (the team's pull), changes its checklist,
 * kind or start, or when one of its answers changes after it was
 * completed; xj_overview_refresh_totals() scores the stale ones (in the
 * core, the one scoring rule) — completing an inspection does so in its
 * own transaction, the sync after a pull.  The Overview scores a stale
 * inspection itself until then.  A site re-pointed (two sites merged)
 * carries its totals along.  The rows are backfilled here from the
 * answers' stored outcomes by the same rule (docs/scoring.md).
 *
 * inspections_site_kind holds what schedule compliance matches on, and
 * inspections_occurrence finds the inspections started from a schedule's
 * occurrences, so that compliance reads indexes, not inspections.
 *
 * sites.group_name: a site's group (华东区), '' for none.
 *
 * reports: room for the monthly management report, which belongs to a
 * month (YYYY-MM), not to an inspection: inspection_id becomes nullable
 * and exactly one of inspection_id and month is set.  The table is
 * rebuilt (a NOT NULL constraint cannot be dropped in place) with its
 * rows, indexes and triggers; the locking triggers hold for monthly
 * reports too, which also never change month.  Monthly reports stay on
 * this laptop: they are not captured for the team.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "xj-schema-private.h"

#define MARK_STALE(id) \
  " DELETE FROM inspection_totals WHERE inspection_id = " id ";" \
  " DELETE FROM inspection_failures WHERE inspection_id = " id ";" \
  " INSERT OR IGNORE INTO inspection_totals_stale (inspection_id) VALUES (" id ");"
#define FORGET(id) \
  " DELETE FROM inspection_totals WHERE inspection_id = " id ";" \
  " DELETE FROM inspection_failures WHERE inspection_id = " id ";" \
  " DELETE FROM inspection_totals_stale WHERE inspection_id = " id ";"
/* Once per inspection: a pull writes its answers one by one. */
#define NOT_DRAFT(id) \
  " (SELECT state FROM inspections WHERE id = " id ") <> 'draft'" \
  " AND NOT EXISTS (SELECT 1 FROM inspection_totals_stale WHERE inspection_id = " id ")"

#define CATEGORY_COLUMNS(c) \
  "  " c "_earned REAL NOT NULL DEFAULT 0," \
  "  " c "_possible REAL NOT NULL DEFAULT 0,"

/* An answer's share of its inspection's points, as xj_score_compute()
 * counts it from the stored outcome. */
#define POSSIBLE \
  "CASE WHEN a.outcome IN ('pass', 'fail') AND t.score_weight > 0 THEN t.score_weight ELSE 0 END"
#define EARNED \
  "CASE WHEN a.outcome = 'pass' AND t.score_weight > 0 THEN t.score_weight * (" \
  "  CASE WHEN t.response_type = 'choice' THEN coalesce((SELECT max(0, min(1, o.score))" \
  "    FROM template_item_options o WHERE o.item_id = t.id" \
  "    AND o.position = CAST(a.value AS INTEGER)), 0) ELSE 1 END) ELSE 0 END"
#define IN_CATEGORY(list) "t.category IN (" list ")"
#define SUM_CATEGORY(list) \
  " sum(CASE WHEN " IN_CATEGORY (list) " THEN " EARNED " ELSE 0 END)," \
  " sum(CASE WHEN " IN_CATEGORY (list) " THEN " POSSIBLE " ELSE 0 END),"

static const char totals[] =
  "ALTER TABLE sites ADD COLUMN group_name TEXT NOT NULL DEFAULT ''"
  "  CHECK (length(group_name) <= 60);"
  "CREATE INDEX sites_group ON sites (group_name) WHERE group_name <> '';"

  /* Schedule compliance matches occurrences with inspections by site,
   * start, kind, checklist and schedule, and by schedule and occurrence:
   * from the indexes alone. */
  "CREATE INDEX inspections_site_kind ON inspections (site_id, kind, started_at, version_id,"
  "  schedule_id);"
  "CREATE INDEX inspections_occurrence ON inspections (schedule_id, occurrence_at, started_at);"

  "CREATE TABLE inspection_totals ("
  "  started_at INTEGER NOT NULL,"
  "  inspection_id INTEGER NOT NULL UNIQUE REFERENCES inspections (id) ON DELETE CASCADE,"
  "  site_id INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  earned REAL NOT NULL,"
  "  possible REAL NOT NULL,"
  "  failure_index REAL NOT NULL,"
  CATEGORY_COLUMNS ("cleaning")
  CATEGORY_COLUMNS ("greenery")
  CATEGORY_COLUMNS ("public_order")
  CATEGORY_COLUMNS ("fire_security")
  CATEGORY_COLUMNS ("service")
  "  PRIMARY KEY (started_at, inspection_id)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE inspection_failures ("
  "  started_at INTEGER NOT NULL,"
  "  inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,"
  "  item_id INTEGER NOT NULL,"
  "  site_id INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  item_key TEXT NOT NULL,"
  "  PRIMARY KEY (started_at, inspection_id, item_id)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX inspection_failures_inspection ON inspection_failures (inspection_id);"
  "CREATE TABLE inspection_totals_stale ("
  "  inspection_id INTEGER PRIMARY KEY"
  ") STRICT;"

  "CREATE TRIGGER inspections_totals_insert AFTER INSERT ON inspections"
  "  WHEN NEW.state <> 'draft' BEGIN" MARK_STALE ("NEW.id") " END;"
  "CREATE TRIGGER inspections_totals_update AFTER UPDATE OF state, version_id, kind, started_at"
  "  ON inspections WHEN NEW.state <> 'draft' AND (OLD.state = 'draft'"
  "   OR NEW.version_id <> OLD.version_id OR NEW.kind <> OLD.kind"
  "   OR NEW.started_at <> OLD.started_at) BEGIN" MARK_STALE ("NEW.id") " END;"
  "CREATE TRIGGER inspections_totals_draft AFTER UPDATE OF state ON inspections"
  "  WHEN NEW.state = 'draft' AND OLD.state <> 'draft' BEGIN" FORGET ("NEW.id") " END;"
  "CREATE TRIGGER inspections_totals_site AFTER UPDATE OF site_id ON inspections"
  "  WHEN NEW.site_id <> OLD.site_id BEGIN"
  "  UPDATE inspection_totals SET site_id = NEW.site_id WHERE inspection_id = NEW.id;"
  "  UPDATE inspection_failures SET site_id = NEW.site_id WHERE inspection_id = NEW.id; END;"
  "CREATE TRIGGER inspections_totals_delete AFTER DELETE ON inspections"
  "  BEGIN DELETE FROM inspection_totals_stale WHERE inspection_id = OLD.id; END;"
  "CREATE TRIGGER answers_totals_insert AFTER INSERT ON answers"
  "  WHEN" NOT_DRAFT ("NEW.inspection_id") " BEGIN" MARK_STALE ("NEW.inspection_id") " END;"
  "CREATE TRIGGER answers_totals_update AFTER UPDATE OF value, outcome, item_id ON answers"
  "  WHEN" NOT_DRAFT ("NEW.inspection_id") " BEGIN" MARK_STALE ("NEW.inspection_id") " END;"
  "CREATE TRIGGER answers_totals_delete AFTER DELETE ON answers"
  "  WHEN" NOT_DRAFT ("OLD.inspection_id") " BEGIN" MARK_STALE ("OLD.inspection_id") " END;"

  /* The backfill.  Facilities count as public order, as the Overview's
   * heat map groups them. */
  "INSERT INTO inspection_totals SELECT i.started_at, i.id, i.site_id, i.kind,"
  "  coalesce(sum(" EARNED "), 0), coalesce(sum(" POSSIBLE "), 0),"
  "  coalesce(sum(CASE WHEN a.outcome = 'fail' THEN t.failure_weight ELSE 0 END), 0),"
  SUM_CATEGORY ("'cleaning'")
  SUM_CATEGORY ("'greenery'")
  SUM_CATEGORY ("'public_order', 'facilities'")
  SUM_CATEGORY ("'fire_security'")
  " coalesce(sum(CASE WHEN " IN_CATEGORY ("'service'") " THEN " EARNED " ELSE 0 END), 0),"
  " coalesce(sum(CASE WHEN " IN_CATEGORY ("'service'") " THEN " POSSIBLE " ELSE 0 END), 0)"
  "  FROM inspections i LEFT JOIN answers a ON a.inspection_id = i.id"
  "  LEFT JOIN template_items t ON t.id = a.item_id"
  "  WHERE i.state <> 'draft' GROUP BY i.id;"
  "INSERT INTO inspection_failures SELECT i.started_at, i.id, a.item_id, i.site_id, i.kind,"
  "  t.item_key FROM answers a JOIN inspections i ON i.id = a.inspection_id"
  "  JOIN template_items t ON t.id = a.item_id"
  "  WHERE a.outcome = 'fail' AND i.state <> 'draft';";

static const char monthly[] =
  "CREATE TRIGGER reports_month_locked BEFORE UPDATE OF month, inspection_id ON reports"
  "  WHEN NEW.month IS NOT OLD.month OR NEW.inspection_id IS NOT OLD.inspection_id"
  "  BEGIN SELECT RAISE(ABORT, 'inspection is signed and locked'); END;"
  "DROP TRIGGER reports_capture_insert;"
  "DROP TRIGGER reports_capture_update;"
  "CREATE TRIGGER reports_capture_insert AFTER INSERT ON reports"
  "  WHEN NEW.inspection_id IS NOT NULL"
  "   AND (SELECT value FROM team_settings WHERE key = 'capture') = 'on'"
  "  BEGIN DELETE FROM team_outbox WHERE table_name = 'reports' AND record = NEW.uuid;"
  "    INSERT INTO team_outbox (table_name, record, changed_at)"
  "    VALUES ('reports', NEW.uuid, unixepoch()); END;"
  "CREATE TRIGGER reports_capture_update AFTER UPDATE ON reports"
  "  WHEN NEW.inspection_id IS NOT NULL"
  "   AND (SELECT value FROM team_settings WHERE key = 'capture') = 'on'"
  "  BEGIN DELETE FROM team_outbox WHERE table_name = 'reports' AND record = NEW.uuid;"
  "    INSERT INTO team_outbox (table_name, record, changed_at)"
  "    VALUES ('reports', NEW.uuid, unixepoch()); END;";

gboolean
_xj_schema_step_v8 (sqlite3  *db,
                    GError  **error)
{
  static const char column[] =
    "inspection_id INTEGER NOT NULL UNIQUE REFERENCES inspections (id) ON DELETE RESTRICT,";
  static const char relaxed[] =
    "inspection_id INTEGER UNIQUE REFERENCES inspections (id) ON DELETE RESTRICT,"
    " month TEXT UNIQUE CHECK (month IS NULL OR month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),";
  g_autofree char *definition = NULL;
  g_autofree char *edited = NULL;
  const char *at, *end;

  if ((definition = _xj_schema_get_definition (db, "reports", error)) == NULL)
    return FALSE;
  if ((at = strstr (definition, column)) == NULL || strstr (at + 1, column) != NULL
      || (end = strrchr (definition, ')')) == NULL || end < at)
    return _xj_schema_fail (error, db, "reports", SQLITE_OK);
  /* Exactly one owner: an inspection or a month. */
  edited = g_strdup_printf ("%.*s%s%.*s, CHECK ((inspection_id IS NULL) <> (month IS NULL))%s",
                            (int) (at - definition), definition, relaxed,
                            (int) (end - at - strlen (column)), at + strlen (column), end);
  return _xj_schema_exec (db, "inspection_totals", totals, error)
         && _xj_schema_rebuild (db, "reports", edited, error)
         && _xj_schema_exec (db, "reports", monthly, error);
}
