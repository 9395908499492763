/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inspection report as a reader sees it, checked page by page with
 * pdftotext -layout: every answered item has its result, hard standards
 * show a measurement against its limit and soft ones a rating, each
 * labelled; the section summary adds up; the running header has no stray
 * separator; the signature block names the signer's name; no heading or
 * group title ends a page without what it introduces; the section chart is
 * drawn as vectors, not as an image.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-fixture.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-report-build.h"
#include "xj-signature.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-pdf.h"
#include "xj-test-utils.h"

#define SITE       "湖滨银泰旗舰店客服热线"
#define STARTED_AT 1790000000  /* 2026-09-21, Asia/Shanghai */
#define N_ROUTINE  30          /* pass / fail items enough for a second page */

static const char *const pass_prompt = "开场问候使用标准用语";
static const char *const fail_prompt = "主动告知工号";
static const char *const na_prompt = "转接前征得来电人同意";
static const char *const stopwatch_prompt = "接通后等待人工服务的时间";
static const char *const rings_prompt = "三声铃响内接听";
static const char *const rating_prompt = "语气亲切、耐心";
static const char *const text_prompt = "通话要点记录";
static const char *const skipped_prompt = "通话结束时的致谢（选填）";

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

static const char *
find_line (GStrv       lines,
           const char *needle,
           guint      *index)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      {
        if (index != NULL)
          *index = i;
        return lines[i];
      }
  g_error ("no line with “%s”", needle);
}

static void
assert_matches (const char *line,
                const char *pattern)
{
  if (!g_regex_match_simple (pattern, line, 0, 0))
    g_error ("“%s” does not match /%s/", line, pattern);
}

/* ---- A mystery call from the store -------------------------------------- */

typedef struct {
  char    *dir;
  XjStore *store;
  gint64   inspection_id;
  char    *pdf;
} Fixture;

static XjTemplateItem *
add_item (XjTemplateSection *section,
          const char        *prompt,
          XjResponseType     type)
{
  g_autofree char *key = g_strdup_printf ("k%s-%u", section->title, section->items->len);
  XjTemplateItem *item = xj_template_item_new (key, prompt, type);

  g_ptr_array_add (section->items, item);
  return item;
}

static gint64
make_template (XjStore *store)
{
  g_autoptr(XjTemplate) tmpl = xj_template_new ("神秘顾客暗访：客服热线");
  XjTemplateSection *answering = xj_template_section_new ("接听");
  XjTemplateSection *manner = xj_template_section_new ("服务态度");
  XjTemplateSection *routine = xj_template_section_new ("服务规范");
  XjTemplateItem *item;
  g_autoptr(GError) error = NULL;

  add_item (answering, pass_prompt, XJ_RESPONSE_PASS_FAIL);
  add_item (answering, fail_prompt, XJ_RESPONSE_PASS_FAIL);
  add_item (answering, na_prompt, XJ_RESPONSE_PASS_FAIL);
  item = add_item (answering, stopwatch_prompt, XJ_RESPONSE_STOPWATCH);
  item->threshold = 30;
  item = add_item (answering, rings_prompt, XJ_RESPONSE_NUMBER);
  g_free (item->unit);
  item->unit = g_strdup ("rings");
  item->range_min = 0;
  item->range_max = 3;
  item = add_item (manner, rating_prompt, XJ_RESPONSE_RATING);
  item->threshold = 3;
  item = add_item (manner, text_prompt, XJ_RESPONSE_TEXT);
  item->score_weight = item->failure_weight = 0;
  add_item (manner, skipped_prompt, XJ_RESPONSE_PASS_FAIL);
  for (guint i = 0; i < N_ROUTINE; i++)
    {
      g_autofree char *prompt = g_strdup_printf ("规范用语检查第 %u 项", i + 1);

      add_item (routine, prompt, XJ_RESPONSE_PASS_FAIL);
    }
  g_ptr_array_add (tmpl->sections, answering);
  g_ptr_array_add (tmpl->sections, manner);
  g_ptr_array_add (tmpl->sections, routine);
  g_assert_true (xj_store_save_template (store, tmpl, "test", &error));
  g_assert_no_error (error);
  return tmpl->template_id;
}

static const char *
value_for (const XjTemplateItem *item)
{
  if (g_strcmp0 (item->prompt, skipped_prompt) == 0)
    return NULL;
  if (g_strcmp0 (item->prompt, fail_prompt) == 0)
    return "fail";
  if (g_strcmp0 (item->prompt, na_prompt) == 0)
    return "na";
  switch (item->type)
    {
    case XJ_RESPONSE_STOPWATCH:
      return "45";
    case XJ_RESPONSE_NUMBER:
      return "3";
    case XJ_RESPONSE_RATING:
      return "4";
    case XJ_RESPONSE_TEXT:
      return "报出工号 1024";
    default:
      return "pass";
    }
}

