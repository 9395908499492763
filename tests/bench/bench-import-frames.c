/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times while photos are imported: a window keeps animating (a
 * spinner and a progress bar the import moves) while 60 12-megapixel
 * JPEGs go through xj_photo_import_async(), the path the runner uses; the
 * longest interval between two painted frames is printed.  Needs a
 * display (xvfb-run).
 */
#include "config.h"

#include <adwaita.h>

#include "xj-photo-async.h"
#include "xj-store.h"
#include "xj-test-photos.h"
#include "xj-test-utils.h"

#define N_PHOTOS 60

typedef struct
{
  GMainLoop      *loop;
  GtkProgressBar *progress;
  gint64          last_paint;
  gint64          longest;
  guint           frames;
  gboolean        importing;
} Bench;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  if (bench->importing && bench->last_paint > 0)
    bench->longest = MAX (bench->longest, now - bench->last_paint);
  if (bench->importing)
    bench->frames++;
  bench->last_paint = now;
}

static void
on_progress_cb (guint        done,
                guint        total,
                const char  *path,
                gpointer     user_data)
{
  Bench *bench = user_data;

  gtk_progress_bar_set_fraction (bench->progress, (double) done / total);
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = xj_photo_import_finish (XJ_STORE (source), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, N_PHOTOS);
  bench->importing = FALSE;
  g_main_loop_quit (bench->loop);
}

static void
bench_import_frames (void)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *folder = g_build_filename (dir, "camera", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Bench bench = { 0 };
  GtkWidget *window, *box, *spinner;
  gint64 start;

  g_mkdir_with_parents (folder, 0700);
  for (guint i = 0; i < N_PHOTOS; i++)
    {
      g_autofree char *name = g_strdup_printf ("IMG_%04u.JPG", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GBytes) jpeg = xj_test_make_jpeg (4000, 3000, 92, i + 1, FALSE);

      xj_test_write_bytes (path, jpeg);
      g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  g_ptr_array_add (paths, NULL);
  store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 400);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 64, 64);
  bench.progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bench.progress));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &bench);

  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.importing = TRUE;
  start = g_get_monotonic_time ();
  xj_photo_import_async (store, (const char *const *) paths->pdata, on_progress_cb, &bench, NULL,
                         NULL, on_imported_cb, &bench);
  g_main_loop_run (bench.loop);

  g_test_message ("import of %u 12-megapixel JPEGs: %.2f s; %u frames painted meanwhile, "
                  "longest frame interval %.1f ms (target <= 50 ms)",
                  N_PHOTOS, (g_get_monotonic_time () - start) / 1e6, bench.frames,
                  bench.longest / 1000.0);
  g_assert_cmpuint (bench.frames, >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_main_loop_unref (bench.loop);
  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  xj_test_init_ui (&argc, &argv);
  gtk_init ();
  g_test_add_func ("/xj/bench/import-frames", bench_import_frames);
  return g_test_run ();
}
