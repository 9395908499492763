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
 *
 * A stale schedule is recomputed from the change on, not from its start
 * (schema v13 keeps the earliest time a change touched, stale_from).
 * Windows open at the start of an occurrence's local day and close when
 * the next occurrence's day opens, so at the start of an occurrence's day
 * the matching before and after are independent, except for an inspection
 * started from an occurrence on the other side of that line; the refresh
 * keeps the outcomes before the last such start at or before the change
 * with no such inspection across it (find_cut), and the result is the
 * whole recompute's (test-overview-compliance checks it on random
 * changes).
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
/* A worker matching every schedule again: its transactions, and the
 * pauses between them that let another writer in. */
#define BATCH_MS 20
#define BATCH_PAUSE_MS 30

typedef struct
{
  gint64   schedule_id;
  gint64   through;       /* 0: compute from the start */
  gboolean stale;         /* stored in this zone, but stale from some time on */
  gboolean other_zone;    /* stored in another zone */
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
                           "SELECT s.id, CASE WHEN p.schedule_id IS NULL OR p.zone <> ?1 "
                           "THEN 0 ELSE p.through END, p.stale, p.zone <> ?1 FROM schedules s "
                           "LEFT JOIN schedule_outcome_spans p ON p.schedule_id = s.id "
                           "WHERE p.schedule_id IS NULL OR p.stale OR p.zone <> ?1 "
                           "OR p.through < ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, zone, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now + HORIZON_MIN_DAYS * DAY);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Work entry = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int (stmt, 2) != 0,
        sqlite3_column_int (stmt, 3) != 0,
      };

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

/* One integer of @stmt (bound, reset here), or @none when NULL or no row. */
static gboolean
query_time (XjStore       *store,
            sqlite3_stmt  *stmt,
            gint64         none,
            gint64        *out,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  *out = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL
           ? sqlite3_column_int64 (stmt, 0) : none;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || write_error (store, rc, error);
}

/* The start of the day of the stored occurrence from which a change
 * touching @touched on is recomputed: the last whose window may hold
 * @touched, moved back while an inspection was started from an occurrence
 * on the other side of it.  0: from the schedule's start. */
