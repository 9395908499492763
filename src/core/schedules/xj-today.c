/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Today: what is overdue, what is due today, the drafts to resume, the
 * completed inspections still to sign, and those of the last week whose
 * failures no notice takes up yet.
 *
 * It must stay fast on years of data (under 50 ms for 200 sites and 100 000
 * inspections), so it never scans inspections: per schedule it plans a short
 * period and reads only the inspections in those windows, by index.  Overdue
 * occurrences are looked for over a bounded past (xj_today_lookback()):
 * older ones are history, seen in the calendar, not work for today.
 */
#define G_LOG_DOMAIN "xj-today"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-builtins.h"
#include "xj-schedule-private.h"
#include "xj-today.h"

static void
draft_clear (XjTodayDraft *draft)
{
  g_clear_pointer (&draft->site_name, g_free);
  g_clear_pointer (&draft->template_name, g_free);
  g_clear_pointer (&draft->kind, g_free);
}

void
xj_today_free (XjToday *today)
{
  if (today == NULL)
    return;
  g_clear_pointer (&today->overdue, g_array_unref);
  g_clear_pointer (&today->due, g_array_unref);
  g_clear_pointer (&today->drafts, g_array_unref);
  g_clear_pointer (&today->to_sign, g_array_unref);
  g_clear_pointer (&today->to_notice, g_array_unref);
  g_free (today);
}

/**
 * xj_today_lookback:
 * @today_start: the start of the local day
 *
 * How far back Today looks for overdue occurrences: 7 days for a daily
 * schedule, two periods for the others (14 days for weekly and weekly spot
 * checks, 2 × N weeks for every N weeks, two months for monthly ones).
 *
 * Returns: the earliest planned time Today considers.
 */
static gint64
xj_today_lookback (const XjScheduleSpec *spec,
                   gint64                today_start)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (today_start);
  g_autoptr(GDateTime) earliest = NULL;

  switch (spec->rule)
    {
    case XJ_SCHEDULE_RULE_DAILY:
      earliest = g_date_time_add_days (start, -7);
      break;
    case XJ_SCHEDULE_RULE_WEEKLY:
      earliest = g_date_time_add_days (start, -14);
      break;
    case XJ_SCHEDULE_RULE_EVERY_N_WEEKS:
      earliest = g_date_time_add_weeks (start, -2 * (int) spec->n_weeks);
      break;
    case XJ_SCHEDULE_RULE_MONTHLY:
      earliest = g_date_time_add_months (start, -2);
      break;
    case XJ_SCHEDULE_RULE_RANDOM:
      earliest = spec->period == XJ_SCHEDULE_PERIOD_MONTH ? g_date_time_add_months (start, -2)
                                                          : g_date_time_add_days (start, -14);
      break;
    default:
      g_return_val_if_reached (today_start);
    }
  return g_date_time_to_unix (earliest);
}

#define UNFINISHED_SELECT \
  "SELECT i.id, i.site_id, si.name, v.template_id, i.version_id, v.name, " \
  "i.kind, i.started_at, ifnull(i.schedule_id, 0), ifnull(i.occurrence_at, 0), " \
  "(SELECT builtin FROM templates WHERE id = v.template_id), "
#define UNFINISHED_FROM \
  "FROM inspections i " \
  "JOIN sites si ON si.id = i.site_id JOIN template_versions v ON v.id = i.version_id "
/* An inspection's failures that are in no notice (a discarded draft notice
 * is deleted with its links: its findings are free again). */
#define FAILURES_WITHOUT_NOTICE \
  "(SELECT count(*) FROM answers a WHERE a.inspection_id = i.id AND a.outcome = 'fail' " \
  " AND NOT EXISTS (SELECT 1 FROM notice_findings f WHERE f.answer_id = a.id)) "

typedef enum {
  UNFINISHED_DRAFTS,
  UNFINISHED_TO_SIGN,
  UNFINISHED_TO_NOTICE,
} Unfinished;

