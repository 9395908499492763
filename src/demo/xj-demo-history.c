/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Years of demo history (`demo --sites N --years Y`): schedules followed
 * with realistic gaps, completed inspections with every answer, notices.
 * Large enough to measure what grows with the data, so it writes in bulk
 * through the core's bulk writer (xj_inspection_bulk_begin()).
 */
#define G_LOG_DOMAIN "xj-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-clock.h"
#include "xj-demo-inspections.h"
#include "xj-demo-private.h"
#include "xj-schedule.h"
#include "xj-demo.h"
#include "xj-inspection-bulk.h"
#include "xj-scoring.h"
#include "xj-signature.h"
#include "xj-template-store.h"

/* Who holds the demo certificate (src/cli/xj-cli-demo.c). */
#define SIGNING_INSPECTOR "张伟"

typedef struct
{
  XjStore      *store;
  GRand        *rand;
  GHashTable   *templates;     /* template id -> XjTemplate (latest version) */
  XjInspectionBulk *bulk;
  guint         n_inspections;
  gint64        from;
  gint64        now;
  GArray       *raised;        /* gint64 pairs: failing inspection, completed at */
  GArray       *to_sign;       /* gint64: inspections signed by hand, then digitally */
} History;

/* Of the completed checks with a failure, how many become a notice: the
 * liaison writes one for most failures of a monthly or weekly check with
 * the representative, fewer for daily patrols and spot checks; a mystery
 * shopper's findings go to the store as contact forms now and then. */
