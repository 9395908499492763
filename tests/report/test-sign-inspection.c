/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signing inspections, checked end to end on the files produced: a real
 * inspection with photos and Chinese text is signed and archived, then
 * read with qpdf, pdffonts, pdftotext, pdfimages and pdfsig; one changed
 * byte is caught by `xunjian report verify` and by pdfsig; the database
 * itself refuses any change to the signed inspection; nothing is signed
 * without the required signatures or with the wrong passphrase.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "xj-builtins.h"
#include "xj-certificate.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-photo-store.h"
#include "xj-report-archive.h"
#include "xj-signature.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-photos.h"
#include "xj-test-utils.h"

#define PASSPHRASE   "巡检 demo passphrase"
#define SITE         "翠湖花园"
#define ORGANISATION "华信物业服务质量监督中心"

/* Signed by the inspector's newest certificate, no logo, no progress. */
static const XjSignOptions signing = { .organisation = ORGANISATION, .passphrase = PASSPHRASE };
#define N_PHOTOS     5
#define STARTED_AT   1790000000  /* 2026-09-21, Asia/Shanghai */

static const char *const prompts[] = {
  "公共区域无明显垃圾和烟头",
  "消防通道畅通无占用",
  "灭火器压力表指针在绿区",
  "监控室值班记录完整并签名",
  "中心花园草坪修剪整齐无黄斑",
  "电梯轿厢内整洁无破损",
};
static const char *const remarks[] = {
  "3 号楼东侧通道有烟头和纸屑，保洁未及时清扫",
  "消防通道被电动车占用约 2 米，已当场要求挪开",
  "2 号楼一层灭火器压力表指针在红区，需更换",
};

typedef struct
{
  char      *dir;
  XjStore   *store;
  gint64     inspection_id;
  GPtrArray *photos;       /* SHA-256s */
} Fixture;

/* RSA key generation is slow under the sanitizers: one key for all. */
static char *shared_keys;

static void
copy_keys (const char *dir)
{
  g_autofree char *keys = g_build_filename (dir, "keys", NULL);
  g_autofree char *shared = g_build_filename (shared_keys, "keys", NULL);
  g_autoptr(GDir) folder = g_dir_open (shared, 0, NULL);
  const char *name;

  g_assert_nonnull (folder);
  g_assert_cmpint (g_mkdir_with_parents (keys, 0700), ==, 0);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *from = g_build_filename (shared, name, NULL);
      g_autofree char *to = g_build_filename (keys, name, NULL);

      xj_test_copy_file (from, to);
    }
}

static gint64
make_template (XjStore *store)
{
  g_autoptr(XjTemplate) tmpl = xj_template_new ("周检（物业服务）");
  g_autoptr(GError) error = NULL;

  for (guint s = 0; s < 2; s++)
    {
      XjTemplateSection *section = xj_template_section_new (s == 0 ? "保洁与消防" : "设施与绿化");

      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *key = g_strdup_printf ("k%u", s * 3 + i);
          XjTemplateItem *item = xj_template_item_new (key, prompts[s * 3 + i], XJ_RESPONSE_PASS_FAIL);

          item->critical = s == 0 && i == 1;
          g_ptr_array_add (section->items, item);
        }
      if (s == 1)
        {
          XjTemplateItem *item = xj_template_item_new ("temp", "消防控制室温度", XJ_RESPONSE_NUMBER);

          g_free (item->unit);
          item->unit = g_strdup ("°C");
          item->range_min = 18;
          item->range_max = 26;
          g_ptr_array_add (section->items, item);
        }
      g_ptr_array_add (tmpl->sections, section);
    }
  g_assert_true (xj_store_save_template (store, tmpl, "test", &error));
  g_assert_no_error (error);
  return tmpl->template_id;
}

static void
import_photos (Fixture *f)
{
  for (guint i = 0; i < N_PHOTOS; i++)
    {
      XjTestExif exif = { 1, "2026:09:21 22:05:00", "+08:00", FALSE, 0, 0, "Canon", "EOS" };
      g_autoptr(GBytes) plain = xj_test_make_jpeg (2000, 1500, 85, i + 1, FALSE);
      g_autoptr(GBytes) jpeg = xj_test_add_exif (plain, &exif);
      g_autofree char *path = g_strdup_printf ("%s/camera-%u.jpg", f->dir, i);
      g_autoptr(XjPhotoInfo) info = NULL;
      g_autoptr(GError) error = NULL;

      xj_test_write_bytes (path, jpeg);
      info = xj_store_import_photo (f->store, path, &error);
      g_assert_no_error (error);
      g_ptr_array_add (f->photos, g_strdup (info->sha256));
    }
}

