/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signing a 20 MB report: a libharu PDF with one uncompressed 20 MB image,
 * signed into a new file, signed in place (appended) and verified several
 * times; prints the median, fastest and slowest runs, wall and CPU time.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "xj-certificate.h"
#include "xj-pdf-sign.h"
#include "xj-test-pdf.h"
#include "xj-test-utils.h"

#define SIDE     2600  /* 2600 × 2600 RGB = 20.3 MB of image data */
#define RUNS     15

static char *
make_big_pdf (const char *dir)
{
  char *path = g_build_filename (dir, "big.pdf", NULL);
  g_autofree guint8 *pixels = g_malloc ((gsize) SIDE * SIDE * 3);
  HPDF_Doc pdf = xj_test_hpdf_new ();
  HPDF_Page page = HPDF_AddPage (pdf);
  HPDF_Image image;
  guint32 state = 12345;

  /* Noise, so that nothing along the way could shortcut repeated bytes. */
  for (gsize i = 0; i < (gsize) SIDE * SIDE * 3; i++)
    {
      state = state * 1103515245 + 12345;
      pixels[i] = state >> 24;
    }
  image = HPDF_LoadRawImageFromMem (pdf, pixels, SIDE, SIDE, HPDF_CS_DEVICE_RGB, 8);
  HPDF_Page_SetSize (page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  HPDF_Page_DrawImage (page, image, 50, 200, 495, 495);
  HPDF_SaveToFile (pdf, path);
  HPDF_Free (pdf);
  return path;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 ta = *(const gint64 *) a, tb = *(const gint64 *) b;

  return (ta > tb) - (ta < tb);
}

/* CPU time of the process, in µs: unlike wall time, not inflated by other
 * programs sharing the machine (it leaves out waiting for fsync). */
static gint64
cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
report (const char *what,
        gint64     *times)
{
  qsort (times, RUNS, sizeof *times, compare_times);
  g_print ("%-16s median %6.1f ms   fastest %6.1f ms   slowest %6.1f ms\n", what,
           times[RUNS / 2] / 1000.0, times[0] / 1000.0, times[RUNS - 1] / 1000.0);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *input = make_big_pdf (dir);
  g_autofree char *output = g_build_filename (dir, "signed.pdf", NULL);
  g_autoptr(XjCertificate) certificate = NULL;
  g_autoptr(XjSigner) signer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *in_place = g_build_filename (dir, "in-place.pdf", NULL);
  gint64 sign_times[RUNS], sign_cpu[RUNS], verify_times[RUNS], verify_cpu[RUNS];
  gint64 append_times[RUNS], append_cpu[RUNS];
  GStatBuf info;

  xj_certificate_create_self_signed (dir, "张三", "巡检物业", "benchmark", &error);
  g_assert_no_error (error);
  certificate = xj_certificate_find_for_person (dir, "张三", &error);
  g_assert_no_error (error);
  signer = xj_certificate_load (dir, xj_certificate_get_id (certificate), "benchmark", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (input, &info), ==, 0);
  g_print ("input: %.1f MB\n", info.st_size / 1e6);

  for (guint i = 0; i < RUNS; i++)
    {
      g_auto(XjPdfVerifyResult) result = { 0 };
      gint64 start = g_get_monotonic_time ();
      gint64 start_cpu = cpu_time ();

      xj_pdf_sign_file (signer, input, output, &error);
      g_assert_no_error (error);
      sign_times[i] = g_get_monotonic_time () - start;
      sign_cpu[i] = cpu_time () - start_cpu;

      start = g_get_monotonic_time ();
      start_cpu = cpu_time ();
      xj_pdf_verify_file (output, dir, &result, &error);
      g_assert_no_error (error);
      verify_times[i] = g_get_monotonic_time () - start;
      verify_cpu[i] = cpu_time () - start_cpu;

      xj_test_copy_file (input, in_place);
      start = g_get_monotonic_time ();
      start_cpu = cpu_time ();
      xj_pdf_sign_file (signer, in_place, in_place, &error);
      g_assert_no_error (error);
      append_times[i] = g_get_monotonic_time () - start;
      append_cpu[i] = cpu_time () - start_cpu;
    }
  report ("sign, wall", sign_times);
  report ("sign, CPU", sign_cpu);
  report ("in place, wall", append_times);
  report ("in place, CPU", append_cpu);
  report ("verify, wall", verify_times);
  report ("verify, CPU", verify_cpu);

  xj_test_remove_tree (dir);
  return 0;
}
