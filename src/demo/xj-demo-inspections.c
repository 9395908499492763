/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Demo inspections: a few months of history on the built-in checklists,
 * answered as inspectors do — mostly passing, some failures with remarks
 * in Chinese, the same items failing again at the same site (repeat
 * findings), photos on failures, handwritten signatures — and one large
 * inspection (150 items, 40 failures, every demo photo) for the report
 * benchmark.  History is replayed on the demo's own clock: each answer is
 * given at the time it would have been.
 */
#define G_LOG_DOMAIN "xj-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-clock.h"
#include "xj-demo-inspections.h"
#include "xj-inspection.h"
#include "xj-photo-store.h"
#include "xj-schedule.h"
#include "xj-demo.h"
#include "xj-signature.h"
#include "xj-site.h"
#include "xj-template-store.h"

#define DAY (24 * 60 * 60)
#define DEMO_INSPECTOR "张伟"
#define DEMO_REP_NAME "李娜"
#define DEMO_REP_COMPANY "绿城物业服务有限公司"

/* What inspectors write, by the item's category. */
static const struct {
  const char *category;
  const char *text;
} remarks[] = {
  { "cleaning", "3 号楼东侧通道有烟头和纸屑，保洁未及时清扫" },
  { "cleaning", "地下车库 B2 区垃圾桶满溢，周边有异味" },
  { "cleaning", "电梯轿厢地面有污渍，按钮面板有手印" },
  { "greenery", "中心花园草坪有两处黄斑，疑似缺水" },
  { "greenery", "绿篱修剪不齐，部分枝条伸入人行道" },
  { "greenery", "水景池水质浑浊，有落叶漂浮，未按周期清理" },
  { "public_order", "南门岗保安未佩戴工牌，询问访客未登记" },
  { "public_order", "夜间巡逻记录缺 2:00 一次签到" },
  { "public_order", "地面车位有两辆车压线停放，未见劝导" },
  { "fire_security", "消防通道被电动车占用约 2 米，已当场要求挪开" },
  { "fire_security", "2 号楼一层灭火器压力表指针在红区，需更换" },
  { "fire_security", "监控室值班记录缺 14:00–16:00 两个时段的签名" },
  { "facilities", "楼道应急照明灯按测试键不亮" },
  { "facilities", "儿童游乐区地垫翘起，存在绊倒风险" },
  { "service", "前台接待超过 3 分钟无人应答，未致歉" },
  { "service", "工作人员未使用标准问候语，着装不统一" },
};

static const char *
pick_remark (const XjTemplateItem *item,
             guint                 variant)
{
  guint matching = 0;

  for (guint i = 0; i < G_N_ELEMENTS (remarks); i++)
    matching += g_strcmp0 (remarks[i].category, item->category) == 0;
  for (guint i = 0, n = 0; i < G_N_ELEMENTS (remarks); i++)
    if (g_strcmp0 (remarks[i].category, item->category) == 0 && n++ == variant % MAX (matching, 1))
      return remarks[i].text;
  return remarks[variant % G_N_ELEMENTS (remarks)].text;
}


gint64
xj_demo_find_builtin (XjStore     *store,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *uid = g_strconcat ("xunjian:builtin:", name, NULL);
  g_autoptr(GPtrArray) list = xj_store_list_templates (store, FALSE, error);

  if (list == NULL)
    return 0;
  for (guint i = 0; i < list->len; i++)
    {
      XjTemplateSummary *summary = g_ptr_array_index (list, i);

      if (g_strcmp0 (summary->uid, uid) == 0)
        return summary->id;
    }
  g_set_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_NOT_FOUND,
               _("The built-in checklist “%s” is missing."), name);
  return 0;
}

/**
 * xj_demo_add_extended_template:
 *
 * A checklist of @n_items made of the built-in monthly, weekly and daily
 * checks' sections, repeated (as a large estate's several zones) until it
 * is long enough.  Returns: its template id, or 0.
 */
