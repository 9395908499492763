/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gnutls/pkcs12.h>
#include <gnutls/x509.h>
#include <sys/stat.h>

#include "xj-certificate.h"
#include "xj-clock.h"
#include "xj-pdf-sign.h"
#include "xj-test-pdf.h"
#include "xj-test-utils.h"

#define CJK_FONT   "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
#define PASSPHRASE "correct horse 电池"
#define SIGNER     "张三"
#define COMPANY    "巡检物业服务有限公司"

typedef struct
{
  char *dir;
} Fixture;

/* RSA key generation is slow under the sanitizers: one certificate serves
 * every test that does not test certificates themselves. */
static char *shared_cert_dir;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = xj_test_make_data_dir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* --- helpers -------------------------------------------------------------- */

/* A two-page report as the PDF writer makes them: libharu, an embedded
 * TrueType CJK font, classic cross-reference table. */
static char *
make_hpdf_report (const char *dir)
{
  char *path = g_build_filename (dir, "report.pdf", NULL);
  HPDF_Doc pdf = xj_test_hpdf_new ();
  const char *font_name;
  HPDF_Font font;

  HPDF_UseUTFEncodings (pdf);
  HPDF_SetCurrentEncoder (pdf, "UTF-8");
  font_name = HPDF_LoadTTFontFromFile2 (pdf, CJK_FONT, 0, HPDF_TRUE);
  font = HPDF_GetFont (pdf, font_name, "UTF-8");
  for (int i = 0; i < 2; i++)
    {
      HPDF_Page page = HPDF_AddPage (pdf);

      HPDF_Page_SetSize (page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
      HPDF_Page_BeginText (page);
      HPDF_Page_SetFontAndSize (page, font, 14);
      HPDF_Page_TextOut (page, 50, 780, i == 0 ? "巡检报告：消防控制室值班记录" : "整改通知单");
      HPDF_Page_TextOut (page, 50, 750, "检查项目：灭火器压力正常，疏散通道畅通");
      HPDF_Page_EndText (page);
    }
  HPDF_SaveToFile (pdf, path);
  HPDF_Free (pdf);
  return path;
}

/* Writes a hand-made PDF whose objects are @objects[i] (number i + 1),
 * with a correct classic cross-reference table. */
static char *
write_hand_made_pdf (const char  *dir,
                     const char  *name,
                     const char **objects,
                     guint        n_objects)
{
  g_autoptr(GString) pdf = g_string_new ("%PDF-1.4\n");
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize xref;

  for (guint i = 0; i < n_objects; i++)
    {
      g_array_append_val (offsets, pdf->len);
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f\r\n", n_objects + 1);
  for (guint i = 0; i < n_objects; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n\r\n", g_array_index (offsets, gsize, i));
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          n_objects + 1, xref);
  g_file_set_contents (path, pdf->str, pdf->len, &error);
  g_assert_no_error (error);
  return path;
}

static char *
run (const char *program,
     const char *argument1,
     const char *argument2,
     int        *exit_status)
{
  const char *argv[] = { program, argument1, argument2, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (exit_status != NULL)
    *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  return g_strconcat (out, err, NULL);
}

static void
assert_qpdf_clean (const char *path)
{
  int status = -1;
  g_autofree char *output = run ("qpdf", "--check", path, &status);

  if (status != 0 || strstr (output, "WARNING") != NULL)
    g_error ("qpdf --check %s failed (%d):\n%s", path, status, output);
  g_assert_nonnull (strstr (output, "No syntax or stream encoding errors found"));
}

/* The one certificate stored in @dir. */
static XjCertificate *
only_certificate (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = xj_certificate_list (dir, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  return g_ptr_array_steal_index (list, 0);
}

static XjSigner *
load_only (const char  *dir,
           const char  *passphrase,
           GError     **error)
{
  g_autoptr(XjCertificate) certificate = only_certificate (dir);

  return xj_certificate_load (dir, xj_certificate_get_id (certificate), passphrase, error);
}

static XjSigner *
load_shared_signer (void)
{
  g_autoptr(GError) error = NULL;
  XjSigner *signer;

  if (shared_cert_dir == NULL)
    {
      shared_cert_dir = xj_test_make_data_dir ();
      xj_certificate_create_self_signed (shared_cert_dir, SIGNER, COMPANY, PASSPHRASE, &error);
      g_assert_no_error (error);
    }
  signer = load_only (shared_cert_dir, PASSPHRASE, &error);
  g_assert_no_error (error);
  return signer;
}

static char *
sign_copy (const char *dir,
           const char *input)
{
  g_autoptr(XjSigner) signer = load_shared_signer ();
  g_autoptr(GError) error = NULL;
  char *output = g_build_filename (dir, "signed.pdf", NULL);

  xj_pdf_sign_file (signer, input, output, &error);
  g_assert_no_error (error);
  return output;
}

/* The offset of the first @needle in @bytes, which holds binary streams. */
static gsize
find_bytes (GBytes     *bytes,
            const char *needle)
{
  gsize size = 0, length = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i + length <= size; i++)
    if (memcmp (data + i, needle, length) == 0)
      return i;
  g_error ("“%s” not found", needle);
}

static void
assert_sign_refused (const char *dir,
                     const char *input,
                     int         code)
{
  g_autoptr(XjSigner) signer = load_shared_signer ();
  g_autofree char *output = g_build_filename (dir, "refused.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (xj_pdf_sign_file (signer, input, output, &error));
  g_assert_error (error, XJ_PDF_SIGN_ERROR, code);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
modify_file (const char *path,
             gsize       offset,
             const char *append)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) changed = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  changed = g_string_new_len (contents, length);
  if (append != NULL)
    g_string_append (changed, append);
  else
    {
      g_assert_cmpuint (offset, <, length);
      changed->str[offset] ^= 0x01;
    }
  g_file_set_contents (path, changed->str, changed->len, &error);
  g_assert_no_error (error);
}

/* --- certificates ------------------------------------------------------------ */

static void
test_certificate_self_signed (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjCertificate) certificate = NULL;
  g_autoptr(XjSigner) signer = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *pem = NULL;
  gnutls_x509_privkey_t key = NULL;
  gnutls_datum_t datum;
  struct stat info;
  gint64 years;

  g_assert_false (xj_certificate_exists (f->dir));
  g_assert_null (xj_certificate_read (f->dir, "00", &error));
  g_assert_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (xj_certificate_create_self_signed (f->dir, "  ", COMPANY, PASSPHRASE, &error));
  g_assert_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (xj_certificate_create_self_signed (f->dir, SIGNER, COMPANY, "", &error));
  g_assert_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (xj_certificate_exists (f->dir));

  g_assert_true (xj_certificate_create_self_signed (f->dir, SIGNER, COMPANY, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_true (xj_certificate_exists (f->dir));

  certificate = only_certificate (f->dir);
  g_assert_cmpstr (xj_certificate_get_subject_name (certificate), ==, SIGNER);
  g_assert_cmpstr (xj_certificate_get_issuer_name (certificate), ==, SIGNER);
  g_assert_true (xj_certificate_has_key (certificate));
  g_assert_true (xj_certificate_is_held_by (certificate, " " SIGNER " "));
  g_assert_false (xj_certificate_is_held_by (certificate, "李明"));
  key_path = g_strdup_printf ("%s/keys/%s.key.pem", f->dir, xj_certificate_get_id (certificate));
  g_assert_cmpstr (xj_certificate_get_organisation (certificate), ==, COMPANY);
  g_assert_true (xj_certificate_is_self_signed (certificate));
  g_assert_cmpuint (strlen (xj_certificate_get_fingerprint (certificate)), ==, 32 * 3 - 1);
  years = (xj_certificate_get_expiry (certificate) - xj_certificate_get_activation (certificate)) / (365 * 86400);
  g_assert_cmpint (years, ==, 5);

  /* At rest the key is encrypted PKCS#8, private to the user. */
  g_assert_cmpint (g_stat (key_path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_file_get_contents (key_path, &pem, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN ENCRYPTED PRIVATE KEY-----"));
  g_assert_null (strstr (pem, "BEGIN PRIVATE KEY"));
  g_assert_null (strstr (pem, "BEGIN RSA PRIVATE KEY"));
  datum.data = (unsigned char *) pem;
  datum.size = strlen (pem);
  gnutls_x509_privkey_init (&key);
  g_assert_cmpint (gnutls_x509_privkey_import2 (key, &datum, GNUTLS_X509_FMT_PEM, NULL, 0), <, 0);
  g_assert_cmpint (gnutls_x509_privkey_import_pkcs8 (key, &datum, GNUTLS_X509_FMT_PEM, NULL,
                                                     GNUTLS_PKCS_PLAIN), <, 0);
  gnutls_x509_privkey_deinit (key);

  g_assert_null (load_only (f->dir, "wrong passphrase", &error));
  g_assert_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  signer = load_only (f->dir, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (xj_certificate_get_fingerprint (xj_signer_get_certificate (signer)), ==,
                   xj_certificate_get_fingerprint (certificate));
}

static gnutls_x509_crt_t
make_ec_certificate (gnutls_x509_privkey_t  key,
                     const char            *common_name,
                     gnutls_x509_crt_t      issuer,
                     gnutls_x509_privkey_t  issuer_key,
                     guint8                 serial)
{
  gnutls_x509_crt_t crt = NULL;
  time_t now = time (NULL);

  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_version (crt, 3), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_serial (crt, &serial, 1), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                                  common_name, strlen (common_name)), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_activation_time (crt, now - 3600), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_expiration_time (crt, now + 30 * 86400), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key (crt, key), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_basic_constraints (crt, issuer == NULL, -1), ==, 0);
  if (issuer == NULL)
    g_assert_cmpint (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_KEY_CERT_SIGN), ==, 0);
  else
    g_assert_cmpint (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, issuer != NULL ? issuer : crt,
                                          issuer_key != NULL ? issuer_key : key,
                                          GNUTLS_DIG_SHA256, 0), ==, 0);
  return crt;
}

static void
add_bag (gnutls_pkcs12_t  p12,
         gnutls_pkcs12_bag_t bag,
         int              index,
         const gnutls_datum_t *key_id,
         const char      *password)
{
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpint (gnutls_pkcs12_bag_set_key_id (bag, index, key_id), ==, 0);
  g_assert_cmpint (gnutls_pkcs12_bag_encrypt (bag, password, GNUTLS_PKCS_PBES2_AES_256), ==, 0);
  g_assert_cmpint (gnutls_pkcs12_set_bag (p12, bag), ==, 0);
  gnutls_pkcs12_bag_deinit (bag);
}

/* A .p12 with an ECDSA key, its certificate and the CA that issued it. */
static char *
make_pkcs12 (const char *dir,
             const char *password)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "person.p12", NULL);
  gnutls_x509_privkey_t ca_key = NULL, key = NULL;
  gnutls_x509_crt_t ca, crt;
  gnutls_pkcs12_bag_t bag = NULL;
  gnutls_pkcs12_t p12 = NULL;
  gnutls_datum_t encrypted_key, out;
  guint8 id[32];
  size_t id_size = sizeof id;
  gnutls_datum_t key_id = { id, 0 };

  gnutls_x509_privkey_init (&ca_key);
  gnutls_x509_privkey_init (&key);
  g_assert_cmpint (gnutls_x509_privkey_generate (ca_key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0), ==, 0);
  ca = make_ec_certificate (ca_key, "巡检测试根证书", NULL, NULL, 1);
  crt = make_ec_certificate (key, "李四", ca, ca_key, 2);
  g_assert_cmpint (gnutls_x509_crt_get_key_id (crt, 0, id, &id_size), ==, 0);
  key_id.size = id_size;

  gnutls_pkcs12_init (&p12);
  gnutls_pkcs12_bag_init (&bag);
  add_bag (p12, bag, gnutls_pkcs12_bag_set_crt (bag, crt), &key_id, password);
  gnutls_pkcs12_bag_init (&bag);
  g_assert_cmpint (gnutls_pkcs12_bag_set_crt (bag, ca), >=, 0);
  g_assert_cmpint (gnutls_pkcs12_bag_encrypt (bag, password, GNUTLS_PKCS_PBES2_AES_256), ==, 0);
  g_assert_cmpint (gnutls_pkcs12_set_bag (p12, bag), ==, 0);
  gnutls_pkcs12_bag_deinit (bag);
  g_assert_cmpint (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_DER, password,
                                                      GNUTLS_PKCS_PBES2_AES_256, &encrypted_key), ==, 0);
  gnutls_pkcs12_bag_init (&bag);
  add_bag (p12, bag, gnutls_pkcs12_bag_set_data (bag, GNUTLS_BAG_PKCS8_ENCRYPTED_KEY, &encrypted_key),
           &key_id, password);
  gnutls_free (encrypted_key.data);
  g_assert_cmpint (gnutls_pkcs12_generate_mac (p12, password), ==, 0);
  g_assert_cmpint (gnutls_pkcs12_export2 (p12, GNUTLS_X509_FMT_DER, &out), ==, 0);
  g_file_set_contents (path, (const char *) out.data, out.size, &error);
  g_assert_no_error (error);

  gnutls_free (out.data);
  gnutls_pkcs12_deinit (p12);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_privkey_deinit (key);
  gnutls_x509_privkey_deinit (ca_key);
  return path;
}

static void
test_certificate_pkcs12 (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *p12 = make_pkcs12 (f->dir, "p12 密码");
  g_autofree char *not_p12 = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *pdf = make_hpdf_report (f->dir);
  g_autofree char *signed_pdf = g_build_filename (f->dir, "signed.pdf", NULL);
  g_autofree char *pdfsig = NULL;
  g_auto(XjPdfVerifyResult) result = { 0 };
  g_autoptr(XjCertificate) certificate = NULL;
  g_autoptr(XjSigner) signer = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (not_p12, "not a certificate", -1, &error);
  g_assert_no_error (error);
  g_assert_false (xj_certificate_import_pkcs12 (f->dir, not_p12, "x", PASSPHRASE, &error));
  g_assert_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_NOT_PKCS12);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  g_clear_error (&error);

  g_assert_false (xj_certificate_import_pkcs12 (f->dir, p12, "wrong", PASSPHRASE, &error));
  g_assert_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_false (xj_certificate_exists (f->dir));

  g_assert_true (xj_certificate_import_pkcs12 (f->dir, p12, "p12 密码", PASSPHRASE, &error));
  g_assert_no_error (error);
  certificate = only_certificate (f->dir);
  g_assert_cmpstr (xj_certificate_get_subject_name (certificate), ==, "李四");
  g_assert_false (xj_certificate_is_self_signed (certificate));

  /* The new passphrase protects the key, not the file's password. */
  g_assert_null (load_only (f->dir, "p12 密码", &error));
  g_assert_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  signer = load_only (f->dir, PASSPHRASE, &error);
  g_assert_no_error (error);

  /* An ECDSA key issued by a CA signs too; the CA is not trusted here. */
  xj_pdf_sign_file (signer, pdf, signed_pdf, &error);
  g_assert_no_error (error);
  pdfsig = run ("pdfsig", signed_pdf, NULL, NULL);
  g_assert_nonnull (strstr (pdfsig, "Signature Validation: Signature is Valid."));
  g_assert_true (xj_pdf_verify_file (signed_pdf, f->dir, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.signer_name, ==, "李四");
  g_assert_false (result.self_signed);
  g_assert_false (result.trusted);
  g_assert_true (result.known);
}

static void
test_certificate_openssl_pkcs12 (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *key = g_build_filename (f->dir, "key.pem", NULL);
  g_autofree char *crt = g_build_filename (f->dir, "crt.pem", NULL);
  g_autofree char *p12 = g_build_filename (f->dir, "openssl.p12", NULL);
  g_autoptr(XjCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  const char *req[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-utf8",
                        "-keyout", key, "-out", crt, "-days", "30",
                        "-subj", "/CN=王五/O=巡检物业", NULL };
  const char *export[] = { "openssl", "pkcs12", "-export", "-inkey", key, "-in", crt,
                           "-out", p12, "-passout", "pass:secret", NULL };
  int status = -1;

  for (guint i = 0; i < 2; i++)
    {
      g_spawn_sync (NULL, (char **) (i == 0 ? req : export), NULL,
                    G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
    }

  g_assert_false (xj_certificate_import_pkcs12 (f->dir, p12, "Secret", PASSPHRASE, &error));
  g_assert_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_true (xj_certificate_import_pkcs12 (f->dir, p12, "secret", PASSPHRASE, &error));
  g_assert_no_error (error);
  certificate = only_certificate (f->dir);
  g_assert_cmpstr (xj_certificate_get_subject_name (certificate), ==, "王五");
  g_assert_cmpstr (xj_certificate_get_organisation (certificate), ==, "巡检物业");
}

/* --- signing and verifying ---------------------------------------------------- */

static void
test_sign_verify (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *pdf = make_hpdf_report (f->dir);
  g_autofree char *signed_pdf = sign_copy (f->dir, pdf);
  g_autofree char *pdfsig = NULL;
  g_auto(XjPdfVerifyResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) original = xj_test_read_bytes (pdf);
  g_autoptr(GBytes) signed_bytes = xj_test_read_bytes (signed_pdf);

  /* An incremental update: the original bytes are kept as they were. */
  g_assert_cmpuint (g_bytes_get_size (signed_bytes), >, g_bytes_get_size (original));
  g_assert_cmpmem (g_bytes_get_data (signed_bytes, NULL), g_bytes_get_size (original),
                   g_bytes_get_data (original, NULL), g_bytes_get_size (original));

  assert_qpdf_clean (signed_pdf);
  pdfsig = run ("pdfsig", signed_pdf, NULL, NULL);
  g_test_message ("%s", pdfsig);
  g_assert_nonnull (strstr (pdfsig, "Signature #1"));
  g_assert_nonnull (strstr (pdfsig, "Signer Certificate Common Name: " SIGNER));
  g_assert_nonnull (strstr (pdfsig, "Signature Type: adbe.pkcs7.detached"));
  g_assert_nonnull (strstr (pdfsig, "Total document signed"));
  g_assert_nonnull (strstr (pdfsig, "Signature Validation: Signature is Valid."));
  g_assert_null (strstr (pdfsig, "Signature #2"));

  g_assert_true (xj_pdf_verify_file (signed_pdf, shared_cert_dir, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.intact);
  g_assert_true (result.covers_whole_file);
  g_assert_true (result.certificate_valid);
  g_assert_true (result.self_signed);
  g_assert_false (result.trusted);
  g_assert_true (result.known);
  g_assert_cmpstr (result.signer_name, ==, SIGNER);
  g_assert_cmpstr (result.organisation, ==, COMPANY);
  g_assert_cmpint (ABS (result.signing_time - g_get_real_time () / G_USEC_PER_SEC), <, 300);
  g_assert_nonnull (strstr (result.reason, SIGNER));
  g_assert_nonnull (strstr (result.reason, "this data folder keeps"));

  /* Elsewhere (another data folder) the same file is intact, but no one
   * vouches for the name in the certificate: it is not given. */
  g_assert_false (xj_pdf_verify_file (signed_pdf, f->dir, &result, &error));
  g_assert_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_UNKNOWN_SIGNER);
  g_assert_true (result.intact);
  g_assert_false (result.known);
  g_assert_null (result.signer_name);
  g_assert_nonnull (strstr (error->message, result.fingerprint));
  g_assert_null (strstr (error->message, SIGNER));
  g_clear_error (&error);

  /* A signed document is refused rather than signed twice over a form. */
  assert_sign_refused (f->dir, signed_pdf, XJ_PDF_SIGN_ERROR_UNSUPPORTED);
}

/* Signing a file onto itself appends the update in place. */
static void
test_sign_in_place (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *pdf = make_hpdf_report (f->dir);
  g_autoptr(GBytes) original = xj_test_read_bytes (pdf);
  g_autoptr(XjSigner) signer = load_shared_signer ();
  g_autoptr(GBytes) signed_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdfsig = NULL;

  g_assert_true (xj_pdf_sign_file (signer, pdf, pdf, &error));
  g_assert_no_error (error);
  signed_bytes = xj_test_read_bytes (pdf);
  g_assert_cmpmem (g_bytes_get_data (signed_bytes, NULL), g_bytes_get_size (original),
                   g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  assert_qpdf_clean (pdf);
  pdfsig = run ("pdfsig", pdf, NULL, NULL);
  g_assert_nonnull (strstr (pdfsig, "Total document signed"));
  g_assert_nonnull (strstr (pdfsig, "Signature is Valid."));
  g_assert_true (xj_pdf_verify_file (pdf, shared_cert_dir, NULL, &error));
  g_assert_no_error (error);
}

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *pdf = make_hpdf_report (f->dir);
  g_autofree char *signed_pdf = sign_copy (f->dir, pdf);
  g_autoptr(GBytes) bytes = xj_test_read_bytes (signed_pdf);
  g_auto(XjPdfVerifyResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *pdfsig = NULL;

  /* One bit of the first page's text operators, deep in the original. */
  modify_file (signed_pdf, find_bytes (bytes, "BT\n") + 4, NULL);

  g_assert_false (xj_pdf_verify_file (signed_pdf, shared_cert_dir, &result, &error));
  g_assert_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_ALTERED);
  g_assert_cmpstr (error->message, ==, "The document was changed after it was signed: the digest does not match");
  g_assert_cmpstr (result.reason, ==, error->message);
  g_assert_false (result.intact);
  g_assert_null (result.signer_name);

  pdfsig = run ("pdfsig", signed_pdf, NULL, NULL);
  g_test_message ("%s", pdfsig);
  g_assert_nonnull (strstr (pdfsig, "Digest Mismatch"));
  g_assert_null (strstr (pdfsig, "Signature is Valid"));
}

static void
test_appended (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *pdf = make_hpdf_report (f->dir);
  g_autofree char *signed_pdf = sign_copy (f->dir, pdf);
  g_auto(XjPdfVerifyResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  modify_file (signed_pdf, 0, "1 0 obj\n<< /Type /Catalog >>\nendobj\n");
  g_assert_false (xj_pdf_verify_file (signed_pdf, shared_cert_dir, &result, &error));
  g_assert_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_ALTERED);
  g_assert_nonnull (strstr (error->message, "added after the signature"));
  g_assert_true (result.intact);
  g_assert_false (result.covers_whole_file);
}

static void
test_damaged_signature (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *pdf = make_hpdf_report (f->dir);
  g_autofree char *signed_pdf = sign_copy (f->dir, pdf);
  g_autoptr(GBytes) bytes = xj_test_read_bytes (signed_pdf);
  g_autoptr(GError) error = NULL;

  /* A hex digit inside the signature's DER. */
  modify_file (signed_pdf, find_bytes (bytes, "/Contents <") + 40, NULL);
  g_assert_false (xj_pdf_verify_file (signed_pdf, shared_cert_dir, NULL, &error));
  g_assert_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_INVALID);
}

/* Archived reports outlive certificates: what counts is the signing time. */
static void
test_certificate_time (Fixture       *f,
                       gconstpointer  data)
{
  const gint64 created = 1767225600;  /* 2026-01-01 */
  g_autofree char *pdf = make_hpdf_report (f->dir);
  g_autofree char *signed_pdf = g_build_filename (f->dir, "signed.pdf", NULL);
  g_auto(XjPdfVerifyResult) result = { 0 };
  g_autoptr(XjSigner) signer = NULL;
  g_autoptr(GError) error = NULL;

  xj_clock_set_fixed (created);
  xj_certificate_create_self_signed (f->dir, SIGNER, NULL, PASSPHRASE, &error);
  g_assert_no_error (error);
  signer = load_only (f->dir, PASSPHRASE, &error);
  g_assert_no_error (error);

  /* Signed in the certificate's fourth year: valid, whatever the date today. */
  xj_clock_set_fixed (created + 4 * 365 * 86400);
  xj_pdf_sign_file (signer, pdf, signed_pdf, &error);
  g_assert_no_error (error);
  g_assert_true (xj_pdf_verify_file (signed_pdf, f->dir, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.signing_time, ==, created + 4 * 365 * 86400);
  g_assert_cmpstr (result.organisation, ==, "");

  /* Signed after it expired: intact, but not validly signed. */
  xj_clock_set_fixed (created + 6 * 365 * 86400);
  xj_pdf_sign_file (signer, pdf, signed_pdf, &error);
  g_assert_no_error (error);
  xj_clock_unset_fixed ();
  g_assert_false (xj_pdf_verify_file (signed_pdf, f->dir, &result, &error));
  g_assert_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_INVALID);
  g_assert_true (result.intact);
  g_assert_false (result.certificate_valid);
  g_assert_cmpstr (result.reason, ==, "The certificate was not valid when the document was signed");
}

static void
test_not_signed (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pdf = make_hpdf_report (f->dir);
  g_autofree char *text = g_build_filename (f->dir, "text.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.pdf", NULL);
  g_auto(XjPdfVerifyResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (xj_pdf_verify_file (pdf, f->dir, &result, &error));
  g_assert_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_NOT_SIGNED);
  g_assert_cmpstr (result.reason, ==, "The document is not signed");
  g_clear_error (&error);

  g_assert_false (xj_pdf_verify_file (missing, f->dir, &result, &error));
  g_assert_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_IO);
  g_clear_error (&error);

  g_file_set_contents (text, "hello", -1, &error);
  g_assert_no_error (error);
  assert_sign_refused (f->dir, text, XJ_PDF_SIGN_ERROR_MALFORMED);
}

/* Hand-made files: a nested page tree, an inline /Annots array that keeps
 * its link; an indirect /Annots is refused plainly. */
static void
test_page_tree_and_annots (Fixture       *f,
                           gconstpointer  data)
{
  const char *objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Pages /Parent 2 0 R /Kids [4 0 R] /Count 1 >>",
    /* One object over two lines (parenthesised: not a missing comma). */
    ("<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Contents 5 0 R"
     " /Annots [6 0 R] /Resources << >> >>"),
    "<< /Length 0 >>\nstream\n\nendstream",
    "<< /Type /Annot /Subtype /Link /Rect [10 10 20 20] /Border [0 0 0] /A << /S /URI /URI (https://example.com/) >> >>",
    "<< /Title (Inline \\(annots\\)) /Producer (hand) >>",
  };
  g_autofree char *pdf = write_hand_made_pdf (f->dir, "hand.pdf", objects, G_N_ELEMENTS (objects));
  g_autofree char *signed_pdf = sign_copy (f->dir, pdf);
  g_autofree char *pdfsig = run ("pdfsig", signed_pdf, NULL, NULL);
  g_autofree char *annots = NULL;
  g_autoptr(GError) error = NULL;

  assert_qpdf_clean (signed_pdf);
  g_assert_nonnull (strstr (pdfsig, "Signature is Valid."));
  g_assert_nonnull (strstr (pdfsig, "Total document signed"));
  g_assert_true (xj_pdf_verify_file (signed_pdf, shared_cert_dir, NULL, &error));
  g_assert_no_error (error);
  annots = run ("qpdf", "--show-object=4", signed_pdf, NULL);
  g_assert_nonnull (strstr (annots, "/Annots [ 6 0 R 8 0 R ]"));

  objects[3] = "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Contents 5 0 R"
               " /Annots 7 0 R >>";
  objects[6] = "[6 0 R]";
  g_clear_pointer (&pdf, g_free);
  pdf = write_hand_made_pdf (f->dir, "indirect.pdf", objects, G_N_ELEMENTS (objects));
  assert_sign_refused (f->dir, pdf, XJ_PDF_SIGN_ERROR_UNSUPPORTED);
}

int
main (int    argc,
      char **argv)
{
  int status;

  xj_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/xj/report/certificate/self-signed", test_certificate_self_signed);
  ADD ("/xj/report/certificate/pkcs12", test_certificate_pkcs12);
  ADD ("/xj/report/certificate/openssl-pkcs12", test_certificate_openssl_pkcs12);
  ADD ("/xj/report/pdf-sign/sign-verify", test_sign_verify);
  ADD ("/xj/report/pdf-sign/in-place", test_sign_in_place);
  ADD ("/xj/report/pdf-sign/tampered", test_tampered);
  ADD ("/xj/report/pdf-sign/appended", test_appended);
  ADD ("/xj/report/pdf-sign/damaged-signature", test_damaged_signature);
  ADD ("/xj/report/pdf-sign/certificate-time", test_certificate_time);
  ADD ("/xj/report/pdf-sign/not-signed", test_not_signed);
  ADD ("/xj/report/pdf-sign/page-tree-and-annots", test_page_tree_and_annots);
#undef ADD

  status = g_test_run ();
  if (shared_cert_dir != NULL)
    xj_test_remove_tree (shared_cert_dir);
  g_free (shared_cert_dir);
  return status;
}