/* Items 0, 1 and 3 fail with a remark; the photos go to the failures. */
static void
answer_and_complete (Fixture *f)
{
  g_autoptr(XjTemplate) tmpl = xj_store_load_inspection_template (f->store, f->inspection_id, NULL);
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0, failures = 0;

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++, n++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          gboolean fail = n == 0 || n == 1 || n == 3;
          const char *value = item->type == XJ_RESPONSE_NUMBER ? "22.5" : fail ? "fail" : "pass";

          g_assert_true (xj_store_set_answer (f->store, f->inspection_id, item, value, &error));
          if (fail)
            g_assert_true (xj_store_set_remark (f->store, f->inspection_id, item,
                                                remarks[failures++], &error));
          g_assert_no_error (error);
        }
    }
  answers = xj_store_load_answers (f->store, f->inspection_id, &error);
  for (guint p = 0; p < f->photos->len; p++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, p % 2 == 0 ? 0 : 1);
      XjTemplateItem *item = g_ptr_array_index (section->items, p % 2 == 0 ? p / 2 % 2 : 0);
      XjAnswer *answer = g_hash_table_lookup (answers, &item->id);

      g_assert_true (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (answer->answer_id),
                                            g_ptr_array_index (f->photos, p),
                                            NULL, "test", NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (xj_store_complete_inspection (f->store, f->inspection_id, "王芳", &error));
  g_assert_no_error (error);
}

