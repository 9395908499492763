/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A photo's original in the app, on real widgets against the real
 * throwaway server that test-original-ui.sh starts: the application runs
 * on a laptop's data folder that pulled the team's photos (renditions
 * only), and the photo viewer opens one of them.
 *
 * Steps: "download" (the viewer offers Download Original; the original
 * comes from the server in a worker, its progress shown, hash-checked,
 * and replaces the rendition) and "offline" (the server is stopped: the
 * viewer says so plainly, the rendition stays, nothing is written).
 *
 * Environment: XJ_TEAM_DATA_DIR, XJ_PHOTO_INSPECTION, XJ_PHOTO_ANSWER,
 * XJ_PHOTO_SHA256 (the photo to open); for "download" XJ_PHOTO_HOLD, a
 * command that keeps the server's photos busy for a few seconds (so that
 * the download is seen under way); XJ_TEAM_SHOT_DIR for screenshots.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xj-photo-store.h"
#include "xj-photo-viewer.h"
#include "xj-photo.h"
#include "xj-test-app.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"

#define NETWORK_WAIT_MS 60000

typedef struct
{
  XJ_TEST_APP_FIELDS
  XjPhotoViewer   *viewer;
  XjAttachedPhoto *photo;     /* borrowed from photos */
  GPtrArray       *photos;
} Fixture;

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    g_error ("%s is not set: run this through test-original-ui.sh", name);
  return value;
}

static void
shoot (const char *name)
{
  const char *dir = g_getenv ("XJ_TEAM_SHOT_DIR");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;
  xj_test_iterate (300);
  path = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s", path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gint64 answer = g_ascii_strtoll (env ("XJ_PHOTO_ANSWER"), NULL, 10);
  guint index = 0;

  f->dir = g_strdup (env ("XJ_TEAM_DATA_DIR"));
  xj_test_app_start (XJ_TEST_APP (f));
  g_settings_set_int (f->settings, "window-width", 1366);
  g_settings_set_int (f->settings, "window-height", 768);
  xj_test_app_show (XJ_TEST_APP (f), "inspections");

  f->photos = xj_store_list_photos (f->store, XJ_ANSWER_PHOTOS (answer), NULL);
  g_assert_nonnull (f->photos);
  for (guint i = 0; i < f->photos->len; i++)
    if (g_str_equal (((XjAttachedPhoto *) g_ptr_array_index (f->photos, i))->sha256,
                     env ("XJ_PHOTO_SHA256")))
      index = i, f->photo = g_ptr_array_index (f->photos, i);
  g_assert_nonnull (f->photo);
  /* Another member's inspection: looked at, not changed. */
  f->viewer = xj_photo_viewer_new (f->store, "李娜", g_ascii_strtoll (env ("XJ_PHOTO_INSPECTION"),
                                                                    NULL, 10),
                                   answer, "地面清洁，无积水", index, TRUE);
  g_object_ref_sink (f->viewer);
  gtk_window_set_transient_for (GTK_WINDOW (f->viewer), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (f->viewer));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->viewer));
  g_clear_object (&f->viewer);
  g_clear_pointer (&f->photos, g_ptr_array_unref);
  xj_test_app_stop (XJ_TEST_APP (f));
  g_clear_pointer (&f->dir, g_free);
}

static GtkWidget *
part (Fixture    *f,
      const char *id)
{
  GtkWidget *widget = xj_test_find_widget (GTK_WIDGET (f->viewer), id);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
said (Fixture *f)
{
  return gtk_label_get_text (GTK_LABEL (part (f, "original_label")));
}

static gboolean
offered (Fixture *f)
{
  return gtk_widget_get_visible (part (f, "original_bar"))
         && gtk_widget_get_visible (part (f, "original_button"))
         && gtk_widget_get_sensitive (part (f, "original_button"));
}

static char *
original_path (Fixture *f)
{
  return xj_photo_dup_original_path (f->dir, f->photo->sha256, f->photo->mime);
}

static int
shown_width (Fixture *f)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (part (f, "picture")));

  return paintable != NULL ? gdk_paintable_get_intrinsic_width (paintable) : 0;
}

/* Opened: the rendition at once, and the original offered. */
static void
check_offered (Fixture *f)
{
  g_autofree char *path = original_path (f);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  xj_test_wait_until (shown_width (f) > 0 && offered (f));
  g_assert_false (xj_photo_viewer_is_showing_original (f->viewer));
  g_assert_cmpstr (said (f), ==, _("Shown at reduced size: the original is kept on the team server."));
  g_assert_cmpint (shown_width (f), <, MAX (f->photo->width, f->photo->height));
}

static void
test_download (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = original_path (f);
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_auto(GStrv) hold = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  int rendition_width;
  GPid holder;

  check_offered (f);
  rendition_width = shown_width (f);
  shoot ("viewer-rendition.png");

  /* The server's photos kept busy a moment: the download is seen under way. */
  g_assert_true (g_shell_parse_argv (env ("XJ_PHOTO_HOLD"), NULL, &hold, NULL));
  g_assert_true (g_spawn_async (NULL, hold, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &holder, &error));
  g_assert_no_error (error);
  xj_test_iterate (800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->viewer), "viewer.download-original",
                                             NULL));
  xj_test_wait_until (gtk_widget_get_visible (part (f, "original_progress")));
  g_assert_cmpstr (said (f), ==, _("Downloading the original from the team server…"));
  g_assert_false (gtk_widget_get_visible (part (f, "original_button")));
  shoot ("viewer-downloading.png");
  /* The window is not waiting: the previous and next photos still answer. */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (f->viewer)));

  xj_test_wait_until_ms (xj_photo_viewer_is_showing_original (f->viewer), NETWORK_WAIT_MS);
  g_spawn_close_pid (holder);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (sha256, ==, f->photo->sha256);
  /* The original's full size (turned as the camera said), larger than the rendition. */
  g_assert_true (shown_width (f) == f->photo->width || shown_width (f) == f->photo->height);
  g_assert_cmpint (shown_width (f), >, rendition_width);
  g_assert_false (gtk_widget_get_visible (part (f, "original_progress")));
  g_assert_false (gtk_widget_get_visible (part (f, "original_button")));
  g_assert_nonnull (strstr (said (f), "×"));
  xj_test_assert_translated (part (f, "original_bar"));
  shoot ("viewer-original.png");
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = original_path (f);
  int width;

  check_offered (f);
  width = shown_width (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->viewer), "viewer.download-original",
                                             NULL));
  xj_test_wait_until_ms (offered (f), NETWORK_WAIT_MS);
  g_assert_cmpstr (said (f), ==, _("The team server cannot be reached, so the original stays "
                                   "there for now. The photo is shown at reduced size: try "
                                   "again when online."));
  g_assert_false (xj_photo_viewer_is_showing_original (f->viewer));
  g_assert_cmpint (shown_width (f), ==, width);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  xj_test_assert_translated (part (f, "original_bar"));
  shoot ("viewer-offline.png");
}

int
main (int   argc,
      char *argv[])
{
  xj_test_init_ui (&argc, &argv);
  /* The sync at start may tell the desktop of notices that came. */
  xj_test_serve_notifications (NULL);
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  g_test_add ("/xj/original-ui/download", Fixture, NULL, fixture_set_up, test_download,
              fixture_tear_down);
  g_test_add ("/xj/original-ui/offline", Fixture, NULL, fixture_set_up, test_offline,
              fixture_tear_down);
  return g_test_run ();
}