static const struct {
  const char *sql;
  const char *error;
} unfinished[] = {
  [UNFINISHED_DRAFTS] = {
    UNFINISHED_SELECT "0 " UNFINISHED_FROM "WHERE i.state = 'draft' "
    "ORDER BY i.started_at DESC, i.id DESC",
    N_("Could not read draft inspections") },
  /* Only this laptop's user's: a teammate's are theirs to sign.  A store of
   * years may hold thousands never signed: Today lists the newest (the
   * Inspections area filters them all by state). */
  [UNFINISHED_TO_SIGN] = {
    UNFINISHED_SELECT "0 " UNFINISHED_FROM "WHERE i.state = 'completed' AND (i.owner IS NULL "
    "OR i.owner = (SELECT value FROM team_settings WHERE key = 'user')) "
    "ORDER BY i.started_at DESC, i.id DESC LIMIT 30",
    N_("Could not read the inspections waiting to be signed") },
  /* Anyone's (notices are raised on colleagues' inspections), of the last
   * days only: read by the index on started_at, however long the history. */
  [UNFINISHED_TO_NOTICE] = {
    UNFINISHED_SELECT FAILURES_WITHOUT_NOTICE UNFINISHED_FROM
    "WHERE i.started_at >= ?1 AND i.state <> 'draft' AND " FAILURES_WITHOUT_NOTICE "> 0 "
    "ORDER BY i.started_at DESC, i.id DESC LIMIT 30",
    N_("Could not read the failures waiting for a notice") },
};

/* The drafts, the completed inspections not signed yet (their report is
 * neither signed nor archived until someone signs), or those whose
 * failures wait for a notice (started from @since). */
static gboolean
read_unfinished (XjStore     *store,
                 Unfinished   which,
                 gint64       since,
                 GArray      *drafts,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store, unfinished[which].sql, error);
  if (stmt == NULL)
    return FALSE;
  if (which == UNFINISHED_TO_NOTICE)
    sqlite3_bind_int64 (stmt, 1, since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjTodayDraft draft = {
        .inspection_id = sqlite3_column_int64 (stmt, 0),
        .site_id = sqlite3_column_int64 (stmt, 1),
        .site_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        .template_id = sqlite3_column_int64 (stmt, 3),
        .version_id = sqlite3_column_int64 (stmt, 4),
        .template_name = g_strdup ((const char *) sqlite3_column_text (stmt, 5)),
        .kind = g_strdup ((const char *) sqlite3_column_text (stmt, 6)),
        .started_at = sqlite3_column_int64 (stmt, 7),
        .schedule_id = sqlite3_column_int64 (stmt, 8),
        .occurrence_at = sqlite3_column_int64 (stmt, 9),
        .n_failures = sqlite3_column_int (stmt, 11),
      };

      if (sqlite3_column_int (stmt, 10) != 0)
        xj_builtins_translate (&draft.template_name);
      g_array_append_val (drafts, draft);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                      _(unfinished[which].error));
  return TRUE;
}

/* The start of the day XJ_TODAY_TO_NOTICE_DAYS - 1 days before today's:
 * today and the six days before it. */
static gint64
to_notice_since (gint64 today_start)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (today_start);
  g_autoptr(GDateTime) since = g_date_time_add_days (start, -(XJ_TODAY_TO_NOTICE_DAYS - 1));

  return g_date_time_to_unix (since);
}

/* A first start (no site at all) and a folder whose sites are all
 * deactivated each need Today to say what to do. */
static gboolean
count_sites (XjStore  *store,
             XjToday  *today,
             GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store, "SELECT count(*), ifnull(sum(active != 0), 0) FROM sites",
                           error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      today->n_sites = sqlite3_column_int (stmt, 0);
      today->n_active_sites = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                      _("Could not count the sites"));
  return TRUE;
}

static int
compare_at (gconstpointer a,
            gconstpointer b)
{
  const XjOccurrence *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return x->schedule_id < y->schedule_id ? -1 : x->schedule_id > y->schedule_id;
}