static void
sign_by_hand (Fixture         *f,
              XjSignatureRole  role,
              const char      *name)
{
  g_autoptr(GError) error = NULL;
  const char *strokes = "[{\"t\": 0, \"points\": [[10, 40, 0], [30, 10, 16], [50, 45, 32], "
                        "[70, 12, 48]]}, {\"t\": 400, \"points\": [[20, 30], [80, 28]]}]";

  g_assert_cmpint (xj_store_add_inspection_signature (f->store, f->inspection_id, role, name,
                                                      role == XJ_SIGNATURE_ROLE_REPRESENTATIVE
                                                      ? "绿城物业服务有限公司" : NULL,
                                                      strokes, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_site_new (SITE, XJ_SITE_KIND_ESTATE);
  XjInspectionStart start = { 0, 0, "weekly", "王芳", "李明", "绿城物业服务有限公司",
                              STARTED_AT, 0, 0 };

  xj_clock_set_fixed (STARTED_AT);
  f->dir = xj_test_make_data_dir ();
  f->photos = g_ptr_array_new_with_free_func (g_free);
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (xj_store_save_site (f->store, site, "test", &error));
  start.site_id = xj_site_get_id (site);
  start.template_id = make_template (f->store);
  f->inspection_id = xj_store_start_inspection (f->store, &start, &error);
  g_assert_no_error (error);
  import_photos (f);
  copy_keys (f->dir);
  if (data == NULL)
    {
      answer_and_complete (f);
      sign_by_hand (f, XJ_SIGNATURE_ROLE_INSPECTOR, "王芳");
      sign_by_hand (f, XJ_SIGNATURE_ROLE_REPRESENTATIVE, "李明");
    }
  xj_clock_set_fixed (STARTED_AT + 3600);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_ptr_array_unref (f->photos);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
  xj_clock_unset_fixed ();
}

/* --- helpers ----------------------------------------------------------------- */

/* Runs a program; returns its exit status and what it printed. */
static int
run (const char *const  *argv,
     char              **out,
     char              **err)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  /* The exit status itself: `report verify` tells its verdicts apart by it. */
  if (g_spawn_check_wait_status (status, &error))
    return 0;
  return g_error_matches (error, G_SPAWN_EXIT_ERROR, error->code) ? error->code : -1;
}

static char *
run_ok (const char *const *argv)
{
  g_autofree char *err = NULL;
  char *out = NULL;

  if (run (argv, &out, &err) != 0)
    g_error ("%s failed: %s%s", argv[0], out, err);
  return out;
}

static XjArchivedReport *
sign (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  XjArchivedReport *report = xj_inspection_sign (f->store, f->inspection_id, &signing, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;
  const char *name;

  if (handle == NULL)
    return 0;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      n += g_file_test (path, G_FILE_TEST_IS_DIR) ? count_files (path) : 1;
    }
  return n;
}

static void
assert_nothing_signed (Fixture *f)
{
  g_autofree char *archive = g_build_filename (f->dir, "archive", NULL);
  g_autoptr(XjInspection) inspection = xj_store_get_inspection (f->store, f->inspection_id, NULL);
  sqlite3 *db = xj_store_get_db (f->store);

  g_assert_cmpuint (count_files (archive), ==, 0);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM reports"), ==, 0);
  g_assert_cmpint (inspection->state, ==, XJ_INSPECTION_COMPLETED);
  g_assert_cmpint (inspection->signed_at, ==, 0);
}

/* --- tests ----------------------------------------------------------------------- */

static void
test_sign_pdf (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(XjArchivedReport) report = sign (f);
  g_autoptr(XjInspection) inspection = xj_store_get_inspection (f->store, f->inspection_id, NULL);
  const char *qpdf[] = { "qpdf", "--check", report->path, NULL };
  const char *pdffonts[] = { "pdffonts", report->path, NULL };
  const char *pdftotext[] = { "pdftotext", "-enc", "UTF-8", report->path, "-", NULL };
  const char *pdfimages[] = { "pdfimages", "-list", report->path, NULL };
  const char *pdfsig[] = { "pdfsig", report->path, NULL };
  g_autofree char *checked = run_ok (qpdf);
  g_autofree char *fonts = run_ok (pdffonts);
  g_autofree char *raw_text = run_ok (pdftotext);
  g_autofree char *images = run_ok (pdfimages);
  g_autofree char *signature = run_ok (pdfsig);
  g_auto(GStrv) font_lines = g_strsplit (fonts, "\n", -1);
  g_auto(GStrv) text_lines = g_strsplit (raw_text, "\n", -1);
  g_auto(GStrv) image_lines = g_strsplit (images, "\n", -1);
  g_autofree char *text = g_strjoinv ("", text_lines);
  g_autofree char *sha256 = xj_archive_file_sha256 (report->path, NULL, NULL);
  g_autofree char *archive = g_build_filename (f->dir, "archive", NULL);
  g_auto(XjArchiveVerification) verification = { 0 };
  g_autoptr(GError) error = NULL;
  guint jpegs = 0;

  /* Archived by year and site, recorded with its hash; the inspection locked. */
  g_assert_cmpstr (report->number, ==, "XJ-2026-000001");
  g_assert_cmpstr (report->relative_path, ==, "archive/2026/" SITE "/XJ-2026-000001.pdf");
  g_assert_true (g_file_test (report->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (archive), ==, 1);  /* no temporary file left */
  g_assert_cmpstr (sha256, ==, report->sha256);
  g_assert_cmpint (inspection->state, ==, XJ_INSPECTION_ARCHIVED);
  g_assert_cmpint (inspection->signed_at, ==, STARTED_AT + 3600);
  g_assert_cmpstr (report->signer, ==, "王芳");

  g_assert_nonnull (strstr (checked, "No syntax or stream encoding errors"));
  g_assert_cmpuint (g_strv_length (font_lines), ==, 4);
  g_assert_true (g_regex_match_simple ("^[A-Z]{6}\\+WenQuanYiMicroHei +CID TrueType +Identity-H +"
                                       "yes yes yes", font_lines[2], 0, 0));
  g_assert_nonnull (strstr (text, SITE));
  g_assert_nonnull (strstr (text, ORGANISATION));
  g_assert_nonnull (strstr (text, "XJ-2026-000001"));
  for (guint i = 0; i < G_N_ELEMENTS (prompts); i++)
    g_assert_nonnull (strstr (text, prompts[i]));
  for (guint i = 0; i < G_N_ELEMENTS (remarks); i++)
    g_assert_nonnull (strstr (text, remarks[i]));
  g_assert_true (g_regex_match_simple ("22\\.5 °C ?/ ?18–26 °C", text, 0, 0));  /* against its range */
  g_assert_nonnull (strstr (text, "绿城物业服务有限公司"));

  /* One image per photo, at the rendition's size, passed through as JPEG. */
  for (guint i = 2; image_lines[i] != NULL && *image_lines[i] != '\0'; i++)
    if (strstr (image_lines[i], " jpeg ") != NULL)
      {
        g_assert_true (g_regex_match_simple (" 1600 +1200 +rgb +3 +8 +jpeg ", image_lines[i], 0, 0));
        jpegs++;
      }
  g_assert_cmpuint (jpegs, ==, N_PHOTOS);

  g_assert_nonnull (strstr (signature, "Signature is Valid."));
  g_assert_nonnull (strstr (signature, "Total document signed"));
  g_assert_nonnull (strstr (signature, "CN=王芳"));

  g_assert_true (xj_report_verify_archived (f->store, report->id, &verification, &error));
  g_assert_no_error (error);
  g_assert_true (verification.intact && verification.hash_matches && verification.signature_valid);
  g_assert_cmpstr (verification.signer_name, ==, "王芳");
  g_assert_cmpint (verification.signing_time, ==, STARTED_AT + 3600);
}

static void
test_sign_tampered (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(XjArchivedReport) report = sign (f);
  g_autofree char *copy = g_build_filename (f->dir, "exported.pdf", NULL);
  const char *verify[] = { g_getenv ("XUNJIAN_BINARY"), "--data-dir", f->dir, "report", "verify",
                           copy, NULL };
  g_autofree char *elsewhere = xj_test_make_data_dir ();
  const char *verify_elsewhere[] = { g_getenv ("XUNJIAN_BINARY"), "--data-dir", elsewhere,
                                     "report", "verify", copy, NULL };
  const char *pdfsig[] = { "pdfsig", report->path, NULL };
  g_auto(XjArchiveVerification) verification = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL, *signature = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* The export is intact and says who signed. */
  g_assert_true (xj_report_export_archived (f->store, report->id, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run (verify, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Intact: signed by 王芳"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Where no one keeps 王芳's certificate: intact, but no name (exit 2). */
  g_assert_cmpint (run (verify_elsewhere, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "unknown certificate"));
  g_assert_null (strstr (err, "王芳"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  xj_test_remove_tree (elsewhere);

  /* One byte in the middle of the archived file, inside the signed range. */
  g_assert_true (g_file_get_contents (report->path, &contents, &length, NULL));
  contents[length / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (report->path, contents, length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));

  g_assert_cmpint (run (verify, &out, &err), !=, 0);
  g_assert_cmpstr (out, ==, "");
  /* One line, saying why. */
  g_assert_cmpint (strchr (err, '\n') - err, ==, (long) strlen (err) - 1);
  g_assert_nonnull (strstr (err, "changed after it was signed"));
  g_assert_nonnull (strstr (err, "digest"));

  signature = run_ok (pdfsig);
  g_assert_nonnull (strstr (signature, "Digest Mismatch"));

  g_assert_false (xj_report_verify_archived (f->store, report->id, &verification, &error));
  g_assert_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_ALTERED);
  g_assert_false (verification.intact || verification.hash_matches || verification.signature_valid);
  g_clear_error (&error);
  g_assert_false (xj_report_export_archived (f->store, report->id, copy, &error));
  g_assert_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_ALTERED);
}

/* Raw SQL, as a tool or an attacker would use it, on a really signed inspection. */
static void
test_sign_locked (Fixture       *f,
                  gconstpointer  data)
{
  static const char *const attempts[] = {
    "UPDATE answers SET value = 'pass', outcome = 'pass' WHERE outcome = 'fail'",
    "UPDATE answers SET remark = '' WHERE remark <> ''",
    "DELETE FROM answers",
    "INSERT INTO answers (inspection_id, item_id, value, outcome, answered_at) "
    "SELECT 1, item_id, 'pass', 'pass', 0 FROM answers LIMIT 1",
    "DELETE FROM answer_photos",
    "UPDATE answer_photos SET annotation = '{\"shapes\": []}'",
    "UPDATE answer_photos SET caption = 'changed'",
    "INSERT INTO answer_photos (answer_id, sha256, added_at) "
    "SELECT a.id, p.sha256, 0 FROM answers a, photos p WHERE a.outcome = 'pass' LIMIT 1",
    "UPDATE signatures SET name = '别人'",
    "UPDATE signatures SET strokes = '[]'",
    "DELETE FROM signatures",
    "INSERT INTO signatures (inspection_id, role, name, signed_at, strokes) "
    "VALUES (1, 'verifier', '别人', 0, '[]')",
    "UPDATE inspections SET score = 100",
    "UPDATE inspections SET state = 'completed'",
    "DELETE FROM inspections",
  };
  g_autoptr(XjArchivedReport) report = sign (f);
  sqlite3 *db = xj_store_get_db (f->store);
  g_autoptr(GError) error = NULL;
  gint64 answers = xj_test_query_int (db, "SELECT count(*) FROM answers");

  g_assert_nonnull (report);

  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM answer_photos"), ==, N_PHOTOS);
  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      char *message = NULL;

      g_test_message ("%s", attempts[i]);
      g_assert_cmpint (sqlite3_exec (db, attempts[i], NULL, NULL, &message) & 0xff, ==, SQLITE_CONSTRAINT);
      g_assert_nonnull (strstr (message, "signed and locked"));
      sqlite3_free (message);
    }
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM answers"), ==, answers);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM signatures"), ==, 2);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM answer_photos "
                                          "WHERE annotation IS NOT NULL"), ==, 0);

  /* Nor through the API. */
  g_assert_cmpint (xj_store_add_inspection_signature (f->store, f->inspection_id,
                                                      XJ_SIGNATURE_ROLE_INSPECTOR, "王芳", NULL,
                                                      "[{\"points\": [[1, 2]]}]", &error), ==, 0);
  g_assert_error (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_STATE);
  g_clear_error (&error);
  g_assert_null (xj_inspection_sign (f->store, f->inspection_id, &signing, NULL, &error));
  g_assert_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_STATE);
}

