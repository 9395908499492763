/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signatures that mean what they say: on a shared data folder each report
 * is signed with the certificate of the inspector it names (pdfsig reads
 * that name back), the wrong person's certificate is refused, a second
 * certificate of a person is added beside the first (which still verifies
 * the reports it signed) and removing one is the only way one goes.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "xj-certificate.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-report-archive.h"
#include "xj-signature.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-utils.h"

#define STARTED_AT  1789965000  /* 2026-09-21 10:30 +08:00 */
#define PASSPHRASE  "共用笔记本"

typedef struct {
  char    *dir;
  XjStore *store;
  gint64   site_id;
  gint64   template_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  g_autoptr(XjTemplate) tmpl = xj_template_new ("日常巡检");
  XjTemplateSection *section = xj_template_section_new ("公共区域");
  XjTemplateItem *item = xj_template_item_new ("lobby", "大堂地面清洁，无积水",
                                               XJ_RESPONSE_PASS_FAIL);

  xj_clock_set_fixed (STARTED_AT - 86400);
  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (xj_store_save_site (f->store, site, "test", &error));
  f->site_id = xj_site_get_id (site);
  g_ptr_array_add (section->items, item);
  g_ptr_array_add (tmpl->sections, section);
  g_assert_true (xj_store_save_template (f->store, tmpl, "test", &error));
  g_assert_no_error (error);
  f->template_id = tmpl->template_id;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
  xj_clock_unset_fixed ();
}

/* A daily patrol by @inspector, answered, completed and signed by hand. */
static gint64
completed_by (Fixture    *f,
              const char *inspector)
{
  XjInspectionStart start = { f->site_id, f->template_id, "daily", inspector, "", "",
                              STARTED_AT, 0, 0 };
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(GError) error = NULL;
  XjTemplateSection *section;
  gint64 id;

  xj_clock_set_fixed (STARTED_AT);
  id = xj_store_start_inspection (f->store, &start, &error);
  g_assert_no_error (error);
  tmpl = xj_store_load_inspection_template (f->store, id, &error);
  section = g_ptr_array_index (tmpl->sections, 0);
  g_assert_true (xj_store_set_answer (f->store, id, g_ptr_array_index (section->items, 0), "pass",
                                      &error));
  g_assert_true (xj_store_complete_inspection (f->store, id, inspector, &error));
  g_assert_cmpint (xj_store_add_inspection_signature (f->store, id, XJ_SIGNATURE_ROLE_INSPECTOR,
                                                      inspector, NULL,
                                                      "[{\"t\": 0, \"points\": [[1, 2], [30, 40]]}]",
                                                      &error), >, 0);
  g_assert_no_error (error);
  xj_clock_set_fixed (STARTED_AT + 3600);
  return id;
}

static char *
id_of (Fixture    *f,
       const char *person)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjCertificate) certificate = xj_certificate_find_for_person (f->dir, person, &error);

  g_assert_no_error (error);
  return g_strdup (xj_certificate_get_id (certificate));
}

/* What pdfsig, a reader that knows nothing of Xunjian, says of @path. */
static char *
pdfsig (const char *path)
{
  const char *argv[] = { "pdfsig", path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static XjArchivedReport *
sign (Fixture    *f,
      gint64      id,
      const char *certificate_id,
      GError    **error)
{
  return xj_inspection_sign (f->store, id, &(XjSignOptions) {
                               .organisation = "华信物业服务质量监督中心",
                               .certificate_id = certificate_id,
                               .passphrase = PASSPHRASE,
                             }, NULL, error);
}

/* --- tests ------------------------------------------------------------------ */

static void
test_two_people (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 by_li = completed_by (f, "李明"), by_zhang = completed_by (f, "张伟");
  g_autoptr(XjArchivedReport) li_report = NULL;
  g_autoptr(XjArchivedReport) zhang_report = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *li_sig = NULL;
  g_autofree char *zhang_sig = NULL;
  g_auto(XjArchiveVerification) verification = { 0 };

  /* 张伟's certificate made first: the order must not matter. */
  g_assert_true (xj_certificate_create_self_signed (f->dir, "张伟", "华信", PASSPHRASE, &error));
  g_assert_true (xj_certificate_create_self_signed (f->dir, "李明", "华信", PASSPHRASE, &error));
  g_assert_no_error (error);
  list = xj_certificate_list (f->dir, &error);
  g_assert_cmpuint (list->len, ==, 2);

  li_report = sign (f, by_li, NULL, &error);
  g_assert_no_error (error);
  zhang_report = sign (f, by_zhang, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (li_report->signer, ==, "李明");
  g_assert_cmpstr (zhang_report->signer, ==, "张伟");

  li_sig = pdfsig (li_report->path);
  zhang_sig = pdfsig (zhang_report->path);
  g_assert_nonnull (strstr (li_sig, "Signer Certificate Common Name: 李明"));
  g_assert_null (strstr (li_sig, "张伟"));
  g_assert_nonnull (strstr (zhang_sig, "Signer Certificate Common Name: 张伟"));
  g_assert_nonnull (strstr (li_sig, "Signature is Valid."));

  g_assert_true (xj_report_verify_archived (f->store, li_report->id, &verification, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verification.signer_name, ==, "李明");
}

static void
test_wrong_person_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 by_li = completed_by (f, "李明");
  g_autoptr(XjInspection) inspection = NULL;
  g_autofree char *zhang = NULL;

  g_assert_true (xj_certificate_create_self_signed (f->dir, "张伟", NULL, PASSPHRASE, &error));
  zhang = id_of (f, "张伟");

  /* Not even with the right passphrase: 李明 has no certificate here. */
  g_assert_null (sign (f, by_li, NULL, &error));
  g_assert_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_WRONG_SIGNER);
  g_assert_nonnull (strstr (error->message, "李明"));
  g_assert_nonnull (strstr (error->message, "create one"));
  g_clear_error (&error);

  /* 张伟's, chosen by hand: refused, saying what to do. */
  g_assert_null (sign (f, by_li, zhang, &error));
  g_assert_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_WRONG_SIGNER);
  g_assert_nonnull (strstr (error->message, "李明"));
  g_assert_nonnull (strstr (error->message, "张伟"));
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_clear_error (&error);
  g_assert_null (xj_inspection_dup_signing_certificate (f->store, by_li, zhang, &error));
  g_assert_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_WRONG_SIGNER);
  g_clear_error (&error);

  inspection = xj_store_get_inspection (f->store, by_li, &error);
  g_assert_cmpint (inspection->state, ==, XJ_INSPECTION_COMPLETED);
  g_assert_null (xj_store_get_archived_report (f->store, by_li, NULL));
}

