/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stored outcome of every occurrence of every schedule (schema v10:
 * schedule_outcomes, schedule_outcome_spans), for schedule compliance.
 *
 * A schedule's outcomes are computed over its whole life, from its start
 * to a horizon a few months ahead, by the one matching code
 * (_xj_schedule_compute()): an occurrence's match depends only on the
 * occurrences of its own day and on the inspections in their window or
 * started from them, so the outcomes of a period read from here are those
 * the matching gives from the schedule's start.  Triggers mark a schedule
 * stale when what its matching reads changes; _xj_schedule_outcomes_refresh()
 * recomputes the stale ones (and those computed in another time zone) in
 * the caller's transaction and moves the horizon on as time passes.
 */
#define G_LOG_DOMAIN "xj-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-schedule-private.h"
#include "xj-store-private.h"

#define DAY ((gint64) 86400)
/* Outcomes are stored this far ahead, and moved on when less is left. */
#define HORIZON_DAYS 92
#define HORIZON_MIN_DAYS 62

typedef struct
{
  gint64   schedule_id;
  gint64   through;       /* 0: compute from the start */
} Work;

static gboolean
write_error (XjStore  *store,
             int       rc,
             GError  **error)
{
  return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                    _("Could not store schedule compliance"));
}

/**
 * _xj_schedule_outcomes_horizon:
 *
 * Returns: the local midnight up to which outcomes are stored when
 *   computed at @now.
 */
gint64
_xj_schedule_outcomes_horizon (gint64 now)
{
  return _xj_local_day_start (now + HORIZON_DAYS * DAY);
}

const char *
_xj_occurrence_outcome (const XjOccurrence *o)
{
  if (o->inspection_id != 0)
    return o->late ? "late" : "on_time";
  return o->skip_reason != NULL ? "skipped" : "open";
}

/* The schedules whose outcomes are missing, stale, from another zone, or
 * about to end. */
static GArray *
read_work (XjStore     *store,
           const char  *zone,
           gint64       now,
           GError     **error)
{
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (Work));
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT s.id, CASE WHEN p.schedule_id IS NULL OR p.stale OR "
                           "p.zone <> ?1 THEN 0 ELSE p.through END FROM schedules s "
                           "LEFT JOIN schedule_outcome_spans p ON p.schedule_id = s.id "
                           "WHERE p.schedule_id IS NULL OR p.stale OR p.zone <> ?1 "
                           "OR p.through < ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, zone, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now + HORIZON_MIN_DAYS * DAY);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Work entry = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (work, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      write_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&work);
}

/* The running counts and place of the last stored occurrence. */
static gboolean
read_last (XjStore          *store,
           gint64            schedule_id,
           XjScheduleTally  *tally,
           gint64           *position,
           GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT on_time, late, open, position FROM schedule_outcomes "
                           "WHERE schedule_id = ?1 ORDER BY at DESC, position DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, schedule_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      tally->on_time = sqlite3_column_int64 (stmt, 0);
      tally->late = sqlite3_column_int64 (stmt, 1);
      tally->open = sqlite3_column_int64 (stmt, 2);
      *position = sqlite3_column_int64 (stmt, 3) + 1;
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || write_error (store, rc, error);
}

static gboolean
forget (XjStore  *store,
        gint64    schedule_id,
        GError  **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "DELETE FROM schedule_outcomes "
                                         "WHERE schedule_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, schedule_id);
  return xj_store_step_done (store, stmt, error);
}

static gboolean
store_occurrences (XjStore          *store,
                   GArray           *occurrences,
                   XjScheduleTally  *tally,
                   gint64            position,
                   GError          **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "INSERT INTO schedule_outcomes (schedule_id, at, "
                                         "position, due, outcome, on_time, late, open) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < occurrences->len; i++)
    {
      const XjOccurrence *o = &g_array_index (occurrences, XjOccurrence, i);
      const char *outcome = _xj_occurrence_outcome (o);

      if (g_str_equal (outcome, "on_time"))
        tally->on_time++;
      else if (g_str_equal (outcome, "late"))
        tally->late++;
      else if (g_str_equal (outcome, "open"))
        tally->open++;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, o->schedule_id);
      sqlite3_bind_int64 (stmt, 2, o->at);
      sqlite3_bind_int64 (stmt, 3, position + i);
      sqlite3_bind_int64 (stmt, 4, o->due);
      sqlite3_bind_text (stmt, 5, outcome, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, tally->on_time);
      sqlite3_bind_int64 (stmt, 7, tally->late);
      sqlite3_bind_int64 (stmt, 8, tally->open);
      if (!xj_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
store_span (XjStore     *store,
            gint64       schedule_id,
            gint64       through,
            const char  *zone,
            GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "INSERT INTO schedule_outcome_spans (schedule_id, "
                                         "through, zone, stale) VALUES (?1, ?2, ?3, 0) "
                                         "ON CONFLICT (schedule_id) DO UPDATE SET "
                                         "through = excluded.through, zone = excluded.zone, "
                                         "stale = 0", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, schedule_id);
  sqlite3_bind_int64 (stmt, 2, through);
  sqlite3_bind_text (stmt, 3, zone, -1, SQLITE_STATIC);
  return xj_store_step_done (store, stmt, error);
}

/* From the start (@from 0), or the occurrences in [@from, @through)
 * added after those stored. */
static gboolean
refresh_schedule (XjStore     *store,
                  gint64       schedule_id,
                  gint64       from,
                  gint64       through,
                  gint64       now,
                  const char  *zone,
                  GError     **error)
{
  g_autoptr(XjSchedule) schedule = xj_store_get_schedule (store, schedule_id, error);
  g_autoptr(GArray) occurrences = _xj_occurrence_array_new ();
  XjScheduleTally tally = { 0 };
  gint64 position = 0;

  if (schedule == NULL)
    return FALSE;
  if (from == 0)
    {
      if (!forget (store, schedule_id, error))
        return FALSE;
      from = xj_schedule_get_starts_at (schedule);
    }
  else if (!read_last (store, schedule_id, &tally, &position, error))
    return FALSE;
  return (from >= through
          || (_xj_schedule_compute (store, schedule, from, through, now, occurrences, error)
              && store_occurrences (store, occurrences, &tally, position, error)))
         && store_span (store, schedule_id, through, zone, error);
}

/**
 * _xj_schedule_outcomes_refresh:
 *
 * Recomputes the outcomes of every schedule marked stale, never computed,
 * or computed in another time zone, and stores those of the coming months
 * when the stored ones end soon; in the caller's transaction.  Cheap when
 * there is nothing to do (one query).
 */
gboolean
_xj_schedule_outcomes_refresh (XjStore  *store,
                               GError  **error)
{
  g_autofree char *zone = xj_clock_dup_zone_name ();
  gint64 now = xj_clock_now ();
  gint64 through = _xj_schedule_outcomes_horizon (now);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GArray) work = read_work (store, zone, now, error);

  if (work == NULL)
    return FALSE;
  for (guint i = 0; i < work->len; i++)
    {
      const Work *entry = &g_array_index (work, Work, i);

      if (!refresh_schedule (store, entry->schedule_id, entry->through, through, now, zone,
                             error))
        return FALSE;
    }
  if (work->len > 0)
    g_debug ("schedule outcomes: %u schedules refreshed in %.1f ms", work->len,
             (g_get_monotonic_time () - start) / 1e3);
  return TRUE;
}