gint64
xj_demo_add_extended_template (XjStore  *store,
                               guint     n_items,
                               GError  **error)
{
  static const char *const sources[] = { "monthly-check", "weekly-check", "daily-patrol" };
  g_autoptr(XjTemplate) tmpl = xj_template_new (_("Monthly check (extended)"));
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_template_free);
  guint count = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      gint64 id = xj_demo_find_builtin (store, sources[i], error);
      XjTemplate *source = id != 0 ? xj_store_load_template (store, id, error) : NULL;

      if (source == NULL)
        return 0;
      g_ptr_array_add (loaded, source);
    }
  g_free (tmpl->default_kind);
  tmpl->default_kind = g_strdup ("monthly");
  for (guint zone = 1; count < n_items; zone++)
    for (guint t = 0; t < loaded->len && count < n_items; t++)
      {
        XjTemplate *source = g_ptr_array_index (loaded, t);

        for (guint s = 0; s < source->sections->len && count < n_items; s++)
          {
            XjTemplateSection *from = g_ptr_array_index (source->sections, s);
            g_autofree char *title = g_strdup_printf (_("Zone %u: %s"), zone, from->title);
            XjTemplateSection *section = xj_template_section_new (title);

            for (guint i = 0; i < from->items->len && count < n_items; i++)
              {
                XjTemplateItem *item = xj_template_item_copy (g_ptr_array_index (from->items, i));

                item->id = 0;
                g_free (item->key);
                item->key = g_strdup_printf ("ext-%03u", ++count);
                g_ptr_array_add (section->items, item);
              }
            g_ptr_array_add (tmpl->sections, section);
          }
      }
  if (!xj_store_save_template (store, tmpl, "demo", error))
    return 0;
  return tmpl->template_id;
}

/* --- answers --------------------------------------------------------------- */

static gboolean
can_fail (const XjTemplateItem *item)
{
  switch (item->type)
    {
    case XJ_RESPONSE_PASS_FAIL:
    case XJ_RESPONSE_YES_NO:
    case XJ_RESPONSE_RATING:
      return TRUE;
    case XJ_RESPONSE_NUMBER:
      return !isnan (item->range_min) || !isnan (item->range_max);
    case XJ_RESPONSE_STOPWATCH:
      return !isnan (item->threshold);
    case XJ_RESPONSE_CHOICE:
      for (guint i = 0; i < item->options->len; i++)
        if (((XjTemplateOption *) g_ptr_array_index (item->options, i))->fails)
          return TRUE;
      return FALSE;
    default:
      return FALSE;
    }
}

static char *
number_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", value));
}

/* A realistic answer: passing, or failing when @fail. */
static char *
demo_value (const XjTemplateItem *item,
            gboolean              fail,
            gint64                when,
            guint                 variant)
{
  switch (item->type)
    {
    case XJ_RESPONSE_PASS_FAIL:
      return g_strdup (fail ? "fail" : "pass");
    case XJ_RESPONSE_YES_NO:
      return g_strdup ((item->pass_answer != fail) ? "yes" : "no");
    case XJ_RESPONSE_RATING:
      return g_strdup (fail ? "2" : variant % 3 == 0 ? "4" : "5");
    case XJ_RESPONSE_NUMBER:
      if (fail)
        return number_text (!isnan (item->range_max) ? item->range_max * 1.2 + 1 : item->range_min * 0.8 - 1);
      if (!isnan (item->range_min) && !isnan (item->range_max))
        return number_text ((item->range_min + item->range_max) / 2);
      return number_text (!isnan (item->range_min) ? item->range_min + 1
                          : !isnan (item->range_max) ? item->range_max - 1 : 1);
    case XJ_RESPONSE_STOPWATCH:
      return number_text (isnan (item->threshold) ? 20 : fail ? item->threshold * 1.8 : item->threshold * 0.6);
    case XJ_RESPONSE_CHOICE:
      for (guint i = 0; i < item->options->len; i++)
        if (((XjTemplateOption *) g_ptr_array_index (item->options, i))->fails == fail)
          return g_strdup_printf ("%u", i);
      return g_strdup ("0");
    case XJ_RESPONSE_TEXT:
      return g_strdup ("正常，无异常情况");
    case XJ_RESPONSE_DATETIME:
      {
        g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (when);
        return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
      }
    default:
      return NULL;
    }
}

/**
 * xj_demo_make_strokes:
 *
 * Handwriting-like strokes for @name, one to three per character, in the
 * pad's JSON (see xj-signature.h).
 */
