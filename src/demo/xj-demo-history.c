/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Years of demo history (`demo --sites N --years Y`): schedules followed
 * with realistic gaps, completed inspections with every answer, notices.
 * Large enough to measure what grows with the data, so it writes in bulk:
 * prepared statements in few transactions, with synchronous = OFF for the
 * duration (demo data that a crash would lose is simply made again).
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
#include "xj-scoring.h"
#include "xj-template-store.h"
#include "xj-transaction.h"

#define ROWS_PER_TRANSACTION 20000

typedef struct
{
  XjStore       *store;
  GRand         *rand;
  GHashTable    *templates;     /* template id -> XjTemplate (latest version) */
  sqlite3_stmt  *insert_inspection;
  sqlite3_stmt  *insert_answer;
  XjTransaction *batch;         /* the rows not yet committed */
  guint          pending;
  guint          n_inspections;
} History;

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

static gboolean
exec (XjStore     *store,
      const char  *sql,
      GError     **error)
{
  return xj_store_exec (store, sql, error);
}

/* A value for @item: most pass, a site-dependent share fail. */
static char *
make_value (const XjTemplateItem *item,
            GRand                *rand,
            double                fail_rate)
{
  gboolean fail = g_rand_double (rand) < fail_rate;

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

        return g_strdup_printf ("%g", fail ? high + 1 + g_rand_int_range (rand, 0, 5)
                                           : low + floor ((high - low) * g_rand_double (rand)));
      }
    case XJ_RESPONSE_STOPWATCH:
      {
        double limit = isnan (item->threshold) ? 30 : item->threshold;

        return g_strdup_printf ("%.1f", fail ? limit + g_rand_int_range (rand, 1, 40)
                                             : limit * g_rand_double (rand));
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
flush_if_needed (History  *h,
                 gboolean  force,
                 GError  **error)
{
  if (!force && h->pending < ROWS_PER_TRANSACTION)
    return TRUE;
  h->pending = 0;
  if (!xj_transaction_commit (h->batch, error))
    return FALSE;
  g_clear_pointer (&h->batch, xj_transaction_free);
  return force || (h->batch = xj_transaction_begin (h->store, error)) != NULL;
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
  gint64 inspection_id;
  sqlite3 *db = xj_store_get_db (h->store);
  int rc;

  if (tmpl == NULL)
    return TRUE;

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          char *value = make_value (item, h->rand, fail_rate);

          if (value != NULL)
            g_hash_table_insert (values, &item->id, value);
        }
    }
  score = xj_score_compute_for_values (tmpl, values, &bands);

  sqlite3_reset (h->insert_inspection);
  sqlite3_bind_int64 (h->insert_inspection, 1, xj_schedule_get_site_id (schedule));
  sqlite3_bind_int64 (h->insert_inspection, 2, tmpl->version_id);
  sqlite3_bind_text (h->insert_inspection, 3, xj_schedule_get_kind (schedule), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (h->insert_inspection, 4, xj_schedule_get_id (schedule));
  sqlite3_bind_int64 (h->insert_inspection, 5, occurrence);
  sqlite3_bind_int64 (h->insert_inspection, 6, started);
  sqlite3_bind_int64 (h->insert_inspection, 7, started + 40 * 60);
  if (score->has_score)
    sqlite3_bind_double (h->insert_inspection, 8, round (score->score * 10) / 10);
  else
    sqlite3_bind_null (h->insert_inspection, 8);
  sqlite3_bind_text (h->insert_inspection, 9, xj_grade_to_string (score->grade), -1, SQLITE_STATIC);
  sqlite3_bind_double (h->insert_inspection, 10, score->failure_index);
  sqlite3_bind_int (h->insert_inspection, 11, score->critical_failed ? 1 : 0);
  rc = sqlite3_step (h->insert_inspection);
  if (rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, db, rc, "demo");
  inspection_id = sqlite3_last_insert_rowid (db);

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          const char *value = g_hash_table_lookup (values, &item->id);
          XjOutcome outcome = xj_template_item_evaluate (item, value, NULL);

          if (value == NULL)
            continue;
          sqlite3_reset (h->insert_answer);
          sqlite3_bind_int64 (h->insert_answer, 1, inspection_id);
          sqlite3_bind_int64 (h->insert_answer, 2, item->id);
          sqlite3_bind_text (h->insert_answer, 3, value, -1, SQLITE_STATIC);
          sqlite3_bind_text (h->insert_answer, 4, xj_outcome_to_string (outcome), -1, SQLITE_STATIC);
          sqlite3_bind_text (h->insert_answer, 5,
                             outcome == XJ_OUTCOME_FAIL
                               ? fail_remarks[g_rand_int_range (h->rand, 0, G_N_ELEMENTS (fail_remarks))]
                               : "", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (h->insert_answer, 6, started + 60 * (s * 10 + i));
          rc = sqlite3_step (h->insert_answer);
          if (rc != SQLITE_DONE)
            return xj_store_set_sqlite_error (error, db, rc, "demo");
          h->pending++;
        }
    }
  h->n_inspections++;
  h->pending++;
  return flush_if_needed (h, FALSE, error);
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
  History h = { store, rand, loaded, NULL, NULL, NULL, 0, 0 };
  gboolean ok = FALSE;

  if ((templates = xj_store_list_templates (store, FALSE, error)) == NULL)
    return FALSE;
  if ((ids.daily_template_id = xj_demo_find_builtin (store, "daily-patrol", error)) == 0
      || (ids.weekly_template_id = xj_demo_find_builtin (store, "weekly-check", error)) == 0
      || (ids.monthly_template_id = xj_demo_find_builtin (store, "monthly-check", error)) == 0
      || (ids.mystery_template_id = xj_demo_find_builtin (store, "mystery-store-visit", error)) == 0)
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

  h.insert_inspection = xj_store_prepare (store,
                                          "INSERT INTO inspections (site_id, version_id, kind, "
                                          "state, inspector, rep_name, rep_company, schedule_id, "
                                          "occurrence_at, started_at, completed_at, score, grade, "
                                          "failure_index, critical_failed, updated_at) VALUES "
                                          "(?1, ?2, ?3, 'completed', '王芳', "
                                          "CASE WHEN ?3 IN ('weekly', 'monthly') THEN '李明' ELSE '' END, "
                                          "CASE WHEN ?3 IN ('weekly', 'monthly') THEN '绿城物业' ELSE '' END, "
                                          "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?7)", error);
  h.insert_answer = xj_store_prepare (store,
                                      "INSERT INTO answers (inspection_id, item_id, value, outcome, "
                                      "remark, answered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (h.insert_inspection == NULL || h.insert_answer == NULL)
    return FALSE;

  if (!exec (store, "PRAGMA synchronous = OFF", error)
      || (h.batch = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < schedules->len; i++)
    if (!follow_schedule (&h, g_ptr_array_index (schedules, i), from, now, error))
      goto out;
  ok = flush_if_needed (&h, TRUE, error);

out:
  /* Uncommitted after a failure: the batch is rolled back. */
  g_clear_pointer (&h.batch, xj_transaction_free);
  sqlite3_reset (h.insert_inspection);
  sqlite3_reset (h.insert_answer);
  exec (store, "PRAGMA synchronous = FULL", NULL);
  g_debug ("demo history: %u inspections", h.n_inspections);
  return ok;
}