static double
notice_share (const char *kind)
{
  static const struct { const char *kind; double share; } shares[] = {
    { "monthly", 0.35 }, { "weekly", 0.12 }, { "spot_check", 0.08 }, { "daily", 0.015 },
    { "mystery_visit", 0.05 }, { "mystery_call", 0.05 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
    if (g_str_equal (kind, shares[i].kind))
      return shares[i].share;
  return 0;
}

/* Reports signed and archived: the monthly checks of the last month and
 * the weekly checks of the last two weeks, as a team that just started
 * signing its reports would have them. */
static gboolean
signed_by_hand (History    *h,
                const char *kind,
                gint64      started)
{
  return (g_str_equal (kind, "monthly") && h->now - started < 31 * 86400)
         || (g_str_equal (kind, "weekly") && h->now - started < 14 * 86400);
}

/* Sites drift: a slow wave over about 13 months, its phase the site's, so
 * that some sites get better while others get worse. */
static double
drifting (History *h,
          gint64   site_id,
          gint64   t,
          double   fail_rate)
{
  double phase = (site_id * 2.39996) + 2 * G_PI * (t - h->from) / (400.0 * 86400);

  return fail_rate * (1 + 0.7 * sin (phase));
}

static const char *const fail_remarks[] = {
  "现场发现问题，已拍照留存",
  "已口头告知物业现场负责人",
  "与上次检查相比未见改善",
  "北侧绿化带有垃圾未清理",
  "单元门禁刷卡无反应",
  "监控画面有两路黑屏",
  "保安岗亭无人值守约十分钟",
  "消防通道堆放杂物",
};

/* A value for @item: most pass, a site-dependent share fail; a @weak item
 * (a site's recurring problem) fails one time in two. */
static char *
make_value (const XjTemplateItem *item,
            GRand                *rand,
            double                fail_rate,
            gboolean              weak)
{
  gboolean fail = g_rand_double (rand) < (weak ? 0.5 : fail_rate);

  if (g_rand_double (rand) < 0.03)
    return g_strdup ("na");
  switch (item->type)
    {
    case XJ_RESPONSE_PASS_FAIL:
      return g_strdup (fail ? "fail" : "pass");
    case XJ_RESPONSE_YES_NO:
      return g_strdup ((fail != item->pass_answer) ? "yes" : "no");
    case XJ_RESPONSE_RATING:
      return g_strdup_printf ("%d", fail ? g_rand_int_range (rand, 1, 3) : g_rand_int_range (rand, 4, 6));
    case XJ_RESPONSE_NUMBER:
      {
        double low = isnan (item->range_min) ? 0 : item->range_min;
        double high = isnan (item->range_max) ? low + 10 : item->range_max;

        /* Counts (rings to answer): whole numbers, mostly at the low end. */
        double pass = low + floor ((high - low + 1) * pow (g_rand_double (rand), 1.5));

        return g_strdup_printf ("%g", fail ? high + 1 + g_rand_int_range (rand, 0, 5)
                                           : MAX (low, MIN (high, pass + (low == 0))));
      }
    case XJ_RESPONSE_STOPWATCH:
      {
        double limit = isnan (item->threshold) ? 30 : item->threshold;

        /* Measured seconds: most well within the limit, a tail up to it. */
        double r = g_rand_double (rand);

        return g_strdup_printf ("%.0f", fail ? limit + g_rand_int_range (rand, 1, 40)
                                             : MAX (1, limit * (0.15 + 0.8 * r * r)));
      }
    case XJ_RESPONSE_CHOICE:
      if (item->options == NULL || item->options->len == 0)
        return NULL;
      return g_strdup_printf ("%u", fail ? item->options->len - 1 : 0);
    case XJ_RESPONSE_TEXT:
      return g_strdup ("正常");
    case XJ_RESPONSE_DATETIME:
    case XJ_RESPONSE_PHOTO:
    default:
      return NULL;
    }
}

static gboolean
add_inspection (History     *h,
                XjSchedule  *schedule,
                gint64       occurrence,
                double       fail_rate,
                GError     **error)
{
  XjTemplate *tmpl = g_hash_table_lookup (h->templates,
                                          &(gint64) { xj_schedule_get_template_id (schedule) });
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(XjScore) score = NULL;
  const XjGradeBands bands = XJ_GRADE_BANDS_DEFAULT;
  /* Most start on time, some late within the window. */
  gint64 started = occurrence + (g_rand_double (h->rand) < 0.15
                                 ? g_rand_int_range (h->rand, 3600, 5 * 3600)
                                 : g_rand_int_range (h->rand, 0, 1800));
  g_autoptr(GArray) answers = g_array_new (FALSE, FALSE, sizeof (XjPastAnswer));
  XjPastInspection past = { 0 };
  gboolean with_rep;
  guint n_failed = 0;
  gint64 id;

  if (tmpl == NULL)
    return TRUE;

  fail_rate = drifting (h, xj_schedule_get_site_id (schedule), started, fail_rate);
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          /* The second item of each checklist is the recurring problem of
           * one site in seven. */
          gboolean weak = i == 1 && s == 0 && xj_schedule_get_site_id (schedule) % 7 == 3;
          char *value = make_value (item, h->rand, fail_rate, weak);

          if (value != NULL)
            g_hash_table_insert (values, &item->id, value);
        }
    }
  score = xj_score_compute_for_values (tmpl, values, &bands);

  with_rep = g_strcmp0 (xj_schedule_get_kind (schedule), "weekly") == 0
             || g_strcmp0 (xj_schedule_get_kind (schedule), "monthly") == 0;
  past.site_id = xj_schedule_get_site_id (schedule);
  past.version_id = tmpl->version_id;
  past.kind = xj_schedule_get_kind (schedule);
  /* The reports signed digitally are the demo certificate's holder's. */
  past.inspector = signed_by_hand (h, past.kind, started) ? SIGNING_INSPECTOR : "王芳";
  past.rep_name = with_rep ? "李明" : "";
  past.rep_company = with_rep ? "绿城物业" : "";
  past.schedule_id = xj_schedule_get_id (schedule);
  past.occurrence_at = occurrence;
  past.started_at = started;
  past.completed_at = started + 40 * 60;
  past.score = score;

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          const char *value = g_hash_table_lookup (values, &item->id);
          XjOutcome outcome = xj_template_item_evaluate (item, value, NULL);
          XjPastAnswer answer = { item->id, value, outcome, "", started + 60 * (s * 10 + i) };

          if (value == NULL)
            continue;
          if (outcome == XJ_OUTCOME_FAIL)
            {
              answer.remark = fail_remarks[g_rand_int_range (h->rand, 0,
                                                             G_N_ELEMENTS (fail_remarks))];
              n_failed++;
            }
          g_array_append_val (answers, answer);
        }
    }
  if ((id = xj_inspection_bulk_add (h->bulk, &past, (const XjPastAnswer *) answers->data,
                                   answers->len, error)) == 0)
    return FALSE;
  h->n_inspections++;
  if (n_failed > 0 && g_rand_double (h->rand) < notice_share (past.kind))
    {
      g_array_append_val (h->raised, id);
      g_array_append_val (h->raised, past.completed_at);
    }
  if (signed_by_hand (h, past.kind, started))
    g_array_append_val (h->to_sign, id);
  return TRUE;
}

