/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Occurrences with their status: planned times (xj-schedule-rule.c) matched
 * one-to-one with the inspections that did them.
 *
 * An occurrence is done by an inspection of the same site, template (any
 * version) and kind started in [opens, closes).  An inspection started from
 * an occurrence carries schedule_id and occurrence_at and counts for exactly
 * that occurrence, wherever it started; one linked to another schedule never
 * counts here.  Inspections are taken in the order they started, each by the
 * earliest occurrence still open to it, so one inspection never does two.
 * Only the inspections in the occurrences' windows are read, through
 * inspections_site (site_id, started_at) and inspections_schedule.
 */
#define G_LOG_DOMAIN "xj-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-schedule-private.h"
#include "xj-words.h"

typedef struct
{
  gint64 id;
  gint64 started_at;
  gint64 occurrence_at;  /* 0 when not started from an occurrence */
} Candidate;

static const struct {
  const char *id;
  const char *label;
} statuses[] = {
  [XJ_OCCURRENCE_UPCOMING] = { "upcoming", N_("Upcoming") },
  [XJ_OCCURRENCE_DUE] = { "due", N_("Due") },
  [XJ_OCCURRENCE_OVERDUE] = { "overdue", N_("Overdue") },
  [XJ_OCCURRENCE_DONE] = { "done", N_("Done") },
  [XJ_OCCURRENCE_SKIPPED] = { "skipped", N_("Skipped") },
};

void
xj_occurrence_clear (XjOccurrence *occurrence)
{
  g_clear_pointer (&occurrence->kind, g_free);
  g_clear_pointer (&occurrence->site_name, g_free);
  g_clear_pointer (&occurrence->template_name, g_free);
  g_clear_pointer (&occurrence->skip_reason, g_free);
}

XJ_DEFINE_WORD_TO_STRING (extern, xj_occurrence_status, XjOccurrenceStatus, statuses)

XJ_DEFINE_WORD_LABEL (extern, xj_occurrence_status, XjOccurrenceStatus, statuses, NULL)

GArray *
_xj_occurrence_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (XjOccurrence));

  g_array_set_clear_func (array, (GDestroyNotify) xj_occurrence_clear);
  return array;
}

/* --- reading -------------------------------------------------------------- */

static gboolean
read_error (XjStore  *store,
            int       rc,
            GError  **error)
{
  return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                    _("Could not read inspections for a schedule"));
}

/* Drops what was planned while the schedule was paused. */
static gboolean
drop_paused (XjStore    *store,
             XjSchedule *schedule,
             GArray     *planned,
             GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 paused_since = G_MAXINT64;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT action, at FROM audit_log WHERE entity = 'schedule' "
                           "AND entity_id = ?1 AND action IN ('pause', 'resume') ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, xj_schedule_get_id (schedule));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = sqlite3_column_int64 (stmt, 1);

      if (g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "pause"))
        {
          paused_since = at;
          continue;
        }
      for (guint i = planned->len; i-- > 0;)
        {
          gint64 planned_at = g_array_index (planned, XjPlanned, i).at;

          if (planned_at >= paused_since && planned_at < at)
            g_array_remove_index (planned, i);
        }
      paused_since = G_MAXINT64;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return read_error (store, rc, error);
  if (xj_schedule_get_paused (schedule))
    for (guint i = planned->len; i-- > 0;)
      if (g_array_index (planned, XjPlanned, i).at >= paused_since)
        g_array_remove_index (planned, i);
  return TRUE;
}

static gboolean
read_candidates (XjStore      *store,
                 sqlite3_stmt *stmt,
                 GArray       *candidates,
                 GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate c = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
      };

      g_array_append_val (candidates, c);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || read_error (store, rc, error);
}