static void
item_clear (XjTodayItem *item)
{
  xj_occurrence_clear (&item->occurrence);
}

static GArray *
item_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (XjTodayItem));

  g_array_set_clear_func (array, (GDestroyNotify) item_clear);
  return array;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const XjTodayItem *x = a, *y = b;

  return compare_at (&x->occurrence, &y->occurrence);
}

/* A site, checklist and kind: what one row of Today stands for. */
typedef struct
{
  gint64      site_id;
  gint64      template_id;
  const char *kind;
} Group;

static gboolean
in_group (const Group        *group,
          const XjOccurrence *o)
{
  return o->kind != NULL && o->site_id == group->site_id
         && o->template_id == group->template_id && g_str_equal (o->kind, group->kind);
}

/* Moves @o (ownership included) into @into as a row. */
static void
append_item (GArray       *into,
             XjOccurrence *o,
             guint         n_missed,
             gint64        missed_since)
{
  XjTodayItem item = { .occurrence = *o, .n_missed = n_missed, .missed_since = missed_since };

  memset (o, 0, sizeof *o);
  g_array_append_val (into, item);
}

/* One row per site, checklist and kind rather than one per occurrence: a
 * daily patrol missed for a week is one row saying so.  The row does what
 * can still be done: today's occurrence when there is one, otherwise the
 * newest overdue one.  Moves the occurrences out of @all. */
static void
group_rows (GArray *all,
            GArray *overdue,
            GArray *due)
{
  for (guint i = 0; i < all->len; i++)
    {
      XjOccurrence *first = &g_array_index (all, XjOccurrence, i);
      g_autofree char *kind = NULL;
      Group group;
      XjOccurrence *newest = NULL;
      guint n_missed = 0;
      gint64 since = 0;

      if (first->kind == NULL
          || (first->status != XJ_OCCURRENCE_OVERDUE && first->status != XJ_OCCURRENCE_DUE))
        continue;
      kind = g_strdup (first->kind);
      group = (Group) { first->site_id, first->template_id, kind };
      for (guint j = i; j < all->len; j++)
        {
          XjOccurrence *o = &g_array_index (all, XjOccurrence, j);

          if (o->status == XJ_OCCURRENCE_OVERDUE && in_group (&group, o))
            {
              if (n_missed++ == 0)
                since = o->at;
              newest = o;
            }
        }
      for (guint j = i; j < all->len; j++)
        {
          XjOccurrence *o = &g_array_index (all, XjOccurrence, j);

          if (o->status != XJ_OCCURRENCE_DUE || !in_group (&group, o))
            continue;
          /* The missed ones are told once, on the first of today's. */
          append_item (due, o, n_missed, since);
          n_missed = 0;
          since = 0;
          newest = NULL;
        }
      if (newest != NULL)
        append_item (overdue, newest, n_missed, since);
      /* The group's other overdue occurrences are in the row's count. */
      for (guint j = i; j < all->len; j++)
        {
          XjOccurrence *o = &g_array_index (all, XjOccurrence, j);

          if (in_group (&group, o))
            o->status = XJ_OCCURRENCE_DONE;
        }
    }
}

/**
 * xj_today_compute:
 * @now: the time to compute for (xj_clock_now() in the application)
 *
 * Overdue and due-today occurrences of every schedule that is not paused,
 * of active sites, one row per site, checklist and kind (see group_rows()),
 * each with site, template (latest version) and kind to start an
 * inspection with; and the drafts to resume.
 */
