/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure of the Overview against values worked out by hand on a
 * small history made through the real store API: two sites, a weekly
 * checklist of four items in four categories, a store-visit checklist
 * with a stopwatch item, a weekly schedule and notices at every stage.
 * TZ=Asia/Shanghai (xj_test_init); the clock stands at 2026-03-31 12:00.
 */
#include "config.h"

#include <math.h>

#include "xj-clock.h"
#include "xj-finding.h"
#include "xj-inspection.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-store.h"
#include "xj-overview.h"
#include "xj-overview-drill.h"
#include "xj-overview-export.h"
#include "xj-schedule.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-store.h"
#include "xj-test-utils.h"

typedef struct
{
  char       *dir;
  XjStore    *store;
  gint64      site_a;       /* 翠湖花园 */
  gint64      site_b;       /* 金桂苑 */
  XjTemplate *weekly;       /* clean, green, light, panel */
  XjTemplate *visit;        /* greet | approach (stopwatch ≤ 30 s) */
  gint64      light_answer; /* the second failure of the light at 翠湖花园 */
} Fixture;

static gint64
local (int m, int d, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (2026, m, d, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static XjTemplateItem *
item (const char     *key,
      XjResponseType  type,
      const char     *category,
      double          weight,
      double          failure_weight)
{
  XjTemplateItem *it = xj_template_item_new (key, key, type);

  g_free (it->category);
  it->category = g_strdup (category);
  it->score_weight = weight;
  it->failure_weight = failure_weight;
  return it;
}

static XjTemplate *
save_template (Fixture    *f,
               XjTemplate *tmpl)
{
  g_autoptr(GError) error = NULL;
  XjTemplate *stored;

  g_assert_true (xj_store_save_template (f->store, tmpl, "王芳", &error));
  g_assert_no_error (error);
  stored = xj_store_load_template (f->store, tmpl->template_id, &error);
  g_assert_no_error (error);
  xj_template_free (tmpl);
  return stored;
}

static const XjTemplateItem *
find (const XjTemplate *tmpl,
      const char       *key)
{
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *it = g_ptr_array_index (section->items, i);

          if (g_str_equal (it->key, key))
            return it;
        }
    }
  g_assert_not_reached ();
}

/* An inspection started at @at with @values ("key=value" …), completed an
 * hour later unless @draft. */
static gint64
inspect (Fixture           *f,
         gint64             site,
         const XjTemplate  *tmpl,
         const char        *kind,
         gint64             at,
         gboolean           draft,
         const char *const *values)
{
  XjInspectionStart start = {
    .site_id = site, .template_id = tmpl->template_id, .kind = kind,
    .inspector = "王芳", .rep_name = "张伟", .rep_company = "绿城物业", .started_at = at,
  };
  g_autoptr(GError) error = NULL;
  gint64 id;

  xj_clock_set_fixed (at);
  id = xj_store_start_inspection (f->store, &start, &error);
  g_assert_no_error (error);
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (values[i], "=", 2);

      g_assert_true (xj_store_set_answer (f->store, id, find (tmpl, pair[0]), pair[1], &error));
      g_assert_no_error (error);
    }
  if (!draft)
    {
      xj_clock_set_fixed (at + 3600);
      g_assert_true (xj_store_complete_inspection (f->store, id, "王芳", &error));
      g_assert_no_error (error);
    }
  return id;
}

static gint64
answer_id (Fixture          *f,
           gint64            inspection,
           const XjTemplate *tmpl,
           const char       *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) answers = xj_store_load_answers (f->store, inspection, &error);
  const XjAnswer *answer;

  g_assert_no_error (error);
  answer = g_hash_table_lookup (answers, &find (tmpl, key)->id);
  g_assert_nonnull (answer);
  return answer->answer_id;
}

/* A notice issued at @issued from one finding, or standalone when
 * @answer is 0. */
