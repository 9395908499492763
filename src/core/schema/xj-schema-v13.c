/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 13: schedule outcomes recomputed from the change on.
 *
 * Schema v10 marks a schedule's stored outcomes stale when anything its
 * matching reads changes, and the refresh then matched its whole history
 * again (five years of a daily patrol for one inspection completed today).
 * An inspection can only change the occurrences whose window holds its
 * start, or the one it was started from, and those after them; a skip
 * only its own occurrence's day and after.  So the triggers now also keep
 * the earliest time a change touched (schedule_outcome_spans.stale_from,
 * the least of the starts and occurrences of the inspections changed since
 * the last refresh), and the refresh keeps the outcomes before the
 * occurrence whose window holds it (xj-schedule-outcomes.c).  A change to
 * the schedule itself, or to its pause history, leaves stale_from NULL:
 * its whole history again.  stale_from means nothing while stale is 0.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include "xj-schema-private.h"

/* Marks the spans of the schedules @ids (a subquery) stale from time @t on,
 * unless already stale from earlier (or from the start, stale_from NULL).
 * Every SET sees the row as it was. */
#define MARK_FROM(ids, t) \
  " UPDATE schedule_outcome_spans SET stale = 1," \
  " stale_from = CASE WHEN stale = 0 THEN " t " ELSE min (stale_from, " t ") END" \
  " WHERE schedule_id IN (" ids ") AND (stale = 0 OR stale_from > " t ");"
#define MARK_WHOLE(id) \
  " UPDATE schedule_outcome_spans SET stale = 1, stale_from = NULL" \
  " WHERE schedule_id = " id " AND (stale = 0 OR stale_from IS NOT NULL);"

/* The schedules an inspection (NEW or OLD) may do an occurrence of, and
 * the earliest time it touches: its start, or the occurrence it was
 * started from. */
#define SCHEDULES_OF(i) \
  "SELECT s.id FROM schedules s WHERE s.site_id = " i ".site_id AND s.kind = " i ".kind" \
  " AND s.template_id = (SELECT template_id FROM template_versions WHERE id = " i ".version_id)" \
  " UNION ALL SELECT " i ".schedule_id"
#define TOUCHED(i) "min (" i ".started_at, ifnull (" i ".occurrence_at, " i ".started_at))"
#define MARK_INSPECTION(i) MARK_FROM (SCHEDULES_OF (i), TOUCHED (i))

static const char stale_from[] =
  "ALTER TABLE schedule_outcome_spans ADD COLUMN stale_from INTEGER;"

  "DROP TRIGGER inspections_outcomes_insert;"
  "DROP TRIGGER inspections_outcomes_update;"
  "DROP TRIGGER inspections_outcomes_delete;"
  "DROP TRIGGER schedules_outcomes_update;"
  "DROP TRIGGER schedule_skips_outcomes_insert;"
  "DROP TRIGGER schedule_skips_outcomes_update;"
  "DROP TRIGGER schedule_skips_outcomes_delete;"
  "DROP TRIGGER audit_log_outcomes_insert;"

  "CREATE TRIGGER inspections_outcomes_insert AFTER INSERT ON inspections"
  "  BEGIN" MARK_INSPECTION ("NEW") " END;"
  "CREATE TRIGGER inspections_outcomes_update AFTER UPDATE OF site_id, version_id, kind,"
  "  started_at, schedule_id, occurrence_at ON inspections"
  "  BEGIN" MARK_INSPECTION ("OLD") MARK_INSPECTION ("NEW") " END;"
  "CREATE TRIGGER inspections_outcomes_delete AFTER DELETE ON inspections"
  "  BEGIN" MARK_INSPECTION ("OLD") " END;"
  "CREATE TRIGGER schedules_outcomes_update AFTER UPDATE OF site_id, template_id, kind, rule,"
  "  spec, seed, starts_at, paused ON schedules"
  "  BEGIN" MARK_WHOLE ("NEW.id") MARK_WHOLE ("OLD.id") " END;"
  "CREATE TRIGGER schedule_skips_outcomes_insert AFTER INSERT ON schedule_skips"
  "  BEGIN" MARK_FROM ("NEW.schedule_id", "NEW.occurrence_at") " END;"
  "CREATE TRIGGER schedule_skips_outcomes_update AFTER UPDATE ON schedule_skips"
  "  BEGIN" MARK_FROM ("OLD.schedule_id", "OLD.occurrence_at")
  MARK_FROM ("NEW.schedule_id", "NEW.occurrence_at") " END;"
  "CREATE TRIGGER schedule_skips_outcomes_delete AFTER DELETE ON schedule_skips"
  "  BEGIN" MARK_FROM ("OLD.schedule_id", "OLD.occurrence_at") " END;"
  /* A resume reaches back to its pause: the whole history again. */
  "CREATE TRIGGER audit_log_outcomes_insert AFTER INSERT ON audit_log"
  "  WHEN NEW.entity = 'schedule' AND NEW.action IN ('pause', 'resume')"
  "  BEGIN" MARK_WHOLE ("NEW.entity_id") " END;";

gboolean
_xj_schema_step_v13 (sqlite3  *db,
                     GError  **error)
{
  return _xj_schema_exec (db, "schedule_outcome_spans", stale_from, error);
}