gboolean
xj_today_compute (XjStore  *store,
                  gint64    now,
                  XjToday **result,
                  GError  **error)
{
  g_autoptr(XjToday) today = g_new0 (XjToday, 1);
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GArray) all = _xj_occurrence_array_new ();
  gint64 today_start, tomorrow_start;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  today->now = now;
  today->overdue = item_array_new ();
  today->due = item_array_new ();
  today->drafts = g_array_new (FALSE, TRUE, sizeof (XjTodayDraft));
  g_array_set_clear_func (today->drafts, (GDestroyNotify) draft_clear);
  today->to_sign = g_array_new (FALSE, TRUE, sizeof (XjTodayDraft));
  g_array_set_clear_func (today->to_sign, (GDestroyNotify) draft_clear);
  today->to_notice = g_array_new (FALSE, TRUE, sizeof (XjTodayDraft));
  g_array_set_clear_func (today->to_notice, (GDestroyNotify) draft_clear);
  today_start = _xj_local_day_start (now);
  tomorrow_start = _xj_local_next_day_start (now);

  schedules = _xj_store_list_active_schedules (store, error);
  if (schedules == NULL)
    return FALSE;
  for (guint i = 0; i < schedules->len; i++)
    {
      XjSchedule *schedule = schedules->pdata[i];
      gint64 from = xj_today_lookback (xj_schedule_get_spec (schedule), today_start);

      if (!_xj_schedule_compute (store, schedule, from, tomorrow_start, now, all, error))
        return FALSE;
    }
  g_array_sort (all, compare_at);
  group_rows (all, today->overdue, today->due);
  g_array_sort (today->overdue, compare_items);
  g_array_sort (today->due, compare_items);

  if (!read_unfinished (store, UNFINISHED_DRAFTS, 0, today->drafts, error)
      || !read_unfinished (store, UNFINISHED_TO_SIGN, 0, today->to_sign, error)
      || !read_unfinished (store, UNFINISHED_TO_NOTICE, to_notice_since (today_start),
                           today->to_notice, error)
      || !count_sites (store, today, error))
    return FALSE;
  *result = g_steal_pointer (&today);
  return TRUE;
}

/**
 * xj_today_find_due:
 * @kind: (nullable): the kind the person chose; a schedule of that kind is
 *   preferred when several plan the checklist at the site that day
 * @at: when the inspection starts
 * @schedule_id: (out): the schedule, or 0 when none is owed that day
 * @occurrence_at: (out): the occurrence's planned time, or 0
 *
 * A person who starts by hand the checklist a schedule has due at the site
 * that day is doing that occurrence: it should count for it (and leave
 * Today) rather than stay owed beside a second inspection.  Finds the
 * earliest occurrence planned on the local day of @at, neither done nor
 * skipped, of a running schedule of @site_id and @template_id.
 */
gboolean
xj_today_find_due (XjStore     *store,
                   gint64       site_id,
                   gint64       template_id,
                   const char  *kind,
                   gint64       at,
                   gint64      *schedule_id,
                   gint64      *occurrence_at,
                   GError     **error)
{
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GArray) day = _xj_occurrence_array_new ();
  const XjOccurrence *chosen = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (schedule_id != NULL && occurrence_at != NULL, FALSE);

  *schedule_id = 0;
  *occurrence_at = 0;
  schedules = _xj_store_list_active_schedules (store, error);
  if (schedules == NULL)
    return FALSE;
  for (guint i = 0; i < schedules->len; i++)
    {
      XjSchedule *schedule = schedules->pdata[i];

      if (xj_schedule_get_site_id (schedule) == site_id
          && xj_schedule_get_template_id (schedule) == template_id
          && !_xj_schedule_compute (store, schedule, _xj_local_day_start (at),
                                    _xj_local_next_day_start (at), at, day, error))
        return FALSE;
    }
  g_array_sort (day, compare_at);
  /* The same kind first, then any. */
  for (guint pass = 0; pass < 2 && chosen == NULL; pass++)
    for (guint i = 0; i < day->len && chosen == NULL; i++)
      {
        const XjOccurrence *o = &g_array_index (day, XjOccurrence, i);

        if ((o->status == XJ_OCCURRENCE_DUE || o->status == XJ_OCCURRENCE_OVERDUE)
            && (pass == 1 || g_strcmp0 (o->kind, kind) == 0))
          chosen = o;
      }
  if (chosen != NULL)
    {
      *schedule_id = chosen->schedule_id;
      *occurrence_at = chosen->at;
    }
  return TRUE;
}