static gint64
issue (Fixture          *f,
       gint64            site,
       gint64            answer,
       XjNoticeType      type,
       XjResponsibleParty party,
       gint64            issued,
       gint64            deadline)
{
  g_autoptr(XjNotice) notice = NULL;
  g_autoptr(GError) error = NULL;

  xj_clock_set_fixed (issued);
  if (answer != 0)
    {
      notice = xj_store_new_notice_from_findings (f->store, &answer, 1, 30, &error);
      g_assert_no_error (error);
      g_assert_cmpint (xj_notice_get_notice_type (notice), ==, type);
    }
  else
    {
      notice = xj_notice_new (type, site);
      xj_notice_set_description (notice, "3 号楼门厅地面有积水");
    }
  xj_notice_set_responsible_party (notice, party);
  xj_notice_set_deadline (notice, deadline);
  g_assert_true (xj_store_create_notice (f->store, notice, 30, "李娜", &error));
  g_assert_no_error (error);
  g_assert_true (xj_store_take_notice_step (f->store, xj_notice_get_id (notice), XJ_NOTICE_ACTION_ISSUE,
                                            &(XjNoticeStepOptions) { .by = "李娜" }, &error));
  g_assert_no_error (error);
  return xj_notice_get_id (notice);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSchedule) schedule = NULL;
  XjTemplate *tmpl;
  XjTemplateSection *section;
  XjScheduleSpec spec;
  gint64 second, closed;

  xj_clock_set_fixed (local (2, 1, 8, 0));
  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->site_a = xj_test_save_site (f->store, "翠湖花园");
  f->site_b = xj_test_save_site (f->store, "金桂苑");

  tmpl = xj_template_new ("周检");
  section = xj_template_section_new ("公共区域");
  g_ptr_array_add (section->items, item ("clean", XJ_RESPONSE_PASS_FAIL, "cleaning", 2, 3));
  g_ptr_array_add (section->items, item ("green", XJ_RESPONSE_PASS_FAIL, "greenery", 1, 1));
  g_ptr_array_add (section->items, item ("light", XJ_RESPONSE_PASS_FAIL, "facilities", 1, 2));
  ((XjTemplateItem *) g_ptr_array_index (section->items, 2))->notice_type =
    g_strdup ("rectification");
  g_ptr_array_add (tmpl->sections, section);
  section = xj_template_section_new ("消防中控室");
  g_ptr_array_add (section->items, item ("panel", XJ_RESPONSE_PASS_FAIL, "fire_security", 2, 5));
  g_ptr_array_add (tmpl->sections, section);
  f->weekly = save_template (f, tmpl);

  tmpl = xj_template_new ("门店暗访");
  section = xj_template_section_new ("亲切招呼");
  g_ptr_array_add (section->items, item ("greet", XJ_RESPONSE_PASS_FAIL, "service", 1, 1));
  g_ptr_array_add (tmpl->sections, section);
  section = xj_template_section_new ("探询需求");
  g_ptr_array_add (section->items, item ("approach", XJ_RESPONSE_STOPWATCH, "service", 1, 2));
  ((XjTemplateItem *) g_ptr_array_index (section->items, 0))->threshold = 30;
  g_ptr_array_add (tmpl->sections, section);
  f->visit = save_template (f, tmpl);

  /* Weekly at 翠湖花园, Mondays 10:30: planned 2, 9, 16, 23 and 30 March. */
  g_assert_true (xj_schedule_spec_parse (XJ_SCHEDULE_RULE_WEEKLY,
                                         "{\"slots\": [{\"weekday\": 1, \"time\": \"10:30\"}]}",
                                         &spec, &error));
  g_assert_no_error (error);
  schedule = xj_schedule_new (f->site_a, f->weekly->template_id, "weekly", &spec,
                              local (3, 1, 0, 0));
  g_assert_true (xj_store_save_schedule (f->store, schedule, "王芳", &error));
  g_assert_no_error (error);

  /* 翠湖花园: 83.3 % (FI 2), 50 % (FI 5), 60 % (FI 5; green n.a.). */
  inspect (f, f->site_a, f->weekly, "weekly", local (3, 2, 10, 0), FALSE,
           (const char *[]) { "clean=pass", "green=pass", "light=fail", "panel=pass", NULL });
  second = inspect (f, f->site_a, f->weekly, "weekly", local (3, 4, 9, 0), FALSE,
                    (const char *[]) { "clean=fail", "green=pass", "light=fail", "panel=pass",
                                       NULL });
  inspect (f, f->site_a, f->weekly, "weekly", local (3, 17, 15, 0), FALSE,
           (const char *[]) { "clean=pass", "green=na", "light=pass", "panel=fail", NULL });
  /* 金桂苑: 100 %; one before the period and a draft do not count. */
  inspect (f, f->site_b, f->weekly, "weekly", local (3, 3, 9, 0), FALSE,
           (const char *[]) { "clean=pass", "green=pass", "light=pass", "panel=pass", NULL });
  inspect (f, f->site_b, f->weekly, "weekly", local (2, 25, 9, 0), FALSE,
           (const char *[]) { "clean=fail", "green=fail", "light=fail", "panel=fail", NULL });
  inspect (f, f->site_b, f->weekly, "weekly", local (3, 5, 9, 0), TRUE,
           (const char *[]) { "clean=fail", NULL });
  /* Two store visits at 金桂苑. */
  inspect (f, f->site_b, f->visit, "mystery_visit", local (3, 10, 15, 0), FALSE,
           (const char *[]) { "greet=pass", "approach=20", NULL });
  inspect (f, f->site_b, f->visit, "mystery_visit", local (3, 20, 15, 0), FALSE,
           (const char *[]) { "greet=fail", "approach=45", NULL });
  f->light_answer = answer_id (f, second, f->weekly, "light");

  /* Open: from the light's failure, issued 4 March, due 11 March (overdue,
   * 27 days old), escalated; a work order issued 25 March (6 days old). */
  {
    gint64 id = issue (f, f->site_a, f->light_answer, XJ_NOTICE_TYPE_RECTIFICATION,
                       XJ_RESPONSIBLE_PARTY_PROPERTY, local (3, 4, 12, 0), local (3, 11, 12, 0));

    xj_clock_set_fixed (local (3, 20, 9, 0));
    g_assert_true (xj_store_escalate_notice (f->store, id, "逾期未整改", "李娜", &error));
    g_assert_no_error (error);
  }
  issue (f, f->site_b, 0, XJ_NOTICE_TYPE_WORK_ORDER, XJ_RESPONSIBLE_PARTY_REPAIR_CREW,
         local (3, 25, 12, 0), local (4, 5, 12, 0));
  /* Closed: a contact form issued 2 March, closed 12 March (10 days), and
   * one issued 10 March, closed 14 March (4 days): a mean of 7 days. */
  for (guint i = 0; i < 2; i++)
    {
      gint64 issued = i == 0 ? local (3, 2, 12, 0) : local (3, 10, 12, 0);
      gint64 done = i == 0 ? local (3, 12, 12, 0) : local (3, 14, 12, 0);

      closed = issue (f, f->site_a, 0, XJ_NOTICE_TYPE_CONTACT, XJ_RESPONSIBLE_PARTY_PROPERTY,
                      issued, issued + 20 * 86400);
      xj_clock_set_fixed (done);
      g_assert_true (xj_store_take_notice_step (f->store, closed, XJ_NOTICE_ACTION_ACKNOWLEDGE,
                                                &(XjNoticeStepOptions) { .by = "张伟" }, &error));
      g_assert_true (xj_store_take_notice_step (f->store, closed, XJ_NOTICE_ACTION_RECTIFY,
                                                &(XjNoticeStepOptions) { .by = "张伟",
                                                                         .remark = "已处理" }, &error));
      g_assert_true (xj_store_take_notice_step (f->store, closed, XJ_NOTICE_ACTION_ACCEPT,
                                                &(XjNoticeStepOptions) { .by = "李娜" }, &error));
      g_assert_true (xj_store_take_notice_step (f->store, closed, XJ_NOTICE_ACTION_CLOSE,
                                                &(XjNoticeStepOptions) { .by = "李娜" }, &error));
      g_assert_no_error (error);
    }
  xj_clock_set_fixed (local (3, 31, 12, 0));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->weekly, xj_template_free);
  g_clear_pointer (&f->visit, xj_template_free);
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
  xj_clock_unset_fixed ();
}

