/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF writers, checked on the files they produce with the tools a
 * reader would use: qpdf, pdffonts, pdftotext and pdfimages.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "report-fixture.h"
#include "xj-report-private.h"
#include "xj-test-pdf.h"
#include "xj-test-utils.h"

#define PHOTO_WIDTH  800
#define PHOTO_HEIGHT 600
#define N_PHOTOS     10

typedef struct {
  char      *dir;
  GPtrArray *photos;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = xj_test_make_data_dir ();
  fixture->photos = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < N_PHOTOS; i++)
    {
      char *path = g_strdup_printf ("%s/photo-%u.jpg", fixture->dir, i);

      report_fixture_make_jpeg (path, PHOTO_WIDTH, PHOTO_HEIGHT, 8, i);
      g_ptr_array_add (fixture->photos, path);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_ptr_array_unref (fixture->photos);
  xj_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* pdftotext output without line breaks: wrapped Chinese text joins up. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = xj_test_run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv ("", lines);
}

static char *
write_inspection (Fixture *fixture)
{
  g_autoptr(XjReportData) data = report_fixture_inspection (24, 6, fixture->photos,
                                                            PHOTO_WIDTH, PHOTO_HEIGHT);
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  xj_report_write_inspection (data, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_inspection_pdf (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *path = write_inspection (fixture);
  g_autofree char *text = pdf_text (path);

  xj_test_assert_pdf_clean (path);
  g_assert_nonnull (strstr (text, report_fixture_site));
  g_assert_nonnull (strstr (text, "华信物业服务质量监督中心"));
  for (guint i = 0; i < 6; i++)
    g_assert_nonnull (strstr (text, report_fixture_prompts[i]));
  for (guint i = 0; i < 6; i++)
    g_assert_nonnull (strstr (text, report_fixture_remarks[i]));
  g_assert_nonnull (strstr (text, "Repeat finding"));
  g_assert_nonnull (strstr (text, "Page 1 of "));
  g_assert_nonnull (strstr (text, "ZG-2026-0007"));
  g_assert_nonnull (strstr (text, "阳光物业服务有限公司"));
}

/* Every photo is one image at its rendition size, passed through as JPEG;
 * nothing else is an image (the chart is drawn as paths). */
static void
test_inspection_images (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *path = write_inspection (fixture);
  const char *argv[] = { "pdfimages", "-list", path, NULL };
  g_autofree char *list = xj_test_run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
  g_autofree char *expected = g_strdup_printf (" %d +%d +rgb +3 +8 +jpeg ", PHOTO_WIDTH,
                                               PHOTO_HEIGHT);
  guint jpegs = 0;

  for (guint i = 2; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_assert_true (g_regex_match_simple (expected, lines[i], 0, 0));
      jpegs++;
    }
  g_assert_cmpuint (jpegs, ==, N_PHOTOS);
}

static void
test_notice_pdf (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(XjNoticeReportData) data = report_fixture_notice (XJ_NOTICE_REPORT_RECTIFICATION,
                                                              fixture->photos, PHOTO_WIDTH,
                                                              PHOTO_HEIGHT);
  g_autofree char *path = g_build_filename (fixture->dir, "notice.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  xj_report_write_notice (data, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  xj_test_assert_pdf_clean (path);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Rectification Notice"));
  g_assert_nonnull (strstr (text, "ZG-2026-0007"));
  g_assert_nonnull (strstr (text, "2026-03-17 18:00"));
  g_assert_nonnull (strstr (text, report_fixture_site));
  g_assert_nonnull (strstr (text, report_fixture_remarks[0]));
  g_assert_nonnull (strstr (text, "立即清理3号楼东侧消防通道"));
  g_assert_null (strstr (text, "Part 1 of 3"));
}

static void
test_notice_work_order (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(XjNoticeReportData) data = report_fixture_notice (XJ_NOTICE_REPORT_WORK_ORDER,
                                                              fixture->photos, PHOTO_WIDTH,
                                                              PHOTO_HEIGHT);
  g_autofree char *path = g_build_filename (fixture->dir, "order.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  xj_report_write_notice (data, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  xj_test_assert_pdf_clean (path);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Part 1 of 3: for the issuer"));
  g_assert_nonnull (strstr (text, "Part 2 of 3: for the repair crew"));
  g_assert_nonnull (strstr (text, "Part 3 of 3: for the file"));
}

