/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One demo inspection, for the demo data, the tests and the benchmarks:
 * started, answered item by item through the inspection API the runner
 * uses (realistic answers, failures with remarks in Chinese, photos on
 * failures), completed and signed by hand.  The failures are either
 * spread over the checklist (the history) or named by item key (the
 * notices' stories and the tests).
 */
#define G_LOG_DOMAIN "xj-demo"

#include "config.h"

#include <turbojpeg.h>

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-clock.h"
#include "xj-demo.h"
#include "xj-demo-inspections.h"
#include "xj-inspection.h"
#include "xj-photo-store.h"
#include "xj-photo.h"
#include "xj-signature.h"
#include "xj-template-store.h"

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


static gint64
find_template (XjStore     *store,
               const char  *uid,
               GError     **error)
{
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
               _("The built-in checklist “%s” is missing."), uid);
  return 0;
}

gint64
xj_demo_find_builtin (XjStore     *store,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *uid = g_strconcat ("xunjian:builtin:", name, NULL);

  return find_template (store, uid, error);
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
      return xj_format_iso8601 (when);
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

/**
 * xj_demo_add_photo:
 * @serial: makes each picture different, so each is stored on its own
 * @after: a picture of the rectified place (a green band) rather than of
 *   the problem (a red one)
 *
 * Evidence for a failure that needs a photo, or of its rectification: a
 * small generated picture (a gradient with a band), imported like a
 * camera's.  Returns: (transfer full): its SHA-256 name, or %NULL.
 */
char *
xj_demo_add_photo (XjStore   *store,
                   guint      serial,
                   gboolean   after,
                   GError   **error)
{
  const int width = 640, height = 480;
  g_autofree unsigned char *pixels = g_malloc ((gsize) width * height * 3);
  unsigned char *jpeg = NULL;
  unsigned long jpeg_size = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(XjPhotoInfo) info = NULL;
  g_autofree char *name = g_strdup_printf (after ? "demo-after-%u.jpg" : "demo-evidence-%u.jpg",
                                           serial);
  tjhandle encoder = tjInitCompress ();

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        unsigned char *p = pixels + 3 * ((gsize) y * width + x);
        gboolean band = (y + (int) serial * 37) % 160 < 24;

        p[0] = band ? (after ? 60 : 200) : (unsigned char) (90 + x * 100 / width);
        p[1] = band ? (after ? 170 : 60) : (unsigned char) (110 + y * 80 / height);
        p[2] = band ? 40 : (unsigned char) (120 + (serial * 53) % 100);
      }
  if (encoder == NULL
      || tjCompress2 (encoder, pixels, width, 0, height, TJPF_RGB, &jpeg, &jpeg_size,
                      TJSAMP_420, 85, 0) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "demo photo: JPEG encoding failed");
      tjFree (jpeg);
      if (encoder != NULL)
        tjDestroy (encoder);
      return NULL;
    }
  bytes = g_bytes_new (jpeg, jpeg_size);
  tjFree (jpeg);
  tjDestroy (encoder);

  info = xj_photo_import_bytes (xj_store_get_data_dir (store), bytes, name, NULL, error);
  if (info == NULL || !xj_store_add_photo (store, info, error))
    return NULL;
  return g_strdup (info->sha256);
}

/* --- one inspection --------------------------------------------------------- */

static gboolean
answer_item (XjStore               *store,
             gint64                 id,
             const XjTemplateItem  *item,
             gboolean               fail,
             guint                  variant,
             const char            *remark,
             GError               **error)
{
  g_autofree char *value = demo_value (item, fail, xj_clock_now (), variant);

  if (value != NULL && !xj_store_set_answer (store, id, item, value, error))
    return FALSE;
  return remark == NULL || xj_store_set_remark (store, id, item, remark, error);
}

/* The given photos over the failures; without any, one generated picture
 * for each failure that requires a photo. */
