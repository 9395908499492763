/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema v10's stored schedule outcomes stay right on every path that
 * changes what a schedule's occurrences are matched with: the Overview's
 * compliance (read from them) equals the schedules' own matching of every
 * occurrence after each change, and the change left nothing stale when
 * the core refreshed in its transaction (completing, the team's pull, the
 * demo, a site merge, a schedule edit, pause or skip); a change it does
 * not refresh (a draft started or deleted) is matched by the Overview
 * itself until then, with the same figures.  Hand-computed figures on one
 * daily patrol check the counting itself.  And the monthly sums (v10) of
 * the checks' totals and failures after those paths: a period of whole
 * months read from them equals the same period read inspection by
 * inspection.
 */
#include "config.h"

#include <time.h>

#include "compliance-check.h"
#include "overview-check.h"
#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-demo.h"
#include "xj-inspection.h"
#include "xj-site-merge.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-store.h"

typedef struct
{
  char       *dir;
  XjStore    *store;
  sqlite3    *db;
  gint64      site_a;      /* 翠湖花园: a daily patrol 08:00–18:00 and a weekly check */
  gint64      site_b;      /* 金桂苑: a daily patrol, merged into 翠湖花园 by one test */
  XjTemplate *patrol;      /* one pass/fail item */
  gint64      daily_a;
  gint64      daily_b;
  gint64      weekly_a;
} Fixture;

#define DAY ((gint64) 86400)

