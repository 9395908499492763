/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture and helpers that the runner's UI tests share.
 */
#include "config.h"

#include "runner-fixture.h"
#include "xj-inspection-summary.h"
#include "xj-item-control.h"
#include "xj-new-inspection-dialog.h"
#include "xj-photo-store.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-photos.h"
#include "xj-test-store.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"

static void
start_app (Fixture *f)
{
  xj_test_app_start (XJ_TEST_APP (f));
  g_settings_set_string (f->settings, "inspector-name", "王芳");
}

static void
show_window (Fixture *f)
{
  /* Today opens first; these tests work from the Inspections area. */
  xj_test_app_show (XJ_TEST_APP (f), "inspections");
  f->page = XJ_INSPECTIONS_PAGE (xj_test_find_by_type (GTK_WIDGET (f->window),
                                                       XJ_TYPE_INSPECTIONS_PAGE));
  g_assert_nonnull (f->page);
  xj_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);

  start_app (f);
  g_assert_true (xj_store_save_site (f->store, site, "test", &error));
  f->site_id = xj_site_get_id (site);
  show_window (f);
}

/* The program stopped and started again on the same data folder. */
void
fixture_restart (Fixture *f)
{
  xj_test_app_stop (XJ_TEST_APP (f));
  start_app (f);
  show_window (f);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  xj_test_app_tear_down (XJ_TEST_APP (f));
}

gint64
find_template (Fixture    *f,
               const char *uid)
{
  return xj_test_find_template (f->store, uid);
}

gint64
start_inspection (Fixture    *f,
                  const char *uid,
                  const char *kind)
{
  XjInspectionStart start = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  start.site_id = f->site_id;
  start.template_id = find_template (f, uid);
  start.kind = kind;
  start.inspector = "王芳";
  start.rep_name = "李强";
  start.rep_company = "绿城物业";
  id = xj_store_start_inspection (f->store, &start, &error);
  g_assert_no_error (error);
  return id;
}

XjRunner *
open_runner (Fixture *f,
             gint64   inspection_id)
{
  XjRunner *runner;

  g_assert_true (xj_window_open_inspection (f->window, inspection_id));
  xj_test_wait_until ((runner = XJ_RUNNER (xj_window_get_runner (f->window))) != NULL);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (runner)));
  return runner;
}

void
run (XjRunner   *runner,
     const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (runner), action, NULL));
  xj_test_iterate (5);
}

GtkWidget *
control_child (XjItemRow *row,
               GType      type)
{
  GtkWidget *control = xj_test_find_by_type (GTK_WIDGET (row), XJ_TYPE_ITEM_CONTROL);

  g_assert_nonnull (control);
  return xj_test_find_by_type (control, type);
}

/* A failure may need a photo: one generated photo through the store (the
 * row's own attaching is tested in test-photos-ui). */
void
attach_photo (XjRunner             *runner,
              const XjTemplateItem *item)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (runner))));
  XjStore *store = xj_application_get_store (XJ_APPLICATION (app));
  g_autoptr(GBytes) jpeg = xj_test_make_jpeg (160, 120, 85, (guint32) item->id, FALSE);
  g_autoptr(XjPhotoInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 answer_id = 0;

  info = xj_photo_import_bytes (xj_store_get_data_dir (store), jpeg, "IMG_0001.jpg", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (xj_store_add_photo (store, info, &error));
  g_assert_true (xj_store_ensure_answer (store, xj_runner_get_inspection_id (runner), item,
                                         &answer_id, &error));
  g_assert_true (xj_store_attach_photo (store, XJ_ANSWER_PHOTOS (answer_id), info->sha256, NULL,
                                        "王芳", NULL, &error));
  g_assert_no_error (error);
}
