/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Today on a large database: 200 sites, three schedules each (daily patrol,
 * weekly check Monday 10:30 and Thursday 14:00, monthly check on the last
 * working day; every fifth site random spot checks instead of the monthly
 * check), five years of inspections following them with realistic gaps
 * (missed days, a holiday fortnight each year, late starts).  No ANALYZE:
 * the application does not run it either.  Prints the
 * median of 20 computations of Today and of one month's calendar.
 */
#include "config.h"

#include "xj-clock.h"
#include "xj-schedule.h"
#include "xj-store.h"
#include "xj-test-utils.h"
#include "xj-today.h"

#define N_SITES 200
#define YEARS 5
#define RUNS 20

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
local (GDateTime *day,
       int        minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_time_get_year (day),
                                                   g_date_time_get_month (day),
                                                   g_date_time_get_day_of_month (day),
                                                   minute / 60, minute % 60, 0);
  return g_date_time_to_unix (dt);
}

static void
add_schedule (sqlite3_stmt *stmt,
              gint64        site,
              gint64        template,
              const char   *kind,
              const char   *rule,
              const char   *spec,
              gint64        starts_at)
{
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, site);
  sqlite3_bind_int64 (stmt, 2, template);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, rule, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, spec, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, site * 7919);
  sqlite3_bind_int64 (stmt, 7, starts_at);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static void
