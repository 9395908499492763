/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The signing benchmark: an inspection of 150 items with 40
 * failures and 60 photos from a 12-megapixel camera, signed → signed PDF in
 * the archive.  The inspection is the one `xunjian demo --photos DIR`
 * makes (the extended monthly checklist, in Chinese); the photos are
 * generated 4000×3000 JPEGs, imported with the photo store (not timed).
 * Timed: reading the data, writing the PDF, the digital signature, the
 * hash, the archive and the database — xj_inspection_sign() as a whole.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "xj-builtins.h"
#include "xj-certificate.h"
#include "xj-demo-inspections.h"
#include "xj-photo-store.h"
#include "xj-report-archive.h"
#include "xj-site.h"
#include "xj-test-photos.h"
#include "xj-test-utils.h"

#define RUNS       5
#define N_PHOTOS   60
#define PASSPHRASE "bench"

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

static gsize
font_program_bytes (const char *path)
{
  g_autoptr(GBytes) pdf = xj_test_read_bytes (path);
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  const char *start, *end;

  start = find (data, size, "/Length1 ");
  g_assert_nonnull (start);
  start = find (start, size - (start - data), "stream\r\n");
  g_assert_nonnull (start);
  start += 8;
  end = find (start, size - (start - data), "endstream");
  g_assert_nonnull (end);
  return end - start;
}

/* 60 camera-sized photos, made once and kept in the build folder. */
static char *
camera_photos (void)
{
  char *folder = g_build_filename (BUILD_ROOT, "tests", "bench", "photos-12mp", NULL);

  g_mkdir_with_parents (folder, 0755);
  for (guint i = 0; i < N_PHOTOS; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/IMG_%04u.jpg", folder, i + 1);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          XjTestExif exif = { 1, "2026:09:21 10:05:00", "+08:00", TRUE, 30.27, 120.15, "Xiaomi", "13" };
          g_autoptr(GBytes) plain = xj_test_make_jpeg (4000, 3000, 92, i + 1, FALSE);
          g_autoptr(GBytes) jpeg = xj_test_add_exif (plain, &exif);

          xj_test_write_bytes (path, jpeg);
        }
    }
  return folder;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  double times[RUNS];
  gint64 template_id, bytes = 0;

  xj_test_init (&argc, &argv);
  /* The checklist in Chinese, as users print it: the font subset grows with it. */
  setlocale (LC_ALL, "zh_CN.UTF-8");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  dir = xj_test_make_data_dir ();
  folder = camera_photos ();
  store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (xj_templates_install_builtins (store, &error));
  g_assert_true (xj_store_save_site (store, site, "bench", &error));
  g_assert_true (xj_certificate_create_self_signed (dir, "张伟", "华信物业服务质量监督中心",
                                                    PASSPHRASE, &error));
  g_assert_no_error (error);
  files = xj_photo_list_folder (folder, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_PHOTOS; i++)
    {
      g_autoptr(XjPhotoInfo) info = xj_store_import_photo (store, g_ptr_array_index (files, i), &error);

      g_assert_no_error (error);
      g_ptr_array_add (photos, g_strdup (info->sha256));
    }
  template_id = xj_demo_add_extended_template (store, 150, &error);
  g_assert_no_error (error);

  for (guint run = 0; run < RUNS; run++)
    {
      XjDemoInspection spec = { xj_site_get_id (site), template_id, "monthly",
                                1790000000 + run * 86400, 40, 0, photos, TRUE, TRUE };
      g_autoptr(XjArchivedReport) report = NULL;
      gint64 id = xj_demo_add_inspection (store, &spec, &error), start;

      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      report = xj_inspection_sign (store, id, &(XjSignOptions) {
                                     .organisation = "华信物业服务质量监督中心",
                                     .passphrase = PASSPHRASE,
                                   }, NULL, &error);
      times[run] = (g_get_monotonic_time () - start) / 1e6;
      g_assert_no_error (error);
      bytes = report->bytes;
      g_free (last);
      last = g_strdup (report->path);
    }
  qsort (times, RUNS, sizeof times[0], compare_doubles);

  g_print ("# signed report: 150 items, 40 failures, 60 photos from 4000x3000 JPEGs "
           "(1600x1200 renditions)\n");
  g_print ("# time (data + PDF + signature + hash + archive + database): median %.3f s, "
           "fastest %.3f s, slowest %.3f s (%d runs; target < 0.35 s)\n",
           times[RUNS / 2], times[0], times[RUNS - 1], RUNS);
  g_print ("# signed PDF: %.1f MB; embedded font: %" G_GSIZE_FORMAT " bytes (target < 100 KB)\n",
           bytes / 1048576.0, font_program_bytes (last));
  g_print ("1..1\nok 1 /xj/bench/sign-report\n");
  g_clear_object (&store);
  xj_test_remove_tree (dir);
  return 0;
}
