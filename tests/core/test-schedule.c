/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schedules with a fixed clock, in TZ=Asia/Shanghai (set by meson).  Rows
 * the schedules depend on (sites, templates, inspections) are made with SQL.
 */
#include "config.h"

#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-schedule.h"
#include "xj-demo.h"
#include "xj-store.h"
#include "xj-test-utils.h"
#include "xj-today.h"

typedef struct
{
  char    *dir;
  XjStore *store;
  gint64   site_id;
  gint64   other_site_id;
  gint64   template_id;
  gint64   version_id;
  guint    changes;
} Fixture;

static gint64
local (int y, int m, int d, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static gint64
exec_insert (Fixture    *f,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (xj_store_get_db (f->store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  return sqlite3_last_insert_rowid (xj_store_get_db (f->store));
}

static void
on_changed_cb (XjStore    *store,
               const char *table,
               Fixture    *f)
{
  f->changes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  xj_clock_set_fixed (local (2026, 1, 1, 8, 0));
  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "changed::schedules", G_CALLBACK (on_changed_cb), f);
  f->site_id = exec_insert (f, "INSERT INTO sites (name, created_at, updated_at) "
                               "VALUES ('翠湖花园', 0, 0)");
  f->other_site_id = exec_insert (f, "INSERT INTO sites (name, created_at, updated_at) "
                                     "VALUES ('滨江壹号', 0, 0)");
  f->template_id = exec_insert (f, "INSERT INTO templates (uid, created_at) VALUES ('weekly', 0)");
  exec_insert (f, "INSERT INTO template_versions (template_id, version, name, created_at) "
                  "VALUES (1, 1, '周检表', 0)");
  f->version_id = exec_insert (f, "INSERT INTO template_versions (template_id, version, name, "
                                  "created_at) VALUES (1, 2, '周检表（第二版）', 0)");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
  xj_clock_unset_fixed ();
}

/* An inspection of the fixture's template (version 1, “any version”). */
static gint64
add_inspection (Fixture    *f,
                gint64      site_id,
                const char *kind,
                gint64      started_at,
                gint64      schedule_id,
                gint64      occurrence_at)
{
  g_autofree char *sql = NULL;
  g_autofree char *link = NULL;

  link = schedule_id != 0 ? g_strdup_printf ("%lld, %lld", (long long) schedule_id,
                                             (long long) occurrence_at)
                          : g_strdup ("NULL, NULL");
  sql = g_strdup_printf ("INSERT INTO inspections (site_id, version_id, kind, state, inspector, "
                         "schedule_id, occurrence_at, started_at, completed_at, updated_at) "
                         "VALUES (%lld, 1, '%s', 'completed', '王芳', %s, %lld, %lld, %lld)",
                         (long long) site_id, kind, link, (long long) started_at,
                         (long long) started_at + 3600, (long long) started_at);
  return exec_insert (f, sql);
}

static XjSchedule *
make_schedule (Fixture    *f,
               const char *rule_name,
               const char *json,
               const char *kind,
               gint64      starts_at)
{
  g_autoptr(GError) error = NULL;
  XjScheduleSpec spec;
  XjScheduleRule rule;
  XjSchedule *schedule;

  g_assert_true (xj_schedule_rule_from_string (rule_name, &rule));
  g_assert_true (xj_schedule_spec_parse (rule, json, &spec, &error));
  g_assert_no_error (error);
  schedule = xj_schedule_new (f->site_id, f->template_id, kind, &spec, starts_at);
  xj_schedule_set_seed (schedule, 42);
  g_assert_true (xj_store_save_schedule (f->store, schedule, "王芳", &error));
  g_assert_no_error (error);
  return schedule;
}

static GArray *
occurrences (Fixture    *f,
             XjSchedule *schedule,
             gint64      from,
             gint64      to)
{
  g_autoptr(GError) error = NULL;
  GArray *array = xj_schedule_occurrences (f->store, schedule, from, to, &error);

  g_assert_no_error (error);
  g_assert_nonnull (array);
  return array;
}

#define OCC(array, i) (&g_array_index ((array), XjOccurrence, (i)))
#define ROW(array, i) (&g_array_index ((array), XjTodayItem, (i)))

static void
assert_plan (XjSchedule    *schedule,
             gint64         from,
             gint64         to,
             const gint64  *expected,
             guint          n_expected)
{
  g_autoptr(GArray) ats = xj_schedule_plan (schedule, from, to);

  g_assert_cmpuint (ats->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ats, gint64, i), ==, expected[i]);
}

/* --- rules ---------------------------------------------------------------- */

static void
test_daily (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(XjSchedule) s = make_schedule (f, "daily", "{\"from\": \"08:00\", \"to\": \"18:00\"}",
                                           "daily", local (2026, 1, 5, 0, 0));
  g_autoptr(GArray) o = NULL;

  add_inspection (f, f->site_id, "daily", local (2026, 1, 5, 9, 10), 0, 0);
  /* After the window but the same day: done, late. */
  add_inspection (f, f->site_id, "daily", local (2026, 1, 6, 20, 0), 0, 0);
  /* Another kind of inspection does not do the patrol. */
  add_inspection (f, f->site_id, "weekly", local (2026, 1, 7, 9, 0), 0, 0);
  xj_clock_set_fixed (local (2026, 1, 8, 12, 0));

  o = occurrences (f, s, local (2026, 1, 4, 0, 0), local (2026, 1, 10, 0, 0));
  g_assert_cmpuint (o->len, ==, 5);
  g_assert_cmpint (OCC (o, 0)->at, ==, local (2026, 1, 5, 8, 0));
  g_assert_cmpint (OCC (o, 0)->opens, ==, local (2026, 1, 5, 0, 0));
  g_assert_cmpint (OCC (o, 0)->due, ==, local (2026, 1, 5, 18, 0));
  g_assert_cmpint (OCC (o, 0)->closes, ==, local (2026, 1, 6, 0, 0));
  g_assert_cmpint (OCC (o, 0)->status, ==, XJ_OCCURRENCE_DONE);
  g_assert_false (OCC (o, 0)->late);
  g_assert_cmpint (OCC (o, 1)->status, ==, XJ_OCCURRENCE_DONE);
  g_assert_true (OCC (o, 1)->late);
  g_assert_cmpint (OCC (o, 2)->status, ==, XJ_OCCURRENCE_OVERDUE);
  g_assert_cmpint (OCC (o, 3)->status, ==, XJ_OCCURRENCE_DUE);
  g_assert_cmpint (OCC (o, 4)->status, ==, XJ_OCCURRENCE_UPCOMING);
  g_assert_cmpstr (OCC (o, 3)->site_name, ==, "翠湖花园");
  g_assert_cmpstr (OCC (o, 3)->template_name, ==, "周检表（第二版）");
  g_assert_cmpint (OCC (o, 3)->version_id, ==, f->version_id);
  g_assert_cmpstr (xj_occurrence_status_to_string (OCC (o, 2)->status), ==, "overdue");
}

static void
test_weekly_late_start (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(XjSchedule) s = make_schedule (f, "weekly",
                                           "{\"slots\": [{\"weekday\": 1, \"time\": \"10:30\"},"
                                           " {\"weekday\": 4, \"time\": \"14:00\"}]}",
                                           "weekly", local (2026, 1, 1, 0, 0));
  const gint64 expected[] = {
    local (2026, 1, 1, 14, 0), local (2026, 1, 5, 10, 30), local (2026, 1, 8, 14, 0),
    local (2026, 1, 12, 10, 30), local (2026, 1, 15, 14, 0),
  };
  g_autoptr(GArray) o = NULL;
  gint64 late, thursday;

  assert_plan (s, local (2025, 12, 1, 0, 0), local (2026, 1, 16, 0, 0), expected,
               G_N_ELEMENTS (expected));

  /* Monday's check started on Wednesday, before Thursday's window opens. */
  late = add_inspection (f, f->site_id, "weekly", local (2026, 1, 7, 9, 0), 0, 0);
  thursday = add_inspection (f, f->site_id, "weekly", local (2026, 1, 8, 15, 0), 0, 0);
  /* Monday 12th missed; Thursday 15th done the same morning: that one
   * inspection counts once, for Thursday. */
  add_inspection (f, f->site_id, "weekly", local (2026, 1, 15, 9, 0), 0, 0);
  xj_clock_set_fixed (local (2026, 1, 16, 9, 0));

  o = occurrences (f, s, local (2026, 1, 5, 0, 0), local (2026, 1, 16, 0, 0));
  g_assert_cmpuint (o->len, ==, 4);
  g_assert_cmpint (OCC (o, 0)->closes, ==, local (2026, 1, 8, 0, 0));
  g_assert_cmpint (OCC (o, 0)->due, ==, local (2026, 1, 6, 0, 0));
  g_assert_cmpint (OCC (o, 0)->status, ==, XJ_OCCURRENCE_DONE);
  g_assert_cmpint (OCC (o, 0)->inspection_id, ==, late);
  g_assert_true (OCC (o, 0)->late);
  g_assert_cmpint (OCC (o, 1)->inspection_id, ==, thursday);
  g_assert_false (OCC (o, 1)->late);
  g_assert_cmpint (OCC (o, 2)->status, ==, XJ_OCCURRENCE_OVERDUE);
  g_assert_cmpint (OCC (o, 3)->status, ==, XJ_OCCURRENCE_DONE);
}

static void
test_one_inspection_counts_once (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(XjSchedule) s = make_schedule (f, "weekly",
                                           "{\"slots\": [{\"weekday\": 1, \"time\": \"10:30\"},"
                                           " {\"weekday\": 1, \"time\": \"16:00\"}]}",
                                           "weekly", local (2026, 1, 1, 0, 0));
  g_autoptr(GArray) o = NULL;

  add_inspection (f, f->site_id, "weekly", local (2026, 1, 5, 11, 0), 0, 0);
  /* Another site's inspection does not count. */
  add_inspection (f, f->other_site_id, "weekly", local (2026, 1, 5, 16, 30), 0, 0);
  xj_clock_set_fixed (local (2026, 1, 6, 9, 0));

  o = occurrences (f, s, local (2026, 1, 5, 0, 0), local (2026, 1, 6, 0, 0));
  g_assert_cmpuint (o->len, ==, 2);
  g_assert_cmpint (OCC (o, 0)->status, ==, XJ_OCCURRENCE_DONE);
  g_assert_cmpint (OCC (o, 1)->status, ==, XJ_OCCURRENCE_OVERDUE);
}

static void
test_linked_inspection (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(XjSchedule) s = make_schedule (f, "weekly",
                                           "{\"slots\": [{\"weekday\": 1, \"time\": \"10:30\"},"
                                           " {\"weekday\": 4, \"time\": \"14:00\"}]}",
                                           "weekly", local (2026, 1, 1, 0, 0));
  g_autoptr(GArray) o = NULL;
  gint64 monday = local (2026, 1, 5, 10, 30);
  gint64 id;

  /* Started from Monday's overdue item on Friday: counts for Monday, and
   * not for Thursday, although Thursday's window is open. */
  id = add_inspection (f, f->site_id, "weekly", local (2026, 1, 9, 9, 0),
                       xj_schedule_get_id (s), monday);
  xj_clock_set_fixed (local (2026, 1, 9, 12, 0));
  o = occurrences (f, s, local (2026, 1, 5, 0, 0), local (2026, 1, 9, 0, 0));
  g_assert_cmpuint (o->len, ==, 2);
  g_assert_cmpint (OCC (o, 0)->inspection_id, ==, id);
  g_assert_true (OCC (o, 0)->late);
  g_assert_cmpint (OCC (o, 1)->status, ==, XJ_OCCURRENCE_OVERDUE);
}

static void
test_monthly_month_ends (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(XjSchedule) s = make_schedule (f, "monthly", "{\"day\": 31, \"time\": \"09:00\"}",
                                           "monthly", local (2026, 1, 1, 0, 0));
  const gint64 expected[] = {
    local (2026, 1, 31, 9, 0), local (2026, 2, 28, 9, 0), local (2026, 3, 31, 9, 0),
    local (2026, 4, 30, 9, 0), local (2026, 5, 31, 9, 0), local (2026, 6, 30, 9, 0),
  };
  const gint64 leap[] = { local (2028, 1, 31, 9, 0), local (2028, 2, 29, 9, 0) };
  g_autoptr(XjSchedule) thirtieth = make_schedule (f, "monthly", "{\"day\": 30, \"time\": \"09:00\"}",
                                                   "monthly", local (2026, 1, 1, 0, 0));
  const gint64 leap30[] = { local (2028, 2, 29, 9, 0), local (2028, 3, 30, 9, 0) };
  const gint64 feb2027[] = { local (2027, 2, 28, 9, 0) };

  assert_plan (s, local (2026, 1, 1, 0, 0), local (2026, 7, 1, 0, 0), expected,
               G_N_ELEMENTS (expected));
  assert_plan (s, local (2028, 1, 1, 0, 0), local (2028, 3, 1, 0, 0), leap, G_N_ELEMENTS (leap));
  assert_plan (thirtieth, local (2028, 2, 1, 0, 0), local (2028, 4, 1, 0, 0), leap30,
               G_N_ELEMENTS (leap30));
  assert_plan (thirtieth, local (2027, 2, 1, 0, 0), local (2027, 3, 1, 0, 0), feb2027,
               G_N_ELEMENTS (feb2027));
}

static void
test_monthly_last_working_day (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(XjSchedule) s = make_schedule (f, "monthly",
                                           "{\"day\": \"last_working_day\", \"time\": \"15:00\"}",
                                           "monthly", local (2026, 1, 1, 0, 0));
  /* January and February 2026 and May 2026 end on a weekend. */
  const gint64 expected[] = {
    local (2026, 1, 30, 15, 0), local (2026, 2, 27, 15, 0), local (2026, 3, 31, 15, 0),
    local (2026, 4, 30, 15, 0), local (2026, 5, 29, 15, 0),
  };
  g_autofree char *description = xj_schedule_dup_description (s);

  assert_plan (s, local (2026, 1, 1, 0, 0), local (2026, 6, 1, 0, 0), expected,
               G_N_ELEMENTS (expected));
  g_assert_cmpstr (description, ==, "Monthly, on the last working day at 15:00");
}

static void
test_every_n_weeks (Fixture       *f,
                    gconstpointer  data)
{
  /* From Thursday 8 January: the first Wednesday is the 14th. */
  g_autoptr(XjSchedule) two = make_schedule (f, "every_n_weeks",
                                             "{\"weeks\": 2, \"weekday\": 3, \"time\": \"09:30\"}",
                                             "weekly", local (2026, 1, 8, 12, 0));
  const gint64 expected_two[] = {
    local (2026, 1, 14, 9, 30), local (2026, 1, 28, 9, 30), local (2026, 2, 11, 9, 30),
  };
  /* Starting on the weekday itself, after the time: three weeks later. */
  g_autoptr(XjSchedule) three = make_schedule (f, "every_n_weeks",
                                               "{\"weeks\": 3, \"weekday\": 3, \"time\": \"09:30\"}",
                                               "weekly", local (2026, 1, 7, 10, 0));
  const gint64 expected_three[] = { local (2026, 1, 28, 9, 30), local (2026, 2, 18, 9, 30) };

  assert_plan (two, local (2026, 1, 1, 0, 0), local (2026, 2, 20, 0, 0), expected_two,
               G_N_ELEMENTS (expected_two));
  /* The anchor does not depend on the range asked for. */
  assert_plan (two, local (2026, 1, 27, 0, 0), local (2026, 2, 12, 0, 0), expected_two + 1, 2);
  assert_plan (three, local (2026, 1, 1, 0, 0), local (2026, 2, 20, 0, 0), expected_three,
               G_N_ELEMENTS (expected_three));
}

static void
check_random_periods (XjSchedule *s,
                      gboolean    monthly,
                      guint       count)
{
  g_autoptr(GArray) all = NULL;
  gint64 from = monthly ? local (2026, 1, 1, 0, 0) : local (2026, 1, 5, 0, 0);
  gint64 to = monthly ? local (2026, 7, 1, 0, 0) : local (2026, 6, 29, 0, 0);
  GHashTable *per_period = g_hash_table_new (NULL, NULL);

  all = xj_schedule_plan (s, from, to);
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (g_array_index (all, gint64, i));
      int minute = g_date_time_get_hour (dt) * 60 + g_date_time_get_minute (dt);
      gpointer key = GINT_TO_POINTER (monthly ? g_date_time_get_month (dt)
                                              : g_date_time_get_week_of_year (dt));

      g_assert_cmpint (g_date_time_get_day_of_week (dt), <=, 5);
      g_assert_cmpint (minute, >=, 9 * 60);
      g_assert_cmpint (minute, <, 17 * 60);
      g_hash_table_insert (per_period, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (per_period, key)) + 1));
    }
  g_assert_cmpuint (g_hash_table_size (per_period), ==, monthly ? 6 : 25);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, per_period);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, count);
  }
  g_hash_table_unref (per_period);

  /* A sub-range gives the same draws as the whole. */
  {
    g_autoptr(GArray) part = xj_schedule_plan (s, local (2026, 2, 10, 0, 0), local (2026, 3, 20, 0, 0));
    guint j = 0;

    g_assert_cmpuint (part->len, >, 0);
    for (guint i = 0; i < all->len && j < part->len; i++)
      if (g_array_index (all, gint64, i) == g_array_index (part, gint64, j))
        j++;
    g_assert_cmpuint (j, ==, part->len);
  }
}

