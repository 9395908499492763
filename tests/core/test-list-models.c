/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core's list models: the lazy paged lists (inspections, schedules)
 * counted and read a page at a time in workers, and the short lists
 * (sites, checklists) that follow the store's changes.
 */
#include "config.h"

#include <locale.h>

#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-demo.h"
#include "xj-demo-inspections.h"
#include "xj-inspection-model.h"
#include "xj-schedule-model.h"
#include "xj-site.h"
#include "xj-store.h"
#include "xj-template-store.h"
#include "xj-test-store.h"
#include "xj-test-utils.h"

#define N_INSPECTIONS 57
#define N_DRAFTS 7

typedef struct
{
  char    *dir;
  XjStore *store;
  gint64   site_id;
  gint64   other_site_id;
  gint64   template_id;
  guint    changed_rows;   /* rows in items-changed "added" so far */
  guint    filled;         /* placeholders filled in place so far */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  const char *template_uid;

  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (xj_templates_install_builtins (f->store, &error));
  g_assert_no_error (error);
  templates = xj_store_list_templates (f->store, FALSE, &error);
  g_assert_no_error (error);
  f->template_id = ((XjTemplateSummary *) templates->pdata[0])->id;
  template_uid = ((XjTemplateSummary *) templates->pdata[0])->uid;
  f->site_id = xj_test_save_site (f->store, "翠湖花园");
  f->other_site_id = xj_test_save_site (f->store, "湖滨银泰旗舰店");

  /* One a day, completed (every item passed), the drafts the newest. */
  for (guint i = 0; i < N_INSPECTIONS; i++)
    {
      xj_clock_set_fixed (1767225600 + (gint64) i * 86400);
      if (i < N_INSPECTIONS - N_DRAFTS)
        {
          XjDemoInspection spec = {
            .site_id = f->site_id, .kind = "daily", .complete = TRUE,
            .template_uid = template_uid,
          };

          g_assert_cmpint (xj_demo_add_inspection (f->store, &spec, &error), >, 0);
        }
      else
        {
          XjInspectionStart start = { 0 };

          start.site_id = f->site_id;
          start.template_id = f->template_id;
          start.kind = "daily";
          start.inspector = "王芳";
          g_assert_cmpint (xj_store_start_inspection (f->store, &start, &error), >, 0);
        }
      g_assert_no_error (error);
    }
  xj_clock_unset_fixed ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  f->changed_rows += added;
}

static void
on_filled_cb (XjRecord *record,
              Fixture  *f)
{
  f->filled++;
}

static void
wait_loaded (XjPagedModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (xj_paged_model_get_loading (model) || !xj_paged_model_get_counted (model))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static XjRecord *
item (XjPagedModel *model,
      guint         position)
{
  return g_list_model_get_item (G_LIST_MODEL (model), position);
}

static void
test_inspections_paged (Fixture       *f,
                        gconstpointer  data)
{
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  g_autoptr(XjPagedModel) model = xj_inspection_model_new (f->store, &filter, TRUE);
  g_autoptr(XjRecord) last = NULL;
  gint64 previous = G_MAXINT64;

  /* Three pages. */
  xj_paged_model_set_page_size (model, 20);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), f);
  /* Nothing is read on the caller's thread: empty until the count is back. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (xj_paged_model_get_loading (model));
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    N_INSPECTIONS - N_DRAFTS);
  g_assert_null (xj_paged_model_get_error (model));

  /* The first page is read with the count; the last is not, until asked.
   * Its placeholder is the row's one record: asked for again while the
   * page is read, the same; filled in place when the page is there. */
  last = item (model, N_INSPECTIONS - N_DRAFTS - 1);
  g_assert_true (xj_record_is_placeholder (last));
  g_signal_connect (last, "filled", G_CALLBACK (on_filled_cb), f);
  {
    g_autoptr(XjRecord) again = item (model, N_INSPECTIONS - N_DRAFTS - 1);

    g_assert_true (again == last);
  }
  g_assert_true (xj_paged_model_get_loading (model));
  wait_loaded (model);
  g_assert_cmpuint (f->filled, ==, 1);
  g_assert_false (xj_record_is_placeholder (last));
  {
    g_autoptr(XjRecord) again = item (model, N_INSPECTIONS - N_DRAFTS - 1);

    g_assert_true (again == last);
  }
  /* The oldest comes last. */
  g_assert_cmpint (((XjInspection *) xj_record_get_data (last))->started_at, ==, 1767225600);

  /* Every row, in order, newest first, no draft among them. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(XjRecord) record = item (model, i);
      const XjInspection *inspection;

      if (xj_record_is_placeholder (record))
        {
          wait_loaded (model);
          g_clear_object (&record);
          record = item (model, i);
        }
      inspection = xj_record_get_data (record);
      g_assert_nonnull (inspection);
      g_assert_cmpint (inspection->state, !=, XJ_INSPECTION_DRAFT);
      g_assert_cmpint (inspection->started_at, <, previous);
      previous = inspection->started_at;
    }
  /* Only the count is announced: pages fill their placeholders in place
   * (a list view of GTK 4.8 builds every announced row anew). */
  g_assert_cmpuint (f->changed_rows, ==, N_INSPECTIONS - N_DRAFTS);

  /* Another filter: counted again. */
  filter.site_id = f->other_site_id;
  xj_inspection_model_set_filter (model, &filter, TRUE);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  filter.site_id = f->site_id;
  filter.state = XJ_INSPECTION_DRAFT;
  xj_inspection_model_set_filter (model, &filter, TRUE);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_DRAFTS);
}

