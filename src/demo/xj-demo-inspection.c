/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Completed inspections for demo data and tests, through the inspection
 * API the runner uses: a finding is a real failed answer with a remark.
 */
#define G_LOG_DOMAIN "xj-demo"

#include "config.h"

#include <turbojpeg.h>

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-demo.h"
#include "xj-photo-store.h"
#include "xj-photo.h"
#include "xj-inspection.h"
#include "xj-template-store.h"

static gint64
find_template (XjStore     *store,
               const char  *uid,
               GError     **error)
{
  g_autoptr(GPtrArray) templates = xj_store_list_templates (store, TRUE, error);

  if (templates == NULL)
    return 0;
  for (guint i = 0; i < templates->len; i++)
    {
      XjTemplateSummary *summary = g_ptr_array_index (templates, i);

      if (g_strcmp0 (summary->uid, uid) == 0)
        return summary->id;
    }
  g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_NOT_FOUND,
               _("There is no checklist “%s”."), uid);
  return 0;
}

/* The answer that passes @item, or with @fail one that fails it; NULL for
 * types that are left unanswered (photo only, date-time). */
static char *
dup_value (const XjTemplateItem *item,
           gboolean              fail)
{
  switch (item->type)
    {
    case XJ_RESPONSE_PASS_FAIL:
      return g_strdup (fail ? "fail" : "pass");
    case XJ_RESPONSE_YES_NO:
      return g_strdup (item->pass_answer != fail ? "yes" : "no");
    case XJ_RESPONSE_RATING:
      return g_strdup (fail ? "1" : "5");
    case XJ_RESPONSE_STOPWATCH:
      return g_strdup (fail && !isnan (item->threshold) ? "9999" : "1");
    case XJ_RESPONSE_CHOICE:
      return g_strdup ("0");
    case XJ_RESPONSE_TEXT:
      return g_strdup (fail ? "" : "正常");
    case XJ_RESPONSE_NUMBER:
      if (fail && !isnan (item->range_min))
        return g_strdup_printf ("%g", item->range_min - 1);
      return g_strdup_printf ("%g", !isnan (item->range_min) ? item->range_min : 0);
    default:
      return NULL;
    }
}

static int
key_index (const char *const *keys,
           const char        *key)
{
  for (int i = 0; keys != NULL && keys[i] != NULL; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      return i;
  return -1;
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

gint64
xj_demo_run_inspection (XjStore            *store,
                        gint64              site_id,
                        const char         *template_uid,
                        const char         *kind,
                        const char *const  *fail_keys,
                        const char *const  *remarks,
                        GArray             *failed_answers,
                        GError            **error)
{
  XjInspectionStart start = { 0 };
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(GHashTable) answers = NULL;
  g_autofree gint64 *failed = NULL;
  guint n_fail = fail_keys != NULL ? g_strv_length ((char **) fail_keys) : 0;
  gint64 id;

  g_return_val_if_fail (XJ_IS_STORE (store), 0);

  start.site_id = site_id;
  start.kind = kind;
  start.inspector = "王芳";
  start.rep_name = "张伟";
  start.rep_company = "绿城物业";
  if ((start.template_id = find_template (store, template_uid, error)) == 0
      || (id = xj_store_start_inspection (store, &start, error)) == 0
      || (tmpl = xj_store_load_inspection_template (store, id, error)) == NULL)
    return 0;

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          int failing = key_index (fail_keys, item->key);
          g_autofree char *value = dup_value (item, failing >= 0);

          if (value == NULL || (*value == '\0' && failing < 0))
            continue;
          if ((*value != '\0' && !xj_store_set_answer (store, id, item, value, error))
              || (failing >= 0 && remarks != NULL && remarks[failing] != NULL
                  && !xj_store_set_remark (store, id, item, remarks[failing], error)))
            return 0;
          if (failing >= 0 && item->photo_on_fail)
            {
              static guint serial;
              g_autofree char *sha = xj_demo_add_photo (store, ++serial, FALSE, error);
              gint64 answer_id = 0;

              if (sha == NULL
                  || !xj_store_ensure_answer (store, id, item, &answer_id, error)
                  || !xj_store_attach_photo_to_answer (store, answer_id, sha, "", start.inspector,
                                                       NULL, error))
                return 0;
            }
        }
    }
  if (!xj_store_complete_inspection (store, id, start.inspector, error))
    return 0;
  if (failed_answers == NULL || n_fail == 0)
    return id;

  /* The answers' ids, in the order the keys were given. */
  failed = g_new0 (gint64, n_fail);
  if ((answers = xj_store_load_answers (store, id, error)) == NULL)
    return 0;
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          int failing = key_index (fail_keys, item->key);
          XjAnswer *answer = g_hash_table_lookup (answers, &item->id);

          if (failing >= 0 && answer != NULL)
            failed[failing] = answer->answer_id;
        }
    }
  g_array_append_vals (failed_answers, failed, n_fail);
  return id;
}
