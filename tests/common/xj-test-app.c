/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <unistd.h>

#include "xj-notice-reminders.h"
#include "xj-overview.h"
#include "xj-paged-model.h"
#include "xj-test-app.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"

/* Starts the application on t->dir (a fresh data folder when NULL). */
void
xj_test_app_start (XjTestApp *t)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = NULL;
  static guint serial;

  if (t->dir == NULL)
    t->dir = xj_test_make_data_dir ();
  t->app = xj_application_new (t->dir);
  /* The process id too: two test programs on one session bus (a developer's
   * own, when no dbus-run-session wraps the run) must not meet. */
  app_id = g_strdup_printf ("%s.Test%d_%u", APP_ID, (int) getpid (), ++serial);
  g_application_set_application_id (G_APPLICATION (t->app), app_id);
  g_assert_true (g_application_register (G_APPLICATION (t->app), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (t->app)));
  t->store = xj_application_get_store (t->app);
  t->settings = xj_application_get_settings (t->app);
}

/* Activates the application and waits for its window, on @area if given. */
void
xj_test_app_show (XjTestApp  *t,
                  const char *area)
{
  g_application_activate (G_APPLICATION (t->app));
  t->window = XJ_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (t->app)));
  g_assert_nonnull (t->window);
  if (area != NULL)
    xj_window_show_area (t->window, area);
  xj_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (t->window)));
}

static gboolean
no_window_left (void)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0;
}

/* Closes every window and lets the application go; the data folder stays. */
void
xj_test_app_stop (XjTestApp *t)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs first, the main window last. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels,
                                                           g_list_model_get_n_items (toplevels) - 1);

      gtk_window_destroy (window);
    }
  xj_test_wait_until (no_window_left ());
  xj_test_run_pending ();
  t->window = NULL;
  t->store = NULL;
  t->settings = NULL;
  /* The notice check that starts with the application reads the data
   * folder in a worker: the folder may go only once it is back. */
  xj_test_wait_until (xj_notice_reminders_get_n_running () == 0);
  /* So do the lists' page reads, once their pages are gone. */
  xj_test_wait_until (xj_paged_model_get_n_running () == 0);
  /* And the time zone's check, started with the store. */
  xj_test_wait_until (xj_overview_follow_zone_get_n_running () == 0);
  g_clear_object (&t->app);
}

/* The program stopped and started again on the same data folder. */
void
xj_test_app_restart (XjTestApp  *t,
                     const char *area)
{
  xj_test_app_stop (t);
  xj_test_app_start (t);
  xj_test_app_show (t, area);
}

void
xj_test_app_tear_down (XjTestApp *t)
{
  xj_test_app_stop (t);
  xj_test_remove_tree (t->dir);
  g_clear_pointer (&t->dir, g_free);
}