static void
test_sign_missing_signatures (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjArchivedReport) report = NULL;

  /* A draft is neither signed by hand nor digitally. */
  g_assert_cmpint (xj_store_add_inspection_signature (f->store, f->inspection_id,
                                                      XJ_SIGNATURE_ROLE_INSPECTOR, "王芳", NULL,
                                                      "[{\"points\": [[1, 2]]}]", &error), ==, 0);
  g_assert_error (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_STATE);
  g_clear_error (&error);
  g_assert_null (xj_inspection_sign (f->store, f->inspection_id, &signing, NULL, &error));
  g_assert_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_STATE);
  g_clear_error (&error);

  answer_and_complete (f);
  g_assert_null (xj_inspection_sign (f->store, f->inspection_id, &signing, NULL, &error));
  g_assert_error (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_MISSING);
  g_clear_error (&error);
  assert_nothing_signed (f);

  /* A weekly check needs the representative's signature too. */
  sign_by_hand (f, XJ_SIGNATURE_ROLE_INSPECTOR, "王芳");
  g_assert_null (xj_inspection_sign (f->store, f->inspection_id, &signing, NULL, &error));
  g_assert_error (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "representative"));
  g_clear_error (&error);
  assert_nothing_signed (f);

  /* Empty and malformed pads are refused; signing again replaces. */
  g_assert_cmpint (xj_store_add_inspection_signature (f->store, f->inspection_id,
                                                      XJ_SIGNATURE_ROLE_REPRESENTATIVE, "李明", NULL,
                                                      "[{\"points\": []}]", &error), ==, 0);
  g_assert_error (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (xj_store_add_inspection_signature (f->store, f->inspection_id,
                                                      XJ_SIGNATURE_ROLE_REPRESENTATIVE, "李明", NULL,
                                                      "[[1, 2]]", &error), ==, 0);
  g_assert_error (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (xj_store_add_inspection_signature (f->store, f->inspection_id,
                                                      XJ_SIGNATURE_ROLE_VERIFIER, "李明", NULL,
                                                      "[{\"points\": [[1, 2]]}]", &error), ==, 0);
  g_assert_error (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_INVALID);
  g_clear_error (&error);
  sign_by_hand (f, XJ_SIGNATURE_ROLE_REPRESENTATIVE, "李明");
  sign_by_hand (f, XJ_SIGNATURE_ROLE_REPRESENTATIVE, "李明");
  g_assert_cmpint (xj_test_query_int (xj_store_get_db (f->store),
                                      "SELECT count(*) FROM signatures"), ==, 2);
  report = sign (f);
  g_assert_nonnull (report);
}

static void
test_sign_wrong_passphrase (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (xj_inspection_sign (f->store, f->inspection_id, &(XjSignOptions) {
                                       .organisation = ORGANISATION,
                                       .passphrase = "wrong",
                                     }, NULL, &error));
  g_assert_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE);
  assert_nothing_signed (f);
}