static gboolean
find_cut (XjStore  *store,
          gint64    schedule_id,
          gint64    touched,
          gint64   *cut,
          GError  **error)
{
  for (;;)
    {
      sqlite3_stmt *stmt;
      gint64 at, across;

      stmt = xj_store_prepare (store,
                               "SELECT max (at) FROM schedule_outcomes "
                               "WHERE schedule_id = ?1 AND at < ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, schedule_id);
      sqlite3_bind_int64 (stmt, 2, _xj_local_next_day_start (touched));
      if (!query_time (store, stmt, 0, &at, error))
        return FALSE;
      *cut = at != 0 ? _xj_local_day_start (at) : 0;
      if (*cut == 0)
        return TRUE;
      stmt = xj_store_prepare (store,
                               "SELECT min (min (started_at, occurrence_at)) FROM inspections "
                               "WHERE schedule_id = ?1 AND ((occurrence_at < ?2 "
                               "AND started_at >= ?2) OR (occurrence_at >= ?2 "
                               "AND started_at < ?2))", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, schedule_id);
      sqlite3_bind_int64 (stmt, 2, *cut);
      if (!query_time (store, stmt, G_MAXINT64, &across, error))
        return FALSE;
      if (across == G_MAXINT64)
        return TRUE;
      g_assert (across < *cut);
      touched = across;
    }
}

/* Where a stale schedule's recompute starts (0: its start). */
static gboolean
stale_cut (XjStore  *store,
           gint64    schedule_id,
           gint64   *cut,
           GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 from;

  /* Read only for a stale schedule: schema v10's backfill (which has
   * none) runs before v13 adds the column. */
  stmt = xj_store_prepare (store, "SELECT stale_from FROM schedule_outcome_spans "
                           "WHERE schedule_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, schedule_id);
  if (!query_time (store, stmt, G_MININT64, &from, error))
    return FALSE;
  if (from == G_MININT64)
    {
      *cut = 0;
      return TRUE;
    }
  return find_cut (store, schedule_id, from, cut, error);
}

/**
 * _xj_schedule_outcomes_read_last:
 * @position: (out) (optional): the position after that occurrence's
 * @context: what a failed read says
 *
 * The running counts of the last stored occurrence of @schedule_id before
 * @before, and its place; none: zeros.
 */
gboolean
_xj_schedule_outcomes_read_last (XjStore          *store,
                                 gint64            schedule_id,
                                 gint64            before,
                                 XjScheduleTally  *tally,
                                 gint64           *position,
                                 const char       *context,
                                 GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *tally = (XjScheduleTally) { 0 };
  if (position != NULL)
    *position = 0;
  stmt = xj_store_prepare (store,
                           "SELECT on_time, late, open, position FROM schedule_outcomes "
                           "WHERE schedule_id = ?1 AND at < ?2 "
                           "ORDER BY at DESC, position DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, schedule_id);
  sqlite3_bind_int64 (stmt, 2, before);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      tally->on_time = sqlite3_column_int64 (stmt, 0);
      tally->late = sqlite3_column_int64 (stmt, 1);
      tally->open = sqlite3_column_int64 (stmt, 2);
      if (position != NULL)
        *position = sqlite3_column_int64 (stmt, 3) + 1;
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE
         || xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, context);
}

/* The stored outcomes of the occurrences from @from on. */
static gboolean
forget (XjStore  *store,
        gint64    schedule_id,
        gint64    from,
        GError  **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "DELETE FROM schedule_outcomes "
                                         "WHERE schedule_id = ?1 AND at >= ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, schedule_id);
  sqlite3_bind_int64 (stmt, 2, from);
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

/* @entry's schedule from its start (through 0), from the change on
 * (stale), or the occurrences in [through, @through) added after those
 * stored. */
static gboolean
refresh_schedule (XjStore     *store,
                  const Work  *entry,
                  gint64       through,
                  gint64       now,
                  const char  *zone,
                  GError     **error)
{
  g_autoptr(XjSchedule) schedule = xj_store_get_schedule (store, entry->schedule_id, error);
  g_autoptr(GArray) occurrences = _xj_occurrence_array_new ();
  XjScheduleTally tally = { 0 };
  gint64 position = 0;
  gint64 from = entry->through;

  if (schedule == NULL)
    return FALSE;
  if (from != 0 && entry->stale && !stale_cut (store, entry->schedule_id, &from, error))
    return FALSE;
  if (from == 0)
    {
      if (!forget (store, entry->schedule_id, G_MININT64, error))
        return FALSE;
      from = xj_schedule_get_starts_at (schedule);
    }
  else if (!forget (store, entry->schedule_id, from, error)
           || !_xj_schedule_outcomes_read_last (store, entry->schedule_id, from, &tally,
                                                &position,
                                                _("Could not store schedule compliance"),
                                                error))
    return FALSE;
  return (from >= through
          || (_xj_schedule_compute (store, schedule, from, through, now, occurrences, error)
              && store_occurrences (store, occurrences, &tally, position, error)))
         && store_span (store, entry->schedule_id, through, zone, error);
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

      if (!refresh_schedule (store, entry, through, now, zone, error))
        return FALSE;
    }
  if (work->len > 0)
    g_debug ("schedule outcomes: %u schedules refreshed in %.1f ms", work->len,
             (g_get_monotonic_time () - start) / 1e3);
  return TRUE;
}

/**
 * _xj_schedule_outcomes_refresh_each:
 *
 * Matches again the schedules whose outcomes were computed in another
 * time zone, for a worker with a connection of its own (the rest, stale
 * or short of the horizon, is the next write's): a few schedules a
 * transaction, about 20 ms of work, with a pause between two in which a
 * writer on the main thread, polling for the lock, gets it.
 */
gboolean
_xj_schedule_outcomes_refresh_each (XjStore       *store,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_autofree char *zone = xj_clock_dup_zone_name ();
  gint64 now = xj_clock_now ();
  gint64 through = _xj_schedule_outcomes_horizon (now);
  g_autoptr(GArray) work = read_work (store, zone, now, error);
  guint i = 0;

  if (work == NULL)
    return FALSE;
  while (i < work->len)
    {
      g_autoptr(XjTransaction) tx = NULL;
      gint64 start;

      if (!g_array_index (work, Work, i).other_zone)
        {
          i++;
          continue;
        }
      if (i > 0)
        g_usleep (BATCH_PAUSE_MS * 1000);
      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || (tx = xj_transaction_begin (store, error)) == NULL)
        return FALSE;
      /* Any stored start is a right one to go on from: a schedule the
       * main thread refreshed meanwhile is matched again, the same. */
      for (start = g_get_monotonic_time ();
           i < work->len && g_get_monotonic_time () - start < BATCH_MS * 1000; i++)
        if (g_array_index (work, Work, i).other_zone
            && !refresh_schedule (store, &g_array_index (work, Work, i), through, now, zone,
                                  error))
          return FALSE;
      if (!xj_transaction_commit (tx, error))
        return FALSE;
    }
  return TRUE;
}
