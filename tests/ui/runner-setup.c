/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * runner-setup DATA_DIR TEMPLATE_UID KIND [remarks]: starts a draft at the first
 * active site of a data folder made with `xunjian demo`, after a completed
 * inspection of the same checklist three weeks earlier (with failures, so
 * that the runner has previous answers and repeat findings to show), and
 * prints the draft's ID; with "remarks", the draft's first items carry
 * remarks in Chinese (typing Chinese through xdotool is unreliable).  For
 * the crash test and the screenshots.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-photo-store.h"
#include "xj-schedule.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-photos.h"

static gint64
find_template (XjStore    *store,
               const char *uid)
{
  g_autoptr(GPtrArray) list = xj_store_list_templates (store, FALSE, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      XjTemplateSummary *summary = g_ptr_array_index (list, i);

      if (g_strcmp0 (summary->uid, uid) == 0)
        return summary->id;
    }
  g_error ("No template %s", uid);
}

static gint64
start (XjStore    *store,
       gint64      site_id,
       gint64      template_id,
       const char *kind)
{
  XjInspectionStart fields = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  fields.site_id = site_id;
  fields.template_id = template_id;
  fields.kind = kind;
  fields.inspector = "王芳";
  fields.rep_name = "李强";
  fields.rep_company = "绿城物业";
  id = xj_store_start_inspection (store, &fields, &error);
  if (id == 0)
    g_error ("%s", error->message);
  return id;
}

/* A failure may require a photo: a generated one. */
static void
attach_photo (XjStore              *store,
              gint64                id,
              const XjTemplateItem *item)
{
  g_autoptr(GBytes) jpeg = xj_test_make_jpeg (320, 240, 85, (guint32) item->id, FALSE);
  g_autoptr(XjPhotoInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 answer_id = 0;

  info = xj_photo_import_bytes (xj_store_get_data_dir (store), jpeg, "IMG_0001.jpg", NULL, &error);
  if (info == NULL || !xj_store_add_photo (store, info, &error)
      || !xj_store_ensure_answer (store, id, item, &answer_id, &error)
      || !xj_store_attach_photo (store, XJ_ANSWER_PHOTOS (answer_id), info->sha256, NULL, "王芳",
                                 NULL, &error))
    g_error ("%s", error->message);
}

/* The earlier inspection: every other pass / fail item failed. */
static void
add_history (XjStore *store,
             gint64   site_id,
             gint64   template_id,
             const char *kind)
{
  g_autoptr(GError) error = NULL;
  gint64 now = xj_clock_now ();
  gint64 id;
  g_autoptr(XjTemplate) tmpl = NULL;
  guint n = 0;

  xj_clock_set_fixed (now - 21 * 86400);
  id = start (store, site_id, template_id, kind);
  tmpl = xj_store_load_inspection_template (store, id, &error);
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          const char *value = "na";

          if (item->type == XJ_RESPONSE_PASS_FAIL)
            value = n++ % 2 ? "fail" : "pass";
          if (!xj_store_set_answer (store, id, item, value, &error))
            g_error ("%s", error->message);
          if (g_strcmp0 (value, "fail") == 0
              && !xj_store_set_remark (store, id, item, "地面有垃圾，已通知保洁", &error))
            g_error ("%s", error->message);
          if (g_strcmp0 (value, "fail") == 0 && item->photo_on_fail)
            attach_photo (store, id, item);
        }
    }
  if (!xj_store_complete_inspection (store, id, "王芳", &error))
    g_error ("%s", error->message);
  xj_clock_unset_fixed ();
}

static void
add_remarks (XjStore *store,
             gint64   id)
{
  static const char *const remarks[] = { "东门垃圾桶满溢，已通知保洁", "三号楼北侧绿篱未修剪" };
  g_autoptr(XjTemplate) tmpl = xj_store_load_inspection_template (store, id, NULL);
  XjTemplateSection *section = g_ptr_array_index (tmpl->sections, 0);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (remarks); i++)
    if (!xj_store_set_remark (store, id, g_ptr_array_index (section->items, i + 1), remarks[i],
                              &error))
      g_error ("%s", error->message);
  if (!xj_store_set_current_item (store, id,
                                  ((XjTemplateItem *) g_ptr_array_index (section->items, 0))->id,
                                  &error))
    g_error ("%s", error->message);
}

/* "today": a site of its own and a daily schedule of the checklist, so
 * that Today offers it to start (the keyboard-count test begins there). */
static void
add_schedule (XjStore *store,
              gint64   template_id,
              const char *kind)
{
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  g_autoptr(XjSchedule) schedule = NULL;
  g_autoptr(GDateTime) now = xj_clock_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now),
                                                         0, 0, 0);
  XjScheduleSpec spec = { 0 };
  g_autoptr(GError) error = NULL;

  spec.rule = XJ_SCHEDULE_RULE_DAILY;
  spec.window_from = 0;
  spec.window_to = 24 * 60 - 1;
  if (!xj_store_save_site (store, site, "test", &error))
    g_error ("%s", error->message);
  schedule = xj_schedule_new (xj_site_get_id (site), template_id, kind, &spec,
                              g_date_time_to_unix (midnight));
  if (!xj_store_save_schedule (store, schedule, "test", &error))
    g_error ("%s", error->message);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  gint64 site_id, template_id, id;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  if (argc != 4 && !(argc == 5 && (g_strcmp0 (argv[4], "remarks") == 0
                                    || g_strcmp0 (argv[4], "today") == 0)))
    {
      fprintf (stderr, "usage: runner-setup DATA_DIR TEMPLATE_UID KIND [remarks | today]\n");
      return 2;
    }
  store = xj_store_open (argv[1], XJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !xj_templates_install_builtins (store, &error))
    g_error ("%s", error->message);
  if (argc == 5 && g_strcmp0 (argv[4], "today") == 0)
    {
      add_schedule (store, find_template (store, argv[2]), argv[3]);
      return 0;
    }
  sites = xj_store_list_sites (store, FALSE, &error);
  if (sites == NULL || sites->len == 0)
    g_error ("No site: run `xunjian demo` first");
  site_id = xj_site_get_id (g_ptr_array_index (sites, 0));
  template_id = find_template (store, argv[2]);
  add_history (store, site_id, template_id, argv[3]);
  id = start (store, site_id, template_id, argv[3]);
  if (argc == 5)
    add_remarks (store, id);
  printf ("%lld\n", (long long) id);
  return 0;
}