static void
test_random (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(XjSchedule) weekly = make_schedule (f, "random",
                                                "{\"per\": \"week\", \"count\": 3, \"from\": \"09:00\","
                                                " \"to\": \"17:00\", \"items\": 3}",
                                                "spot_check", local (2026, 1, 1, 0, 0));
  g_autoptr(XjSchedule) monthly = make_schedule (f, "random",
                                                 "{\"per\": \"month\", \"count\": 4, \"from\": \"09:00\","
                                                 " \"to\": \"17:00\", \"weekdays\": [1, 2, 3, 4, 5]}",
                                                 "spot_check", local (2026, 1, 1, 0, 0));
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) again = NULL;
  g_autoptr(GArray) other = NULL;
  guint64 state = 0;

  /* splitmix64's published first output for state 0: our generator is ours. */
  g_assert_cmphex (xj_schedule_random_next (&state), ==, G_GUINT64_CONSTANT (0xE220A8397B1DCDAF));

  check_random_periods (weekly, FALSE, 3);
  check_random_periods (monthly, TRUE, 4);

  first = xj_schedule_plan (weekly, local (2026, 1, 5, 0, 0), local (2026, 1, 12, 0, 0));
  again = xj_schedule_plan (weekly, local (2026, 1, 5, 0, 0), local (2026, 1, 12, 0, 0));
  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpmem (first->data, first->len * sizeof (gint64), again->data, again->len * sizeof (gint64));
  /* Pinned: the same seed gives these times on every machine and release. */
  g_assert_cmpint (g_array_index (first, gint64, 0), ==, local (2026, 1, 5, 14, 1));
  g_assert_cmpint (g_array_index (first, gint64, 2), ==, local (2026, 1, 8, 9, 48));

  xj_schedule_set_seed (weekly, 43);
  other = xj_schedule_plan (weekly, local (2026, 1, 5, 0, 0), local (2026, 3, 2, 0, 0));
  xj_schedule_set_seed (weekly, 42);
  {
    g_autoptr(GArray) same_range = xj_schedule_plan (weekly, local (2026, 1, 5, 0, 0),
                                                     local (2026, 3, 2, 0, 0));

    g_assert_cmpuint (other->len, ==, same_range->len);
    g_assert_true (memcmp (other->data, same_range->data, other->len * sizeof (gint64)) != 0);
  }
}