static gint64
local (int m, int d, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (2026, m, d, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

/* 1 to 31 March: the period every check reads, now the evening of the
 * 20th (the schedules started on 1 March). */
#define FROM local (3, 1, 0, 0)
#define TO   local (4, 1, 0, 0)
#define NOW  local (3, 20, 19, 0)

static gint64
save_schedule (Fixture        *f,
               gint64          site,
               const char     *kind,
               XjScheduleRule  rule,
               const char     *spec_json)
{
  g_autoptr(XjSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  XjScheduleSpec spec;

  g_assert_true (xj_schedule_spec_parse (rule, spec_json, &spec, &error));
  g_assert_no_error (error);
  schedule = xj_schedule_new (site, f->patrol->template_id, kind, &spec, FROM);
  g_assert_true (xj_store_save_schedule (f->store, schedule, "王芳", &error));
  g_assert_no_error (error);
  return xj_schedule_get_id (schedule);
}

/* A patrol started at @at with @value, completed now unless @draft. */
static gint64
patrol_with (Fixture    *f,
             gint64      site,
             const char *kind,
             gint64      at,
             gboolean    draft,
             const char *value)
{
  XjInspectionStart start = {
    .site_id = site, .template_id = f->patrol->template_id, .kind = kind,
    .inspector = "王芳", .rep_name = "张伟", .rep_company = "绿城物业", .started_at = at,
  };
  const XjTemplateSection *section = g_ptr_array_index (f->patrol->sections, 0);
  g_autoptr(GError) error = NULL;
  gint64 id = xj_store_start_inspection (f->store, &start, &error);

  g_assert_no_error (error);
  g_assert_true (xj_store_set_answer (f->store, id, g_ptr_array_index (section->items, 0),
                                      value, &error));
  g_assert_no_error (error);
  if (!draft)
    {
      g_assert_true (xj_store_complete_inspection (f->store, id, "王芳", &error));
      g_assert_no_error (error);
    }
  return id;
}

static gint64
patrol (Fixture    *f,
        gint64      site,
        const char *kind,
        gint64      at,
        gboolean    draft)
{
  return patrol_with (f, site, kind, at, draft, "pass");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  XjTemplate *tmpl = xj_template_new ("日常巡查");
  XjTemplateSection *section = xj_template_section_new ("公共区域");

  xj_clock_set_fixed (NOW);
  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->db = xj_store_get_db (f->store);
  f->site_a = xj_test_save_site (f->store, "翠湖花园");
  f->site_b = xj_test_save_site (f->store, "金桂苑");
  g_ptr_array_add (section->items, xj_template_item_new ("clean", "地面干净", XJ_RESPONSE_PASS_FAIL));
  g_ptr_array_add (tmpl->sections, section);
  g_assert_true (xj_store_save_template (f->store, tmpl, "王芳", &error));
  g_assert_no_error (error);
  f->patrol = xj_store_load_template (f->store, tmpl->template_id, &error);
  g_assert_no_error (error);
  xj_template_free (tmpl);

  f->daily_a = save_schedule (f, f->site_a, "daily", XJ_SCHEDULE_RULE_DAILY,
                              "{\"from\": \"08:00\", \"to\": \"18:00\"}");
  f->daily_b = save_schedule (f, f->site_b, "daily", XJ_SCHEDULE_RULE_DAILY,
                              "{\"from\": \"08:00\", \"to\": \"18:00\"}");
  f->weekly_a = save_schedule (f, f->site_a, "weekly", XJ_SCHEDULE_RULE_WEEKLY,
                               "{\"slots\": [{\"weekday\": 1, \"time\": \"10:30\"}]}");
  /* 翠湖花园's patrols of 2 and 3 March on time, 5 March late (19:00);
   * 金桂苑's of 2 March, and of 3 and 6 March failing (a repeat finding). */
  patrol (f, f->site_a, "daily", local (3, 2, 9, 0), FALSE);
  patrol (f, f->site_a, "daily", local (3, 3, 17, 0), FALSE);
  patrol (f, f->site_a, "daily", local (3, 5, 19, 0), FALSE);
  patrol (f, f->site_b, "daily", local (3, 2, 9, 0), FALSE);
  patrol_with (f, f->site_b, "daily", local (3, 3, 9, 0), FALSE, "fail");
  patrol_with (f, f->site_b, "daily", local (3, 6, 9, 0), FALSE, "fail");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->patrol, xj_template_free);
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
  xj_clock_unset_fixed ();
}

static gboolean
is_stale (Fixture *f,
          gint64   schedule_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT stale FROM schedule_outcome_spans "
                                          "WHERE schedule_id = %" G_GINT64_FORMAT, schedule_id);

  return xj_test_query_int (f->db, sql) != 0;
}

static const XjOverviewCompliance *
find (const XjOverview *o,
      gint64            site,
      const char       *kind)
{
  for (guint i = 0; i < o->compliance->len; i++)
    {
      const XjOverviewCompliance *c = &g_array_index (o->compliance, XjOverviewCompliance, i);

      if (c->site_id == site && g_str_equal (c->kind, kind))
        return c;
    }
  g_assert_not_reached ();
}

/* 翠湖花园's daily patrols in March as the Overview counts them. */
static void
check_daily_a (Fixture *f,
               guint    on_time,
               guint    late,
               guint    missed)
{
  XjOverviewQuery query = { .from = FROM, .to = TO, .kind = XJ_OVERVIEW_CHECKS };
  g_autoptr(XjOverview) o = NULL;
  g_autoptr(GError) error = NULL;
  const XjOverviewCompliance *c;

  o = xj_overview_compute (f->store, &query, NULL, &error);
  g_assert_no_error (error);
  c = find (o, f->site_a, "daily");
  g_assert_cmpuint (c->on_time, ==, on_time);
  g_assert_cmpuint (c->late, ==, late);
  g_assert_cmpuint (c->missed, ==, missed);
  g_assert_cmpuint (c->due, ==, on_time + late + missed);
}

static void
assert_all_right (Fixture *f)
{
  xj_compliance_assert_right (f->store, FROM, TO);
  /* Any period, not only whole months. */
  xj_compliance_assert_right (f->store, local (3, 3, 0, 0), local (3, 17, 12, 0));
}

static XjOverview *
compute_checks (XjStore *store,
                gint64   from,
                gint64   to)
{
  XjOverviewQuery query = {
    .from = from, .to = to, .kind = XJ_OVERVIEW_CHECKS, .bucket = XJ_OVERVIEW_BY_MONTH,
  };
  g_autoptr(GError) error = NULL;
  XjOverview *overview = xj_overview_compute (store, &query, NULL, &error);

  g_assert_no_error (error);
  return overview;
}

/* The checks of whole months read from the monthly sums (v10) equal the
 * same read inspection by inspection (the sums made unusable: another
 * zone's), and a refresh adds the sums up again for this zone. */
static void
assert_months_match_rows (XjStore *store,
                          gint64   from,
                          gint64   to)
{
  sqlite3 *db = xj_store_get_db (store);
  g_autofree char *zone = xj_test_query_text (db, "SELECT zone FROM overview_zone");
  g_autoptr(XjOverview) months = compute_checks (store, from, to);
  g_autoptr(XjOverview) rows = NULL;
  g_autoptr(XjOverview) again = NULL;
  g_autofree char *restored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_exec (db, "UPDATE overview_zone SET zone = 'Mars/Olympus'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  rows = compute_checks (store, from, to);
  g_assert_true (xj_overview_refresh_totals (store, &error));
  g_assert_no_error (error);
  restored = xj_test_query_text (db, "SELECT zone FROM overview_zone");
  g_assert_cmpstr (restored, ==, zone);
  again = compute_checks (store, from, to);
  xj_overview_assert_same (months, rows);
  xj_overview_assert_same (again, rows);
}

static void
refresh (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (xj_overview_refresh_totals (f->store, &error));
  g_assert_no_error (error);
}

/* Completing stores the outcome in its own transaction. */
static void
test_complete (Fixture       *f,
               gconstpointer  data)
{
  /* 1 to 20 March: 20 patrols planned, the 20th's due at 18:00 (now 19:00);
   * 2 and 3 on time, 5 late, 17 missed. */
  xj_compliance_assert_fresh (f->store, TO);
  check_daily_a (f, 2, 1, 17);
  assert_all_right (f);

  patrol (f, f->site_a, "daily", local (3, 20, 10, 0), FALSE);
  xj_compliance_assert_fresh (f->store, TO);
  check_daily_a (f, 3, 1, 16);
  assert_all_right (f);
  assert_months_match_rows (f->store, local (2, 1, 0, 0), TO);
}

/* A draft counts as the patrol done; starting or deleting one marks the
 * schedule stale, and the Overview matches it itself until the next
 * refresh, with the same figures. */
static void
test_draft (Fixture       *f,
            gconstpointer  data)
{
  gint64 draft = patrol (f, f->site_a, "daily", local (3, 10, 9, 0), TRUE);
  g_autofree char *delete = NULL;

  g_assert_true (is_stale (f, f->daily_a));
  g_assert_false (is_stale (f, f->daily_b));
  check_daily_a (f, 3, 1, 16);
  assert_all_right (f);
  refresh (f);
  xj_compliance_assert_fresh (f->store, TO);
  check_daily_a (f, 3, 1, 16);

  delete = g_strdup_printf ("DELETE FROM inspections WHERE id = %" G_GINT64_FORMAT, draft);
  g_assert_cmpint (sqlite3_exec (f->db, delete, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (is_stale (f, f->daily_a));
  check_daily_a (f, 2, 1, 17);
  assert_all_right (f);
  refresh (f);
  xj_compliance_assert_fresh (f->store, TO);
  check_daily_a (f, 2, 1, 17);
}

/* Signing changes nothing the matching reads: nothing goes stale. */
static void
test_sign (Fixture       *f,
           gconstpointer  data)
{
  /* As the archive signs (xj-archive-store.c). */
  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE inspections SET state = 'signed', "
                                 "signed_at = 1, updated_at = 1 WHERE state = 'completed'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  xj_compliance_assert_fresh (f->store, TO);
  check_daily_a (f, 2, 1, 17);
  assert_all_right (f);
}

/* The team's pull writes inspections itself, then refreshes the totals
 * (xj-team-sync.c): the outcomes with them. */
static void
test_pull (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *insert = g_strdup_printf (
    "INSERT INTO inspections (site_id, version_id, kind, state, inspector, started_at, "
    "completed_at, updated_at) SELECT %" G_GINT64_FORMAT ", id, 'daily', 'completed', "
    "'李四', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1 FROM template_versions "
    "WHERE template_id = %" G_GINT64_FORMAT, f->site_a, local (3, 12, 9, 30),
    local (3, 12, 10, 0), f->patrol->template_id);

  g_assert_cmpint (sqlite3_exec (f->db, insert, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (is_stale (f, f->daily_a));
  refresh (f);
  xj_compliance_assert_fresh (f->store, TO);
  check_daily_a (f, 3, 1, 16);
  assert_all_right (f);
  assert_months_match_rows (f->store, FROM, TO);
}

/* Schedule edits, pause and skip refresh in their own transaction. */
static void
test_schedule_changes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(XjSchedule) schedule = xj_store_get_schedule (f->store, f->daily_a, NULL);
  g_autoptr(GError) error = NULL;
  XjScheduleSpec spec = *xj_schedule_get_spec (schedule);

  /* Due by 20:00: the patrol of 5 March (19:00) was on time. */
  spec.window_to = 20 * 60;
  xj_schedule_set_spec (schedule, &spec);
  g_assert_true (xj_store_save_schedule (f->store, schedule, "王芳", &error));
  g_assert_no_error (error);
  xj_compliance_assert_fresh (f->store, TO);
  check_daily_a (f, 3, 0, 16);  /* the 20th is not due yet (20:00) */
  assert_all_right (f);

  /* The patrol of 6 March excused. */
  g_assert_true (xj_schedule_skip (f->store, f->daily_a, local (3, 6, 8, 0), "停电检修", "王芳",
                                   &error));
  g_assert_no_error (error);
  xj_compliance_assert_fresh (f->store, TO);
  check_daily_a (f, 3, 0, 15);
  assert_all_right (f);

  /* Paused from now: what was planned before still counts. */
  g_assert_true (xj_store_set_schedule_paused (f->store, f->daily_a, TRUE, "王芳", &error));
  g_assert_no_error (error);
  xj_compliance_assert_fresh (f->store, TO);
  check_daily_a (f, 3, 0, 15);
  assert_all_right (f);

  g_assert_true (xj_store_delete_schedule (f->store, f->weekly_a, "王芳", &error));
  g_assert_no_error (error);
  xj_compliance_assert_fresh (f->store, TO);
  assert_all_right (f);
}

/* 金桂苑 merged into 翠湖花园: its schedule moves there and is matched
 * with 翠湖花园's inspections (its own keep their site). */
static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(XjSchedule) moved = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (xj_store_merge_sites (f->store, f->site_b, f->site_a, "王芳", &error));
  g_assert_no_error (error);
  moved = xj_store_get_schedule (f->store, f->daily_b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xj_schedule_get_site_id (moved), ==, f->site_a);
  xj_compliance_assert_fresh (f->store, TO);
  assert_all_right (f);
  assert_months_match_rows (f->store, FROM, TO);
}

/* The demo makes its history in bulk, then refreshes once. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  XjDemoOptions options = { .n_sites = 2, .years = 1, .seed = 7 };

  store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (xj_templates_install_builtins (store, &error));
  g_assert_no_error (error);
  xj_demo_fill (store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xj_test_query_int (xj_store_get_db (store),
                                      "SELECT count(*) FROM schedule_outcomes"), >, 100);
  xj_compliance_assert_fresh (store, NOW + 30 * DAY);
  xj_compliance_assert_right (store, NOW - 365 * DAY, NOW + 30 * DAY);
  assert_months_match_rows (store, local (1, 1, 0, 0) - 365 * DAY, TO);
  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

/* Every stored outcome, in order, as text. */
static char *
dump_outcomes (Fixture *f)
{
  return xj_test_query_text (f->db,
                             "SELECT group_concat (r, ';') FROM (SELECT schedule_id || ',' || "
                             "at || ',' || position || ',' || due || ',' || outcome || ',' || "
                             "on_time || ',' || late || ',' || open AS r FROM schedule_outcomes "
                             "ORDER BY schedule_id, at, position)");
}

/* What the refresh stores now, then after it recomputed every schedule's
 * whole history: the same. */
static void
assert_incremental_is_whole (Fixture *f)
{
  g_autofree char *incremental = NULL;
  g_autofree char *whole = NULL;

  refresh (f);
  xj_compliance_assert_fresh (f->store, TO);
  incremental = dump_outcomes (f);
  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE schedule_outcome_spans SET stale = 1, "
                                 "stale_from = NULL", NULL, NULL, NULL), ==, SQLITE_OK);
  refresh (f);
  whole = dump_outcomes (f);
  g_assert_cmpstr (incremental, ==, whole);
}

static gint64
random_time (gint64 from,
             gint64 to)
{
  return from + (gint64) (g_test_rand_double () * (double) (to - from));
}

static void
exec_printf (Fixture    *f,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
exec_printf (Fixture    *f,
             const char *format,
             ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_exec (f->db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* A random occurrence of @schedule_id in February to April. */
static gint64
random_occurrence (Fixture *f,
                   gint64   schedule_id)
{
  g_autoptr(XjSchedule) schedule = xj_store_get_schedule (f->store, schedule_id, NULL);
  g_autoptr(GArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;

  occurrences = xj_schedule_occurrences (f->store, schedule, FROM, TO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (occurrences->len, >, 0);
  return g_array_index (occurrences, XjOccurrence,
                        g_test_rand_int_range (0, (gint32) occurrences->len)).at;
}

/* Schema v13: a stale schedule is recomputed from the change on, with
 * the whole recompute's result, whatever the change: inspections started
 * in and out of windows (a weekly check's window is a week), from an
 * occurrence or not, early or late, moved, deleted; skips; several
 * changes before one refresh. */
static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  const gint64 schedules[] = { f->daily_a, f->daily_b, f->weekly_a };
  const gint64 sites[] = { f->site_a, f->site_b, f->site_a };
  const char *kinds[] = { "daily", "daily", "weekly" };
  g_autoptr(GArray) drafts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  int whole_changes, changes;

  /* One change late in the month rewrites less than the whole history. */
  assert_incremental_is_whole (f);
  whole_changes = sqlite3_total_changes (f->db);
  exec_printf (f, "UPDATE schedule_outcome_spans SET stale = 1, stale_from = NULL "
               "WHERE schedule_id = %" G_GINT64_FORMAT, f->daily_a);
  refresh (f);
  whole_changes = sqlite3_total_changes (f->db) - whole_changes;
  changes = sqlite3_total_changes (f->db);
  patrol (f, f->site_a, "daily", local (3, 19, 9, 0), FALSE);
  changes = sqlite3_total_changes (f->db) - changes;
  g_assert_cmpint (changes, <, whole_changes);
  assert_incremental_is_whole (f);

  for (guint round = 0; round < 60; round++)
    {
      guint s = (guint) g_test_rand_int_range (0, 3);
      int what = g_test_rand_int_range (0, 100);

      if (what < 45)
        {
          XjInspectionStart start = {
            .site_id = sites[s], .template_id = f->patrol->template_id, .kind = kinds[s],
            .inspector = "王芳", .rep_name = "张伟", .rep_company = "绿城物业",
            .started_at = random_time (FROM - 3 * DAY, NOW - 3600),
          };
          gint64 id;

          if (g_test_rand_bit ())
            {
              start.schedule_id = schedules[s];
              start.occurrence_at = random_occurrence (f, schedules[s]);
            }
          id = xj_store_start_inspection (f->store, &start, &error);
          g_assert_no_error (error);
          g_array_append_val (drafts, id);
        }
      else if (what < 65 && drafts->len > 0)
        {
          guint i = (guint) g_test_rand_int_range (0, (gint32) drafts->len);

          exec_printf (f, "UPDATE inspections SET started_at = %" G_GINT64_FORMAT
                       " WHERE id = %" G_GINT64_FORMAT,
                       random_time (FROM - 3 * DAY, NOW - 3600),
                       g_array_index (drafts, gint64, i));
        }
      else if (what < 80 && drafts->len > 0)
        {
          guint i = (guint) g_test_rand_int_range (0, (gint32) drafts->len);

          exec_printf (f, "DELETE FROM inspections WHERE id = %" G_GINT64_FORMAT,
                       g_array_index (drafts, gint64, i));
          g_array_remove_index_fast (drafts, i);
        }
      else
        {
          g_assert_true (xj_schedule_skip (f->store, schedules[s],
                                           random_occurrence (f, schedules[s]), "停电检修",
                                           "王芳", &error));
          g_assert_no_error (error);
        }
      /* Now and then several changes before one refresh. */
      if (g_test_rand_int_range (0, 4) != 0)
        assert_incremental_is_whole (f);
    }
  assert_incremental_is_whole (f);
  /* (Over the whole month only: an inspection started from an occurrence
   * after the end of a shorter period counts, in the schedules' own
   * matching of that period, for one inside it.) */
  xj_compliance_assert_right (f->store, FROM, TO);
}

static void
set_zone (const char *zone)
{
  g_setenv ("TZ", zone, TRUE);
  /* SQLite's 'localtime' (the monthly sums) asks the C library. */
  tzset ();
}

static void
on_zone_followed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (xj_overview_follow_zone_finish (XJ_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
assert_same_figures (const XjOverview *a,
                     const XjOverview *b)
{
  g_assert_cmpuint (a->n_inspections, ==, b->n_inspections);
  g_assert_cmpuint (a->points->len, ==, b->points->len);
  for (guint i = 0; i < a->points->len; i++)
    {
      const XjOverviewPoint *x = &g_array_index (a->points, XjOverviewPoint, i);
      const XjOverviewPoint *y = &g_array_index (b->points, XjOverviewPoint, i);

      g_assert_cmpint (x->site_id, ==, y->site_id);
      g_assert_cmpint (x->period_start, ==, y->period_start);
      g_assert_cmpuint (x->n_inspections, ==, y->n_inspections);
      g_assert_cmpfloat_with_epsilon (x->score, y->score, 1e-9);
      g_assert_cmpfloat_with_epsilon (x->failure_index, y->failure_index, 1e-9);
    }
  g_assert_cmpuint (a->repeats->len, ==, b->repeats->len);
  g_assert_cmpuint (a->compliance->len, ==, b->compliance->len);
  for (guint i = 0; i < a->compliance->len; i++)
    {
      const XjOverviewCompliance *x = &g_array_index (a->compliance, XjOverviewCompliance, i);
      const XjOverviewCompliance *y = &g_array_index (b->compliance, XjOverviewCompliance, i);

      g_assert_cmpint (x->site_id, ==, y->site_id);
      g_assert_cmpstr (x->kind, ==, y->kind);
      g_assert_cmpuint (x->on_time, ==, y->on_time);
      g_assert_cmpuint (x->late, ==, y->late);
      g_assert_cmpuint (x->missed, ==, y->missed);
    }
}

/* The laptop started in Berlin after Shanghai: the Overview computes live
 * until the worker the application starts has made the monthly sums and
 * the schedules' outcomes again in Berlin's time; then it reads them, with
 * the same figures. */
static void
test_zone (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(XjOverview) shanghai = NULL;
  g_autoptr(XjOverview) live = NULL;
  g_autoptr(XjOverview) stored = NULL;
  gint64 from, to;
  gboolean done = FALSE;

  shanghai = compute_checks (f->store, local (2, 1, 0, 0), local (5, 1, 0, 0));
  g_assert_true (shanghai->months_stored);
  g_assert_cmpuint (shanghai->n_live_schedules, ==, 0);

  set_zone ("Europe/Berlin");
  from = local (2, 1, 0, 0);
  to = local (5, 1, 0, 0);
  live = compute_checks (f->store, from, to);
  g_assert_false (live->months_stored);
  g_assert_cmpuint (live->n_live_schedules, ==, 3);

  xj_overview_follow_zone_async (f->store, NULL, on_zone_followed_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  stored = compute_checks (f->store, from, to);
  g_assert_true (stored->months_stored);
  g_assert_cmpuint (stored->n_live_schedules, ==, 0);
  assert_same_figures (stored, live);
  xj_compliance_assert_fresh (f->store, to);
  xj_compliance_assert_right (f->store, from, to);
  assert_months_match_rows (f->store, from, to);
  set_zone ("Asia/Shanghai");
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/xj/overview-compliance/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("complete", test_complete);
  ADD ("draft", test_draft);
  ADD ("sign", test_sign);
  ADD ("pull", test_pull);
  ADD ("schedule-changes", test_schedule_changes);
  ADD ("merge", test_merge);
  ADD ("demo", test_demo);
  ADD ("incremental", test_incremental);
  ADD ("zone", test_zone);
#undef ADD
  return g_test_run ();
}
