/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The manager's figures for a period, a selection of sites and a kind of
 * inspection.  Everything is read in one read transaction, so the figures
 * agree with each other even while an inspector writes.  The scan of the
 * inspections (scores, categories, mystery steps, and the failures the
 * repeat findings count) is in xj-overview-scan.c; the top repeat
 * findings' details, notices and schedule compliance in
 * xj-overview-findings.c.
 */
#define G_LOG_DOMAIN "xj-overview"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-overview-private.h"
#include "xj-reader-task.h"
#include "xj-template.h"

/* The heat map's columns: checklist categories (xj_template_get_categories()
 * names them). */
static const char *const categories[] = {
  [XJ_OVERVIEW_CLEANING] = "cleaning",
  [XJ_OVERVIEW_GREENERY] = "greenery",
  [XJ_OVERVIEW_PUBLIC_ORDER] = "public_order",
  [XJ_OVERVIEW_FIRE_SECURITY] = "fire_security",
  [XJ_OVERVIEW_SERVICE] = "service",
};

static const char *const ages[] = {
  [XJ_OVERVIEW_AGE_WEEK] = N_("Up to 7 days"),
  [XJ_OVERVIEW_AGE_MONTH] = N_("8–30 days"),
  [XJ_OVERVIEW_AGE_QUARTER] = N_("31–90 days"),
  [XJ_OVERVIEW_AGE_OLDER] = N_("Over 90 days"),
};

/* Four entries each, repeated to fill the four kind parameters. */
static const char *const kinds[][5] = {
  [XJ_OVERVIEW_CHECKS] = { "daily", "weekly", "monthly", "spot_check", NULL },
  [XJ_OVERVIEW_MYSTERY_VISITS] = { "mystery_visit", "mystery_visit", "mystery_visit",
                                   "mystery_visit", NULL },
  [XJ_OVERVIEW_MYSTERY_CALLS] = { "mystery_call", "mystery_call", "mystery_call",
                                  "mystery_call", NULL },
};

/* --- names ---------------------------------------------------------------- */

const char *
xj_overview_category_to_string (XjOverviewCategory category)
{
  g_return_val_if_fail (category < XJ_OVERVIEW_N_CATEGORIES, NULL);
  return categories[category];
}

const char *
xj_overview_category_get_label (XjOverviewCategory category)
{
  const XjTemplateChoice *choices;
  guint n_choices;

  g_return_val_if_fail (category < XJ_OVERVIEW_N_CATEGORIES, NULL);
  choices = xj_template_get_categories (&n_choices);
  for (guint i = 0; i < n_choices; i++)
    if (g_str_equal (choices[i].id, categories[category]))
      return choices[i].label;
  g_return_val_if_reached (NULL);
}

const char *
xj_overview_age_get_label (XjOverviewAge age)
{
  g_return_val_if_fail (age < XJ_OVERVIEW_N_AGES, NULL);
  return _(ages[age]);
}

/**
 * xj_overview_category_for_item:
 *
 * Maps a checklist item's category to the heat map's: lighting, access
 * control and parking (facilities) belong to public order, as the weekly
 * check's standard groups them; "other" is in no column.
 */
gboolean
xj_overview_category_for_item (const char         *item_category,
                               XjOverviewCategory *category)
{
  g_return_val_if_fail (item_category != NULL && category != NULL, FALSE);

  if (g_str_equal (item_category, "facilities"))
    {
      *category = XJ_OVERVIEW_PUBLIC_ORDER;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (item_category, categories[i]))
      {
        *category = i;
        return TRUE;
      }
  return FALSE;
}

/* Returns: (array zero-terminated=1): the inspection kinds of @kind, with
 * repeats (always four entries). */
const char *const *
xj_overview_kinds (XjOverviewKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);
  return kinds[kind];
}

/* The local start of the week (Monday) or month that holds @t. */
gint64
xj_overview_period_start (XjOverviewBucket bucket,
                          gint64           t)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (t);
  g_autoptr(GDateTime) start = NULL;
  int year, month, day;

  g_date_time_get_ymd (local, &year, &month, &day);
  if (bucket == XJ_OVERVIEW_BY_MONTH)
    start = g_date_time_new_local (year, month, 1, 0, 0, 0);
  else
    {
      g_autoptr(GDateTime) midnight = g_date_time_new_local (year, month, day, 0, 0, 0);

      start = g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (midnight));
    }
  return g_date_time_to_unix (start);
}