char *
xj_demo_make_strokes (const char *name)
{
  g_autoptr(GPtrArray) strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint32 hash = g_str_hash (name);
  gint64 t = 0;
  guint c = 0;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p), c++)
    for (guint s = 0; s < 1 + (hash >> c) % 3; s++)
      {
        GArray *points = g_array_new (FALSE, FALSE, sizeof (XjSignaturePoint));
        double phase = (hash % 97) / 10.0 + s * 1.7 + c;

        for (guint i = 0; i < 18; i++, t += 12)
          {
            XjSignaturePoint point = {
              40 + c * 70 + s * 8 + i * 3.2 + 6 * sin (phase + i * 0.5),
              60 + (s - 1) * 14 + 18 * sin (phase * 0.7 + i * 0.35) + i * (s % 2 ? 1.2 : -0.8),
              t,
            };
            g_array_append_val (points, point);
          }
        t += 180;
        g_ptr_array_add (strokes, points);
      }
  return xj_signature_strokes_to_json (strokes);
}

/* --- one inspection --------------------------------------------------------- */

static gboolean
answer_item (XjStore               *store,
             gint64                 id,
             const XjTemplateItem  *item,
             gboolean               fail,
             guint                  variant,
             guint                  remark,
             GError               **error)
{
  g_autofree char *value = demo_value (item, fail, xj_clock_now (), variant);

  if (value != NULL && !xj_store_set_answer (store, id, item, value, error))
    return FALSE;
  return !fail || xj_store_set_remark (store, id, item, pick_remark (item, remark), error);
}

static gboolean
attach_photos (XjStore                 *store,
               gint64                   id,
               const XjDemoInspection  *spec,
               GPtrArray               *failed_items,
               GError                 **error)
{
  g_autoptr(GHashTable) answers = NULL;

  if (spec->photos == NULL || spec->photos->len == 0 || failed_items->len == 0)
    return TRUE;
  if ((answers = xj_store_load_answers (store, id, error)) == NULL)
    return FALSE;
  /* Every photo once and every failure at least one photo (a failure may
   * require one), in turn; no pair twice, as p < lcm (photos, failures). */
  for (guint p = 0; p < MAX (spec->photos->len, failed_items->len); p++)
    {
      XjTemplateItem *item = g_ptr_array_index (failed_items, (p + spec->fail_offset) % failed_items->len);
      XjAnswer *answer = g_hash_table_lookup (answers, &item->id);

      if (answer != NULL
          && !xj_store_attach_photo_to_answer (store, answer->answer_id,
                                               g_ptr_array_index (spec->photos, p % spec->photos->len),
                                               NULL, DEMO_INSPECTOR, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_signatures (XjStore                 *store,
                gint64                   id,
                const XjDemoInspection  *spec,
                GError                 **error)
{
  g_autofree char *inspector = xj_demo_make_strokes (DEMO_INSPECTOR);
  g_autofree char *representative = xj_demo_make_strokes (DEMO_REP_NAME);

  if (xj_store_add_inspection_signature (store, id, XJ_SIGNATURE_ROLE_INSPECTOR, DEMO_INSPECTOR,
                                         NULL, inspector, error) == 0)
    return FALSE;
  if (!xj_inspection_kind_needs_representative (spec->kind))
    return TRUE;
  return xj_store_add_inspection_signature (store, id, XJ_SIGNATURE_ROLE_REPRESENTATIVE,
                                            DEMO_REP_NAME, DEMO_REP_COMPANY, representative,
                                            error) != 0;
}

/**
 * xj_demo_add_inspection:
 *
 * Starts, answers (a minute an item), completes and signs by hand one
 * demo inspection.  Sets the clock to the replayed times and leaves it
 * unset (the real time) afterwards.
 * Returns: the inspection id, or 0.
 */
gint64
xj_demo_add_inspection (XjStore                 *store,
                        const XjDemoInspection  *spec,
                        GError                 **error)
{
  XjInspectionStart start = {
    spec->site_id, spec->template_id, spec->kind, DEMO_INSPECTOR, DEMO_REP_NAME,
    DEMO_REP_COMPANY, spec->started_at, 0, 0,
  };
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(GPtrArray) failable = g_ptr_array_new ();
  g_autoptr(GPtrArray) failed = g_ptr_array_new ();
  g_autoptr(GHashTable) failing = g_hash_table_new (NULL, NULL);
  gboolean has_photos = spec->photos != NULL && spec->photos->len > 0;
  gint64 id = 0;
  guint n_items = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (XJ_IS_STORE (store), 0);

  xj_clock_set_fixed (spec->started_at);
  if ((id = xj_store_start_inspection (store, &start, error)) == 0
      || (tmpl = xj_store_load_inspection_template (store, id, error)) == NULL)
    goto out;

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          /* A critical failure fails the whole inspection: not in a
           * demo estate that is mostly in order.  A failure that needs a
           * photo needs demo photos. */
          if (can_fail (item) && !item->critical && (has_photos || !item->photo_on_fail))
            g_ptr_array_add (failable, item);
        }
    }
  /* Evenly spread, shifted by the offset: the same offset at the same site
   * fails the same items again. */
  for (guint k = 0; k < MIN (spec->n_failures, failable->len); k++)
    {
      XjTemplateItem *item = g_ptr_array_index (failable, (spec->fail_offset + k * failable->len
                                                           / MAX (spec->n_failures, 1)) % failable->len);

      if (g_hash_table_add (failing, item))
        g_ptr_array_add (failed, item);
    }

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++, n_items++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          xj_clock_set_fixed (spec->started_at + 40 + n_items * 45);
          if (!answer_item (store, id, item, g_hash_table_contains (failing, item), n_items,
                            spec->fail_offset + n_items, error))
            goto out;
        }
    }
  if (!attach_photos (store, id, spec, failed, error))
    goto out;
  xj_clock_set_fixed (spec->started_at + 60 + n_items * 45);
  ok = !spec->complete
       || (xj_store_complete_inspection (store, id, DEMO_INSPECTOR, error)
           && (!spec->sign || add_signatures (store, id, spec, error)));

out:
  xj_clock_unset_fixed ();
  return ok ? id : 0;
}