typedef struct {
  GMainLoop        *loop;
  XjArchivedReport *report;
  GError           *error;
  double            last_fraction;
  guint             n_progress;
} AsyncResult;

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  AsyncResult *result = user_data;

  g_assert_cmpfloat (fraction, >=, result->last_fraction);
  result->last_fraction = fraction;
  result->n_progress++;
}

static void
on_signed_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  AsyncResult *result = user_data;

  result->report = xj_inspection_sign_finish (res, &result->error);
  g_main_loop_quit (result->loop);
}

static void
test_sign_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult result = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0, 0 };
  g_autoptr(XjInspection) inspection = NULL;

  /* Cancelled: nothing left behind. */
  g_cancellable_cancel (cancellable);
  xj_inspection_sign_async (f->store, f->inspection_id, &(XjSignOptions) {
                              .organisation = ORGANISATION,
                              .passphrase = PASSPHRASE,
                              .progress = on_progress_cb,
                              .progress_data = &result,
                            }, cancellable, on_signed_cb, &result);
  g_main_loop_run (result.loop);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result.report);
  g_clear_error (&result.error);
  assert_nothing_signed (f);

  result.last_fraction = 0;
  xj_inspection_sign_async (f->store, f->inspection_id, &(XjSignOptions) {
                              .organisation = ORGANISATION,
                              .passphrase = PASSPHRASE,
                              .progress = on_progress_cb,
                              .progress_data = &result,
                            }, NULL, on_signed_cb, &result);
  g_main_loop_run (result.loop);
  g_assert_no_error (result.error);
  g_assert_nonnull (result.report);
  g_assert_cmpfloat (result.last_fraction, ==, 1.0);
  g_assert_cmpuint (result.n_progress, >=, 3);
  inspection = xj_store_get_inspection (f->store, f->inspection_id, NULL);
  g_assert_cmpint (inspection->state, ==, XJ_INSPECTION_ARCHIVED);
  g_assert_true (g_file_test (result.report->path, G_FILE_TEST_IS_REGULAR));
  xj_archived_report_free (result.report);
  g_main_loop_unref (result.loop);
}