static void
test_sample_items (Fixture       *f,
                   gconstpointer  data)
{
  const char *const keys[] = { "door-1", "door-2", "door-3", "door-4", "door-5", "door-6",
                               "door-7", "door-8", "door-9", "door-10", NULL };
  g_auto(GStrv) a = xj_schedule_sample_items (42, local (2026, 1, 6, 10, 0), keys, 3);
  g_auto(GStrv) b = xj_schedule_sample_items (42, local (2026, 1, 6, 10, 0), keys, 3);
  g_auto(GStrv) all = xj_schedule_sample_items (42, local (2026, 1, 6, 10, 0), keys, 0);
  gboolean differs = FALSE;

  g_assert_cmpuint (g_strv_length (a), ==, 3);
  g_assert_true (g_strv_equal ((const char * const *) a, (const char * const *) b));
  g_assert_cmpuint (g_strv_length (all), ==, 10);
  /* In template order. */
  for (guint i = 1; i < 3; i++)
    g_assert_cmpint (atoi (a[i - 1] + 5), <, atoi (a[i] + 5));
  for (guint day = 7; day < 14 && !differs; day++)
    {
      g_auto(GStrv) c = xj_schedule_sample_items (42, local (2026, 1, day, 10, 0), keys, 3);

      differs = !g_strv_equal ((const char * const *) a, (const char * const *) c);
    }
  g_assert_true (differs);
}

