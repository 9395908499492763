/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report benchmark: 150 items, 40 failures, 60 photos as
 * 1600×1200 JPEG renditions of about 300 KB → PDF.  Prints the median time
 * of a few runs and the size of the embedded font program.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "report-fixture.h"
#include "xj-test-utils.h"

#define RUNS 7

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* g_strstr_len stops at the first NUL, and JPEG data has many. */
static const char *
find (const char *data,
      gsize       size,
      const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= size; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

/* The FontFile2 stream as written (compressed) and its /Length1. */
static void
font_sizes (GBytes *pdf,
            gsize  *stored,
            gsize  *length1)
{
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  const char *key = find (data, size, "/Length1 ");
  const char *start, *end;

  g_assert_nonnull (key);
  *length1 = strtoul (key + 9, NULL, 10);
  start = find (key, size - (key - data), "stream\r\n");
  g_assert_nonnull (start);
  start += 8;
  end = find (start, size - (start - data), "endstream");
  g_assert_nonnull (end);
  *stored = end - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(XjReportData) data = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) pdf = NULL;
  double times[RUNS];
  guint64 photo_bytes = 0;
  gsize stored, length1;

  xj_test_init (&argc, &argv);
  dir = xj_test_make_data_dir ();
  for (guint i = 0; i < 60; i++)
    {
      char *photo = g_strdup_printf ("%s/photo-%02u.jpg", dir, i);
      GStatBuf st;

      report_fixture_make_jpeg (photo, 1600, 1200, 7, i);
      g_stat (photo, &st);
      photo_bytes += st.st_size;
      g_ptr_array_add (photos, photo);
    }
  data = report_fixture_inspection (150, 40, photos, 1600, 1200);
  path = g_build_filename (dir, "report.pdf", NULL);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      xj_report_write_inspection (data, path, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      times[run] = (g_get_monotonic_time () - start) / 1e6;
    }
  qsort (times, RUNS, sizeof times[0], compare_doubles);

  pdf = xj_test_read_bytes (path);
  font_sizes (pdf, &stored, &length1);
  g_print ("# report: 150 items, 40 failures, 60 photos (1600x1200 JPEG, %.0f KB average)\n",
           photo_bytes / 60.0 / 1024);
  g_print ("# time: median %.3f s, fastest %.3f s, slowest %.3f s (%d runs; target < 0.35 s)\n",
           times[RUNS / 2], times[0], times[RUNS - 1], RUNS);
  g_print ("# PDF: %.1f MB; embedded font: %" G_GSIZE_FORMAT " bytes stored "
           "(%" G_GSIZE_FORMAT " bytes uncompressed; target < 100 KB)\n",
           g_bytes_get_size (pdf) / 1048576.0, stored, length1);
  g_print ("1..1\nok 1 /xj/bench/report\n");
  xj_test_remove_tree (dir);
  return 0;
}