static XjOverview *
compute (Fixture          *f,
         XjOverviewKind    kind,
         XjOverviewBucket  bucket,
         const gint64     *sites,
         guint             n_sites)
{
  XjOverviewQuery query = {
    .from = local (3, 1, 0, 0), .to = local (4, 1, 0, 0),
    .site_ids = sites, .n_site_ids = n_sites, .kind = kind, .bucket = bucket,
  };
  g_autoptr(GError) error = NULL;
  XjOverview *overview = xj_overview_compute (f->store, &query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (overview);
  return overview;
}

static void
check_point (const XjOverview *overview,
             gint64            site,
             gint64            period,
             guint             n,
             double            score,
             double            failure_index)
{
  const XjOverviewPoint *point = xj_overview_find_point (overview, site, period);

  g_assert_nonnull (point);
  g_assert_cmpuint (point->n_inspections, ==, n);
  g_assert_cmpfloat_with_epsilon (point->score, score, 1e-9);
  g_assert_cmpfloat_with_epsilon (point->failure_index, failure_index, 1e-9);
}

static void
check_cell (const XjOverview   *overview,
            gint64              site,
            XjOverviewCategory  category,
            double              score)
{
  const XjOverviewCell *cell = xj_overview_find_cell (overview, site, category);

  g_assert_nonnull (cell);
  if (isnan (score))
    g_assert_false (cell->has_score);
  else
    {
      g_assert_true (cell->has_score);
      g_assert_cmpfloat_with_epsilon (cell->score, score, 1e-9);
    }
}

static void
test_scores_by_week (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(XjOverview) o = compute (f, XJ_OVERVIEW_CHECKS, XJ_OVERVIEW_BY_WEEK, NULL, 0);
  gint64 week1 = local (3, 2, 0, 0), week3 = local (3, 16, 0, 0);

  g_assert_cmpuint (o->n_inspections, ==, 4);
  g_assert_cmpuint (o->sites->len, ==, 2);
  /* 翠湖花园: (5/6 + 3/6) / 2 = 66.67 %, FI (2 + 5) / 2; then 3/5 = 60 %, FI 5. */
  check_point (o, f->site_a, week1, 2, (500.0 / 6 + 50) / 2, 3.5);
  check_point (o, f->site_a, week3, 1, 60, 5);
  check_point (o, f->site_b, week1, 1, 100, 0);
  /* The team: every inspection of the week counts once. */
  check_point (o, 0, week1, 3, (500.0 / 6 + 50 + 100) / 3, 7.0 / 3);
  check_point (o, 0, week3, 1, 60, 5);
  g_assert_null (xj_overview_find_point (o, f->site_b, week3));
  g_assert_cmpuint (o->points->len, ==, 5);
}

static void
test_scores_by_month (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(XjOverview) o = compute (f, XJ_OVERVIEW_CHECKS, XJ_OVERVIEW_BY_MONTH, NULL, 0);
  gint64 march = local (3, 1, 0, 0);

  check_point (o, f->site_a, march, 3, (500.0 / 6 + 50 + 60) / 3, 4);
  check_point (o, 0, march, 4, (500.0 / 6 + 50 + 60 + 100) / 4, 3);
  /* From the totals stored when each was completed (schema v8). */
  g_assert_cmpint (xj_test_query_int (xj_store_get_db (f->store), "SELECT (SELECT count(*) FROM "
                                      "inspection_totals) - (SELECT count(*) FROM inspections "
                                      "WHERE state <> 'draft') + (SELECT count(*) FROM "
                                      "inspection_totals_stale)"), ==, 0);
}

static void
test_categories (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(XjOverview) o = compute (f, XJ_OVERVIEW_CHECKS, XJ_OVERVIEW_BY_MONTH, NULL, 0);

  g_assert_cmpuint (o->cells->len, ==, 2 * XJ_OVERVIEW_N_CATEGORIES);
  /* 翠湖花园: clean 2+0+2 of 6; green 1+1 of 2 (n.a. out); the light
   * (facilities → public order) 0+0+1 of 3; the panel 2+2+0 of 6. */
  check_cell (o, f->site_a, XJ_OVERVIEW_CLEANING, 400.0 / 6);
  check_cell (o, f->site_a, XJ_OVERVIEW_GREENERY, 100);
  check_cell (o, f->site_a, XJ_OVERVIEW_PUBLIC_ORDER, 100.0 / 3);
  check_cell (o, f->site_a, XJ_OVERVIEW_FIRE_SECURITY, 400.0 / 6);
  check_cell (o, f->site_a, XJ_OVERVIEW_SERVICE, NAN);
  check_cell (o, f->site_b, XJ_OVERVIEW_CLEANING, 100);
  check_cell (o, f->site_b, XJ_OVERVIEW_SERVICE, NAN);
}

static void
test_repeats (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(XjOverview) o = compute (f, XJ_OVERVIEW_CHECKS, XJ_OVERVIEW_BY_MONTH, NULL, 0);
  const XjOverviewRepeat *repeat;

  /* Only the light failed twice at one site in March; 金桂苑's failures of
   * February are outside the period. */
  g_assert_cmpuint (o->repeats->len, ==, 1);
  repeat = &g_array_index (o->repeats, XjOverviewRepeat, 0);
  g_assert_cmpint (repeat->site_id, ==, f->site_a);
  g_assert_cmpstr (repeat->item_key, ==, "light");
  g_assert_cmpuint (repeat->count, ==, 2);
  g_assert_cmpint (repeat->last_at, ==, local (3, 4, 9, 0));
  g_assert_cmpint (repeat->notice_id, >, 0);
  g_assert_cmpstr (repeat->notice_number, ==, "ZG-2026-0001");
}

/* The ranking: most failures first, then the latest; the prompt as the
 * latest failure's checklist version showed it; the latest by start time,
 * not by the order the inspections were recorded in. */
static void
test_repeats_ranked (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(XjOverview) o = NULL;
  XjTemplate *changed = xj_template_copy (f->weekly);
  XjTemplateItem *clean = (XjTemplateItem *) find (changed, "clean");
  const XjOverviewRepeat *r;
  gint64 latest_green;

  g_free (clean->prompt);
  clean->prompt = g_strdup ("地面、楼道无积水无垃圾");
  xj_template_free (f->weekly);
  f->weekly = save_template (f, changed);

  /* 翠湖花园: the cleaning fails again on 20 March (the new version). */
  inspect (f, f->site_a, f->weekly, "weekly", local (3, 20, 10, 0), FALSE,
           (const char *[]) { "clean=fail", "green=pass", NULL });
  /* 金桂苑: the greenery fails on 25 March, recorded before the one of
   * 6 March; the panel fails on 7, 8 and 9 March. */
  latest_green = inspect (f, f->site_b, f->weekly, "weekly", local (3, 25, 9, 0), FALSE,
                          (const char *[]) { "green=fail", NULL });
  inspect (f, f->site_b, f->weekly, "weekly", local (3, 6, 9, 0), FALSE,
           (const char *[]) { "green=fail", NULL });
  for (int day = 7; day <= 9; day++)
    inspect (f, f->site_b, f->weekly, "weekly", local (3, day, 9, 0), FALSE,
             (const char *[]) { "panel=fail", NULL });
  xj_clock_set_fixed (local (3, 31, 12, 0));

  o = compute (f, XJ_OVERVIEW_CHECKS, XJ_OVERVIEW_BY_MONTH, NULL, 0);
  /* 金桂苑 panel ×3; then twice each, latest first: 金桂苑 greenery
   * (25 March), 翠湖花园 cleaning (20 March), 翠湖花园 light (4 March).
   * 翠湖花园's panel failed once: not a repeat. */
  g_assert_cmpuint (o->repeats->len, ==, 4);
  r = &g_array_index (o->repeats, XjOverviewRepeat, 0);
  g_assert_cmpint (r->site_id, ==, f->site_b);
  g_assert_cmpstr (r->site_name, ==, "金桂苑");
  g_assert_cmpstr (r->item_key, ==, "panel");
  g_assert_cmpuint (r->count, ==, 3);
  g_assert_cmpint (r->last_at, ==, local (3, 9, 9, 0));
  g_assert_cmpint (r->notice_id, ==, 0);
  r = &g_array_index (o->repeats, XjOverviewRepeat, 1);
  g_assert_cmpint (r->site_id, ==, f->site_b);
  g_assert_cmpstr (r->item_key, ==, "green");
  g_assert_cmpuint (r->count, ==, 2);
  g_assert_cmpint (r->last_at, ==, local (3, 25, 9, 0));
  g_assert_cmpint (r->last_inspection_id, ==, latest_green);
  r = &g_array_index (o->repeats, XjOverviewRepeat, 2);
  g_assert_cmpint (r->site_id, ==, f->site_a);
  g_assert_cmpstr (r->site_name, ==, "翠湖花园");
  g_assert_cmpstr (r->item_key, ==, "clean");
  g_assert_cmpstr (r->prompt, ==, "地面、楼道无积水无垃圾");
  g_assert_cmpuint (r->count, ==, 2);
  g_assert_cmpint (r->last_at, ==, local (3, 20, 10, 0));
  r = &g_array_index (o->repeats, XjOverviewRepeat, 3);
  g_assert_cmpstr (r->item_key, ==, "light");
  g_assert_cmpstr (r->prompt, ==, "light");
  g_assert_cmpuint (r->count, ==, 2);
  g_assert_cmpstr (r->notice_number, ==, "ZG-2026-0001");
}

static void
test_notices (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(XjOverview) o = compute (f, XJ_OVERVIEW_CHECKS, XJ_OVERVIEW_BY_MONTH, NULL, 0);
  g_autoptr(XjOverview) b = NULL;
  const XjOverviewNotices *n = &o->notices;

  g_assert_cmpuint (n->open, ==, 2);
  g_assert_cmpuint (n->open_by_age[XJ_OVERVIEW_AGE_WEEK], ==, 1);
  g_assert_cmpuint (n->open_by_age[XJ_OVERVIEW_AGE_MONTH], ==, 1);
  g_assert_cmpuint (n->open_by_age[XJ_OVERVIEW_AGE_QUARTER], ==, 0);
  g_assert_cmpuint (n->open_by_party[XJ_RESPONSIBLE_PARTY_PROPERTY], ==, 1);
  g_assert_cmpuint (n->open_by_party[XJ_RESPONSIBLE_PARTY_REPAIR_CREW], ==, 1);
  g_assert_cmpuint (n->overdue, ==, 1);
  g_assert_cmpuint (n->escalated, ==, 1);
  g_assert_cmpuint (n->closed_by_type[XJ_NOTICE_TYPE_CONTACT], ==, 2);
  g_assert_cmpfloat_with_epsilon (n->days_to_close_by_type[XJ_NOTICE_TYPE_CONTACT], 7, 1e-9);
  g_assert_cmpuint (n->closed_by_type[XJ_NOTICE_TYPE_RECTIFICATION], ==, 0);

  /* 金桂苑 alone: the work order only. */
  b = compute (f, XJ_OVERVIEW_CHECKS, XJ_OVERVIEW_BY_MONTH, &f->site_b, 1);
  g_assert_cmpuint (b->notices.open, ==, 1);
  g_assert_cmpuint (b->notices.overdue, ==, 0);
  g_assert_cmpuint (b->notices.closed_by_type[XJ_NOTICE_TYPE_CONTACT], ==, 0);
  g_assert_cmpuint (b->sites->len, ==, 1);
  check_point (b, 0, local (3, 1, 0, 0), 1, 100, 0);
  g_assert_cmpuint (b->repeats->len, ==, 0);
}

static void
test_compliance (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(XjOverview) o = compute (f, XJ_OVERVIEW_CHECKS, XJ_OVERVIEW_BY_MONTH, NULL, 0);
  const XjOverviewCompliance *c;

  /* Due by the end of 2, 9, 16, 23 and 30 March: done on 2 March (on
   * time) and on 17 March for the 16th (late); 9, 23 and 30 March missed.
   * The check of 4 March only repeats the done one of 2 March. */
  g_assert_cmpuint (o->compliance->len, ==, 1);
  c = &g_array_index (o->compliance, XjOverviewCompliance, 0);
  g_assert_cmpint (c->site_id, ==, f->site_a);
  g_assert_cmpstr (c->kind, ==, "weekly");
  g_assert_cmpuint (c->due, ==, 5);
  g_assert_cmpuint (c->on_time, ==, 1);
  g_assert_cmpuint (c->late, ==, 1);
  g_assert_cmpuint (c->missed, ==, 3);
}

static void
test_mystery (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(XjOverview) o = compute (f, XJ_OVERVIEW_MYSTERY_VISITS, XJ_OVERVIEW_BY_MONTH,
                                     NULL, 0);
  const XjOverviewStep *step;
  const XjOverviewHard *hard;

  g_assert_cmpuint (o->n_inspections, ==, 2);
  /* 2 of 2 and 0 of 2 points: 100 % and 0 %; FI 0 and 1 + 2. */
  check_point (o, f->site_b, local (3, 1, 0, 0), 2, 50, 1.5);
  check_cell (o, f->site_b, XJ_OVERVIEW_SERVICE, 50);
  g_assert_cmpuint (o->steps->len, ==, 2);
  step = &g_array_index (o->steps, XjOverviewStep, 0);
  g_assert_cmpstr (step->title, ==, "亲切招呼");
  g_assert_cmpuint (step->n_pass, ==, 1);
  g_assert_cmpuint (step->n_fail, ==, 1);
  step = &g_array_index (o->steps, XjOverviewStep, 1);
  g_assert_cmpstr (step->title, ==, "探询需求");
  g_assert_cmpuint (step->position, ==, 1);
  g_assert_cmpuint (o->hard->len, ==, 1);
  hard = g_ptr_array_index (o->hard, 0);
  g_assert_cmpstr (hard->item_key, ==, "approach");
  g_assert_cmpfloat (hard->limit, ==, 30);
  g_assert_cmpuint (hard->values->len, ==, 2);
  g_assert_cmpfloat (g_array_index (hard->values, double, 0), ==, 20);
  g_assert_cmpfloat (g_array_index (hard->values, double, 1), ==, 45);
  g_assert_cmpuint (hard->n_fail, ==, 1);
  /* The checks' figures have no steps. */
  g_assert_cmpuint (o->compliance->len, ==, 0);
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  XjOverview **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = xj_overview_compute_finish (XJ_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  XjOverviewQuery query = {
    .from = local (3, 1, 0, 0), .to = local (4, 1, 0, 0), .kind = XJ_OVERVIEW_CHECKS,
    .bucket = XJ_OVERVIEW_BY_WEEK, .site_ids = &f->site_a, .n_site_ids = 1,
  };
  g_autoptr(XjOverview) o = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  xj_overview_compute_async (f->store, &query, NULL, on_computed_cb, &o);
  while (o == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (o);
  g_assert_cmpuint (o->n_inspections, ==, 3);
  check_point (o, 0, local (3, 16, 0, 0), 1, 60, 5);
}

/* The starts of the inspections behind a figure, newest first, and how
 * many answers of the figure failed in each. */
static void
check_drill (Fixture          *f,
             XjOverviewKind    kind,
             gint64            from,
             gint64            site,
             int               category,
             const char       *item_key,
             const gint64     *starts,
             const guint      *failed,
             guint             n)
{
  XjOverviewQuery query = {
    .from = from, .to = local (4, 1, 0, 0), .kind = kind, .bucket = XJ_OVERVIEW_BY_MONTH,
  };
  XjOverviewDrill drill = { .site_id = site, .category = category, .item_key = item_key };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list = xj_overview_list_inspections (f->store, &query, &drill, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const XjOverviewInspection *row = &g_array_index (list, XjOverviewInspection, i);

      g_assert_cmpint (row->started_at, ==, starts[i]);
      g_assert_cmpuint (row->n_failed, ==, failed[i]);
      g_assert_cmpstr (row->site_name, ==, site == f->site_a ? "翠湖花园" : "金桂苑");
    }
}

static void
test_drill (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(XjOverview) o = compute (f, XJ_OVERVIEW_CHECKS, XJ_OVERVIEW_BY_MONTH, NULL, 0);
  gint64 march = local (3, 1, 0, 0);
  const XjOverviewRepeat *repeat = &g_array_index (o->repeats, XjOverviewRepeat, 0);

  /* Greenery at 翠湖花园: the 17 March check answered it n.a., so two
   * inspections behind the cell, as it counts them. */
  check_drill (f, XJ_OVERVIEW_CHECKS, march, f->site_a, XJ_OVERVIEW_GREENERY, NULL,
               (gint64[]) { local (3, 4, 9, 0), local (3, 2, 10, 0) }, (guint[]) { 0, 0 }, 2);
  g_assert_cmpuint (xj_overview_find_cell (o, f->site_a, XJ_OVERVIEW_GREENERY)->n_inspections,
                    ==, 2);
  /* Public order holds the light (facilities): failed on 2 and 4 March. */
  check_drill (f, XJ_OVERVIEW_CHECKS, march, f->site_a, XJ_OVERVIEW_PUBLIC_ORDER, NULL,
               (gint64[]) { local (3, 17, 15, 0), local (3, 4, 9, 0), local (3, 2, 10, 0) },
               (guint[]) { 0, 1, 1 }, 3);
  /* Cleaning at 金桂苑: February's check and the draft are not behind it. */
  check_drill (f, XJ_OVERVIEW_CHECKS, march, f->site_b, XJ_OVERVIEW_CLEANING, NULL,
               (gint64[]) { local (3, 3, 9, 0) }, (guint[]) { 0 }, 1);
  check_drill (f, XJ_OVERVIEW_CHECKS, march, f->site_a, XJ_OVERVIEW_SERVICE, NULL, NULL, NULL, 0);
  /* The repeat finding: the two inspections where the light failed. */
  check_drill (f, XJ_OVERVIEW_CHECKS, march, repeat->site_id, -1, repeat->item_key,
               (gint64[]) { local (3, 4, 9, 0), local (3, 2, 10, 0) }, (guint[]) { 1, 1 },
               repeat->count);
  /* A later start leaves the first out. */
  check_drill (f, XJ_OVERVIEW_CHECKS, local (3, 3, 0, 0), f->site_a, -1, "light",
               (gint64[]) { local (3, 4, 9, 0) }, (guint[]) { 1 }, 1);
  /* The kind counts: the store visits' service cell, one failure each in
   * the second (greet failed, approach 45 s over 30). */
  check_drill (f, XJ_OVERVIEW_MYSTERY_VISITS, march, f->site_b, XJ_OVERVIEW_SERVICE, NULL,
               (gint64[]) { local (3, 20, 15, 0), local (3, 10, 15, 0) }, (guint[]) { 2, 0 },
               2);
}

typedef struct {
  guint inspections, answers, notices, events;
} Rows;

static gboolean
count_inspection (const XjExportInspection *row, gpointer data, GError **error)
{
  ((Rows *) data)->inspections++;
  return TRUE;
}

static gboolean
count_answer (const XjExportAnswer *row, gpointer data, GError **error)
{
  ((Rows *) data)->answers++;
  return TRUE;
}

static gboolean
count_notice (const XjExportNotice *row, gpointer data, GError **error)
{
  ((Rows *) data)->notices++;
  return TRUE;
}

static gboolean
count_event (const XjExportEvent *row, gpointer data, GError **error)
{
  ((Rows *) data)->events++;
  return TRUE;
}

static Rows
export_rows (Fixture             *f,
             const XjExportRange *range,
             guint               *n_compliance)
{
  static const XjExportSink sink = { count_inspection, count_answer, count_notice, count_event };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) compliance = NULL;
  Rows rows = { 0 };

  g_assert_true (xj_store_export_rows (f->store, range, &sink, &rows, &error));
  g_assert_no_error (error);
  compliance = xj_store_export_compliance (f->store, range, &error);
  g_assert_no_error (error);
  *n_compliance = compliance->len;
  return rows;
}

/* What the Overview exports: its period, its sites and its kind. */
static void
test_export_selection (Fixture       *f,
                       gconstpointer  data)
{
  gint64 both[] = { f->site_a, f->site_b };
  XjExportRange range = {
    .from = local (3, 1, 0, 0), .to = local (4, 1, 0, 0), .site_ids = &f->site_b,
    .n_site_ids = 1, .with_kind = TRUE, .kind = XJ_OVERVIEW_MYSTERY_VISITS,
  };
  guint n_compliance;
  Rows rows;

  /* 金桂苑's two store visits (two answers each), its work order with
   * its creation and issue, and no schedule of visits. */
  rows = export_rows (f, &range, &n_compliance);
  g_assert_cmpuint (rows.inspections, ==, 2);
  g_assert_cmpuint (rows.answers, ==, 4);
  g_assert_cmpuint (rows.notices, ==, 1);
  g_assert_cmpuint (n_compliance, ==, 0);

  /* Both sites' checks: 翠湖花园's three, 金桂苑's one and its draft
   * (4 + 4 + 4 + 4 + 1 answers); the four notices issued in March; the
   * weekly schedule's compliance row. */
  range.site_ids = both;
  range.n_site_ids = 2;
  range.kind = XJ_OVERVIEW_CHECKS;
  rows = export_rows (f, &range, &n_compliance);
  g_assert_cmpuint (rows.inspections, ==, 5);
  g_assert_cmpuint (rows.answers, ==, 17);
  g_assert_cmpuint (rows.notices, ==, 4);
  g_assert_cmpuint (n_compliance, ==, 1);

  /* Every kind: the visits too. */
  range.with_kind = FALSE;
  rows = export_rows (f, &range, &n_compliance);
  g_assert_cmpuint (rows.inspections, ==, 7);
  g_assert_cmpuint (rows.answers, ==, 21);
}

static void
test_period_start (void)
{
  g_assert_cmpint (xj_overview_period_start (XJ_OVERVIEW_BY_WEEK, local (3, 8, 23, 59)), ==,
                   local (3, 2, 0, 0));
  g_assert_cmpint (xj_overview_period_start (XJ_OVERVIEW_BY_WEEK, local (3, 9, 0, 0)), ==,
                   local (3, 9, 0, 0));
  g_assert_cmpint (xj_overview_period_start (XJ_OVERVIEW_BY_MONTH, local (3, 31, 23, 0)), ==,
                   local (3, 1, 0, 0));
  g_assert_cmpstr (xj_overview_category_get_label (XJ_OVERVIEW_FIRE_SECURITY), ==,
                   "Fire & security");
  g_assert_cmpstr (xj_overview_category_to_string (XJ_OVERVIEW_PUBLIC_ORDER), ==, "public_order");
}

int
main (int argc, char **argv)
{
  xj_test_init (&argc, &argv);
  g_test_add_func ("/xj/overview/period-start", test_period_start);
#define ADD(path, func) \
  g_test_add ("/xj/overview/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("scores-by-week", test_scores_by_week);
  ADD ("scores-by-month", test_scores_by_month);
  ADD ("categories", test_categories);
  ADD ("repeats", test_repeats);
  ADD ("repeats-ranked", test_repeats_ranked);
  ADD ("notices", test_notices);
  ADD ("compliance", test_compliance);
  ADD ("mystery", test_mystery);
  ADD ("async", test_async);
  ADD ("drill", test_drill);
  ADD ("export-selection", test_export_selection);
  return g_test_run ();
}
