/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Demo inspections: a few months of history on the built-in checklists,
 * each made by xj_demo_add_inspection () — mostly passing, some failures,
 * the same items failing again at the same site (repeat findings), photos
 * on failures, handwritten signatures — and one large inspection (150
 * items, 40 failures, every demo photo) for the report benchmark.  History
 * is replayed on the demo's own clock: each answer is given at the time it
 * would have been.
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
static gboolean
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
      || (templates.mystery_template_id = xj_demo_find_builtin (store, "mystery-store-visit", error)) == 0
      || (templates.desk_template_id = xj_demo_find_builtin (store, "service-desk-visit", error)) == 0)
    return FALSE;
  templates.spot_template_id = templates.daily_template_id;
  if (!xj_schedule_add_demo (store, &templates, starts_at, error)
      || (photos = import_photos (store, photos_dir, error)) == NULL)
    return FALSE;
  return xj_demo_add_inspections (store, photos, error);
}