/* --- binding -------------------------------------------------------------- */

void
_xj_overview_bind (sqlite3_stmt          *stmt,
                   const XjOverviewQuery *query,
                   const char            *sites_json)
{
  const char *const *names = xj_overview_kinds (query->kind);

  sqlite3_bind_int64 (stmt, 1, query->from);
  sqlite3_bind_int64 (stmt, 2, query->to);
  for (int i = 0; i < 4; i++)
    sqlite3_bind_text (stmt, 3 + i, names[i], -1, SQLITE_STATIC);
  if (sites_json != NULL)
    sqlite3_bind_text (stmt, 7, sites_json, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 7);
}

gboolean
_xj_overview_read_error (XjStore  *store,
                         int       rc,
                         GError  **error)
{
  return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                    _("Could not compute the overview"));
}

/* Site ids as the JSON array that json_each() reads in the queries. */
char *
_xj_overview_sites_json (const gint64 *site_ids,
                         guint         n_site_ids)
{
  GString *json;

  if (site_ids == NULL)
    return NULL;
  json = g_string_new ("[");
  for (guint i = 0; i < n_site_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", site_ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* --- the result ----------------------------------------------------------- */

static void
site_clear (XjOverviewSite *site)
{
  g_free (site->name);
}

static void
repeat_clear (XjOverviewRepeat *repeat)
{
  g_free (repeat->site_name);
  g_free (repeat->item_key);
  g_free (repeat->prompt);
  g_free (repeat->notice_number);
}

void
_xj_overview_compliance_clear (gpointer data)
{
  XjOverviewCompliance *compliance = data;

  g_free (compliance->kind);
}

static void
step_clear (XjOverviewStep *step)
{
  g_free (step->title);
}

static void
hard_free (XjOverviewHard *hard)
{
  g_free (hard->item_key);
  g_free (hard->prompt);
  g_free (hard->unit);
  g_clear_pointer (&hard->values, g_array_unref);
  g_free (hard);
}

static GArray *
array_new (gsize          size,
           GDestroyNotify clear)
{
  GArray *array = g_array_new (FALSE, TRUE, size);

  if (clear != NULL)
    g_array_set_clear_func (array, clear);
  return array;
}

void
xj_overview_free (XjOverview *overview)
{
  if (overview == NULL)
    return;
  g_clear_pointer (&overview->sites, g_array_unref);
  g_clear_pointer (&overview->points, g_array_unref);
  g_clear_pointer (&overview->cells, g_array_unref);
  g_clear_pointer (&overview->repeats, g_array_unref);
  g_clear_pointer (&overview->compliance, g_array_unref);
  g_clear_pointer (&overview->steps, g_array_unref);
  g_clear_pointer (&overview->hard, g_ptr_array_unref);
  g_free (overview);
}

static XjOverview *
overview_new (void)
{
  XjOverview *overview = g_new0 (XjOverview, 1);

  overview->sites = array_new (sizeof (XjOverviewSite), (GDestroyNotify) site_clear);
  overview->points = array_new (sizeof (XjOverviewPoint), NULL);
  overview->cells = array_new (sizeof (XjOverviewCell), NULL);
  overview->repeats = array_new (sizeof (XjOverviewRepeat), (GDestroyNotify) repeat_clear);
  overview->compliance = array_new (sizeof (XjOverviewCompliance),
                                    _xj_overview_compliance_clear);
  overview->steps = array_new (sizeof (XjOverviewStep), (GDestroyNotify) step_clear);
  overview->hard = g_ptr_array_new_with_free_func ((GDestroyNotify) hard_free);
  return overview;
}

const XjOverviewPoint *
xj_overview_find_point (const XjOverview *overview,
                        gint64            site_id,
                        gint64            period_start)
{
  g_return_val_if_fail (overview != NULL, NULL);

  for (guint i = 0; i < overview->points->len; i++)
    {
      const XjOverviewPoint *point = &g_array_index (overview->points, XjOverviewPoint, i);

      if (point->site_id == site_id && point->period_start == period_start)
        return point;
    }
  return NULL;
}

const XjOverviewCell *
xj_overview_find_cell (const XjOverview   *overview,
                       gint64              site_id,
                       XjOverviewCategory  category)
{
  g_return_val_if_fail (overview != NULL, NULL);

  for (guint i = 0; i < overview->cells->len; i++)
    {
      const XjOverviewCell *cell = &g_array_index (overview->cells, XjOverviewCell, i);

      if (cell->site_id == site_id && cell->category == category)
        return cell;
    }
  return NULL;
}

/* --- computing ------------------------------------------------------------ */

static gboolean
read_sites (XjStore     *store,
            const char  *sites_json,
            XjOverview  *overview,
            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT id, name FROM sites WHERE merged_into IS NULL AND (?1 IS NULL OR id IN "
                           "(SELECT value FROM json_each(?1))) ORDER BY name COLLATE NOCASE",
                           error);
  if (stmt == NULL)
    return FALSE;
  if (sites_json != NULL)
    sqlite3_bind_text (stmt, 1, sites_json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjOverviewSite site = {
        .site_id = sqlite3_column_int64 (stmt, 0),
        .name = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
      };

      g_array_append_val (overview->sites, site);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _xj_overview_read_error (store, rc, error);
  return TRUE;
}

/**
 * xj_overview_compute:
 * @query: the period, sites and kind
 *
 * Computes every figure of the Overview.  Scans the period's inspections:
 * run it in a worker (xj_overview_compute_async()) from the UI.
 *
 * Returns: (transfer full): the figures, or NULL with @error set.
 */
XjOverview *
xj_overview_compute (XjStore               *store,
                     const XjOverviewQuery *query,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_autoptr(XjOverview) overview = overview_new ();
  g_autofree char *sites_json = NULL;
  gint64 start, t[3] = { 0 };
  gboolean ok;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL && query->kind < G_N_ELEMENTS (kinds), NULL);
  g_return_val_if_fail (query->from < query->to, NULL);

  overview->now = xj_clock_now ();
  sites_json = _xj_overview_sites_json (query->site_ids, query->n_site_ids);
  /* One read transaction: every figure from the same state of the data. */
  if (!xj_store_exec (store, "BEGIN", error))
    return NULL;
  start = g_get_monotonic_time ();
  ok = read_sites (store, sites_json, overview, error)
       && (t[0] = g_get_monotonic_time (),
           _xj_overview_scan (store, query, sites_json, overview, cancellable, error))
       && (t[1] = g_get_monotonic_time (),
           _xj_overview_notices (store, query, sites_json, overview, error))
       && (t[2] = g_get_monotonic_time (),
           _xj_overview_compliance (store, query, overview, error));
  g_debug ("overview: sites %.1f ms, scan %.1f ms, notices %.1f ms, compliance %.1f ms",
           (t[0] - start) / 1e3, (t[1] - t[0]) / 1e3, (t[2] - t[1]) / 1e3,
           (g_get_monotonic_time () - t[2]) / 1e3);
  xj_store_exec (store, "COMMIT", NULL);
  return ok ? g_steal_pointer (&overview) : NULL;
}

/* --- in a worker ---------------------------------------------------------- */

typedef struct {
  XjOverviewQuery  query;
  gint64          *site_ids;
} Job;

static void
job_free (Job *job)
{
  g_free (job->site_ids);
  g_free (job);
}

static gpointer
compute_on_reader (XjStore       *reader,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Job *job = data;

  return xj_overview_compute (reader, &job->query, cancellable, error);
}

static const XjReaderTask compute_task = {
  .run = compute_on_reader,
  .job_free = (GDestroyNotify) job_free,
  .result_free = (GDestroyNotify) xj_overview_free,
  /* A stale overview is worthless: a newer query supersedes it. */
  .return_on_cancel = TRUE,
};

void
xj_overview_compute_async (XjStore               *store,
                           const XjOverviewQuery *query,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  Job *job;

  g_return_if_fail (XJ_IS_STORE (store));
  g_return_if_fail (query != NULL);

  job = g_new0 (Job, 1);
  job->query = *query;
  if (query->site_ids != NULL)
    job->site_ids = g_memdup2 (query->site_ids, MAX (query->n_site_ids, 1) * sizeof (gint64));
  job->query.site_ids = job->site_ids;
  xj_store_run_on_reader_async (store, &compute_task, job, cancellable, callback, user_data);
}

XjOverview *
xj_overview_compute_finish (XjStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return xj_store_run_on_reader_finish (result, &compute_task, error);
}
