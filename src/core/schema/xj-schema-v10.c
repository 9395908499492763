/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 10: schedule compliance stored, not recomputed.
 *
 * schedule_outcomes: every occurrence of every schedule, from its start to
 * a horizon a few months ahead (schedule_outcome_spans.through), with what
 * the schedules' own matching (xj-schedule-match.c) made of it: done on
 * time, done late, skipped, or still open.  Whether an open one is missed
 * depends on the time it is read (due passed), so the outcome does not say
 * it; the reader does.  Each row carries the schedule's running counts up
 * to it (on_time, late, open), so that the counts of any period are two
 * rows' difference: the Overview reads two rows per schedule instead of
 * matching every occurrence of the period with the inspections.
 *
 * Who keeps them: triggers mark a schedule's outcomes stale (its span's
 * `stale`) when anything its matching reads changes: the schedule itself
 * (rule, times, site, checklist, kind, pause), its skips, its pause
 * history, or an inspection that could do one of its occurrences (same
 * site, kind and checklist, or started from it) is added, changed or
 * deleted.  The core recomputes stale schedules with the one matching code
 * (_xj_schedule_outcomes_refresh(), with the Overview's totals) in the
 * transaction of the change; until then the Overview matches a stale
 * schedule itself.  Outcomes computed in another time zone, or ending
 * before the period asked for, are not used either.  A schedule without a
 * span (new) has no outcomes yet.
 *
 * The rows are backfilled here by the same code over this connection.
 *
 * inspections_site_kind also holds occurrence_at: the matching reads the
 * inspections of a site and kind from the index alone.
 *
 * inspection_totals_months, inspection_failures_months: schema v8's stored
 * totals and failures added up per local calendar month (YYYYMM), site and
 * kind (and item key), kept by triggers on those two tables, so that the
 * Overview of whole months reads one row per site, kind and month instead
 * of one per inspection.  A month is local time: overview_zone names the
 * zone they were added up in; the Overview does not use them in another,
 * and xj_overview_refresh_totals() adds them up again there.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include <sqlite3.h>

#include "xj-overview-private.h"
#include "xj-schedule-private.h"
#include "xj-schema-private.h"
#include "xj-store-private.h"

/* The schedules an inspection (NEW or OLD) may do an occurrence of. */
#define MARK_SCHEDULES(i) \
  " UPDATE schedule_outcome_spans SET stale = 1 WHERE stale = 0 AND schedule_id IN (" \
  "  SELECT s.id FROM schedules s WHERE s.site_id = " i ".site_id AND s.kind = " i ".kind" \
  "  AND s.template_id = (SELECT template_id FROM template_versions WHERE id = " i ".version_id)" \
  "  UNION ALL SELECT " i ".schedule_id);"
#define MARK_SCHEDULE(id) \
  " UPDATE schedule_outcome_spans SET stale = 1 WHERE stale = 0 AND schedule_id = " id ";"

/* The local month (YYYYMM) of a time, as SQLite's localtime says it. */
#define MONTH(t) "CAST(strftime('%Y%m', " t ", 'unixepoch', 'localtime') AS INTEGER)"

#define CATEGORY_SUMS(c) \
  "  " c "_earned REAL NOT NULL," \
  "  " c "_possible REAL NOT NULL," \
  "  " c "_n INTEGER NOT NULL,"  /* inspections with points possible */

#define CATEGORY_ROW(r, c) \
  ", " r "." c "_earned, " r "." c "_possible, " r "." c "_possible > 0"
#define CATEGORY_ADD(c) \
  ", " c "_earned = " c "_earned + excluded." c "_earned" \
  ", " c "_possible = " c "_possible + excluded." c "_possible" \
  ", " c "_n = " c "_n + excluded." c "_n"
#define CATEGORY_SUBTRACT(r, c) \
  ", " c "_earned = " c "_earned - " r "." c "_earned" \
  ", " c "_possible = " c "_possible - " r "." c "_possible" \
  ", " c "_n = " c "_n - (" r "." c "_possible > 0)"
#define EACH_CATEGORY(m, ...) \
  m (__VA_ARGS__ "cleaning") m (__VA_ARGS__ "greenery") m (__VA_ARGS__ "public_order") \
  m (__VA_ARGS__ "fire_security") m (__VA_ARGS__ "service")

/* An inspection's score, as the Overview's points average it. */
#define SCORE(r) "CASE WHEN " r ".possible > 0 THEN 100.0 * " r ".earned / " r ".possible ELSE 0 END"

/* Adds the inspection_totals row @r to its month; @from: a FROM clause
 * (the backfill) or nothing (a trigger). */
#define TOTALS_ADD(r, from) \
  " INSERT INTO inspection_totals_months SELECT " MONTH (r ".started_at") ", " r ".site_id," \
  " " r ".kind, 1, " r ".possible > 0, " SCORE (r) ", " r ".failure_index" \
  EACH_CATEGORY (CATEGORY_ROW, r, ) from " WHERE true" \
  " ON CONFLICT (month, site_id, kind) DO UPDATE SET n = n + 1," \
  " n_scored = n_scored + excluded.n_scored, score = score + excluded.score," \
  " failure_index = failure_index + excluded.failure_index" EACH_CATEGORY (CATEGORY_ADD) ";"
#define TOTALS_SUBTRACT(r) \
  " UPDATE inspection_totals_months SET n = n - 1, n_scored = n_scored - (" r ".possible > 0)," \
  " score = score - " SCORE (r) ", failure_index = failure_index - " r ".failure_index" \
  EACH_CATEGORY (CATEGORY_SUBTRACT, r, ) " WHERE month = " MONTH (r ".started_at") \
  " AND site_id = " r ".site_id AND kind = " r ".kind;" \
  " DELETE FROM inspection_totals_months WHERE month = " MONTH (r ".started_at") \
  " AND site_id = " r ".site_id AND kind = " r ".kind AND n = 0;"

/* The latest failure of a month counts: the latest start, then the
 * lowest inspection id (as the Overview's scan keeps it).  Every SET sees
 * the row as it was. */
#define LATER \
  "(excluded.last_at > last_at" \
  " OR (excluded.last_at = last_at AND excluded.last_inspection_id < last_inspection_id))"
#define FAILURES_ADD(r, from) \
  " INSERT INTO inspection_failures_months SELECT " MONTH (r ".started_at") ", " r ".site_id," \
  " " r ".kind, " r ".item_key, 1, " r ".started_at, " r ".inspection_id, " r ".item_id" \
  from " WHERE true ON CONFLICT (month, site_id, kind, item_key) DO UPDATE SET" \
  " count = count + 1," \
  " last_at = CASE WHEN " LATER " THEN excluded.last_at ELSE last_at END," \
  " last_inspection_id = CASE WHEN " LATER " THEN excluded.last_inspection_id" \
  "  ELSE last_inspection_id END," \
  " last_item_id = CASE WHEN " LATER " THEN excluded.last_item_id ELSE last_item_id END;"
/* The month's latest failure found again when it was the one removed. */
#define FAILURES_SUBTRACT(r) \
  " UPDATE inspection_failures_months SET count = count - 1" \
  " WHERE month = " MONTH (r ".started_at") " AND site_id = " r ".site_id" \
  " AND kind = " r ".kind AND item_key = " r ".item_key;" \
  " UPDATE inspection_failures_months SET (last_at, last_inspection_id, last_item_id) =" \
  " (SELECT f.started_at, f.inspection_id, f.item_id FROM inspection_failures f" \
  "  WHERE f.started_at BETWEEN " r ".started_at - 2764800 AND " r ".started_at + 2764800" \
  "  AND f.site_id = " r ".site_id AND f.kind = " r ".kind AND f.item_key = " r ".item_key" \
  "  AND " MONTH ("f.started_at") " = " MONTH (r ".started_at") \
  "  ORDER BY f.started_at DESC, f.inspection_id LIMIT 1)" \
  " WHERE month = " MONTH (r ".started_at") " AND site_id = " r ".site_id" \
  " AND kind = " r ".kind AND item_key = " r ".item_key AND count > 0" \
  " AND last_inspection_id = " r ".inspection_id AND last_item_id = " r ".item_id;" \
  " DELETE FROM inspection_failures_months WHERE month = " MONTH (r ".started_at") \
  " AND site_id = " r ".site_id AND kind = " r ".kind AND item_key = " r ".item_key" \
  " AND count = 0;"

static const char months[] =
  "CREATE TABLE inspection_totals_months ("
  "  month INTEGER NOT NULL,"
  "  site_id INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  n_scored INTEGER NOT NULL,"
  "  score REAL NOT NULL,"           /* Σ the scored inspections' scores */
  "  failure_index REAL NOT NULL,"   /* Σ */
  EACH_CATEGORY (CATEGORY_SUMS)
  "  PRIMARY KEY (month, site_id, kind)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE inspection_failures_months ("
  "  month INTEGER NOT NULL,"
  "  site_id INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  item_key TEXT NOT NULL,"
  "  count INTEGER NOT NULL,"
  "  last_at INTEGER NOT NULL,"
  "  last_inspection_id INTEGER NOT NULL,"
  "  last_item_id INTEGER NOT NULL,"
  "  PRIMARY KEY (month, site_id, kind, item_key)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE overview_zone ("
  "  zone TEXT NOT NULL"
  ") STRICT;"

  "CREATE TRIGGER inspection_totals_months_insert AFTER INSERT ON inspection_totals"
  "  BEGIN" TOTALS_ADD ("NEW", ) " END;"
  "CREATE TRIGGER inspection_totals_months_delete AFTER DELETE ON inspection_totals"
  "  BEGIN" TOTALS_SUBTRACT ("OLD") " END;"
  "CREATE TRIGGER inspection_totals_months_update AFTER UPDATE ON inspection_totals"
  "  BEGIN" TOTALS_SUBTRACT ("OLD") TOTALS_ADD ("NEW", ) " END;"
  "CREATE TRIGGER inspection_failures_months_insert AFTER INSERT ON inspection_failures"
  "  BEGIN" FAILURES_ADD ("NEW", ) " END;"
  "CREATE TRIGGER inspection_failures_months_delete AFTER DELETE ON inspection_failures"
  "  BEGIN" FAILURES_SUBTRACT ("OLD") " END;"
  "CREATE TRIGGER inspection_failures_months_update AFTER UPDATE ON inspection_failures"
  "  BEGIN" FAILURES_SUBTRACT ("OLD") FAILURES_ADD ("NEW", ) " END;";

/**
 * _xj_schema_months_rebuild:
 *
 * Adds up the monthly sums again from the stored totals and failures, in
 * the local time zone of now (named in overview_zone): the backfill, and
 * after the zone changed.
 */
const char _xj_schema_months_rebuild[] =
  "DELETE FROM inspection_totals_months;"
  "DELETE FROM inspection_failures_months;"
  TOTALS_ADD ("t", " FROM inspection_totals t")
  FAILURES_ADD ("f", " FROM inspection_failures f");

static const char outcomes[] =
  "CREATE TABLE schedule_outcomes ("
  "  schedule_id INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"   /* the occurrence's place in the schedule */
  "  due INTEGER NOT NULL,"
  "  outcome TEXT NOT NULL CHECK (outcome IN ('open', 'on_time', 'late', 'skipped')),"
  "  on_time INTEGER NOT NULL,"    /* running counts, this occurrence included */
  "  late INTEGER NOT NULL,"
  "  open INTEGER NOT NULL,"
  "  PRIMARY KEY (schedule_id, at, position)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE schedule_outcome_spans ("
  "  schedule_id INTEGER PRIMARY KEY REFERENCES schedules (id) ON DELETE CASCADE,"
  "  through INTEGER NOT NULL,"    /* outcomes stored for occurrences before it */
  "  zone TEXT NOT NULL,"          /* the local time zone they were computed in */
  "  stale INTEGER NOT NULL DEFAULT 0 CHECK (stale IN (0, 1))"
  ") STRICT;"

  "DROP INDEX inspections_site_kind;"
  "CREATE INDEX inspections_site_kind ON inspections (site_id, kind, started_at, version_id,"
  "  schedule_id, occurrence_at);"

  "CREATE TRIGGER inspections_outcomes_insert AFTER INSERT ON inspections"
  "  BEGIN" MARK_SCHEDULES ("NEW") " END;"
  "CREATE TRIGGER inspections_outcomes_update AFTER UPDATE OF site_id, version_id, kind,"
  "  started_at, schedule_id, occurrence_at ON inspections"
  "  BEGIN" MARK_SCHEDULES ("OLD") MARK_SCHEDULES ("NEW") " END;"
  "CREATE TRIGGER inspections_outcomes_delete AFTER DELETE ON inspections"
  "  BEGIN" MARK_SCHEDULES ("OLD") " END;"
  "CREATE TRIGGER schedules_outcomes_update AFTER UPDATE OF site_id, template_id, kind, rule,"
  "  spec, seed, starts_at, paused ON schedules"
  "  BEGIN" MARK_SCHEDULE ("NEW.id") MARK_SCHEDULE ("OLD.id") " END;"
  "CREATE TRIGGER schedule_skips_outcomes_insert AFTER INSERT ON schedule_skips"
  "  BEGIN" MARK_SCHEDULE ("NEW.schedule_id") " END;"
  "CREATE TRIGGER schedule_skips_outcomes_update AFTER UPDATE ON schedule_skips"
  "  BEGIN" MARK_SCHEDULE ("OLD.schedule_id") MARK_SCHEDULE ("NEW.schedule_id") " END;"
  "CREATE TRIGGER schedule_skips_outcomes_delete AFTER DELETE ON schedule_skips"
  "  BEGIN" MARK_SCHEDULE ("OLD.schedule_id") " END;"
  /* The pause history decides which occurrences were planned at all. */
  "CREATE TRIGGER audit_log_outcomes_insert AFTER INSERT ON audit_log"
  "  WHEN NEW.entity = 'schedule' AND NEW.action IN ('pause', 'resume')"
  "  BEGIN" MARK_SCHEDULE ("NEW.entity_id") " END;";

gboolean
_xj_schema_step_v10 (sqlite3  *db,
                     GError  **error)
{
  g_autoptr(XjStore) store = NULL;

  if (!_xj_schema_exec (db, "schedule_outcomes", outcomes, error))
    return FALSE;
  /* The backfill, by the matching code itself. */
  store = _xj_store_new_for_step (db, sqlite3_db_filename (db, "main"));
  return _xj_schedule_outcomes_refresh (store, error)
         && _xj_schema_exec (db, "inspection_totals_months", months, error)
         && _xj_overview_refresh_months (store, error);
}