add_inspection (sqlite3_stmt *stmt,
                gint64        site,
                gint64        version,
                const char   *kind,
                gint64        started_at,
                gboolean      draft)
{
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, site);
  sqlite3_bind_int64 (stmt, 2, version);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, draft ? "draft" : "signed", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, started_at);
  if (draft)
    {
      sqlite3_bind_null (stmt, 6);
      sqlite3_bind_null (stmt, 7);
    }
  else
    {
      sqlite3_bind_int64 (stmt, 6, started_at + 2400);
      sqlite3_bind_int64 (stmt, 7, started_at + 3000);
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static gboolean
is_last_working_day (GDateTime *day)
{
  GDate date, last;

  g_date_clear (&date, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (day), g_date_time_get_month (day),
                  g_date_time_get_year (day));
  g_date_set_dmy (&last, g_date_get_days_in_month (g_date_get_month (&date), g_date_get_year (&date)),
                  g_date_get_month (&date), g_date_get_year (&date));
  while (g_date_get_weekday (&last) > G_DATE_FRIDAY)
    g_date_subtract_days (&last, 1);
  return g_date_compare (&date, &last) == 0;
}

/* Spot checks follow their own plan, one in ten missed. */
static guint
add_spot_checks (sqlite3_stmt *inspection,
                 GRand        *rand,
                 gint64        site,
                 const char   *spec_json,
                 gint64        from,
                 gint64        to)
{
  g_autoptr(GArray) planned = NULL;
  XjScheduleSpec spec;
  guint n = 0;

  g_assert_true (xj_schedule_spec_parse (XJ_SCHEDULE_RULE_RANDOM, spec_json, &spec, NULL));
  planned = xj_schedule_spec_plan (&spec, site * 7919, from, from, to);
  for (guint i = 0; i < planned->len; i++)
    if (g_rand_int_range (rand, 0, 10) != 0)
      {
        add_inspection (inspection, site, 3, "spot_check",
                        g_array_index (planned, gint64, i) + g_rand_int_range (rand, -1800, 3600),
                        FALSE);
        n++;
      }
  return n;
}

static guint
fill (XjStore   *store,
      GDateTime *first_day,
      GDateTime *now)
{
  sqlite3 *db = xj_store_get_db (store);
  sqlite3_stmt *schedule = NULL, *inspection = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n_inspections = 0;
  gint64 starts_at = local (first_day, 0);
  const char *spot_spec =
    "{\"per\":\"week\",\"count\":2,\"from\":\"09:00\",\"to\":\"17:00\",\"items\":3}";

  exec (db, "BEGIN");
  exec (db, "INSERT INTO templates (uid, created_at) VALUES ('daily', 0), ('weekly', 0), "
            "('monthly', 0);"
            "INSERT INTO template_versions (template_id, version, name, created_at) VALUES "
            "(1, 1, '日常巡视', 0), (2, 1, '周检', 0), (3, 1, '月检', 0), (2, 2, '周检', 0)");
  for (int i = 1; i <= N_SITES; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO sites (name, created_at, updated_at) "
                                              "VALUES ('项目 %03d', 0, 0)", i);
      exec (db, sql);
    }
  sqlite3_prepare_v2 (db, "INSERT INTO schedules (site_id, template_id, kind, rule, spec, seed, "
                          "starts_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)",
                      -1, &schedule, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO inspections (site_id, version_id, kind, state, inspector, "
                          "started_at, completed_at, signed_at, updated_at) "
                          "VALUES (?1, ?2, ?3, ?4, '巡检员', ?5, ?6, ?7, ?5)", -1, &inspection, NULL);
  for (gint64 site = 1; site <= N_SITES; site++)
    {
      add_schedule (schedule, site, 1, "daily", "daily", "{\"from\":\"08:00\",\"to\":\"18:00\"}",
                    starts_at);
      add_schedule (schedule, site, 2, "weekly", "weekly",
                    "{\"slots\":[{\"weekday\":1,\"time\":\"10:30\"},{\"weekday\":4,\"time\":\"14:00\"}]}",
                    starts_at);
      if (site % 5 == 0)
        {
          add_schedule (schedule, site, 3, "spot_check", "random", spot_spec, starts_at);
          n_inspections += add_spot_checks (inspection, rand, site, spot_spec, starts_at,
                                            g_date_time_to_unix (now));
        }
      else
        add_schedule (schedule, site, 3, "monthly", "monthly",
                      "{\"day\":\"last_working_day\",\"time\":\"09:00\"}", starts_at);
    }

  for (g_autoptr(GDateTime) day = g_date_time_ref (first_day);
       g_date_time_compare (day, now) < 0;)
    {
      int weekday = g_date_time_get_day_of_week (day);
      int day_of_year = g_date_time_get_day_of_year (day);
      gboolean holiday = day_of_year >= 40 && day_of_year < 54;  /* Spring Festival */
      GDateTime *next;

      for (gint64 site = 1; site <= N_SITES && !holiday; site++)
        {
          /* Patrols: about one day in twenty missed, some late. */
          if (g_rand_int_range (rand, 0, 20) != 0)
            {
              add_inspection (inspection, site, 1, "daily",
                              local (day, g_rand_int_range (rand, 7 * 60, 20 * 60)), FALSE);
              n_inspections++;
            }
          if ((weekday == 1 || weekday == 4) && g_rand_int_range (rand, 0, 10) != 0)
            {
              add_inspection (inspection, site, g_date_time_get_year (day) > 2023 ? 4 : 2, "weekly",
                              local (day, weekday == 1 ? 10 * 60 + 30 : 14 * 60)
                                + g_rand_int_range (rand, -3600, 6 * 3600), FALSE);
              n_inspections++;
            }
          if (is_last_working_day (day) && site % 5 != 0 && g_rand_int_range (rand, 0, 12) != 0)
            {
              add_inspection (inspection, site, 3, "monthly",
                              local (day, 9 * 60) + g_rand_int_range (rand, 0, 30 * 3600), FALSE);
              n_inspections++;
            }
        }
      next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
  /* A few drafts left open. */
  for (gint64 site = 1; site <= N_SITES; site += 20)
    add_inspection (inspection, site, 2, "weekly", g_date_time_to_unix (now) - 3 * 3600, TRUE);
  sqlite3_finalize (schedule);
  sqlite3_finalize (inspection);
  exec (db, "COMMIT");
  return n_inspections;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 12, 9, 30, 0);
  g_autoptr(GDateTime) first_day = g_date_time_add_years (now, -YEARS);
  g_autoptr(GDateTime) first_midnight = NULL;
  double today_ms[RUNS], calendar_ms[RUNS];
  guint n_inspections, n_overdue = 0, n_due = 0, n_drafts = 0, n_calendar = 0;

  xj_test_init (&argc, &argv);
  xj_clock_set_fixed (g_date_time_to_unix (now));
  first_midnight = g_date_time_new_local (g_date_time_get_year (first_day),
                                          g_date_time_get_month (first_day),
                                          g_date_time_get_day_of_month (first_day), 0, 0, 0);
  dir = xj_test_make_data_dir ();
  store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  n_inspections = fill (store, first_midnight, now);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(XjToday) today = NULL;
      g_autoptr(GArray) month = NULL;
      gint64 start = g_get_monotonic_time ();

      g_assert_true (xj_today_compute (store, g_date_time_to_unix (now), &today, &error));
      today_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      month = xj_schedule_calendar_month (store, 2026, 3, 0, &error);
      g_assert_nonnull (month);
      calendar_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
      n_overdue = today->overdue->len;
      n_due = today->due->len;
      n_drafts = today->drafts->len;
      n_calendar = month->len;
    }
  qsort (today_ms, RUNS, sizeof (double), compare_doubles);
  qsort (calendar_ms, RUNS, sizeof (double), compare_doubles);

  g_print ("# %d sites, %d schedules, %u inspections over %d years\n",
           N_SITES, N_SITES * 3, n_inspections, YEARS);
  g_print ("# Today: %u overdue, %u due, %u drafts; median %.1f ms (min %.1f, max %.1f) of %d\n",
           n_overdue, n_due, n_drafts, (today_ms[RUNS / 2 - 1] + today_ms[RUNS / 2]) / 2,
           today_ms[0], today_ms[RUNS - 1], RUNS);
  g_print ("# Calendar (one month, all sites): %u occurrences; median %.1f ms\n",
           n_calendar, (calendar_ms[RUNS / 2 - 1] + calendar_ms[RUNS / 2]) / 2);
  g_print ("1..1\nok 1 bench-today\n");

  g_clear_object (&store);
  xj_test_remove_tree (dir);
  return 0;
}