/* --- specs ---------------------------------------------------------------- */

static void
test_bad_specs (void)
{
  const struct {
    const char *rule;
    const char *json;
    int         code;
    const char *words;
  } cases[] = {
    { "weekly", "{\"slots\": [{\"weekday\": 8, \"time\": \"10:30\"}]}",
      XJ_SCHEDULE_ERROR_BAD_WEEKDAY, "8 is not a weekday" },
    { "weekly", "{\"slots\": [{\"weekday\": 1, \"time\": \"25:00\"}]}",
      XJ_SCHEDULE_ERROR_BAD_TIME, "“25:00” is not a time of day" },
    { "weekly", "{\"slots\": [{\"weekday\": 1, \"time\": \"10.30\"}]}",
      XJ_SCHEDULE_ERROR_BAD_TIME, "“10.30”" },
    { "weekly", "{\"slots\": []}", XJ_SCHEDULE_ERROR_BAD_COUNT, "1 to 14 weekdays" },
    { "weekly", "{\"slots\": [{\"weekday\": 1, \"time\": \"10:30\"},"
                " {\"weekday\": 1, \"time\": \"10:30\"}]}",
      XJ_SCHEDULE_ERROR_BAD_WEEKDAY, "Monday 10:30 is listed twice" },
    { "daily", "{\"from\": \"18:00\", \"to\": \"08:00\"}", XJ_SCHEDULE_ERROR_BAD_TIME,
      "18:00–08:00 must end after it starts" },
    { "monthly", "{\"day\": 32}", XJ_SCHEDULE_ERROR_BAD_DAY, "1 to 31" },
    { "monthly", "{\"day\": 0}", XJ_SCHEDULE_ERROR_BAD_DAY, "not 0" },
    { "monthly", "{\"day\": \"last\"}", XJ_SCHEDULE_ERROR_BAD_DAY, "last_working_day" },
    { "every_n_weeks", "{\"weeks\": 0, \"weekday\": 1}", XJ_SCHEDULE_ERROR_BAD_COUNT,
      "N from 1 to 52, not 0" },
    { "every_n_weeks", "{\"weeks\": 2, \"weekday\": 0}", XJ_SCHEDULE_ERROR_BAD_WEEKDAY,
      "0 is not a weekday" },
    { "random", "{\"count\": 0}", XJ_SCHEDULE_ERROR_BAD_COUNT, "must be 1 to 31, not 0" },
    { "random", "{\"count\": 2, \"weekdays\": []}", XJ_SCHEDULE_ERROR_BAD_WEEKDAY,
      "at least one weekday" },
    { "random", "{\"per\": \"year\"}", XJ_SCHEDULE_ERROR_BAD_SPEC, "per “week” or per “month”" },
    { "daily", "{\"form\": \"08:00\"}", XJ_SCHEDULE_ERROR_BAD_SPEC, "no setting “form”" },
    { "daily", "[1, 2]", XJ_SCHEDULE_ERROR_BAD_SPEC, "not a JSON object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      XjScheduleSpec spec;
      XjScheduleRule rule;

      g_assert_true (xj_schedule_rule_from_string (cases[i].rule, &rule));
      g_assert_false (xj_schedule_spec_parse (rule, cases[i].json, &spec, &error));
      g_assert_error (error, XJ_SCHEDULE_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].words) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].words);
    }
}

