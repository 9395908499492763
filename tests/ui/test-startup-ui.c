/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The start-up page that says why the database cannot be opened: it
 * recovers by itself once another program lets go of the database, and
 * Try Again opens it once the user has dealt with the cause.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>

#include "xj-application.h"
#include "xj-notice-reminders.h"
#include "xj-store.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"
#include "xj-window.h"

#define WAIT_SECONDS 15

typedef struct
{
  char          *dir;
  char          *db_path;
  XjApplication *app;
  XjWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = xj_test_make_data_dir ();
  f->db_path = g_build_filename (f->dir, "xunjian.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  xj_test_iterate (20);
  /* The notice check started with the window reads the data folder: it
   * ends before the folder goes (else it says so in the next test). */
  xj_test_wait_until (xj_notice_reminders_get_n_running () == 0);
  g_clear_object (&f->app);
  xj_test_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static void
start_app (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = NULL;
  static guint serial;

  f->app = xj_application_new (f->dir);
  app_id = g_strdup_printf ("%s.StartupTest%u", APP_ID, ++serial);
  g_application_set_application_id (G_APPLICATION (f->app), app_id);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (f->app));
  f->window = XJ_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_nonnull (f->window);
}

static gboolean
page_shown (Fixture    *f,
            const char *buildable_id)
{
  GtkWidget *page = xj_test_find_widget (GTK_WIDGET (f->window), buildable_id);

  return page != NULL && gtk_widget_get_mapped (page);
}

static gboolean
areas_shown (Fixture *f)
{
  return xj_application_get_store (f->app) != NULL && page_shown (f, "leaflet")
         && !page_shown (f, "fatal_page");
}

/* Waits for the window to show the areas, failing after WAIT_SECONDS. */
static void
wait_for_areas (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!areas_shown (f) && g_get_monotonic_time () < deadline)
    xj_test_iterate (20);
  g_assert_true (areas_shown (f));
}

static void
wait_for_page (Fixture    *f,
               const char *buildable_id)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!page_shown (f, buildable_id) && g_get_monotonic_time () < deadline)
    xj_test_iterate (20);
  g_assert_true (page_shown (f, buildable_id));
}

/* An older database (it needs an upgrade, so a write) while another
 * program holds the write lock: the page says so, and the window opens by
 * itself when the lock goes. */
static void
test_locked_recovers (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *fixture = g_build_filename (FIXTURES_DIR, "xunjian-v1.db", NULL);
  sqlite3 *holder = NULL;
  sqlite3 *db = NULL;
  gint64 started;

  xj_test_copy_file (fixture, f->db_path);
  g_assert_cmpint (sqlite3_open (f->db_path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  started = g_get_monotonic_time ();
  start_app (f);
  /* Start-up does not sit out SQLite's busy timeout with a frozen window. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
  wait_for_page (f, "fatal_page");
  g_assert_null (xj_application_get_store (f->app));
  /* It names the file, and Try Again is offered. */
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), f->db_path));
  g_assert_true (page_shown (f, "retry_button"));
  /* In Chinese too (the path itself is the one thing left in Latin letters). */
  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN"))
    {
      g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), "无法打开数据库"));
      g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), "正被另一个程序"));
      g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), "重试"));
    }
  else
    {
      g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), "another program"));
    }

  /* The other program finishes; nobody clicks anything. */
  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);
  wait_for_areas (f);

  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (xj_test_query_int (db, "PRAGMA user_version"), ==,
                   xj_store_get_schema_version ());
  sqlite3_close (db);
}

/* A file the app must refuse: the user moves it away and presses Try
 * Again, and the window opens on a new database. */
static void
test_try_again (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *aside = g_strconcat (f->db_path, ".other", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  start_app (f);
  wait_for_page (f, "fatal_page");
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), f->db_path));

  /* Pressed before anything changed: still refused, still on the page. */
  g_assert_true (gtk_widget_activate (xj_test_find_widget (GTK_WIDGET (f->window), "retry_button")));
  xj_test_iterate (50);
  g_assert_true (page_shown (f, "fatal_page"));
  g_assert_null (xj_application_get_store (f->app));

  g_assert_cmpint (g_rename (f->db_path, aside), ==, 0);
  g_assert_true (gtk_widget_activate (xj_test_find_widget (GTK_WIDGET (f->window), "retry_button")));
  wait_for_areas (f);
}

int
main (int    argc,
      char **argv)
{
  xj_test_init_ui (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  g_test_add ("/xj/ui/startup/locked-recovers", Fixture, NULL, fixture_set_up,
              test_locked_recovers, fixture_tear_down);
  g_test_add ("/xj/ui/startup/try-again", Fixture, NULL, fixture_set_up, test_try_again,
              fixture_tear_down);

  return g_test_run ();
}
