/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Report and notice numbers (schema v6, xj-numbers.c): reports counted per
 * year after the highest number already printed, never from the
 * inspection's id; a report printed with a number another report took
 * meanwhile is refused with nothing written; in a team, numbers come from
 * the leased blocks, and with none left from the laptop's own count with
 * its short code as suffix, shown with it wherever the number is read.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "xj-archive-list.h"
#include "xj-archive-store.h"
#include "xj-clock.h"
#include "xj-notice-store.h"
#include "xj-numbers.h"
#include "xj-store.h"
#include "xj-test-store.h"
#include "xj-test-utils.h"

typedef struct
{
  char    *dir;
  XjStore *store;
  int      year;     /* of the completed inspections signed here */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = xj_test_open_fixture_copy ("xunjian-v5.db", XJ_STORE_OPEN_DEFAULT, &f->dir);
  f->year = (int) xj_test_query_int (xj_store_get_db (f->store),
                                     "SELECT CAST(strftime('%Y', max(started_at), 'unixepoch', "
                                     "'localtime') AS INTEGER) FROM inspections WHERE state = "
                                     "'completed'");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  return xj_test_query_int (xj_store_get_db (f->store), sql);
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_assert_cmpint (sqlite3_exec (xj_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* The newest completed inspection of the year, not signed yet. */
static gint64
completed_inspection (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf ("SELECT max(id) FROM inspections WHERE state = "
                                          "'completed' AND strftime('%%Y', started_at, "
                                          "'unixepoch', 'localtime') = '%d'", f->year);

  return query_int (f, sql);
}

/* Archives @inspection_id as a report printed with @number (the PDF itself
 * does not matter to the core). */
static XjArchivedReport *
archive (Fixture     *f,
         gint64       inspection_id,
         const char  *number,
         GError     **error)
{
  g_autofree char *relative = g_strdup_printf ("archive/%s.pdf", number);
  g_autofree char *folder = g_build_filename (f->dir, "archive", NULL);
  g_autofree char *temp = g_build_filename (folder, ".report.pdf.tmp", NULL);
  XjArchivedReport record = {
    .inspection_id = inspection_id,
    .number = (char *) number,
    .relative_path = relative,
    .sha256 = (char *) "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    .bytes = 4,
    .signer = (char *) "王芳",
  };
  XjArchivedReport *report;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (temp, "%PDF", 4, NULL));
  report = xj_store_archive_report (f->store, &record, temp, error);
  g_unlink (temp);
  return report;
}

static char *
peek (Fixture *f)
{
  g_auto(XjNumber) number = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (xj_store_peek_report_number (f->store, f->year, &number, &error));
  g_assert_no_error (error);
  return xj_number_dup_report (&number);
}

static void
test_report_counter (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *pattern = g_strdup_printf ("SELECT max(CAST(substr(number, 9) AS INTEGER)) "
                                              "FROM reports WHERE number GLOB 'XJ-%d-*'", f->year);
  gint64 printed = query_int (f, pattern);
  gint64 reports = query_int (f, "SELECT count(*) FROM reports");
  gint64 first = completed_inspection (f);
  g_autofree char *before = xj_test_query_text (xj_store_get_db (f->store),
                                                "SELECT group_concat(r, ',') FROM (SELECT "
                                                "id || number AS r FROM reports ORDER BY id)");
  g_autofree char *after = NULL;
  g_autofree char *expected = g_strdup_printf ("XJ-%04d-%06" G_GINT64_FORMAT, f->year,
                                               printed + 1);
  g_autofree char *next = peek (f);
  g_autofree char *stale = NULL;
  g_autoptr(XjArchivedReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 second;

  g_assert_cmpint (printed, >, 0);
  /* After the highest number printed, whatever the inspection's id. */
  g_assert_cmpstr (next, ==, expected);
  report = archive (f, first, next, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->number, ==, expected);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM reports"), ==, reports + 1);
  /* Every earlier report keeps its number. */
  after = xj_test_query_text (xj_store_get_db (f->store), "SELECT group_concat(r, ',') FROM "
                              "(SELECT id || number AS r FROM reports WHERE id < (SELECT max(id) "
                              "FROM reports) ORDER BY id)");
  g_assert_cmpstr (after, ==, before);

  /* A report printed with a number that went to another one meanwhile:
   * refused, nothing written, the inspection still unsigned. */
  second = completed_inspection (f);
  g_assert_cmpint (second, !=, first);
  stale = g_strdup (next);
  g_clear_pointer (&report, xj_archived_report_free);
  report = archive (f, second, stale, &error);
  g_assert_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_NUMBER_TAKEN);
  g_assert_null (report);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM reports"), ==, reports + 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM inspections WHERE state = 'completed' "
                              "AND id = (SELECT max(id) FROM inspections WHERE state = "
                              "'completed')"), ==, 1);
  g_free (next);
  next = peek (f);
  g_free (expected);
  expected = g_strdup_printf ("XJ-%04d-%06" G_GINT64_FORMAT, f->year, printed + 2);
  g_assert_cmpstr (next, ==, expected);
  report = archive (f, second, next, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->number, ==, expected);
  /* The count is kept per year. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT last_seq FROM report_counters WHERE year = %d",
                                            f->year);

    g_assert_cmpint (query_int (f, sql), ==, printed + 2);
  }
}

static void
test_team_blocks (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *block = g_strdup_printf ("INSERT INTO team_settings (key, value) VALUES "
                                            "('server', 'host=/nowhere'), ('laptop_code', 'B');"
                                            "INSERT INTO number_blocks (kind, year, first, last, "
                                            "next, leased_at) VALUES ('report', %d, 1001, 1002, "
                                            "1001, 1), ('notice', %d, 501, 502, 501, 1)",
                                            f->year, f->year);
  g_autofree char *want = NULL;
  g_autofree char *next = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  const char *const expected[] = { "001001", "001002", "001003-B" };
  gint64 ids[G_N_ELEMENTS (expected)];

  exec_sql (f, block);
  /* Three completed inspections (the demo leaves fewer of one year). */
  exec_sql (f, "UPDATE inspections SET state = 'completed', completed_at = started_at + 3600 "
               "WHERE state = 'draft'");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(XjArchivedReport) report = NULL;

      ids[i] = completed_inspection (f);
      g_free (want);
      want = g_strdup_printf ("XJ-%04d-%s", f->year, expected[i]);
      g_free (next);
      next = peek (f);
      g_assert_cmpstr (next, ==, want);
      report = archive (f, ids[i], next, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (report->number, ==, want);
    }
  g_assert_cmpint (query_int (f, "SELECT next FROM number_blocks WHERE kind = 'report'"), ==, 1003);
  /* The suffix is its own column; the number is shown with it. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM reports WHERE number_suffix = 'B' AND "
                              "number GLOB 'XJ-*-001003'"), ==, 1);
  {
    g_autoptr(XjArchivedReport) found = xj_store_get_archived_report (f->store, ids[2], &error);

    g_assert_no_error (error);
    g_assert_cmpstr (found->number, ==, want);
  }
  files = xj_store_list_archived_files (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((XjArchivedFile *) g_ptr_array_index (files, files->len - 1))->number, ==,
                   want);

  /* Notices: the three types share the team's count; then the laptop's
   * own count, with its code. */
  {
    const XjNoticeType types[] = { XJ_NOTICE_TYPE_RECTIFICATION, XJ_NOTICE_TYPE_CONTACT,
                                   XJ_NOTICE_TYPE_RECTIFICATION };
    g_autofree char *counter = g_strdup_printf ("SELECT last_seq FROM notice_counters WHERE "
                                                "type = 'rectification' AND year = %d", f->year);
    gint64 own = 0;

    for (guint i = 0; i < G_N_ELEMENTS (types); i++)
      {
        g_autoptr(XjNotice) notice = xj_notice_new (types[i],
                                                    query_int (f, "SELECT min(id) FROM sites"));
        g_autoptr(XjNotice) read = NULL;
        gint64 found = 0;

        xj_notice_set_description (notice, "消防通道堆放杂物");
        if (i == 2)
          own = query_int (f, counter);
        g_assert_true (xj_store_create_notice (f->store, notice, 90, "李娜", &error));
        g_assert_no_error (error);
        g_free (want);
        want = i < 2 ? g_strdup_printf ("%s-%04d-%04d", i == 0 ? "ZG" : "LX", f->year, 501 + i)
                     : g_strdup_printf ("ZG-%04d-%04" G_GINT64_FORMAT "-B", f->year, own + 1);
        g_assert_cmpstr (xj_notice_get_number (notice), ==, want);
        read = xj_store_get_notice (f->store, xj_notice_get_id (notice), &error);
        g_assert_no_error (error);
        g_assert_cmpstr (xj_notice_get_number (read), ==, want);
        g_assert_true (xj_store_find_notice_number (f->store, want, &found, &error));
        g_assert_cmpint (found, ==, xj_notice_get_id (notice));
      }
  }
}

