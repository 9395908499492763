/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inspection report as a reader sees it, checked page by page with
 * pdftotext -layout: no heading or group title ends a page without what it
 * introduces.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "report-fixture.h"
#include "xj-test-pdf.h"
#include "xj-test-utils.h"

/* ---- Tools -------------------------------------------------------------- */

static guint
count_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = xj_test_run_tool (argv);
  const char *pages = strstr (info, "\nPages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:"), NULL, 10);
}

/* The non-empty lines of one page (all pages if page is 0) as laid out,
 * leading spaces removed. */
static GStrv
page_lines (const char *path,
            guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page);
  const char *one[] = { "pdftotext", "-layout", "-enc", "UTF-8", "-f", first, "-l", first,
                        path, "-", NULL };
  const char *all[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = xj_test_run_tool (page > 0 ? one : all);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0' && *lines[i] != '\f')
        g_strv_builder_add (kept, lines[i]);
    }
  return g_strv_builder_end (kept);
}

/* ---- Keep with next ----------------------------------------------------- */

static const char *const headings[] = {
  "Section summary", "Findings", "Full checklist", "Notices raised", "Signatures",
};

static gboolean
is_heading (const char *line)
{
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    if (g_strcmp0 (line, headings[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A group title in the checklist: a section's name and its score. */
static gboolean
is_group (const char *line,
          GPtrArray  *titles)
{
  for (guint i = 0; i < titles->len; i++)
    {
      const char *title = g_ptr_array_index (titles, i);

      if (g_str_has_prefix (line, title)
          && g_regex_match_simple ("^\\S+ +(\\d+\\.\\d%|—)$", line, 0, 0))
        return TRUE;
    }
  return FALSE;
}

/* Reports of growing size push each heading and group title through every
 * position on its page: none is ever the last thing on a page, and some
 * had to move to the next page with what they introduce. */
static void
test_keep_with_next (void)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_free);
  guint moved_headings = 0, moved_groups = 0;

  for (guint i = 0; i < 4; i++)
    {
      char *path = g_strdup_printf ("%s/photo-%u.jpg", dir, i);

      report_fixture_make_jpeg (path, 320, 240, 0, i);
      g_ptr_array_add (photos, path);
    }
  for (guint n_items = 10; n_items <= 150; n_items += 7)
    {
      g_autoptr(XjReportData) data = report_fixture_inspection (n_items, 3, photos, 320, 240);
      g_autofree char *path = g_strdup_printf ("%s/report-%u.pdf", dir, n_items);
      g_autoptr(GPtrArray) titles = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      guint n_pages;

      for (guint s = 0; s < data->sections->len; s++)
        g_ptr_array_add (titles, ((XjReportSection *) g_ptr_array_index (data->sections, s))->title);
      g_assert_true (xj_report_write_inspection (data, path, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      n_pages = count_pages (path);
      for (guint page = 1; page <= n_pages; page++)
        {
          g_auto(GStrv) lines = page_lines (path, page);
          guint n = g_strv_length (lines);
          /* Page 1 starts with the organisation, the others with the
           * running header; all end with the footer. */
          const char *first = page > 1 && n > 2 ? lines[1] : NULL;
          const char *last = n >= 2 ? lines[n - 2] : NULL;

          g_assert_true (g_str_has_prefix (lines[n - 1], "Report No."));
          if (last != NULL && (is_heading (last) || is_group (last, titles)))
            g_error ("%u items, page %u of %u ends with “%s”", n_items, page, n_pages, last);
          if (first != NULL && is_heading (first))
            moved_headings++;
          /* A group right under the repeated table header. */
          if (page > 1 && n > 3 && g_str_has_prefix (lines[1], "No.") && is_group (lines[2], titles))
            moved_groups++;
        }
      g_unlink (path);
    }
  g_test_message ("headings at the top of a page: %u; group titles: %u", moved_headings,
                  moved_groups);
  g_assert_cmpuint (moved_headings, >, 0);
  g_assert_cmpuint (moved_groups, >, 0);
  xj_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  xj_test_init (&argc, &argv);

  g_test_add_func ("/xj/report/layout/keep-with-next", test_keep_with_next);
  return g_test_run ();
}