static void
test_second_certificate_keeps_first (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first_inspection = completed_by (f, "王芳"), later;
  g_autoptr(XjArchivedReport) first = NULL;
  g_autoptr(XjArchivedReport) second = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *old_id = NULL;
  g_autofree char *new_id = NULL;
  g_auto(XjArchiveVerification) verification = { 0 };
  g_autoptr(XjCertificate) old = NULL;
  g_autofree char *second_sig = NULL;

  g_assert_true (xj_certificate_create_self_signed (f->dir, "王芳", NULL, PASSPHRASE, &error));
  old_id = id_of (f, "王芳");
  first = sign (f, first_inspection, NULL, &error);
  g_assert_no_error (error);

  /* A day later, a new certificate for 王芳: added, not in place of. */
  xj_clock_set_fixed (STARTED_AT + 86400);
  g_assert_true (xj_certificate_create_self_signed (f->dir, "王芳", "新单位", "新口令", &error));
  g_assert_no_error (error);
  list = xj_certificate_list (f->dir, &error);
  g_assert_cmpuint (list->len, ==, 2);
  new_id = id_of (f, "王芳");
  g_assert_cmpstr (new_id, !=, old_id);
  old = xj_certificate_read (f->dir, old_id, &error);
  g_assert_no_error (error);
  g_assert_true (xj_certificate_has_key (old));

  /* The earlier report still verifies as 王芳's. */
  g_assert_true (xj_report_verify_archived (f->store, first->id, &verification, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verification.signer_name, ==, "王芳");
  xj_archive_verification_clear (&verification);

  /* The same certificate twice is refused, not duplicated. */
  g_assert_false (xj_certificate_create_self_signed (f->dir, "王芳", NULL, "", &error));
  g_clear_error (&error);

  /* New reports: the new certificate (its own passphrase). */
  later = completed_by (f, "王芳");
  xj_clock_set_fixed (STARTED_AT + 2 * 86400);
  second = xj_inspection_sign (f->store, later, &(XjSignOptions) {
                                 .organisation = "",
                                 .passphrase = "新口令",
                               }, NULL, &error);
  g_assert_no_error (error);
  second_sig = pdfsig (second->path);
  g_assert_nonnull (strstr (second_sig, "O=新单位"));

  /* Removing is the explicit act: then the old report is intact but no
   * longer named as 王芳's here. */
  g_assert_true (xj_certificate_remove (f->dir, old_id, &error));
  g_assert_no_error (error);
  g_assert_null (xj_certificate_read (f->dir, old_id, NULL));
  g_assert_false (xj_report_verify_archived (f->store, first->id, &verification, &error));
  g_assert_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_UNKNOWN_SIGNER);
  g_assert_true (verification.intact);
  g_assert_null (verification.signer_name);
  g_assert_nonnull (strstr (verification.reason, "unknown certificate"));
}

/* Data folders of earlier versions kept one pair of files: still read. */
static void
test_legacy_files (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *id = NULL;
  g_autofree char *keys = g_build_filename (f->dir, "keys", NULL);
  g_autofree char *crt = NULL, *key = NULL, *crt_path = NULL, *key_path = NULL;
  g_autofree char *legacy_crt = g_build_filename (keys, "signing-certificate.pem", NULL);
  g_autofree char *legacy_key = g_build_filename (keys, "signing-key.pem", NULL);
  g_autoptr(XjSigner) signer = NULL;

  g_assert_true (xj_certificate_create_self_signed (f->dir, "王芳", NULL, PASSPHRASE, &error));
  id = id_of (f, "王芳");
  crt = g_strconcat (id, ".crt.pem", NULL);
  key = g_strconcat (id, ".key.pem", NULL);
  crt_path = g_build_filename (keys, crt, NULL);
  key_path = g_build_filename (keys, key, NULL);
  g_assert_cmpint (g_rename (crt_path, legacy_crt), ==, 0);
  g_assert_cmpint (g_rename (key_path, legacy_key), ==, 0);

  list = xj_certificate_list (f->dir, &error);
  g_assert_cmpuint (list->len, ==, 1);
  signer = xj_certificate_load (f->dir, id, PASSPHRASE, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  xj_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/xj/report/signers/two-people", test_two_people);
  ADD ("/xj/report/signers/wrong-person-refused", test_wrong_person_refused);
  ADD ("/xj/report/signers/second-certificate-keeps-first", test_second_certificate_keeps_first);
  ADD ("/xj/report/signers/legacy-files", test_legacy_files);
#undef ADD
  return g_test_run ();
}