/* A month has one archived monthly report (MR-YYYY-MM): the archive
 * refuses a second one in its transaction, naming the first, and leaves
 * the second's file to the caller. */
static void
test_monthly_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "archive", "monthly", NULL);
  g_autofree char *temp = g_build_filename (folder, "MR-2026-03.pdf.part", NULL);
  XjArchivedReport record = {
    .number = (char *) "MR-2026-03",
    .relative_path = (char *) "archive/monthly/MR-2026-03.pdf",
    .sha256 = (char *) "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    .bytes = 4,
    .signer = (char *) "张伟",
  };
  g_autoptr(XjArchivedReport) first = NULL;
  g_autoptr(XjArchivedReport) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 reports = query_int (f, "SELECT count(*) FROM reports");

  g_assert_true (xj_store_check_month_unarchived (f->store, "2026-03", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (temp, "%PDF", 4, NULL));
  first = xj_store_archive_monthly_report (f->store, "2026-03", &record, temp, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));

  g_assert_false (xj_store_check_month_unarchived (f->store, "2026-03", &error));
  g_assert_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "MR-2026-03"));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (temp, "%PDF", 4, NULL));
  second = xj_store_archive_monthly_report (f->store, "2026-03", &record, temp, &error);
  g_assert_null (second);
  g_assert_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "MR-2026-03"));
  g_assert_true (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM reports"), ==, reports + 1);
  g_unlink (temp);
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

  g_test_add ("/xj/numbers/report-counter", Fixture, NULL, fixture_set_up, test_report_counter,
              fixture_tear_down);
  g_test_add ("/xj/numbers/team-blocks", Fixture, NULL, fixture_set_up, test_team_blocks,
              fixture_tear_down);
  g_test_add ("/xj/numbers/monthly-once", Fixture, NULL, fixture_set_up, test_monthly_once,
              fixture_tear_down);
  return g_test_run ();
}
