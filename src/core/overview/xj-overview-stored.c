/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks' stored figures, added up for the Overview: each inspection's
 * totals and failures (schema v8: inspection_totals, inspection_failures)
 * and, for the whole local months of a period shown by month, their
 * monthly sums (schema v10: inspection_totals_months,
 * inspection_failures_months), one row per site, kind (and item) and month
 * instead of one per inspection.  The sums are used only in the time zone
 * they were added up in; the edges of a period that are not whole months
 * are read inspection by inspection.
 */
#define G_LOG_DOMAIN "xj-overview"

#include "config.h"

#include "xj-clock.h"
#include "xj-overview-scan-private.h"
#include "xj-site-merge.h"
#include "xj-store-private.h"

/* The selected inspections as WHERE clause over a table of schema v8's
 * totals (started_at, kind, site_id): one range of its key. */
#define TOTALS_WHERE " started_at >= ?1 AND started_at < ?2 AND kind IN (?3, ?4, ?5, ?6) AND" \
  XJ_OVERVIEW_SITES
/* The same over the monthly sums, ?1 and ?2 months as YYYYMM. */
#define MONTHS_WHERE " month >= ?1 AND month < ?2 AND kind IN (?3, ?4, ?5, ?6) AND" \
  XJ_OVERVIEW_SITES

#define CATEGORY_COLUMNS(c) c "_earned, " c "_possible"

#define FAILURES \
  "SELECT site_id, item_key, 1, inspection_id, started_at, item_id " \
  "FROM inspection_failures WHERE" TOTALS_WHERE
#define FAILURES_MONTHS \
  "SELECT site_id, item_key, count, last_inspection_id, last_at, last_item_id " \
  "FROM inspection_failures_months WHERE" MONTHS_WHERE

