/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "xj-test-utils.h"

void
xj_test_init (int    *argc,
              char ***argv)
{
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

static GTestDBus *private_bus;

static void
stop_private_bus (void)
{
  /* Stopped, not taken down: GTK keeps its connection to the end. */
  g_test_dbus_stop (private_bus);
}

/* UI tests keep the system data dirs (icon themes, fonts) but never touch
 * the user's own folders, nor the user's session bus: each test program
 * runs on a session bus of its own, so that it passes the same with and
 * without a bus already running (GTK warns, and aborts under
 * fatal-criticals, without one) and never meets another test program, a
 * running Xunjian or the desktop's notification server. */
void
xj_test_init_ui (int    *argc,
                 char ***argv)
{
  g_autofree char *home = NULL;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  private_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (private_bus);
  atexit (stop_private_bus);
  /* GTestDBus unsets DISPLAY (against X11 autolaunch); the test draws. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  setlocale (LC_ALL, "");
  home = g_dir_make_tmp ("xunjian-ui-home-XXXXXX", NULL);
  g_assert_nonnull (home);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_test_init (argc, argv, NULL);
}

char *
xj_test_make_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("xunjian-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
xj_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      xj_test_remove_tree (child);
    }
  g_rmdir (path);
}

GBytes *
xj_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

void
xj_test_copy_file (const char *from,
                   const char *to)
{
  g_autoptr(GBytes) bytes = xj_test_read_bytes (from);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* The first column of the one row @sql returns. */
gint64
xj_test_query_int (sqlite3    *db,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The first column of the first row as text (NULL for SQL NULL). */
char *
xj_test_query_text (sqlite3    *db,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gboolean
xj_test_has_fixture (const char *fixtures_dir,
                     guint       version,
                     guint       newest)
{
  g_autofree char *name = g_strdup_printf ("xunjian-v%u.db", version);
  g_autofree char *path = g_build_filename (fixtures_dir, name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_assert_cmpuint (version, ==, newest);
  return FALSE;
}