static void
test_spec_round_trip (void)
{
  const char *const rule_names[] = { "daily", "weekly", "monthly", "every_n_weeks", "random" };
  const char *const jsons[] = {
    "{\"from\":\"07:30\",\"to\":\"24:00\"}",
    "{\"slots\":[{\"weekday\":1,\"time\":\"10:30\"},{\"weekday\":4,\"time\":\"14:00\"}]}",
    "{\"day\":\"last_working_day\",\"time\":\"09:00\"}",
    "{\"weeks\":2,\"weekday\":3,\"time\":\"09:30\"}",
    "{\"per\":\"month\",\"count\":4,\"from\":\"09:00\",\"to\":\"17:00\",\"weekdays\":[1,2,3,4,5,6],\"items\":3}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (jsons); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      XjScheduleSpec spec;
      XjScheduleRule rule;

      g_assert_true (xj_schedule_rule_from_string (rule_names[i], &rule));
      g_assert_true (xj_schedule_spec_parse (rule, jsons[i], &spec, &error));
      g_assert_no_error (error);
      out = xj_schedule_spec_to_json (&spec);
      g_assert_cmpstr (out, ==, jsons[i]);
    }
}

/* --- store ---------------------------------------------------------------- */

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (xj_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_crud (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(XjSchedule) s = make_schedule (f, "daily", "{}", "daily", local (2026, 1, 1, 0, 0));
  g_autoptr(XjSchedule) read = NULL;
  g_autoptr(XjSchedule) bad = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  XjScheduleSpec spec;

  g_assert_cmpint (xj_schedule_get_id (s), >, 0);
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE entity = 'schedule' "
                                  "AND action = 'create'"), ==, 1);

  g_assert_true (xj_schedule_spec_parse (XJ_SCHEDULE_RULE_WEEKLY,
                                         "{\"slots\": [{\"weekday\": 1, \"time\": \"10:30\"}]}",
                                         &spec, &error));
  xj_schedule_set_spec (s, &spec);
  xj_schedule_set_kind (s, "weekly");
  g_assert_true (xj_store_save_schedule (f->store, s, "王芳", &error));
  g_assert_no_error (error);

  read = xj_store_get_schedule (f->store, xj_schedule_get_id (s), &error);
  g_assert_no_error (error);
  g_assert_cmpint (xj_schedule_get_spec (read)->rule, ==, XJ_SCHEDULE_RULE_WEEKLY);
  g_assert_cmpstr (xj_schedule_get_kind (read), ==, "weekly");
  g_assert_cmpint (xj_schedule_get_seed (read), ==, 42);
  g_assert_cmpstr (xj_schedule_get_site_name (read), ==, "翠湖花园");

  g_assert_true (xj_store_set_schedule_paused (f->store, xj_schedule_get_id (s), TRUE, "王芳", &error));
  /* Pausing twice records nothing more. */
  g_assert_true (xj_store_set_schedule_paused (f->store, xj_schedule_get_id (s), TRUE, "王芳", &error));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE action = 'pause'"), ==, 1);
  list = xj_store_list_schedules (f->store, f->site_id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (xj_schedule_get_paused (list->pdata[0]));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = xj_store_list_schedules (f->store, f->other_site_id, &error);
  g_assert_cmpuint (list->len, ==, 0);

  bad = xj_schedule_new (f->site_id, 999, "weekly", &spec, 0);
  g_assert_false (xj_store_save_schedule (f->store, bad, "王芳", &error));
  g_assert_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  xj_schedule_set_template_id (bad, f->template_id);
  xj_schedule_set_kind (bad, "yearly");
  g_assert_false (xj_store_save_schedule (f->store, bad, "王芳", &error));
  g_assert_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_KIND);
  g_clear_error (&error);

  g_assert_true (xj_store_delete_schedule (f->store, xj_schedule_get_id (s), "王芳", &error));
  g_assert_no_error (error);
  g_assert_false (xj_store_delete_schedule (f->store, xj_schedule_get_id (s), "王芳", &error));
  g_assert_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_NOT_FOUND);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM schedules"), ==, 0);
}

