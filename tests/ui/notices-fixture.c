/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "xj-clock.h"
#include "xj-demo.h"
#include "xj-notice-view.h"
#include "xj-notice-dialog.h"
#include "xj-notice-step-dialog.h"
#include "xj-site.h"
#include "xj-test-photos.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"
#include "notices-fixture.h"

void
notices_wait_for_board (Fixture *f)
{
  xj_test_run_pending ();
  xj_test_wait_until (!xj_notices_page_is_loading (f->page));
  g_assert_false (xj_notices_page_is_loading (f->page));
}

void
notices_fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);

  xj_clock_set_fixed (T0);
  xj_test_app_start (XJ_TEST_APP (f));
  g_settings_set_string (f->settings, "inspector-name", "李娜");
  g_settings_set_int64 (f->settings, "notice-reminders-since", 0);
  xj_site_set_project_manager (site, "陈经理");
  g_assert_true (xj_store_save_site (f->store, site, "test", &error));
  f->site = xj_site_get_id (site);

  xj_test_app_show (XJ_TEST_APP (f), "notices");
  f->page = XJ_NOTICES_PAGE (xj_window_get_area (f->window, "notices"));
  g_assert_nonnull (f->page);
  notices_wait_for_board (f);
  /* The start-up reminder check runs in a worker: let it finish on the
   * empty database, so that it never sees what a test creates next. */
  xj_test_wait_until (g_settings_get_int64 (f->settings, "notice-reminders-since") != 0);
  g_assert_cmpint (g_settings_get_int64 (xj_application_get_settings (f->app),
                                         "notice-reminders-since"), !=, 0);
}

void
notices_fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  xj_test_app_tear_down (XJ_TEST_APP (f));
  xj_clock_unset_fixed ();
}

/* Waits, with a time limit, until the picker's import is done. */
void
notices_wait_for_picker (XjPhotoPicker *picker)
{
  xj_test_wait_until (!(xj_photo_picker_get_busy (picker)));
  g_assert_false (xj_photo_picker_get_busy (picker));
}

GtkWidget *
notices_find_tooltip (GtkWidget  *root,
              const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = notices_find_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Photos for the after-photos, as a camera would have taken them. */
char *
notices_write_photo (Fixture *f,
             guint32  seed)
{
  g_autofree char *name = g_strdup_printf ("after-%u.jpg", seed);
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GBytes) jpeg = xj_test_make_jpeg (640, 480, 85, seed, FALSE);

  xj_test_write_bytes (path, jpeg);
  return path;
}

/* Two failed items of a completed weekly check, with remarks. */
GArray *
notices_two_findings (Fixture *f)
{
  static const char *const keys[] = { "w-litter", "w-bins", NULL };
  static const char *const remarks[] = { "3 号楼北侧绿化带有垃圾", "东门垃圾桶外壁污渍", NULL };
  GArray *answers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  XjDemoInspection spec = {
    .site_id = f->site, .template_uid = "xunjian:builtin:weekly-check", .kind = "weekly",
    .fail_keys = keys, .remarks = remarks, .complete = TRUE, .inspector = "王芳",
    .rep_name = "张伟", .rep_company = "绿城物业", .failed_answers = answers,
  };

  g_assert_cmpint (xj_demo_add_inspection (f->store, &spec, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 2);
  return answers;
}

GtkWidget *
notices_find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = notices_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

XjNoticeView *
notices_get_view (Fixture *f)
{
  XjNoticeView *view = XJ_NOTICE_VIEW (xj_test_find_by_type (GTK_WIDGET (f->page),
                                                             XJ_TYPE_NOTICE_VIEW));
  g_assert_nonnull (view);
  return view;
}