static gboolean
read_inspections (XjStore     *store,
                  XjSchedule  *schedule,
                  GArray      *planned,
                  GArray      *linked,
                  GArray      *in_window,
                  GError     **error)
{
  const XjPlanned *first = &g_array_index (planned, XjPlanned, 0);
  const XjPlanned *last = &g_array_index (planned, XjPlanned, planned->len - 1);
  sqlite3_stmt *stmt;

  stmt = xj_store_prepare (store,
                           "SELECT id, started_at, ifnull(occurrence_at, 0) FROM inspections "
                           "WHERE schedule_id = ?1 AND started_at >= ?2 "
                           "AND occurrence_at BETWEEN ?3 AND ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, xj_schedule_get_id (schedule));
  sqlite3_bind_int64 (stmt, 2, first->opens);
  sqlite3_bind_int64 (stmt, 3, first->at);
  sqlite3_bind_int64 (stmt, 4, last->at);
  if (!read_candidates (store, stmt, linked, error))
    return FALSE;

  stmt = xj_store_prepare (store,
                           "SELECT i.id, i.started_at, 0 FROM inspections i "
                           /* From the index alone (schema v8). */
                           "INDEXED BY inspections_site_kind "
                           "JOIN template_versions v ON v.id = i.version_id "
                           "WHERE i.site_id = ?1 AND i.started_at >= ?2 AND i.started_at < ?3 "
                           "AND v.template_id = ?4 AND i.kind = ?5 "
                           "AND (i.schedule_id IS NULL OR i.schedule_id = ?6) "
                           "ORDER BY i.started_at, i.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, xj_schedule_get_site_id (schedule));
  sqlite3_bind_int64 (stmt, 2, first->opens);
  sqlite3_bind_int64 (stmt, 3, last->closes);
  sqlite3_bind_int64 (stmt, 4, xj_schedule_get_template_id (schedule));
  sqlite3_bind_text (stmt, 5, xj_schedule_get_kind (schedule), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, xj_schedule_get_id (schedule));
  return read_candidates (store, stmt, in_window, error);
}

static gboolean
read_skips (XjStore     *store,
            XjSchedule  *schedule,
            GArray      *planned,
            GArray      *out,
            guint        out_start,
            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT occurrence_at, reason FROM schedule_skips "
                           "WHERE schedule_id = ?1 AND occurrence_at BETWEEN ?2 AND ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, xj_schedule_get_id (schedule));
  sqlite3_bind_int64 (stmt, 2, g_array_index (planned, XjPlanned, 0).at);
  sqlite3_bind_int64 (stmt, 3, g_array_index (planned, XjPlanned, planned->len - 1).at);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = sqlite3_column_int64 (stmt, 0);

      for (guint i = out_start; i < out->len; i++)
        if (g_array_index (out, XjOccurrence, i).at == at)
          g_array_index (out, XjOccurrence, i).skip_reason =
            g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || read_error (store, rc, error);
}

/* --- matching ------------------------------------------------------------- */

static void
assign (XjOccurrence    *occurrence,
        const Candidate *candidate)
{
  occurrence->inspection_id = candidate->id;
  occurrence->started_at = candidate->started_at;
}

static gboolean
already_assigned (GArray *out,
                  guint   out_start,
                  gint64  inspection_id)
{
  for (guint i = out_start; i < out->len; i++)
    if (g_array_index (out, XjOccurrence, i).inspection_id == inspection_id)
      return TRUE;
  return FALSE;
}

static void
match (GArray *out,
       guint   out_start,
       GArray *linked,
       GArray *in_window)
{
  guint window = out_start;

  for (guint c = 0; c < linked->len; c++)
    {
      const Candidate *candidate = &g_array_index (linked, Candidate, c);

      for (guint i = out_start; i < out->len; i++)
        {
          XjOccurrence *o = &g_array_index (out, XjOccurrence, i);

          if (o->at == candidate->occurrence_at && o->inspection_id == 0)
            {
              assign (o, candidate);
              break;
            }
        }
    }

  for (guint c = 0; c < in_window->len; c++)
    {
      const Candidate *candidate = &g_array_index (in_window, Candidate, c);
      XjOccurrence *chosen = NULL;

      if (already_assigned (out, out_start, candidate->id))
        continue;
      while (window < out->len && g_array_index (out, XjOccurrence, window).closes <= candidate->started_at)
        window++;
      /* Same-day occurrences share the window: the earliest one not done,
       * preferring one that was not skipped. */
      for (guint i = window; i < out->len; i++)
        {
          XjOccurrence *o = &g_array_index (out, XjOccurrence, i);

          if (o->opens > candidate->started_at)
            break;
          if (o->inspection_id != 0)
            continue;
          if (chosen == NULL || (chosen->skip_reason != NULL && o->skip_reason == NULL))
            chosen = o;
          if (o->skip_reason == NULL)
            break;
        }
      if (chosen != NULL)
        assign (chosen, candidate);
    }
}

static XjOccurrenceStatus
status_at (const XjOccurrence *o,
           gint64              now)
{
  if (o->inspection_id != 0)
    return XJ_OCCURRENCE_DONE;
  if (o->skip_reason != NULL)
    return XJ_OCCURRENCE_SKIPPED;
  if (now >= o->due)
    return XJ_OCCURRENCE_OVERDUE;
  if (now >= o->opens)
    return XJ_OCCURRENCE_DUE;
  return XJ_OCCURRENCE_UPCOMING;
}

/**
 * _xj_schedule_compute:
 *
 * Appends the occurrences planned in [@from, @to) to @out, with their
 * status as of @now.
 */
gboolean
_xj_schedule_compute (XjStore     *store,
                      XjSchedule  *schedule,
                      gint64       from,
                      gint64       to,
                      gint64       now,
                      GArray      *out,
                      GError     **error)
{
  g_autoptr(GArray) planned = NULL;
  g_autoptr(GArray) linked = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) in_window = g_array_new (FALSE, FALSE, sizeof (Candidate));
  guint out_start = out->len;

  planned = _xj_schedule_plan_windows (xj_schedule_get_spec (schedule),
                                       xj_schedule_get_seed (schedule),
                                       xj_schedule_get_starts_at (schedule), from, to);
  if (!drop_paused (store, schedule, planned, error))
    return FALSE;
  if (planned->len == 0)
    return TRUE;
  if (!read_inspections (store, schedule, planned, linked, in_window, error))
    return FALSE;

  for (guint i = 0; i < planned->len; i++)
    {
      const XjPlanned *p = &g_array_index (planned, XjPlanned, i);
      XjOccurrence o = {
        .schedule_id = xj_schedule_get_id (schedule),
        .site_id = xj_schedule_get_site_id (schedule),
        .template_id = xj_schedule_get_template_id (schedule),
        .version_id = _xj_schedule_get_version_id (schedule),
        .kind = g_strdup (xj_schedule_get_kind (schedule)),
        .site_name = g_strdup (xj_schedule_get_site_name (schedule)),
        .template_name = g_strdup (xj_schedule_get_template_name (schedule)),
        .at = p->at,
        .opens = p->opens,
        .due = p->due,
        .closes = p->closes,
      };

      g_array_append_val (out, o);
    }
  if (!read_skips (store, schedule, planned, out, out_start, error))
    return FALSE;
  match (out, out_start, linked, in_window);

  /* Status, then keep only what was asked for: whole days were matched. */
  for (guint i = out->len; i-- > out_start;)
    {
      XjOccurrence *o = &g_array_index (out, XjOccurrence, i);

      if (o->at < from || o->at >= to)
        {
          g_array_remove_index (out, i);
          continue;
        }
      o->status = status_at (o, now);
      o->late = o->inspection_id != 0 && o->started_at >= o->due;
    }
  return TRUE;
}

/**
 * xj_schedule_occurrences:
 *
 * Returns: (element-type XjOccurrence): the occurrences planned in
 * [@from, @to), sorted, with their status now (xj_clock_now()).
 */
GArray *
xj_schedule_occurrences (XjStore     *store,
                         XjSchedule  *schedule,
                         gint64       from,
                         gint64       to,
                         GError     **error)
{
  g_autoptr(GArray) out = _xj_occurrence_array_new ();

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (XJ_IS_SCHEDULE (schedule), NULL);

  if (!_xj_schedule_compute (store, schedule, from, to, xj_clock_now (), out, error))
    return NULL;
  return g_steal_pointer (&out);
}

static int
compare_occurrences (gconstpointer a,
                     gconstpointer b)
{
  const XjOccurrence *x = a, *y = b;
  int by_name;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  by_name = g_utf8_collate (x->site_name != NULL ? x->site_name : "",
                            y->site_name != NULL ? y->site_name : "");
  if (by_name != 0)
    return by_name;
  return x->schedule_id < y->schedule_id ? -1 : x->schedule_id > y->schedule_id;
}

/**
 * xj_schedule_calendar_month:
 * @month: 1 … 12
 * @site_id: one site's schedules, or 0 for all
 *
 * For the calendar view: every occurrence in the local month, with status.
 *
 * Returns: (element-type XjOccurrence): sorted by time, then site.
 */
GArray *
xj_schedule_calendar_month (XjStore  *store,
                            int       year,
                            int       month,
                            gint64    site_id,
                            GError  **error)
{
  g_autoptr(GArray) out = _xj_occurrence_array_new ();
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) next = NULL;
  gint64 now = xj_clock_now ();

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  first = g_date_time_new_local (year, month, 1, 0, 0, 0);
  g_return_val_if_fail (first != NULL, NULL);
  next = g_date_time_add_months (first, 1);
  schedules = xj_store_list_schedules (store, site_id, error);
  if (schedules == NULL)
    return NULL;
  for (guint i = 0; i < schedules->len; i++)
    if (!_xj_schedule_compute (store, schedules->pdata[i], g_date_time_to_unix (first),
                               g_date_time_to_unix (next), now, out, error))
      return NULL;
  g_array_sort (out, compare_occurrences);
  return g_steal_pointer (&out);
}