static gboolean
follow_schedule (History     *h,
                 XjSchedule  *schedule,
                 gint64       from,
                 gint64       now,
                 GError     **error)
{
  g_autoptr(GArray) plan = xj_schedule_plan (schedule, from, now);
  /* Each site has its own standard of work. */
  double fail_rate = 0.03 + 0.12 * ((xj_schedule_get_site_id (schedule) * 37) % 100) / 100.0;

  for (guint i = 0; i < plan->len; i++)
    {
      gint64 occurrence = g_array_index (plan, gint64, i);

      /* Realistic gaps: a few missed occurrences, and the last days partly
       * undone so that Today has something overdue. */
      if (g_rand_double (h->rand) < 0.05
          || (now - occurrence < 3 * 86400 && g_rand_double (h->rand) < 0.4))
        continue;
      if (!add_inspection (h, schedule, occurrence, fail_rate, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_completed (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  gint64 x = ((const gint64 *) a)[1], y = ((const gint64 *) b)[1];

  return (x > y) - (x < y);
}

/* The inspector's and the representative's signatures, so that the demo
 * signs and archives these reports (xj_cli_demo). */
static gboolean
sign_by_hand (XjStore  *store,
              GArray   *to_sign,
              GError  **error)
{
  g_autofree char *inspector = xj_demo_make_strokes (SIGNING_INSPECTOR);
  g_autofree char *representative = xj_demo_make_strokes ("李明");

  for (guint i = 0; i < to_sign->len; i++)
    {
      gint64 id = g_array_index (to_sign, gint64, i);

      if (xj_store_add_inspection_signature (store, id, XJ_SIGNATURE_ROLE_INSPECTOR,
                                             SIGNING_INSPECTOR, NULL,
                                             inspector, error) == 0
          || xj_store_add_inspection_signature (store, id, XJ_SIGNATURE_ROLE_REPRESENTATIVE, "李明",
                                                "绿城物业", representative, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/**
 * _xj_demo_add_bulk_history:
 * @years: how many years back the history reaches
 *
 * Adds schedules for every site and follows them for @years.
 */
gboolean
_xj_demo_add_bulk_history (XjStore  *store,
                      guint     years,
                      guint32   seed,
                      GError  **error)
{
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GHashTable) loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) xj_template_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  XjScheduleDemoTemplates ids = { 0 };
  gint64 now = xj_clock_now ();
  gint64 from = now - (gint64) years * 365 * 86400;
  g_autoptr(GArray) raised = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) to_sign = g_array_new (FALSE, FALSE, sizeof (gint64));
  History h = { store, rand, loaded, NULL, 0, from, now, raised, to_sign };
  g_autoptr(XjInspectionBulk) bulk = NULL;

  if ((templates = xj_store_list_templates (store, FALSE, error)) == NULL)
    return FALSE;
  if ((ids.daily_template_id = xj_demo_find_builtin (store, "daily-patrol", error)) == 0
      || (ids.weekly_template_id = xj_demo_find_builtin (store, "weekly-check", error)) == 0
      || (ids.monthly_template_id = xj_demo_find_builtin (store, "monthly-check", error)) == 0
      || (ids.mystery_template_id = xj_demo_find_builtin (store, "mystery-store-visit", error)) == 0
      || (ids.desk_template_id = xj_demo_find_builtin (store, "service-desk-visit", error)) == 0
      || (ids.call_template_id = xj_demo_find_builtin (store, "mystery-call", error)) == 0)
    return FALSE;
  ids.spot_template_id = ids.weekly_template_id;
  if (!xj_schedule_add_demo (store, &ids, from, error))
    return FALSE;

  for (guint i = 0; i < templates->len; i++)
    {
      XjTemplateSummary *summary = g_ptr_array_index (templates, i);
      XjTemplate *tmpl = xj_store_load_template_version (store, summary->version_id, error);

      if (tmpl == NULL)
        return FALSE;
      g_hash_table_insert (loaded, g_memdup2 (&summary->id, sizeof summary->id), tmpl);
    }
  if ((schedules = xj_store_list_schedules (store, 0, error)) == NULL)
    return FALSE;

  if ((bulk = xj_inspection_bulk_begin (store, error)) == NULL)
    return FALSE;
  h.bulk = bulk;
  for (guint i = 0; i < schedules->len; i++)
    if (!follow_schedule (&h, g_ptr_array_index (schedules, i), from, now, error))
      return FALSE;
  g_debug ("demo history: %u inspections, %u notices, %u to sign", h.n_inspections,
           raised->len / 2, to_sign->len);
  if (!xj_inspection_bulk_commit (bulk, error))
    return FALSE;
  /* Notices are numbered as they are issued: in the order they were. */
  g_qsort_with_data (raised->data, raised->len / 2, 2 * sizeof (gint64), compare_completed, NULL);
  return _xj_demo_add_history_notices (store, raised, rand, error)
         && sign_by_hand (store, to_sign, error);
}