static gboolean
check_cancelled (guint         *rows,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return ++*rows % 4096 != 0 || !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* The stored totals of the inspections started in [@from, @to) that are
 * up to date. */
static gboolean
read_totals (Scan          *scan,
             const char    *sites_json,
             gint64         from,
             gint64         to,
             GCancellable  *cancellable,
             GError       **error)
{
  XjOverviewQuery range = *scan->query;
  sqlite3_stmt *stmt;
  guint rows = 0;
  int rc;

  stmt = xj_store_prepare (scan->store,
                           "SELECT site_id, started_at, earned, possible, failure_index, "
                           CATEGORY_COLUMNS ("cleaning") ", " CATEGORY_COLUMNS ("greenery") ", "
                           CATEGORY_COLUMNS ("public_order") ", "
                           CATEGORY_COLUMNS ("fire_security") ", "
                           CATEGORY_COLUMNS ("service") " FROM inspection_totals WHERE"
                           TOTALS_WHERE, error);
  if (stmt == NULL)
    return FALSE;
  range.from = from;
  range.to = to;
  _xj_overview_bind (stmt, &range, sites_json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 site_id = xj_site_merges_resolve (scan->merges, sqlite3_column_int64 (stmt, 0));
      double earned = sqlite3_column_double (stmt, 2);
      double possible = sqlite3_column_double (stmt, 3);
      gboolean has_score = possible > 0;
      double totals[2 * XJ_OVERVIEW_N_CATEGORIES];

      for (guint c = 0; c < G_N_ELEMENTS (totals); c++)
        totals[c] = sqlite3_column_double (stmt, 5 + c);
      _xj_overview_scan_add_point (scan, site_id,
                                   _xj_overview_scan_period_start (scan,
                                                                   sqlite3_column_int64 (stmt, 1)),
                                   1, has_score ? 1 : 0, has_score ? 100 * earned / possible : 0,
                                   sqlite3_column_double (stmt, 4));
      _xj_overview_scan_add_categories (scan, site_id, totals, NULL);
      if (!check_cancelled (&rows, cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || _xj_overview_read_error (scan->store, rc, error);
}

/* Failures as (site, item key, count, latest inspection, its start, its
 * item) rows of @sql, bound to [@from, @to). */
static gboolean
read_failures (Scan        *scan,
               const char  *sql,
               const char  *sites_json,
               gint64       from,
               gint64       to,
               GError     **error)
{
  XjOverviewQuery range = *scan->query;
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = xj_store_prepare (scan->store, sql, error)) == NULL)
    return FALSE;
  range.from = from;
  range.to = to;
  _xj_overview_bind (stmt, &range, sites_json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    _xj_overview_scan_add_failures (scan,
                                    xj_site_merges_resolve (scan->merges,
                                                            sqlite3_column_int64 (stmt, 0)),
                                    (const char *) sqlite3_column_text (stmt, 1),
                                    sqlite3_column_int (stmt, 2), sqlite3_column_int64 (stmt, 3),
                                    sqlite3_column_int64 (stmt, 4),
                                    sqlite3_column_int64 (stmt, 5));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || _xj_overview_read_error (scan->store, rc, error);
}

/* --- whole months --------------------------------------------------------- */

static int
month_number (gint64 t)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (t);

  return g_date_time_get_year (local) * 100 + g_date_time_get_month (local);
}

/* The period (a local month) of a month's sums, computed once per month. */
static gint64
month_period (Scan   *scan,
              GArray *known,
              int     month)
{
  g_autoptr(GDateTime) start = NULL;
  gint64 period[2];

  for (guint i = 0; i < known->len; i += 2)
    if (g_array_index (known, gint64, i) == month)
      return g_array_index (known, gint64, i + 1);
  start = g_date_time_new_local (month / 100, month % 100, 1, 0, 0, 0);
  period[0] = month;
  period[1] = _xj_overview_scan_period_start (scan, g_date_time_to_unix (start));
  g_array_append_vals (known, period, 2);
  return period[1];
}

/* The monthly sums of the months in [@from, @to), local month starts. */
static gboolean
read_totals_months (Scan          *scan,
                    const char    *sites_json,
                    gint64         from,
                    gint64         to,
                    GError       **error)
{
  g_autoptr(GArray) known = g_array_new (FALSE, FALSE, sizeof (gint64));
  XjOverviewQuery range = *scan->query;
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (scan->store,
                           "SELECT month, site_id, n, n_scored, score, failure_index, "
                           CATEGORY_COLUMNS ("cleaning") ", cleaning_n, "
                           CATEGORY_COLUMNS ("greenery") ", greenery_n, "
                           CATEGORY_COLUMNS ("public_order") ", public_order_n, "
                           CATEGORY_COLUMNS ("fire_security") ", fire_security_n, "
                           CATEGORY_COLUMNS ("service") ", service_n "
                           "FROM inspection_totals_months WHERE" MONTHS_WHERE, error);
  if (stmt == NULL)
    return FALSE;
  range.from = month_number (from);
  range.to = month_number (to);
  _xj_overview_bind (stmt, &range, sites_json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 site_id = xj_site_merges_resolve (scan->merges, sqlite3_column_int64 (stmt, 1));
      double totals[2 * XJ_OVERVIEW_N_CATEGORIES];
      guint counts[XJ_OVERVIEW_N_CATEGORIES];

      for (guint c = 0; c < XJ_OVERVIEW_N_CATEGORIES; c++)
        {
          totals[2 * c] = sqlite3_column_double (stmt, 6 + 3 * c);
          totals[2 * c + 1] = sqlite3_column_double (stmt, 7 + 3 * c);
          counts[c] = sqlite3_column_int (stmt, 8 + 3 * c);
        }
      _xj_overview_scan_add_point (scan, site_id,
                                   month_period (scan, known, sqlite3_column_int (stmt, 0)),
                                   sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3),
                                   sqlite3_column_double (stmt, 4),
                                   sqlite3_column_double (stmt, 5));
      _xj_overview_scan_add_categories (scan, site_id, totals, counts);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || _xj_overview_read_error (scan->store, rc, error);
}

/* Whether the monthly sums were added up in this time zone. */
static gboolean
months_usable (Scan      *scan,
               gboolean  *usable,
               GError   **error)
{
  g_autofree char *zone = xj_clock_dup_zone_name ();
  sqlite3_stmt *stmt = xj_store_prepare (scan->store, "SELECT zone FROM overview_zone", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *usable = rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                                           zone) == 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE
         || _xj_overview_read_error (scan->store, rc, error);
}

/**
 * _xj_overview_read_stored:
 *
 * Adds up the stored totals and failures of the checks the query selects:
 * for the whole local months of a period shown by month their monthly
 * sums, for the rest each inspection's.
 */
gboolean
_xj_overview_read_stored (Scan          *scan,
                          const char    *sites_json,
                          GCancellable  *cancellable,
                          GError       **error)
{
  const XjOverviewQuery *query = scan->query;
  gint64 first = xj_overview_period_start (XJ_OVERVIEW_BY_MONTH, query->from);
  gint64 last = xj_overview_period_start (XJ_OVERVIEW_BY_MONTH, query->to);
  gboolean usable = FALSE;

  /* The first whole month starts at or after the period does. */
  if (first < query->from)
    first = xj_overview_period_start (XJ_OVERVIEW_BY_MONTH, first + 32 * 86400);
  if (query->bucket == XJ_OVERVIEW_BY_MONTH && first < last
      && !months_usable (scan, &usable, error))
    return FALSE;
  scan->overview->months_stored = usable;
  if (!usable)
    return read_totals (scan, sites_json, query->from, query->to, cancellable, error)
           && read_failures (scan, FAILURES, sites_json, query->from, query->to, error);
  return read_totals (scan, sites_json, query->from, first, cancellable, error)
         && read_totals_months (scan, sites_json, first, last, error)
         && read_totals (scan, sites_json, last, query->to, cancellable, error)
         && read_failures (scan, FAILURES, sites_json, query->from, first, error)
         && read_failures (scan, FAILURES_MONTHS, sites_json, month_number (first),
                           month_number (last), error)
         && read_failures (scan, FAILURES, sites_json, last, query->to, error);
}