/* --- the history ---------------------------------------------------------------- */

static gint64
local_time (GDateTime *today,
            int        days_ago,
            int        hour,
            int        minute)
{
  g_autoptr(GDateTime) day = g_date_time_add_days (today, -days_ago);
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (day),
                                                   g_date_time_get_month (day),
                                                   g_date_time_get_day_of_month (day),
                                                   hour, minute, 0);

  return g_date_time_to_unix (at);
}

/**
 * xj_demo_add_inspections:
 * @photos: (element-type utf8) (nullable): SHA-256s of imported photos
 *
 * Three months of inspections at the first two estates and the first
 * store: weekly, monthly and daily checks, mystery visits; all completed
 * and signed by hand but the latest weekly check (waiting for signatures)
 * and today's patrol (a draft).  Then the large inspection of the
 * extended checklist with every photo.
 */
gboolean
xj_demo_add_inspections (XjStore    *store,
                         GPtrArray  *photos,
                         GError    **error)
{
  g_autoptr(GPtrArray) sites = xj_store_list_sites (store, FALSE, error);
  g_autoptr(GDateTime) today = xj_clock_now_local ();
  g_autoptr(GPtrArray) some_photos = g_ptr_array_new ();
  gint64 daily, weekly, monthly, mystery, extended;
  guint n_estates = 0, n_stores = 0;
  gint64 big_site = 0;

  if (sites == NULL
      || (daily = xj_demo_find_builtin (store, "daily-patrol", error)) == 0
      || (weekly = xj_demo_find_builtin (store, "weekly-check", error)) == 0
      || (monthly = xj_demo_find_builtin (store, "monthly-check", error)) == 0
      || (mystery = xj_demo_find_builtin (store, "mystery-store-visit", error)) == 0)
    return FALSE;
  for (guint p = 0; photos != NULL && p < MIN (photos->len, 3); p++)
    g_ptr_array_add (some_photos, g_ptr_array_index (photos, p));

  for (guint i = 0; i < sites->len; i++)
    {
      XjSite *site = g_ptr_array_index (sites, i);
      XjDemoInspection spec = { xj_site_get_id (site), 0, NULL, 0, 0, i, some_photos, TRUE, TRUE };
      gboolean estate = xj_site_get_kind (site) == XJ_SITE_KIND_ESTATE;

      if ((estate && n_estates++ >= 2)
          || (!estate && (xj_site_get_kind (site) != XJ_SITE_KIND_STORE || n_stores++ >= 1)))
        continue;
      if (big_site == 0 && estate)
        big_site = spec.site_id;
      for (int week = 12; week >= 0; week--)
        {
          spec.started_at = local_time (today, week * 7 + 3, estate ? 10 : 15, 30);
          spec.template_id = estate ? weekly : mystery;
          spec.kind = estate ? "weekly" : "mystery_visit";
          /* Usually one or two failures, now and then none; the offset
           * moves every few weeks, so some failures repeat. */
          spec.n_failures = (week * 7 + i) % 5 == 0 ? 0 : 1 + (week + i) % 2;
          spec.fail_offset = i + week / 4;
          spec.sign = week > 0;
          if (xj_demo_add_inspection (store, &spec, error) == 0)
            return FALSE;
          if (!estate || week % 4 != 0)
            continue;
          spec.started_at = local_time (today, week * 7 + 1, 15, 0);
          spec.template_id = monthly;
          spec.kind = "monthly";
          spec.n_failures = 3;
          spec.sign = TRUE;
          if (xj_demo_add_inspection (store, &spec, error) == 0)
            return FALSE;
        }
      if (!estate)
        continue;
      spec.started_at = local_time (today, 0, 9, 0);
      spec.template_id = daily;
      spec.kind = "daily";
      spec.n_failures = 1;
      spec.complete = spec.sign = FALSE;
      if (xj_demo_add_inspection (store, &spec, error) == 0)
        return FALSE;
    }
  if (big_site == 0)
    return TRUE;

  extended = xj_demo_add_extended_template (store, 150, error);
  if (extended == 0)
    return FALSE;
  {
    XjDemoInspection big = { big_site, extended, "monthly", local_time (today, 2, 9, 0), 40, 0,
                             photos, TRUE, TRUE };

    return xj_demo_add_inspection (store, &big, error) != 0;
  }
}

