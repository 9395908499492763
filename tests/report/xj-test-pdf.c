/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "xj-test-pdf.h"

static void
on_hpdf_error_cb (HPDF_STATUS  error_no,
                  HPDF_STATUS  detail_no,
                  void        *user_data)
{
  g_error ("libharu error 0x%04X (detail %u)", (guint) error_no, (guint) detail_no);
}

HPDF_Doc
xj_test_hpdf_new (void)
{
  return HPDF_New (on_hpdf_error_cb, NULL);
}

char *
xj_test_run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
  return out;
}

void
xj_test_assert_pdf_clean (const char *path)
{
  const char *qpdf[] = { "qpdf", "--check", path, NULL };
  const char *pdffonts[] = { "pdffonts", path, NULL };
  g_autofree char *checked = xj_test_run_tool (qpdf);
  g_autofree char *fonts = xj_test_run_tool (pdffonts);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);

  g_assert_nonnull (strstr (checked, "No syntax or stream encoding errors"));
  /* Header, rule, exactly one font: embedded, subset, with a ToUnicode map. */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_regex_match_simple ("^[A-Z]{6}\\+WenQuanYiMicroHei +CID TrueType +Identity-H +"
                                       "yes yes yes", lines[2], 0, 0));
}
