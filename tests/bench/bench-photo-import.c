/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing a 12-megapixel JPEG: read, hash, store the original, make and
 * store the rendition and the thumbnail, insert the row.  Each round
 * imports a different photo (otherwise deduplication would skip the work).
 * Prints the median and the 90th percentile.
 */
#include "config.h"

#include "xj-photo.h"
#include "xj-store.h"
#include "xj-test-photos.h"
#include "xj-test-utils.h"

#define ROUNDS 21

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
bench_import_12mp (void)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *sources = g_build_filename (dir, "camera", NULL);
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  double times[ROUNDS];
  gsize total_bytes = 0;

  store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_mkdir_with_parents (sources, 0755);
  for (int i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GBytes) jpeg = xj_test_make_jpeg (4000, 3000, 92, i + 1, FALSE);
      g_autofree char *name = g_strdup_printf ("IMG_%04d.jpg", i);
      g_autofree char *path = g_build_filename (sources, name, NULL);

      xj_test_write_bytes (path, jpeg);
      total_bytes += g_bytes_get_size (jpeg);
    }

  for (int i = 0; i < ROUNDS; i++)
    {
      g_autofree char *name = g_strdup_printf ("IMG_%04d.jpg", i);
      g_autofree char *path = g_build_filename (sources, name, NULL);
      g_autoptr(XjPhotoInfo) info = NULL;
      gint64 start = g_get_monotonic_time ();

      info = xj_photo_import_file (dir, path, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (xj_photo_info_insert (info, xj_store_get_db (store), &error));
      g_assert_no_error (error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, ROUNDS, sizeof (double), compare_doubles);
  g_test_message ("photo import, 4000x3000 JPEG q92 (%.1f MB average): "
                  "median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms over %d imports",
                  total_bytes / (double) ROUNDS / 1e6, times[ROUNDS / 2],
                  times[(int) (ROUNDS * 0.9)], times[0], times[ROUNDS - 1], ROUNDS);

  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  xj_test_init (&argc, &argv);
  g_test_add_func ("/xj/bench/photo-import-12mp", bench_import_12mp);
  return g_test_run ();
}