static void
test_skip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(XjSchedule) s = make_schedule (f, "weekly",
                                           "{\"slots\": [{\"weekday\": 1, \"time\": \"10:30\"},"
                                           " {\"weekday\": 4, \"time\": \"14:00\"}]}",
                                           "weekly", local (2026, 1, 1, 0, 0));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) o = NULL;
  gint64 id = xj_schedule_get_id (s);
  gint64 monday = local (2026, 1, 12, 10, 30);

  g_assert_false (xj_schedule_skip (f->store, id, monday, "   ", "王芳", &error));
  g_assert_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_REASON_EMPTY);
  g_clear_error (&error);
  g_assert_false (xj_schedule_skip (f->store, id, monday + 60, "春节", "王芳", &error));
  g_assert_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_NO_OCCURRENCE);
  g_clear_error (&error);
  g_assert_true (xj_schedule_skip (f->store, id, monday, "  物业停电检修  ", "王芳", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE action = 'skip'"), ==, 1);

  /* The week of the skip: Monday skipped, Thursday still owed. */
  xj_clock_set_fixed (local (2026, 1, 16, 9, 0));
  o = occurrences (f, s, local (2026, 1, 12, 0, 0), local (2026, 1, 19, 0, 0));
  g_assert_cmpuint (o->len, ==, 2);
  g_assert_cmpint (OCC (o, 0)->status, ==, XJ_OCCURRENCE_SKIPPED);
  g_assert_cmpstr (OCC (o, 0)->skip_reason, ==, "物业停电检修");
  g_assert_cmpint (OCC (o, 1)->status, ==, XJ_OCCURRENCE_OVERDUE);
}

static void
test_pause_not_owed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(XjSchedule) s = make_schedule (f, "daily", "{}", "daily", local (2026, 1, 1, 0, 0));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) o = NULL;
  gint64 id = xj_schedule_get_id (s);

  xj_clock_set_fixed (local (2026, 1, 10, 12, 0));
  g_assert_true (xj_store_set_schedule_paused (f->store, id, TRUE, "王芳", &error));
  xj_clock_set_fixed (local (2026, 1, 20, 12, 0));
  g_assert_true (xj_store_set_schedule_paused (f->store, id, FALSE, "王芳", &error));
  g_clear_object (&s);
  s = xj_store_get_schedule (f->store, id, &error);

  /* 1–10 January and 20–21 January are owed; the paused days are not. */
  o = occurrences (f, s, local (2026, 1, 1, 0, 0), local (2026, 1, 22, 0, 0));
  g_assert_cmpuint (o->len, ==, 10 + 1);
  g_assert_cmpint (OCC (o, 9)->at, ==, local (2026, 1, 10, 8, 0));
  g_assert_cmpint (OCC (o, 10)->at, ==, local (2026, 1, 21, 8, 0));
}

static void
test_today (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(XjSchedule) daily = make_schedule (f, "daily", "{}", "daily", local (2025, 12, 1, 0, 0));
  g_autoptr(XjSchedule) weekly = make_schedule (f, "weekly",
                                                "{\"slots\": [{\"weekday\": 1, \"time\": \"10:30\"},"
                                                " {\"weekday\": 4, \"time\": \"14:00\"}]}",
                                                "weekly", local (2025, 12, 1, 0, 0));
  g_autoptr(XjSchedule) paused = make_schedule (f, "daily", "{}", "mystery_visit",
                                                local (2025, 12, 1, 0, 0));
  g_autoptr(XjToday) today = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = local (2026, 1, 15, 9, 0);  /* a Thursday */
  gint64 draft;

  g_assert_true (daily != NULL && weekly != NULL && paused != NULL);

  g_assert_true (xj_store_set_schedule_paused (f->store, xj_schedule_get_id (paused), TRUE,
                                               "王芳", &error));
  /* Patrols done every day but the 13th; weekly checks done but on the 8th. */
  for (int day = 1; day < 15; day++)
    if (day != 13)
      add_inspection (f, f->site_id, "daily", local (2026, 1, day, 9, 0), 0, 0);
  add_inspection (f, f->site_id, "weekly", local (2026, 1, 1, 15, 0), 0, 0);
  add_inspection (f, f->site_id, "weekly", local (2026, 1, 5, 11, 0), 0, 0);
  add_inspection (f, f->site_id, "weekly", local (2026, 1, 12, 10, 40), 0, 0);
  /* Missed long ago: outside the look-back, not on Today. */
  add_inspection (f, f->site_id, "weekly", local (2025, 12, 22, 10, 40), 0, 0);
  draft = exec_insert (f, "INSERT INTO inspections (site_id, version_id, kind, inspector, "
                          "started_at, updated_at) VALUES (2, 2, 'spot_check', '王芳', 1, 1)");

  g_assert_true (xj_today_compute (f->store, now, &today, &error));
  g_assert_no_error (error);
  /* The patrol of the 13th (within 7 days) and Thursday 8th's weekly check
   * (within 14 days) were missed, not December's, outside the look-back;
   * each is told on its checklist's row due today, one row per checklist
   * and kind. */
  g_assert_cmpuint (today->overdue->len, ==, 0);
  g_assert_cmpuint (today->due->len, ==, 2);
  g_assert_cmpint (ROW (today->due, 0)->occurrence.at, ==, local (2026, 1, 15, 8, 0));
  g_assert_cmpstr (ROW (today->due, 0)->occurrence.kind, ==, "daily");
  g_assert_cmpint (ROW (today->due, 0)->occurrence.site_id, ==, f->site_id);
  g_assert_cmpint (ROW (today->due, 0)->occurrence.template_id, ==, f->template_id);
  g_assert_cmpint (ROW (today->due, 0)->occurrence.version_id, ==, f->version_id);
  g_assert_cmpuint (ROW (today->due, 0)->n_missed, ==, 1);
  g_assert_cmpint (ROW (today->due, 0)->missed_since, ==, local (2026, 1, 13, 8, 0));
  g_assert_cmpint (ROW (today->due, 1)->occurrence.at, ==, local (2026, 1, 15, 14, 0));
  g_assert_cmpstr (ROW (today->due, 1)->occurrence.kind, ==, "weekly");
  g_assert_cmpuint (ROW (today->due, 1)->n_missed, ==, 1);
  g_assert_cmpint (ROW (today->due, 1)->missed_since, ==, local (2026, 1, 8, 14, 0));
  g_assert_cmpuint (today->drafts->len, ==, 1);
  g_assert_cmpint (g_array_index (today->drafts, XjTodayDraft, 0).inspection_id, ==, draft);
  g_assert_cmpstr (g_array_index (today->drafts, XjTodayDraft, 0).site_name, ==, "滨江壹号");
}

