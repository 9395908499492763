/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schedule compliance: the occurrences due in the period per site and
 * kind, done on time, done late, or missed.  Read from the outcomes the
 * schedules store (schema v10, xj-schedule-outcomes.c): each stored
 * occurrence carries its schedule's running counts, so a schedule's counts
 * in a period are the difference of two rows, less the open occurrences
 * not yet due.  A schedule whose stored outcomes cannot be used (stale
 * after a change not yet refreshed, computed in another time zone, or
 * ending before the period does) is matched here with the same code, from
 * its start, as the stored ones were.
 */
#define G_LOG_DOMAIN "xj-overview"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-overview-private.h"
#include "xj-schedule-private.h"
#include "xj-store-private.h"

#define DAY ((gint64) 86400)

static gboolean
site_selected (const XjOverviewQuery *query,
               gint64                 site_id)
{
  if (query->site_ids == NULL)
    return TRUE;
  for (guint i = 0; i < query->n_site_ids; i++)
    if (query->site_ids[i] == site_id)
      return TRUE;
  return FALSE;
}

static XjOverviewCompliance *
compliance_for (XjOverview *overview,
                gint64      site_id,
                const char *kind)
{
  XjOverviewCompliance entry = { .site_id = site_id };

  for (guint i = 0; i < overview->compliance->len; i++)
    {
      XjOverviewCompliance *c = &g_array_index (overview->compliance, XjOverviewCompliance, i);

      if (c->site_id == site_id && g_str_equal (c->kind, kind))
        return c;
    }
  entry.kind = g_strdup (kind);
  g_array_append_val (overview->compliance, entry);
  return &g_array_index (overview->compliance, XjOverviewCompliance,
                         overview->compliance->len - 1);
}

static int
compare_compliance (gconstpointer a,
                    gconstpointer b)
{
  const XjOverviewCompliance *x = a, *y = b;

  if (x->site_id != y->site_id)
    return x->site_id < y->site_id ? -1 : 1;
  return g_strcmp0 (x->kind, y->kind);
}

static void
add_counts (XjOverviewCompliance *compliance,
            guint                 on_time,
            guint                 late,
            guint                 missed)
{
  compliance->on_time += on_time;
  compliance->late += late;
  compliance->missed += missed;
  compliance->due += on_time + late + missed;
}

/* The running counts up to the last stored occurrence before @before. */
static gboolean
read_tally (XjStore          *store,
            gint64            schedule_id,
            gint64            before,
            XjScheduleTally  *tally,
            GError          **error)
{
  return _xj_schedule_outcomes_read_last (store, schedule_id, before, tally, NULL,
                                          _("Could not compute the overview"), error);
}

/* Open occurrences of [@from, @to) not due yet at @now: not missed. */
static gboolean
count_not_due (XjStore  *store,
               gint64    schedule_id,
               gint64    from,
               gint64    to,
               gint64    now,
               gint64   *count,
               GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT count(*) FROM schedule_outcomes WHERE schedule_id = ?1 "
                           "AND at >= ?2 AND at < ?3 AND outcome = 'open' AND due > ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, schedule_id);
  /* An occurrence is due by the end of its day at the latest. */
  sqlite3_bind_int64 (stmt, 2, MAX (from, now - 2 * DAY));
  sqlite3_bind_int64 (stmt, 3, to);
  sqlite3_bind_int64 (stmt, 4, now);
  rc = sqlite3_step (stmt);
  *count = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || _xj_overview_read_error (store, rc, error);
}

static gboolean
count_stored (XjStore               *store,
              gint64                 schedule_id,
              const XjOverviewQuery *query,
              gint64                 now,
              XjOverviewCompliance  *compliance,
              GError               **error)
{
  XjScheduleTally before_from, before_to;
  gint64 not_due;

  /* A period that ended two days ago has nothing left to fall due. */
  not_due = 0;
  if (!read_tally (store, schedule_id, query->from, &before_from, error)
      || !read_tally (store, schedule_id, query->to, &before_to, error)
      || (query->to > now - 2 * DAY
          && !count_not_due (store, schedule_id, query->from, query->to, now, &not_due,
                             error)))
    return FALSE;
  add_counts (compliance, before_to.on_time - before_from.on_time,
              before_to.late - before_from.late,
              before_to.open - before_from.open - not_due);
  return TRUE;
}

/* As the stored outcomes were computed: matched from the schedule's start. */
static gboolean
count_live (XjStore               *store,
            gint64                 schedule_id,
            const XjOverviewQuery *query,
            gint64                 now,
            XjOverviewCompliance  *compliance,
            GError               **error)
{
  g_autoptr(XjSchedule) schedule = xj_store_get_schedule (store, schedule_id, error);
  g_autoptr(GArray) occurrences = _xj_occurrence_array_new ();
  guint on_time = 0, late = 0, missed = 0;

  if (schedule == NULL
      || !_xj_schedule_compute (store, schedule, xj_schedule_get_starts_at (schedule),
                                query->to, now, occurrences, error))
    return FALSE;
  for (guint i = 0; i < occurrences->len; i++)
    {
      const XjOccurrence *o = &g_array_index (occurrences, XjOccurrence, i);

      /* Upcoming and still due ones are not yet counted; a skipped one
       * was excused. */
      if (o->at < query->from)
        continue;
      if (o->status == XJ_OCCURRENCE_DONE)
        {
          if (o->late)
            late++;
          else
            on_time++;
        }
      else if (o->status == XJ_OCCURRENCE_OVERDUE)
        missed++;
    }
  add_counts (compliance, on_time, late, missed);
  return TRUE;
}

gboolean
_xj_overview_compliance (XjStore               *store,
                         const XjOverviewQuery *query,
                         XjOverview            *overview,
                         GError               **error)
{
  const char *const *kinds = xj_overview_kinds (query->kind);
  g_autofree char *zone = xj_clock_dup_zone_name ();
  gint64 now = xj_clock_now ();
  guint n_live = 0;
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT s.id, s.site_id, s.kind, p.through IS NOT NULL AND "
                           "NOT p.stale AND p.zone = ?5 AND p.through >= ?6 "
                           "FROM schedules s LEFT JOIN schedule_outcome_spans p "
                           "ON p.schedule_id = s.id WHERE s.kind IN (?1, ?2, ?3, ?4) "
                           "ORDER BY s.id", error);
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < 4; i++)
    sqlite3_bind_text (stmt, 1 + i, kinds[i], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, zone, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, query->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 schedule_id = sqlite3_column_int64 (stmt, 0);
      gint64 site_id = sqlite3_column_int64 (stmt, 1);
      gboolean stored = sqlite3_column_int (stmt, 3) != 0;
      XjOverviewCompliance *compliance;

      if (!site_selected (query, site_id))
        continue;
      compliance = compliance_for (overview, site_id, (const char *) sqlite3_column_text (stmt, 2));
      /* Both read other statements than this one. */
      if (stored ? !count_stored (store, schedule_id, query, now, compliance, error)
                 : (n_live++, !count_live (store, schedule_id, query, now, compliance, error)))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _xj_overview_read_error (store, rc, error);
  overview->n_live_schedules = n_live;
  if (n_live > 0)
    g_debug ("compliance: %u schedules matched here, not stored", n_live);
  g_array_sort (overview->compliance, compare_compliance);
  return TRUE;
}