static char *
without_spaces (const char *text)
{
  GString *compact = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (compact, *p);
  return g_string_free (compact, FALSE);
}

/* A photo already handed in for another inspection and one taken 38 hours
 * before this one are evidence to doubt: the signed report says so under
 * each, with the capture time and where else the photo was used. */
static void
test_sign_flags (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(XjSite) other_site = xj_site_new ("万科城", XJ_SITE_KIND_ESTATE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) old_time = g_date_time_new_from_unix_local (STARTED_AT - 38 * 3600);
  g_autofree char *taken = g_date_time_format (old_time, "%Y:%m:%d %H:%M:%S");
  g_autofree char *old_text = g_date_time_format (old_time, "%Y-%m-%d %H:%M");
  XjTestExif exif = { 1, taken, NULL, FALSE, 0, 0, "Apple", "iPhone 15" };
  g_autoptr(GBytes) plain = xj_test_make_jpeg (1600, 1200, 85, 77, FALSE);
  g_autoptr(GBytes) jpeg = xj_test_add_exif (plain, &exif);
  g_autofree char *old_path = g_build_filename (f->dir, "old.jpg", NULL);
  g_autoptr(XjPhotoInfo) old_photo = NULL;
  g_autoptr(XjInspection) inspection = xj_store_get_inspection (f->store, f->inspection_id, NULL);
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(XjArchivedReport) report = NULL;
  const char *pdftotext[] = { "pdftotext", "-raw", "-enc", "UTF-8", NULL, "-", NULL };
  g_autofree char *raw_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reused = NULL;
  g_autofree char *early = NULL;
  g_autofree char *early_compact = NULL;
  XjInspectionStart start = { 0, 0, "weekly", "王芳", "李明", "万科物业", STARTED_AT - 10 * 86400,
                              0, 0 };
  XjTemplateSection *section;
  const char *found;
  gint64 other_id, answer_id = 0;

  /* Ten days earlier at another estate, the first photo was handed in. */
  g_assert_true (xj_store_save_site (f->store, other_site, "test", &error));
  start.site_id = xj_site_get_id (other_site);
  start.template_id = inspection->template_id;
  other_id = xj_store_start_inspection (f->store, &start, &error);
  g_assert_no_error (error);
  tmpl = xj_store_load_inspection_template (f->store, other_id, &error);
  section = g_ptr_array_index (tmpl->sections, 0);
  g_assert_true (xj_store_ensure_answer (f->store, other_id, g_ptr_array_index (section->items, 0),
                                         &answer_id, &error));
  g_assert_true (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (answer_id), f->photos->pdata[0],
                                        NULL, "test", NULL, &error));
  g_assert_no_error (error);

  /* And a photo from the day before yesterday is handed in now. */
  xj_test_write_bytes (old_path, jpeg);
  old_photo = xj_store_import_photo (f->store, old_path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (f->photos, g_strdup (old_photo->sha256));
  answer_and_complete (f);
  sign_by_hand (f, XJ_SIGNATURE_ROLE_INSPECTOR, "王芳");
  sign_by_hand (f, XJ_SIGNATURE_ROLE_REPRESENTATIVE, "李明");
  report = sign (f);

  pdftotext[4] = report->path;
  raw_text = run_ok (pdftotext);
  text = without_spaces (raw_text);
  reused = g_strdup ("Suspiciousphoto:Alreadyusedintheinspectionat万科城on2026-09-11.");
  early = g_strdup_printf ("Suspicious photo: Taken %s, 38 hours before the inspection.",
                           old_text);
  early_compact = without_spaces (early);
  g_test_message ("%s", raw_text);
  found = strstr (text, reused);
  g_assert_nonnull (found);
  g_assert_nonnull (strstr (text, early_compact));
  /* Once each: the other photos are fine. */
  g_assert_null (strstr (found + strlen (reused), reused));
  g_assert_null (strstr (strstr (text, early_compact) + strlen (early_compact), "Suspicious"));
}