static void
test_inspections_reload (Fixture       *f,
                         gconstpointer  data)
{
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  g_autoptr(XjPagedModel) model = xj_inspection_model_new (f->store, &filter, FALSE);
  XjInspectionStart start = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(XjRecord) first = NULL;

  /* A reload started before the first count ends: the older answer is dropped. */
  xj_paged_model_reload (model);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_INSPECTIONS);

  start.site_id = f->other_site_id;
  start.template_id = f->template_id;
  start.kind = "daily";
  start.inspector = "王芳";
  start.started_at = 1767225600 + 400 * 86400;
  g_assert_cmpint (xj_store_start_inspection (f->store, &start, &error), >, 0);
  g_assert_no_error (error);
  xj_paged_model_reload (model);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_INSPECTIONS + 1);
  first = item (model, 0);
  g_assert_cmpstr (((XjInspection *) xj_record_get_data (first))->site_name, ==, "湖滨银泰旗舰店");
}

static void
test_schedules_paged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(XjPagedModel) model = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "翠湖花园", "湖滨银泰旗舰店" };

  for (guint i = 0; i < 60; i++)
    {
      XjScheduleSpec spec;
      g_autoptr(XjSchedule) schedule = NULL;

      g_assert_true (xj_schedule_spec_parse (XJ_SCHEDULE_RULE_DAILY, "{\"from\": \"08:00\", \"to\": \"18:00\"}",
                                             &spec, &error));
      g_assert_no_error (error);
      schedule = xj_schedule_new (i % 2 ? f->site_id : f->other_site_id, f->template_id,
                                  "daily", &spec, 1767225600);
      g_assert_true (xj_store_save_schedule (f->store, schedule, "王芳", &error));
      g_assert_no_error (error);
    }
  model = xj_schedule_model_new (f->store, 0);
  xj_paged_model_set_page_size (model, 16);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 60);
  /* By site name in the language's order, then id, across pages. */
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(XjRecord) record = item (model, i);

      if (xj_record_is_placeholder (record))
        {
          wait_loaded (model);
          g_clear_object (&record);
          record = item (model, i);
        }
      g_assert_cmpstr (xj_schedule_get_site_name (xj_record_get_data (record)), ==,
                       names[i < 30 ? 1 : 0]);
    }
}

static void
test_sites_follow_store (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(XjStoreList) sites = xj_site_model_new (f->store, FALSE);
  g_autoptr(XjStoreList) templates = xj_template_model_new (f->store, FALSE);
  g_autoptr(XjSite) site = NULL;
  g_autoptr(XjRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sites)), ==, 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (sites)) == XJ_TYPE_SITE);
  g_assert_null (xj_store_list_get_error (sites));
  g_signal_connect (sites, "items-changed", G_CALLBACK (on_items_changed_cb), f);
  xj_test_save_site (f->store, "西溪服务台");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sites)), ==, 3);
  /* Only the new row is announced: choosers keep their choice. */
  g_assert_cmpuint (f->changed_rows, ==, 1);

  /* Deactivated: gone from a list of active sites. */
  g_assert_true (xj_store_set_site_active (f->store, f->other_site_id, FALSE, "王芳", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sites)), ==, 2);
  site = g_list_model_get_item (G_LIST_MODEL (sites), 0);
  g_assert_cmpint (xj_site_get_id (site), !=, f->other_site_id);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (templates)), >, 0);
  record = g_list_model_get_item (G_LIST_MODEL (templates), 0);
  g_assert_nonnull (((XjTemplateSummary *) xj_record_get_data (record))->name);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/xj/models/inspections/paged", Fixture, NULL, fixture_set_up,
              test_inspections_paged, fixture_tear_down);
  g_test_add ("/xj/models/inspections/reload", Fixture, NULL, fixture_set_up,
              test_inspections_reload, fixture_tear_down);
  g_test_add ("/xj/models/schedules/paged", Fixture, NULL, fixture_set_up,
              test_schedules_paged, fixture_tear_down);
  g_test_add ("/xj/models/sites/follow-store", Fixture, NULL, fixture_set_up,
              test_sites_follow_store, fixture_tear_down);
  return g_test_run ();
}
