/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The changes set aside (refused by the team server), more than the sync
 * status's details show: the details list the oldest two and say how
 * many more, and Show All opens a window with every one of them, each with
 * its decisions; a decision made there (Keep Here Only, offline) takes the
 * record off the list in the window too; a notification clicked while it is
 * in front still opens the board in the main window.  The laptop is in a team whose
 * server cannot be reached: the list is read all the same.  Run in English
 * and in zh_CN (tests/ui/meson.build).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "xj-application.h"
#include "xj-site.h"
#include "xj-set-aside-window.h"
#include "xj-store-private.h"
#include "xj-sync-monitor.h"
#include "xj-sync-status.h"
#include "xj-team-set-aside.h"
#include "xj-test-app.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"
#include "xj-window.h"

#define N_SET_ASIDE 5

typedef struct
{
  XJ_TEST_APP_FIELDS
} Fixture;

/* A laptop in a team (a server that is not there) where a liaison
 * changed N_SET_ASIDE sites, each refused by the server for the role. */
static char *
make_laptop (void)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autoptr(XjStore) store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  for (guint i = 1; i <= N_SET_ASIDE; i++)
    {
      g_autofree char *name = g_strdup_printf ("翠湖花园 %u 期", i);
      g_autoptr(XjSite) site = xj_site_new (name, XJ_SITE_KIND_ESTATE);

      g_assert_true (xj_store_save_site (store, site, "李娜", &error));
    }
  g_assert_true (xj_store_exec (store,
    "INSERT INTO team_settings (key, value) VALUES ('server', 'host=/nonexistent-xj dbname=team'),"
    " ('user', 'li'), ('role', 'liaison'), ('laptop_code', 'B'), ('joined_at', '1800000000'),"
    " ('capture', 'on');"
    "INSERT INTO team_outbox (table_name, record, changed_at)"
    " SELECT 'sites', uuid, 1800000000 FROM sites;"
    "INSERT INTO team_set_aside (table_name, record, code, reason, role, on_server, refused_at)"
    " SELECT 'sites', uuid, 'denied', 'permission denied for table sites', 'liaison', 0,"
    "  1800000000 + id FROM sites ORDER BY id", &error));
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

static gboolean
listed (GPtrArray  *items,
        const char *label)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((XjTeamSetAside *) g_ptr_array_index (items, i))->label, label))
      return TRUE;
  return FALSE;
}

static void
test_show_all (void)
{
  Fixture f = { 0 };
  XjSyncMonitor *monitor;
  GtkWidget *status;
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *show_all;
  GtkWindow *window;
  GtkWidget *list;
  GtkWidget *row;
  g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%u change set aside",
                                                         "%u changes set aside", N_SET_ASIDE),
                                            N_SET_ASIDE);
  g_autoptr(GPtrArray) left = NULL;

  f.dir = make_laptop ();
  xj_test_app_start (XJ_TEST_APP (&f));
  xj_test_app_show (XJ_TEST_APP (&f), "today");
  monitor = xj_application_get_sync_monitor (f.app);
  /* The sync at start: offline, and the list read all the same. */
  xj_test_wait_until (xj_sync_monitor_get_n_completed (monitor) >= 1);
  g_assert_cmpint (xj_sync_monitor_get_state (monitor), ==, XJ_SYNC_STATE_OFFLINE);
  g_assert_cmpuint (xj_sync_monitor_get_set_aside (monitor)->len, ==, N_SET_ASIDE);

  /* The details: the oldest two, how many more, and Show All. */
  status = xj_test_find_by_type (GTK_WIDGET (f.window), XJ_TYPE_SYNC_STATUS);
  button = xj_test_find_widget (status, "button");
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  xj_test_wait_until (gtk_widget_get_mapped (popover));
  g_assert_cmpuint (xj_test_count_list_rows (xj_test_find_widget (status, "set_aside_list")),
                    ==, 2);
  show_all = xj_test_find_widget (status, "show_all");
  g_assert_true (gtk_widget_get_mapped (show_all));
  gtk_widget_activate (show_all);

  /* The window: every one, each with its decisions. */
  xj_test_wait_until ((window = xj_test_find_window (XJ_TYPE_SET_ASIDE_WINDOW)) != NULL
                      && gtk_widget_get_mapped (GTK_WIDGET (window)));
  xj_test_wait_until (!gtk_widget_get_mapped (popover));
  g_assert_true (gtk_window_get_transient_for (window) == GTK_WINDOW (f.window));
  list = xj_test_find_widget (GTK_WIDGET (window), "list");
  g_assert_cmpuint (xj_test_count_list_rows (list), ==, N_SET_ASIDE);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (window), count));
  for (guint i = 1; i <= N_SET_ASIDE; i++)
    {
      g_autofree char *name = g_strdup_printf ("翠湖花园 %u 期", i);
      g_autofree char *heading = g_strdup_printf (_("%s “%s”"), _("Site"), name);

      g_assert_true (xj_test_label_shown (GTK_WIDGET (window), heading));
    }
  row = gtk_widget_get_first_child (list);
  for (guint i = 0; i < 3; i++)
    row = gtk_widget_get_next_sibling (row);
  /* The fourth, which the details do not show: kept here only. */
  g_assert_nonnull (xj_test_find_named (row, "retry"));
  g_assert_null (xj_test_find_named (row, "take-theirs"));
  gtk_widget_activate (xj_test_find_named (row, "keep-local"));
  xj_test_wait_until (xj_test_count_list_rows (list) == N_SET_ASIDE - 1);
  left = xj_team_list_set_aside (f.store, NULL);
  g_assert_cmpuint (left->len, ==, N_SET_ASIDE - 1);
  g_assert_false (listed (left, "翠湖花园 4 期"));
  g_assert_false (xj_test_label_shown (GTK_WIDGET (window), "翠湖花园 4 期"));

  /* A notification clicked while this window is in front: the main
   * window shows the board. */
  g_assert_false (gtk_widget_get_mapped (xj_window_get_area (f.window, "notices")));
  g_action_group_activate_action (G_ACTION_GROUP (f.app), "show-notice", g_variant_new_int64 (0));
  xj_test_wait_until (gtk_widget_get_mapped (xj_window_get_area (f.window, "notices")));

  /* Show All again finds the window already open. */
  g_assert_true (xj_set_aside_window_present (monitor, GTK_WINDOW (f.window))
                 == XJ_SET_ASIDE_WINDOW (window));
  gtk_window_destroy (window);
  xj_test_app_tear_down (XJ_TEST_APP (&f));
}

int
main (int    argc,
      char **argv)
{
  xj_test_init_ui (&argc, &argv);
  g_test_add_func ("/xj/ui/set-aside/show-all", test_show_all);
  return g_test_run ();
}