static void
answer_and_complete (Fixture *f)
{
  g_autoptr(XjTemplate) tmpl = xj_store_load_inspection_template (f->store, f->inspection_id, NULL);
  g_autoptr(GError) error = NULL;
  const char *strokes = "[{\"t\": 0, \"points\": [[10, 40], [30, 10], [50, 45], [70, 12]]}]";

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          const char *value = value_for (item);

          if (value == NULL)
            continue;
          g_assert_true (xj_store_set_answer (f->store, f->inspection_id, item, value, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_true (xj_store_complete_inspection (f->store, f->inspection_id, "王芳", &error));
  g_assert_no_error (error);
  g_assert_cmpint (xj_store_add_inspection_signature (f->store, f->inspection_id,
                                                      XJ_SIGNATURE_ROLE_INSPECTOR, "王芳", NULL,
                                                      strokes, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_site_new (SITE, XJ_SITE_KIND_STORE);
  g_autoptr(XjReportData) data = NULL;
  XjInspectionStart start = { 0, 0, "mystery_call", "王芳", NULL, NULL, STARTED_AT, 0, 0 };

  xj_clock_set_fixed (STARTED_AT);
  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (xj_store_save_site (f->store, site, "test", &error));
  start.site_id = xj_site_get_id (site);
  start.template_id = make_template (f->store);
  f->inspection_id = xj_store_start_inspection (f->store, &start, &error);
  g_assert_no_error (error);
  answer_and_complete (f);

  /* No organisation set in the preferences. */
  data = xj_report_data_from_inspection (f->store, f->inspection_id, "", NULL, &error);
  g_assert_no_error (error);
  f->pdf = g_build_filename (f->dir, "call.pdf", NULL);
  g_assert_true (xj_report_write_inspection (data, f->pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->pdf);
  xj_clock_unset_fixed ();
}

/* The answer column says what each answered item got, pass / fail items
 * too, beside the result column. */
static void
test_result_column (Fixture       *f,
                    gconstpointer  user_data)
{
  g_auto(GStrv) lines = page_lines (f->pdf, 0);
  guint index;

  assert_matches (find_line (lines, pass_prompt, NULL), "^\\d+ +\\S+ +Pass +Pass$");
  /* The checklist's row, after the finding. */
  find_line (lines, "Full checklist", &index);
  assert_matches (find_line (lines + index, fail_prompt, NULL), "^\\d+ +\\S+ +Fail +Fail$");
  assert_matches (find_line (lines, na_prompt, NULL), "^\\d+ +\\S+ +N/A +N/A$");
  assert_matches (find_line (lines, text_prompt, NULL), "报出工号 1024 +Not scored$");
  /* Left unanswered: nothing to show but that (on two lines in English). */
  assert_matches (find_line (lines, skipped_prompt, &index), "） +Not$");
  g_assert_cmpstr (lines[index + 1], ==, "answered");
}

/* "45 s / ≤ 30 s" over "Hard standard"; a rating over "Soft standard". */
static void
test_standards (Fixture       *f,
                gconstpointer  user_data)
{
  g_auto(GStrv) lines = page_lines (f->pdf, 0);
  GStrv checklist;
  guint index;

  find_line (lines, "Full checklist", &index);
  checklist = lines + index;
  assert_matches (find_line (checklist, stopwatch_prompt, &index), "\\S +45 s / ≤ 30 s +Fail$");
  g_assert_cmpstr (checklist[index + 1], ==, "Hard standard");
  assert_matches (find_line (checklist, rings_prompt, &index), "\\S +3 rings / ≤ 3 rings +Pass$");
  g_assert_cmpstr (checklist[index + 1], ==, "Hard standard");
  assert_matches (find_line (checklist, rating_prompt, &index), "\\S +4 ?/ ?5 +Pass$");
  g_assert_cmpstr (checklist[index + 1], ==, "Soft standard");
  /* The finding says it on one line. */
  find_line (lines, "45 s / ≤ 30 s (Hard standard)", NULL);
}

/* Passed, failed, n/a and not scored add up to the items of each section. */
static void
test_section_sums (Fixture       *f,
                   gconstpointer  user_data)
{
  g_auto(GStrv) lines = page_lines (f->pdf, 1);
  const char *expected[][7] = {
    { "接听", "5", "2", "2", "1", "0" },
    { "服务态度", "3", "1", "0", "0", "2" },
    { "服务规范", "30", "30", "0", "0", "0" },
  };
  g_autoptr(GRegex) row = g_regex_new ("^(\\S+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +\\S+%$",
                                       0, 0, NULL);
  guint index;

  assert_matches (find_line (lines, "Section summary", &index), "^Section summary$");
  assert_matches (lines[index + 1], "^Section +Items +Passed +Failed +N/A +Not scored +Score$");
  for (guint s = 0; s < G_N_ELEMENTS (expected); s++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      guint sum = 0;

      g_assert_true (g_regex_match (row, lines[index + 2 + s], 0, &match));
      for (guint column = 1; column <= 6; column++)
        {
          g_autofree char *count = g_match_info_fetch (match, column);

          g_assert_cmpstr (count, ==, expected[s][column - 1]);
          if (column >= 3)
            sum += atoi (count);
        }
      g_assert_cmpuint (sum, ==, atoi (expected[s][1]));
    }
}

/* No organisation: the running header starts with the title, not "· ". */
static void
test_running_header (Fixture       *f,
                     gconstpointer  user_data)
{
  guint n_pages = count_pages (f->pdf);

  g_assert_cmpuint (n_pages, >=, 2);
  for (guint page = 1; page <= n_pages; page++)
    {
      g_auto(GStrv) lines = page_lines (f->pdf, page);

      for (guint i = 0; lines[i] != NULL; i++)
        g_assert_false (g_str_has_prefix (lines[i], "·"));
      if (page > 1)
        g_assert_cmpstr (lines[0], ==, "Mystery Call Report · " SITE);
    }
}

static void
test_signature_name (Fixture       *f,
                     gconstpointer  user_data)
{
  g_auto(GStrv) lines = page_lines (f->pdf, count_pages (f->pdf));
  guint index;

  find_line (lines, "Signatures", &index);
  assert_matches (lines[index + 1], "^Inspector$");
  assert_matches (find_line (lines + index, "王芳", NULL), "^Name +王芳$");
  find_line (lines + index, "Date", NULL);
}

/* The chart is paths and text: no image at all in a report without photos.
 * The file is sound, its one font an embedded subset, its Chinese text
 * searchable. */
static void
test_vector_chart (Fixture       *f,
                   gconstpointer  user_data)
{
  const char *argv[] = { "pdfimages", "-list", f->pdf, NULL };
  g_autofree char *list = xj_test_run_tool (argv);
  g_auto(GStrv) images = g_strsplit (list, "\n", -1);
  g_auto(GStrv) lines = page_lines (f->pdf, 1);
  guint index;

  xj_test_assert_pdf_clean (f->pdf);
  find_line (lines, "湖滨银泰旗舰店客服热线", NULL);
  g_assert_cmpuint (g_strv_length (images), ==, 3);   /* header, rule, "" */
  g_assert_cmpstr (images[2], ==, "");
  find_line (lines, "Section scores", NULL);
  /* Its axis, under the bars. */
  find_line (lines, "0%    ", &index);
  assert_matches (lines[index], "^0% +25% +50% +75% +100%$");
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
        {
          XjReportSection *section = g_ptr_array_index (data->sections, s);

          g_ptr_array_add (titles, section->title);
        }
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
          if (page > 1 && n > 3 && g_str_has_prefix (lines[1], "No.")
              && is_group (lines[2], titles))
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

/* Text and unanswered items count as not scored in the fixture too. */
static void
test_fixture_sums (void)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(XjReportData) data = report_fixture_inspection (20, 4, photos, 0, 0);
  g_autofree char *path = g_build_filename (dir, "sums.pdf", NULL);
  XjReportSection *section = g_ptr_array_index (data->sections, 0);
  XjReportAnswer *text = g_ptr_array_index (section->answers, 1);
  XjReportAnswer *skipped = g_ptr_array_index (section->answers, 2);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) first = NULL;
  guint index;

  text->outcome = XJ_REPORT_OUTCOME_UNSCORED;
  skipped->outcome = XJ_REPORT_OUTCOME_UNANSWERED;
  g_assert_true (xj_report_write_inspection (data, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  lines = page_lines (path, 1);
  find_line (lines, "Section summary", &index);
  for (guint s = 0; s < data->sections->len; s++)
    {
      g_auto(GStrv) cells = g_regex_split_simple (" +", lines[index + 2 + s], 0, 0);
      guint sum = 0;

      g_assert_cmpuint (g_strv_length (cells), ==, 7);
      for (guint column = 2; column <= 5; column++)
        sum += atoi (cells[column]);
      g_assert_cmpuint (sum, ==, atoi (cells[1]));
      g_assert_cmpuint (atoi (cells[1]), ==, 10);
    }
  first = g_regex_split_simple (" +", lines[index + 2], 0, 0);
  g_assert_cmpstr (first[5], ==, "2");
  xj_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  xj_test_init (&argc, &argv);

  g_test_add ("/xj/report/layout/result-column", Fixture, NULL, fixture_set_up,
              test_result_column, fixture_tear_down);
  g_test_add ("/xj/report/layout/standards", Fixture, NULL, fixture_set_up,
              test_standards, fixture_tear_down);
  g_test_add ("/xj/report/layout/section-sums", Fixture, NULL, fixture_set_up,
              test_section_sums, fixture_tear_down);
  g_test_add ("/xj/report/layout/running-header", Fixture, NULL, fixture_set_up,
              test_running_header, fixture_tear_down);
  g_test_add ("/xj/report/layout/signature-name", Fixture, NULL, fixture_set_up,
              test_signature_name, fixture_tear_down);
  g_test_add ("/xj/report/layout/vector-chart", Fixture, NULL, fixture_set_up,
              test_vector_chart, fixture_tear_down);
  g_test_add_func ("/xj/report/layout/fixture-sums", test_fixture_sums);
  g_test_add_func ("/xj/report/layout/keep-with-next", test_keep_with_next);
  return g_test_run ();
}