/* Saved without a site (there is none yet): what to do, not an ID. */
static void
test_save_without_site (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(XjSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  XjScheduleSpec spec;

  xj_schedule_spec_init (&spec, XJ_SCHEDULE_RULE_DAILY);
  schedule = xj_schedule_new (0, f->template_id, "daily", &spec, local (2026, 1, 1, 0, 0));
  g_assert_false (xj_store_save_schedule (f->store, schedule, "王芳", &error));
  g_assert_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_NO_SITE);
  g_assert_null (strstr (error->message, "ID"));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM schedules"), ==, 0);
}

/* A week of patrols missed is one row with its count, whose Start does the
 * newest one; with today's patrol owed too, that row is today's. */
static void
test_today_grouped (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(XjSchedule) daily = make_schedule (f, "daily", "{}", "daily", local (2025, 12, 1, 0, 0));
  g_autoptr(XjToday) today = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = local (2026, 1, 15, 9, 0);

  g_assert_nonnull (daily);

  g_assert_true (xj_today_compute (f->store, now, &today, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (today->overdue->len, ==, 0);
  g_assert_cmpuint (today->due->len, ==, 1);
  g_assert_cmpint (ROW (today->due, 0)->occurrence.at, ==, local (2026, 1, 15, 8, 0));
  g_assert_cmpuint (ROW (today->due, 0)->n_missed, ==, 7);
  g_assert_cmpint (ROW (today->due, 0)->missed_since, ==, local (2026, 1, 8, 8, 0));
  g_clear_pointer (&today, xj_today_free);

  /* Today's patrol done: the missed week stays, as one overdue row. */
  add_inspection (f, f->site_id, "daily", local (2026, 1, 15, 8, 30), 0, 0);
  g_assert_true (xj_today_compute (f->store, now, &today, &error));
  g_assert_cmpuint (today->due->len, ==, 0);
  g_assert_cmpuint (today->overdue->len, ==, 1);
  g_assert_cmpint (ROW (today->overdue, 0)->occurrence.at, ==, local (2026, 1, 14, 8, 0));
  g_assert_cmpint (ROW (today->overdue, 0)->occurrence.status, ==, XJ_OCCURRENCE_OVERDUE);
  g_assert_cmpuint (ROW (today->overdue, 0)->n_missed, ==, 7);
  g_assert_cmpint (ROW (today->overdue, 0)->missed_since, ==, local (2026, 1, 8, 8, 0));
}

/* Started by hand on the day a schedule has it due, the inspection does
 * that occurrence: Today no longer lists it. */
static void
test_today_manual_start (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(XjSchedule) daily = make_schedule (f, "daily", "{}", "daily", local (2025, 12, 1, 0, 0));
  g_autoptr(XjToday) today = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = local (2026, 1, 15, 9, 0);
  XjInspectionStart start = {
    .site_id = f->site_id, .template_id = f->template_id, .kind = "spot_check",
    .inspector = "王芳", .started_at = now,
  };
  gint64 schedule_id = -1, occurrence_at = -1;

  xj_clock_set_fixed (now);
  /* Not at another site, nor on a day nothing is planned. */
  g_assert_true (xj_today_find_due (f->store, f->other_site_id, f->template_id, "daily", now,
                                    &schedule_id, &occurrence_at, &error));
  g_assert_cmpint (schedule_id, ==, 0);
  g_assert_true (xj_today_find_due (f->store, f->site_id, f->template_id, "daily",
                                    local (2025, 11, 1, 9, 0), &schedule_id, &occurrence_at,
                                    &error));
  g_assert_cmpint (schedule_id, ==, 0);

  /* A spot check of the same checklist still counts for today's patrol. */
  g_assert_true (xj_today_find_due (f->store, f->site_id, f->template_id, start.kind, now,
                                    &start.schedule_id, &start.occurrence_at, &error));
  g_assert_no_error (error);
  g_assert_cmpint (start.schedule_id, ==, xj_schedule_get_id (daily));
  g_assert_cmpint (start.occurrence_at, ==, local (2026, 1, 15, 8, 0));
  g_assert_cmpint (xj_store_start_inspection (f->store, &start, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (xj_today_compute (f->store, now, &today, &error));
  g_assert_cmpuint (today->due->len, ==, 0);
  /* Done now: a second start that day is not linked again. */
  g_assert_true (xj_today_find_due (f->store, f->site_id, f->template_id, "daily", now,
                                    &schedule_id, &occurrence_at, &error));
  g_assert_cmpint (schedule_id, ==, 0);
  g_assert_cmpint (occurrence_at, ==, 0);
}

static void
test_calendar (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(XjSchedule) weekly = make_schedule (f, "weekly",
                                                "{\"slots\": [{\"weekday\": 1, \"time\": \"10:30\"},"
                                                " {\"weekday\": 4, \"time\": \"14:00\"}]}",
                                                "weekly", local (2026, 1, 1, 0, 0));
  g_autoptr(XjSchedule) monthly = make_schedule (f, "monthly", "{\"day\": 31}", "monthly",
                                                 local (2026, 1, 1, 0, 0));
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) other = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (weekly != NULL && monthly != NULL);

  xj_schedule_set_site_id (monthly, f->other_site_id);
  g_assert_true (xj_store_save_schedule (f->store, monthly, "王芳", &error));
  add_inspection (f, f->site_id, "weekly", local (2026, 2, 2, 10, 30), 0, 0);
  xj_clock_set_fixed (local (2026, 2, 9, 12, 0));

  /* February 2026: Mondays 2, 9, 16, 23; Thursdays 5, 12, 19, 26; the 28th. */
  all = xj_schedule_calendar_month (f->store, 2026, 2, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 9);
  g_assert_cmpint (OCC (all, 0)->status, ==, XJ_OCCURRENCE_DONE);
  g_assert_cmpint (OCC (all, 1)->status, ==, XJ_OCCURRENCE_OVERDUE);
  g_assert_cmpint (OCC (all, 2)->status, ==, XJ_OCCURRENCE_DUE);
  g_assert_cmpint (OCC (all, 3)->status, ==, XJ_OCCURRENCE_UPCOMING);
  g_assert_cmpint (OCC (all, 8)->at, ==, local (2026, 2, 28, 9, 0));
  other = xj_schedule_calendar_month (f->store, 2026, 2, f->other_site_id, &error);
  g_assert_cmpuint (other->len, ==, 1);
  g_assert_cmpstr (OCC (other, 0)->site_name, ==, "滨江壹号");
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  XjScheduleDemoTemplates templates = {
    .daily_template_id = f->template_id, .weekly_template_id = f->template_id,
    .monthly_template_id = f->template_id, .mystery_template_id = f->template_id,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) month = NULL;
  gint64 desk;

  exec_insert (f, "INSERT INTO sites (name, kind, created_at, updated_at) "
                  "VALUES ('湖滨银泰旗舰店', 'store', 0, 0)");
  desk = exec_insert (f, "INSERT INTO sites (name, kind, created_at, updated_at) "
                         "VALUES ('城西客户服务中心', 'service_desk', 0, 0)");
  templates.desk_template_id = exec_insert (f, "INSERT INTO templates (uid, created_at) "
                                               "VALUES ('desk', 0)");
  exec_insert (f, "INSERT INTO template_versions (template_id, version, name, created_at) "
                  "VALUES (2, 1, '服务窗口暗访', 0)");
  g_assert_true (xj_schedule_add_demo (f->store, &templates, local (2026, 1, 1, 0, 0), &error));
  g_assert_no_error (error);
  /* Two estates × three regimes (no spot-check template given), one store
   * and one service desk. */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM schedules"), ==, 8);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM schedules WHERE kind = 'mystery_visit' "
                                  "AND site_id = 3"), ==, 1);
  /* The service desk is visited with the service-desk checklist, the store
   * with the store's. */
  g_assert_cmpint (desk, ==, 4);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM schedules WHERE kind = 'mystery_visit' "
                                  "AND site_id = 4 AND template_id = 2"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM schedules WHERE site_id = 3 "
                                  "AND template_id = 1"), ==, 1);
  month = xj_schedule_calendar_month (f->store, 2026, 3, 3, &error);
  g_assert_cmpuint (month->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  xj_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/xj/schedule/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("rule/daily", test_daily);
  ADD ("rule/weekly-late-start", test_weekly_late_start);
  ADD ("rule/monthly-month-ends", test_monthly_month_ends);
  ADD ("rule/monthly-last-working-day", test_monthly_last_working_day);
  ADD ("rule/every-n-weeks", test_every_n_weeks);
  ADD ("rule/random", test_random);
  ADD ("rule/sample-items", test_sample_items);
  ADD ("match/one-inspection-counts-once", test_one_inspection_counts_once);
  ADD ("match/linked-inspection", test_linked_inspection);
  ADD ("store/crud", test_crud);
  ADD ("store/skip", test_skip);
  ADD ("store/pause-not-owed", test_pause_not_owed);
  ADD ("today", test_today);
  ADD ("today/grouped", test_today_grouped);
  ADD ("store/save-without-site", test_save_without_site);
  ADD ("today/manual-start-counts", test_today_manual_start);
  ADD ("calendar", test_calendar);
  ADD ("demo", test_demo);
  g_test_add_func ("/xj/schedule/spec/bad", test_bad_specs);
  g_test_add_func ("/xj/schedule/spec/round-trip", test_spec_round_trip);

  return g_test_run ();
}