/* The images pdfimages lists in @path. */
static guint
count_images (const char *path)
{
  const char *argv[] = { "pdfimages", "-list", path, NULL };
  g_autofree char *list = xj_test_run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
  guint n = 0;

  /* Two lines of heading, then one line an image. */
  for (guint i = 2; lines[i] != NULL && *lines[i] != '\0'; i++)
    n++;
  return n;
}

/* The letterhead of both documents: the organisation's name at the top
 * and, when a logo is set, the logo once on the first page beside it. */
static void
test_letterhead (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(XjReportData) report = report_fixture_inspection (4, 2, fixture->photos,
                                                              PHOTO_WIDTH, PHOTO_HEIGHT);
  g_autoptr(XjNoticeReportData) notice = report_fixture_notice (XJ_NOTICE_REPORT_RECTIFICATION,
                                                                fixture->photos, PHOTO_WIDTH,
                                                                PHOTO_HEIGHT);
  g_autofree char *logo = g_build_filename (fixture->dir, "logo.jpg", NULL);
  g_autofree char *plain = g_build_filename (fixture->dir, "plain.pdf", NULL);
  g_autofree char *headed = g_build_filename (fixture->dir, "headed.pdf", NULL);
  g_autoptr(GError) error = NULL;
  guint n_plain;

  report_fixture_make_jpeg (logo, 240, 112, 8, 99);

  xj_report_write_inspection (report, plain, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  report->logo_path = g_strdup (logo);
  xj_report_write_inspection (report, headed, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  n_plain = count_images (plain);
  g_assert_cmpuint (count_images (headed), ==, n_plain + 1);
  {
    g_autofree char *text = pdf_text (headed);

    g_assert_true (g_str_has_prefix (text, "华信物业服务质量监督中心"));
  }

  xj_report_write_notice (notice, plain, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  notice->logo_path = g_strdup (logo);
  xj_report_write_notice (notice, headed, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  xj_test_assert_pdf_clean (headed);
  n_plain = count_images (plain);
  g_assert_cmpuint (count_images (headed), ==, n_plain + 1);
  {
    g_autofree char *text = pdf_text (headed);

    g_assert_true (g_str_has_prefix (text, "华信物业服务质量监督中心"));
  }
}

static void
test_missing_font (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(XjReportData) data = report_fixture_inspection (5, 1, fixture->photos,
                                                            PHOTO_WIDTH, PHOTO_HEIGHT);
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_setenv (XJ_REPORT_FONT_ENV, "No Such Font Family", TRUE);
  g_assert_false (xj_report_write_inspection (data, path, NULL, NULL, NULL, &error));
  g_unsetenv (XJ_REPORT_FONT_ENV);
  g_assert_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_NO_FONT);
  g_assert_nonnull (strstr (error->message, "fonts-wqy-microhei"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A CFF-outline font is refused too: libharu cannot embed it. */
  g_clear_error (&error);
  g_setenv (XJ_REPORT_FONT_ENV, "Noto Sans CJK SC", TRUE);
  g_assert_false (xj_report_write_inspection (data, path, NULL, NULL, NULL, &error));
  g_unsetenv (XJ_REPORT_FONT_ENV);
  g_assert_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_NO_FONT);
}

/* A photo that cannot be read fails the export and leaves nothing behind. */
static void
test_failed_export (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(XjReportData) data = report_fixture_inspection (24, 6, fixture->photos,
                                                            PHOTO_WIDTH, PHOTO_HEIGHT);
  g_autofree char *dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.jpg", NULL);
  XjReportSection *section = g_ptr_array_index (data->sections, 1);
  XjReportAnswer *answer = g_ptr_array_index (section->answers, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (broken, "\xff\xd8\xff not really", -1, NULL));
  g_ptr_array_add (answer->photos, xj_report_photo_new (broken, 10, 10, NULL, NULL));
  g_assert_false (xj_report_write_inspection (data, path, NULL, NULL, NULL, &error));
  g_assert_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_IMAGE);
  g_assert_nonnull (strstr (error->message, "broken.jpg"));

  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
}

typedef struct {
  GMainLoop *loop;
  GError    *error;
  double     last_fraction;
  guint      n_progress;
  GThread   *caller;
} AsyncState;

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  AsyncState *state = user_data;

  /* Told on the caller's thread, never in the worker. */
  g_assert_true (g_thread_self () == state->caller);
  g_assert_cmpfloat (fraction, >=, state->last_fraction);
  state->last_fraction = fraction;
  state->n_progress++;
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;

  xj_report_write_inspection_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "async.pdf", NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { loop, NULL, 0, 0, g_thread_self () };

  xj_report_write_inspection_async (report_fixture_inspection (24, 6, fixture->photos,
                                                               PHOTO_WIDTH, PHOTO_HEIGHT),
                                    path, on_progress_cb, &state, NULL, on_written_cb, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.n_progress, >=, 5);
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);
  xj_test_assert_pdf_clean (path);
  g_assert_cmpint (g_unlink (path), ==, 0);

  g_cancellable_cancel (cancellable);
  xj_report_write_inspection_async (report_fixture_inspection (24, 6, fixture->photos,
                                                               PHOTO_WIDTH, PHOTO_HEIGHT),
                                    path, NULL, NULL, cancellable, on_written_cb, &state);
  g_main_loop_run (loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Chinese breaks between any two characters but never before closing
 * punctuation; Latin words stay whole. */
static void
test_wrap (void)
{
  g_autoptr(XjReportCharset) charset = _xj_report_charset_new ();
  g_autoptr(XjReportRenderer) r = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "消防通道堆放纸箱，已当场要求清理。Fire exit blocked by boxes again。";
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;
  double width = 60;

  _xj_report_charset_add (charset, text);
  r = _xj_report_renderer_new (charset, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  lines = _xj_report_renderer_wrap (r, text, &xj_report_style_body, width);
  g_assert_cmpuint (g_strv_length (lines), >, 3);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpfloat (_xj_report_renderer_width (r, lines[i], &xj_report_style_body), <=, width);
      g_assert_false (g_str_has_prefix (lines[i], "，"));
      g_assert_false (g_str_has_prefix (lines[i], "。"));
      g_assert_false (g_str_has_prefix (lines[i], "xit"));
    }
  joined = g_strjoinv (" ", lines);
  g_assert_nonnull (strstr (joined, "blocked by"));
  g_strfreev (lines);
  lines = _xj_report_renderer_wrap (r, "", &xj_report_style_body, 50);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  xj_test_init (&argc, &argv);

  g_test_add_func ("/xj/report/wrap", test_wrap);
  g_test_add ("/xj/report/inspection/pdf", Fixture, NULL, fixture_set_up,
              test_inspection_pdf, fixture_tear_down);
  g_test_add ("/xj/report/inspection/images", Fixture, NULL, fixture_set_up,
              test_inspection_images, fixture_tear_down);
  g_test_add ("/xj/report/inspection/missing-font", Fixture, NULL, fixture_set_up,
              test_missing_font, fixture_tear_down);
  g_test_add ("/xj/report/inspection/failed-export", Fixture, NULL, fixture_set_up,
              test_failed_export, fixture_tear_down);
  g_test_add ("/xj/report/inspection/async", Fixture, NULL, fixture_set_up,
              test_async, fixture_tear_down);
  g_test_add ("/xj/report/notice/pdf", Fixture, NULL, fixture_set_up,
              test_notice_pdf, fixture_tear_down);
  g_test_add ("/xj/report/letterhead", Fixture, NULL, fixture_set_up, test_letterhead,
              fixture_tear_down);
  g_test_add ("/xj/report/notice/work-order", Fixture, NULL, fixture_set_up,
              test_notice_work_order, fixture_tear_down);
  return g_test_run ();
}