#define DEMO_MAX_PHOTOS 60

/* Every photo of @folder (up to 60), imported. */
static GPtrArray *
import_photos (XjStore     *store,
               const char  *folder,
               GError     **error)
{
  g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = NULL;

  if (folder == NULL)
    return g_steal_pointer (&shas);
  if ((files = xj_photo_list_folder (folder, error)) == NULL)
    return NULL;
  for (guint i = 0; i < MIN (files->len, DEMO_MAX_PHOTOS); i++)
    {
      g_autoptr(XjPhotoInfo) info = xj_store_import_photo (store, g_ptr_array_index (files, i), error);

      if (info == NULL)
        return NULL;
      g_ptr_array_add (shas, g_strdup (info->sha256));
    }
  return g_steal_pointer (&shas);
}

/**
 * xj_demo_add_history:
 * @photos_dir: (nullable): photos to attach to failures
 *
 * The schedules of the demo sites and three months of inspections.
 */
gboolean
xj_demo_add_history (XjStore     *store,
                     const char  *photos_dir,
                     GError     **error)
{
  g_autoptr(GPtrArray) photos = NULL;
  XjScheduleDemoTemplates templates = { 0 };
  gint64 starts_at = xj_clock_now () - 91 * DAY;

  if ((templates.daily_template_id = xj_demo_find_builtin (store, "daily-patrol", error)) == 0
      || (templates.weekly_template_id = xj_demo_find_builtin (store, "weekly-check", error)) == 0
      || (templates.monthly_template_id = xj_demo_find_builtin (store, "monthly-check", error)) == 0
      || (templates.mystery_template_id = xj_demo_find_builtin (store, "mystery-store-visit", error)) == 0)
    return FALSE;
  templates.spot_template_id = templates.daily_template_id;
  if (!xj_schedule_add_demo (store, &templates, starts_at, error)
      || (photos = import_photos (store, photos_dir, error)) == NULL)
    return FALSE;
  return xj_demo_add_inspections (store, photos, error);
}
