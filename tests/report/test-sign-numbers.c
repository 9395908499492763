/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The number a signed report is printed with is the number it is archived
 * under.  A report is written with the next number before it is archived;
 * when another report takes that number meanwhile (a second signing, here
 * started from the first one's progress callback, after its PDF is signed
 * and before it is archived), the archive refuses the first and it is
 * printed again with the next number.
 */
#include "config.h"

#include <string.h>

#include "xj-certificate.h"
#include "xj-report-archive.h"
#include "xj-signature.h"
#include "xj-test-store.h"
#include "xj-test-utils.h"

#define PASSPHRASE   "巡检 numbers passphrase"
#define INSPECTOR    "王芳"
#define STROKES      "[{\"t\": 0, \"points\": [[10, 40, 0], [30, 10, 16], [50, 45, 32]]}]"

typedef struct
{
  char             *dir;
  XjStore          *store;
  gint64            first;          /* signed first, interrupted by the second */
  gint64            second;
  XjArchivedReport *second_report;
  guint             first_signed;   /* PDFs of the first signed so far */
} Fixture;

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  return xj_test_query_int (xj_store_get_db (f->store), sql);
}

/* A completed inspection of the v6 fixture (one without photos: the
 * fixture is the database alone), the inspector's and the representative's
 * handwritten signatures on it. */
static gint64
ready (Fixture *f,
       guint    nth)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM inspections i WHERE state = 'completed' "
                                          "AND NOT EXISTS (SELECT 1 FROM answers a JOIN "
                                          "answer_photos p ON p.answer_id = a.id WHERE "
                                          "a.inspection_id = i.id) ORDER BY id DESC LIMIT 1 "
                                          "OFFSET %u", nth);
  g_autofree char *rename = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = query_int (f, sql);

  rename = g_strdup_printf ("UPDATE inspections SET inspector = '" INSPECTOR "' WHERE id = %"
                            G_GINT64_FORMAT, id);
  g_assert_cmpint (sqlite3_exec (xj_store_get_db (f->store), rename, NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (xj_store_add_inspection_signature (f->store, id, XJ_SIGNATURE_ROLE_INSPECTOR,
                                                      INSPECTOR, NULL, STROKES, &error), >, 0);
  g_assert_cmpint (xj_store_add_inspection_signature (f->store, id,
                                                      XJ_SIGNATURE_ROLE_REPRESENTATIVE, "李明",
                                                      "绿城物业", STROKES, &error), >, 0);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = xj_test_open_fixture_copy ("xunjian-v6.db", XJ_STORE_OPEN_DEFAULT, &f->dir);
  g_assert_true (xj_certificate_create_self_signed (f->dir, INSPECTOR, "华信物业", PASSPHRASE,
                                                    &error));
  g_assert_no_error (error);
  f->first = ready (f, 0);
  f->second = ready (f, 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->second_report, xj_archived_report_free);
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The first report's PDF is signed, not archived yet: the second signing
 * takes the number the first was printed with. */
static void
on_first_progress_cb (double   fraction,
                      gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  if (fraction < 0.95 || fraction >= 1.0 || f->first_signed++ > 0)
    return;
  f->second_report = xj_inspection_sign (f->store, f->second, &(XjSignOptions) {
                                           .passphrase = PASSPHRASE,
                                         }, NULL, &error);
  g_assert_no_error (error);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_number_taken_meanwhile (Fixture       *f,
                             gconstpointer  data)
{
  gint64 printed = query_int (f, "SELECT max(CAST(substr(number, 9) AS INTEGER)) FROM reports");
  gint64 reports = query_int (f, "SELECT count(*) FROM reports");
  g_autoptr(XjArchivedReport) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *next = NULL;

  first = xj_inspection_sign (f->store, f->first, &(XjSignOptions) {
                                .passphrase = PASSPHRASE,
                                .progress = on_first_progress_cb,
                                .progress_data = f,
                              }, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->second_report);
  /* The first was written twice: its first number went to the second. */
  g_assert_cmpuint (f->first_signed, ==, 2);
  taken = g_strdup_printf ("XJ-2026-%06" G_GINT64_FORMAT, printed + 1);
  next = g_strdup_printf ("XJ-2026-%06" G_GINT64_FORMAT, printed + 2);
  g_assert_cmpstr (f->second_report->number, ==, taken);
  g_assert_cmpstr (first->number, ==, next);
  /* Each PDF prints the number it is archived under. */
  first_text = pdf_text (first->path);
  second_text = pdf_text (f->second_report->path);
  g_assert_nonnull (strstr (first_text, next));
  g_assert_null (strstr (first_text, taken));
  g_assert_nonnull (strstr (second_text, taken));
  /* Nothing left of the first attempt: two reports, two files. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM reports"), ==, reports + 2);
  g_assert_true (g_file_test (first->path, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *folder = g_path_get_dirname (first->path);
    g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "."));
  }
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

  g_test_add ("/xj/report/sign-numbers/taken-meanwhile", Fixture, NULL, fixture_set_up,
              test_number_taken_meanwhile, fixture_tear_down);
  return g_test_run ();
}