static void
test_sanitise_name (void)
{
  static const char *const cases[][2] = {
    { "翠湖花园", "翠湖花园" },
    { "A/B\\C:D*E?F\"G<H>I|J", "A_B_C_D_E_F_G_H_I_J" },
    { "..hidden", "hidden" },
    { "  ", "site" },
    { "滨江壹号 2 期\n", "滨江壹号 2 期_" },
    /* Characters whose low byte is ':' (区, U+533A) or NUL (一, U+4E00). */
    { "阳光花园小区一期", "阳光花园小区一期" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = xj_archive_sanitise_name (cases[i][0]);

      g_assert_cmpstr (name, ==, cases[i][1]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  xj_test_init (&argc, &argv);
  shared_keys = xj_test_make_data_dir ();
  /* Valid from before the inspections are signed. */
  xj_clock_set_fixed (STARTED_AT - 86400);
  g_assert_true (xj_certificate_create_self_signed (shared_keys, "王芳", ORGANISATION, PASSPHRASE,
                                                    &error));
  g_assert_no_error (error);
  xj_clock_unset_fixed ();

  g_test_add_func ("/xj/report/sign/sanitise-name", test_sanitise_name);
  g_test_add ("/xj/report/sign/pdf", Fixture, NULL, fixture_set_up, test_sign_pdf,
              fixture_tear_down);
  g_test_add ("/xj/report/sign/tampered", Fixture, NULL, fixture_set_up, test_sign_tampered,
              fixture_tear_down);
  g_test_add ("/xj/report/sign/locked", Fixture, NULL, fixture_set_up, test_sign_locked,
              fixture_tear_down);
  g_test_add ("/xj/report/sign/missing-signatures", Fixture, "draft", fixture_set_up,
              test_sign_missing_signatures, fixture_tear_down);
  g_test_add ("/xj/report/sign/wrong-passphrase", Fixture, NULL, fixture_set_up,
              test_sign_wrong_passphrase, fixture_tear_down);
  g_test_add ("/xj/report/sign/async", Fixture, NULL, fixture_set_up, test_sign_async,
              fixture_tear_down);
  g_test_add ("/xj/report/sign/flags", Fixture, "draft", fixture_set_up, test_sign_flags,
              fixture_tear_down);
  status = g_test_run ();
  xj_test_remove_tree (shared_keys);
  g_free (shared_keys);
  return status;
}