static gboolean
attach_photos (XjStore                 *store,
               gint64                   id,
               const XjDemoInspection  *spec,
               const char              *inspector,
               GPtrArray               *failed_items,
               GError                 **error)
{
  g_autoptr(GHashTable) answers = NULL;
  static guint serial;

  if (failed_items->len == 0)
    return TRUE;
  if ((answers = xj_store_load_answers (store, id, error)) == NULL)
    return FALSE;
  if (spec->photos == NULL || spec->photos->len == 0)
    {
      for (guint i = 0; i < failed_items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (failed_items, i);
          g_autofree char *sha = NULL;
          gint64 answer_id = 0;

          if (!item->photo_on_fail)
            continue;
          if ((sha = xj_demo_add_photo (store, ++serial, FALSE, error)) == NULL
              || !xj_store_ensure_answer (store, id, item, &answer_id, error)
              || !xj_store_attach_photo (store, XJ_ANSWER_PHOTOS (answer_id), sha, NULL, inspector,
                                         NULL, error))
            return FALSE;
        }
      return TRUE;
    }
  /* Every photo once and every failure at least one photo (a failure may
   * require one), in turn; no pair twice, as p < lcm (photos, failures). */
  for (guint p = 0; p < MAX (spec->photos->len, failed_items->len); p++)
    {
      XjTemplateItem *item = g_ptr_array_index (failed_items, (p + spec->fail_offset) % failed_items->len);
      XjAnswer *answer = g_hash_table_lookup (answers, &item->id);

      if (answer != NULL
          && !xj_store_attach_photo (store, XJ_ANSWER_PHOTOS (answer->answer_id),
                                     g_ptr_array_index (spec->photos, p % spec->photos->len),
                                     NULL, inspector, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_signatures (XjStore                  *store,
                gint64                    id,
                const XjInspectionStart  *start,
                GError                  **error)
{
  g_autofree char *inspector = xj_demo_make_strokes (start->inspector);
  g_autofree char *representative = xj_demo_make_strokes (start->rep_name);

  if (xj_store_add_inspection_signature (store, id, XJ_SIGNATURE_ROLE_INSPECTOR, start->inspector,
                                         NULL, inspector, error) == 0)
    return FALSE;
  if (!xj_inspection_kind_needs_representative (start->kind))
    return TRUE;
  return xj_store_add_inspection_signature (store, id, XJ_SIGNATURE_ROLE_REPRESENTATIVE,
                                            start->rep_name, start->rep_company, representative,
                                            error) != 0;
}



static XjTemplateItem *
find_item (XjTemplate *tmpl,
           const char *key)
{
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          if (g_strcmp0 (item->key, key) == 0)
            return item;
        }
    }
  return NULL;
}

/* The items that fail, into @failed and as keys of @failing (to their remarks): those of
 * spec->fail_keys, in that order, with their remarks; or spec->n_failures
 * spread evenly over those that may fail, shifted by the offset (the same
 * offset at the same site fails the same items again). */
static void
choose_failures (const XjDemoInspection *spec,
                 XjTemplate             *tmpl,
                 GPtrArray              *failed,
                 GHashTable             *failing)
{
  g_autoptr(GPtrArray) failable = g_ptr_array_new ();
  gboolean has_photos = spec->photos != NULL && spec->photos->len > 0;

  if (spec->fail_keys != NULL)
    {
      for (guint k = 0; spec->fail_keys[k] != NULL; k++)
        {
          XjTemplateItem *item = find_item (tmpl, spec->fail_keys[k]);

          if (item == NULL || g_hash_table_contains (failing, item))
            continue;
          g_ptr_array_add (failed, item);
          g_hash_table_insert (failing, item, (gpointer) (spec->remarks != NULL ? spec->remarks[k] : NULL));
        }
      return;
    }
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
  for (guint k = 0; k < MIN (spec->n_failures, failable->len); k++)
    {
      XjTemplateItem *item = g_ptr_array_index (failable, (spec->fail_offset + k * failable->len
                                                           / MAX (spec->n_failures, 1)) % failable->len);

      if (g_hash_table_insert (failing, item, NULL))
        g_ptr_array_add (failed, item);
    }
}

/* The failed answers' ids, in the order of the failed items. */
static gboolean
list_failed_answers (XjStore    *store,
                     gint64      id,
                     GPtrArray  *failed,
                     GArray     *failed_answers,
                     GError    **error)
{
  g_autoptr(GHashTable) answers = xj_store_load_answers (store, id, error);

  if (answers == NULL)
    return FALSE;
  for (guint i = 0; i < failed->len; i++)
    {
      XjTemplateItem *item = g_ptr_array_index (failed, i);
      XjAnswer *answer = g_hash_table_lookup (answers, &item->id);

      if (answer != NULL)
        g_array_append_val (failed_answers, answer->answer_id);
    }
  return TRUE;
}

/**
 * xj_demo_add_inspection:
 *
 * Starts, answers, completes and (with spec->sign) signs by hand one demo
 * inspection.  With spec->started_at the history is replayed: the clock is
 * set to each answer's time (a minute an item) and left unset (the real
 * time) afterwards; without, everything happens now on the clock as it is.
 * Returns: the inspection id, or 0.
 */
gint64
xj_demo_add_inspection (XjStore                 *store,
                        const XjDemoInspection  *spec,
                        GError                 **error)
{
  XjInspectionStart start = {
    .site_id = spec->site_id,
    .template_id = spec->template_id,
    .kind = spec->kind,
    .inspector = spec->inspector != NULL ? spec->inspector : DEMO_INSPECTOR,
    .rep_name = spec->rep_name != NULL ? spec->rep_name : DEMO_REP_NAME,
    .rep_company = spec->rep_company != NULL ? spec->rep_company : DEMO_REP_COMPANY,
    .started_at = spec->started_at,
  };
  gboolean replay = spec->started_at != 0;
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(GPtrArray) failed = g_ptr_array_new ();
  g_autoptr(GHashTable) failing = g_hash_table_new (NULL, NULL);
  gint64 id = 0;
  guint n_items = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (XJ_IS_STORE (store), 0);

  if (replay)
    xj_clock_set_fixed (spec->started_at);
  if ((start.template_id == 0
       && (start.template_id = find_template (store, spec->template_uid, error)) == 0)
      || (id = xj_store_start_inspection (store, &start, error)) == 0
      || (tmpl = xj_store_load_inspection_template (store, id, error)) == NULL)
    goto out;
  choose_failures (spec, tmpl, failed, failing);

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++, n_items++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          gboolean fail = g_hash_table_contains (failing, item);
          const char *remark = !fail ? NULL
                               : spec->fail_keys != NULL ? g_hash_table_lookup (failing, item)
                               : pick_remark (item, spec->fail_offset + n_items);

          if (replay)
            xj_clock_set_fixed (spec->started_at + 40 + n_items * 45);
          if (!answer_item (store, id, item, fail, n_items, remark, error))
            goto out;
        }
    }
  if (!attach_photos (store, id, spec, start.inspector, failed, error))
    goto out;
  if (replay)
    xj_clock_set_fixed (spec->started_at + 60 + n_items * 45);
  ok = (!spec->complete
        || (xj_store_complete_inspection (store, id, start.inspector, error)
            && (!spec->sign || add_signatures (store, id, &start, error))))
       && (spec->failed_answers == NULL
           || list_failed_answers (store, id, failed, spec->failed_answers, error));

out:
  if (replay)
    xj_clock_unset_fixed ();
  return ok ? id : 0;
}
