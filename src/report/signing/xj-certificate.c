/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person's signing certificate: a personal self-signed one or one
 * imported from a PKCS#12 file.  The private key only ever touches the disk
 * as encrypted PKCS#8 (PBES2, AES-256) under a passphrase the caller asks
 * for; the certificate chain beside it is public and readable without it.
 * Creating or importing adds a certificate beside those stored before: a
 * key is never overwritten here (xj-certificate-store.c removes one, when
 * the user asks).
 */
#define G_LOG_DOMAIN "xj-certificate"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <gnutls/pkcs12.h>

#include "xj-certificate-private.h"
#include "xj-clock.h"

#define RSA_BITS      2048
#define VALIDITY_DAYS (5 * 365 + 1)

G_DEFINE_QUARK (xj-certificate-error-quark, xj_certificate_error)

/* --- helpers -------------------------------------------------------------- */

static gboolean
fail_gnutls (GError     **error,
             const char  *what,
             int          code)
{
  g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_FAILED,
               "%s (%s)", what, gnutls_strerror (code));
  return FALSE;
}

typedef int (*DnGetter) (gnutls_x509_crt_t, const char *, unsigned, unsigned, void *, size_t *);

/* A field of the subject's (or, with gnutls_x509_crt_get_issuer_dn_by_oid,
 * the issuer's) name, UTF-8, or "" when it has none. */
static char *
dup_dn_field (gnutls_x509_crt_t  crt,
              DnGetter           get,
              const char        *oid)
{
  g_autofree char *value = NULL;
  size_t size = 0;

  if (get (crt, oid, 0, 0, NULL, &size) != GNUTLS_E_SHORT_MEMORY_BUFFER)
    return g_strdup ("");
  value = g_malloc0 (size + 1);
  if (get (crt, oid, 0, 0, value, &size) < 0)
    return g_strdup ("");
  return g_steal_pointer (&value);
}

static char *
dup_fingerprint (gnutls_x509_crt_t crt)
{
  guint8 digest[32];
  size_t size = sizeof digest;
  GString *text = g_string_new (NULL);

  if (gnutls_x509_crt_get_fingerprint (crt, GNUTLS_DIG_SHA256, digest, &size) == 0)
    for (gsize i = 0; i < size; i++)
      g_string_append_printf (text, "%s%02X", i > 0 ? ":" : "", digest[i]);
  return g_string_free (text, FALSE);
}

/* The file name stem of a stored certificate: its SHA-256, lower-case hex. */
static char *
_xj_certificate_dup_id (gnutls_x509_crt_t crt)
{
  guint8 digest[32];
  size_t size = sizeof digest;

  GString *text = g_string_sized_new (2 * sizeof digest);

  if (gnutls_x509_crt_get_fingerprint (crt, GNUTLS_DIG_SHA256, digest, &size) == 0)
    for (gsize i = 0; i < size; i++)
      g_string_append_printf (text, "%02x", digest[i]);
  return g_string_free (text, FALSE);
}

static gboolean
check_passphrase (const char  *passphrase,
                  GError     **error)
{
  if (passphrase != NULL && *passphrase != '\0')
    return TRUE;
  g_set_error_literal (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_INVALID_INPUT,
                       _("Choose a passphrase to protect the signing key"));
  return FALSE;
}

static gboolean
read_file (const char  *path,
           char       **contents,
           gsize       *length,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_get_contents (path, contents, length, &local_error))
    return TRUE;
  g_set_error (error, XJ_CERTIFICATE_ERROR,
               g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
               ? XJ_CERTIFICATE_ERROR_NOT_FOUND : XJ_CERTIFICATE_ERROR_IO,
               _("Cannot read “%s”: %s"), path, local_error->message);
  return FALSE;
}

static gboolean
write_file (const char  *path,
            const char  *contents,
            gsize        length,
            int          mode,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_set_contents_full (path, contents, length,
                                G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                mode, &local_error))
    return TRUE;
  g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_IO,
               _("Cannot save the signing certificate: %s"), local_error->message);
  return FALSE;
}

/* Writes the encrypted key and the chain as a new certificate, beside the
 * others: the same certificate twice is refused, another one of the same
 * person is added.  The key file is created 0600 in a 0700 folder from the
 * start (never chmod-ed after the fact), so the ciphertext is not even
 * readable by other local users; the key is written first, so that a
 * listed certificate always has its key. */
static gboolean
store (const char             *data_dir,
       gnutls_x509_privkey_t   key,
       gnutls_x509_crt_t      *chain,
       guint                   n_chain,
       const char             *passphrase,
       GError                **error)
{
  g_autofree char *dir = g_build_filename (data_dir, XJ_CERTIFICATE_KEYS_DIR, NULL);
  g_autofree char *id = _xj_certificate_dup_id (chain[0]);
  g_autofree char *key_name = g_strconcat (id, ".key.pem", NULL);
  g_autofree char *chain_name = g_strconcat (id, ".crt.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, key_name, NULL);
  g_autofree char *chain_path = g_build_filename (dir, chain_name, NULL);
  g_autoptr(XjCertificate) existing = NULL;
  g_autoptr(GString) pem = g_string_new (NULL);
  gnutls_datum_t out = { NULL, 0 };
  gboolean ok;
  int ret;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  existing = xj_certificate_read (data_dir, id, NULL);
  if (existing != NULL)
    {
      g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_EXISTS,
                   _("The certificate of %s is already in this data folder"),
                   existing->subject_name);
      return FALSE;
    }

  for (guint i = 0; i < n_chain; i++)
    {
      ret = gnutls_x509_crt_export2 (chain[i], GNUTLS_X509_FMT_PEM, &out);
      if (ret < 0)
        return fail_gnutls (error, _("Cannot encode the certificate"), ret);
      g_string_append_len (pem, (const char *) out.data, out.size);
      gnutls_free (out.data);
    }

  ret = gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, passphrase,
                                           GNUTLS_PKCS_PBES2_AES_256, &out);
  if (ret < 0)
    return fail_gnutls (error, _("Cannot encrypt the private key"), ret);
  ok = write_file (key_path, (const char *) out.data, out.size, 0600, error);
  gnutls_free (out.data);

  return ok && write_file (chain_path, pem->str, pem->len, 0644, error);
}

static gboolean
make_self_signed (gnutls_x509_crt_t       crt,
                  gnutls_x509_privkey_t   key,
                  const char             *name,
                  const char             *organisation,
                  GError                **error)
{
  gint64 now = xj_clock_now ();
  guint8 serial[16];
  guint8 key_id[64];
  size_t key_id_size = sizeof key_id;
  int ret;

  /* A positive 128-bit random serial: unique without a counter. */
  gnutls_rnd (GNUTLS_RND_NONCE, serial, sizeof serial);
  serial[0] = (serial[0] & 0x7f) | 0x40;

  if ((ret = gnutls_x509_crt_set_version (crt, 3)) < 0 ||
      (ret = gnutls_x509_crt_set_serial (crt, serial, sizeof serial)) < 0 ||
      (ret = gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                            name, strlen (name))) < 0 ||
      (organisation[0] != '\0' &&
       (ret = gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_ORGANIZATION_NAME, 0,
                                             organisation, strlen (organisation))) < 0) ||
      (ret = gnutls_x509_crt_set_activation_time (crt, (time_t) now)) < 0 ||
      (ret = gnutls_x509_crt_set_expiration_time (crt, (time_t) (now + VALIDITY_DAYS * G_GINT64_CONSTANT (86400)))) < 0 ||
      (ret = gnutls_x509_crt_set_key (crt, key)) < 0 ||
      (ret = gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE |
                                                 GNUTLS_KEY_NON_REPUDIATION)) < 0 ||
      (ret = gnutls_x509_crt_set_basic_constraints (crt, 0, -1)) < 0 ||
      (ret = gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA1, key_id, &key_id_size)) < 0 ||
      (ret = gnutls_x509_crt_set_subject_key_id (crt, key_id, key_id_size)) < 0 ||
      (ret = gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0)) < 0)
    return fail_gnutls (error, _("Cannot create the certificate"), ret);
  return TRUE;
}

static gboolean
key_matches_certificate (gnutls_x509_privkey_t key,
                         gnutls_x509_crt_t     crt)
{
  guint8 key_id[32], crt_id[32];
  size_t key_size = sizeof key_id, crt_size = sizeof crt_id;

  return gnutls_x509_privkey_get_key_id (key, GNUTLS_KEYID_USE_SHA256, key_id, &key_size) == 0 &&
         gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA256, crt_id, &crt_size) == 0 &&
         key_size == crt_size && memcmp (key_id, crt_id, key_size) == 0;
}

/* --- XjCertificate ---------------------------------------------------------- */

XjCertificate *
_xj_certificate_new_take (gnutls_x509_crt_t *chain,
                          guint              n_chain)
{
  XjCertificate *certificate = g_new0 (XjCertificate, 1);
  gnutls_x509_crt_t leaf;

  g_assert (n_chain > 0);
  certificate->chain = g_memdup2 (chain, n_chain * sizeof *chain);
  certificate->n_chain = n_chain;
  leaf = chain[0];
  certificate->subject_name = dup_dn_field (leaf, gnutls_x509_crt_get_dn_by_oid,
                                            GNUTLS_OID_X520_COMMON_NAME);
  certificate->organisation = dup_dn_field (leaf, gnutls_x509_crt_get_dn_by_oid,
                                            GNUTLS_OID_X520_ORGANIZATION_NAME);
  certificate->fingerprint = dup_fingerprint (leaf);
  certificate->id = _xj_certificate_dup_id (leaf);
  certificate->issuer_name = dup_dn_field (leaf, gnutls_x509_crt_get_issuer_dn_by_oid,
                                           GNUTLS_OID_X520_COMMON_NAME);
  certificate->activation = gnutls_x509_crt_get_activation_time (leaf);
  certificate->expiry = gnutls_x509_crt_get_expiration_time (leaf);
  certificate->self_signed = gnutls_x509_crt_check_issuer (leaf, leaf) != 0;
  return certificate;
}

void
xj_certificate_free (XjCertificate *certificate)
{
  if (certificate == NULL)
    return;
  for (guint i = 0; i < certificate->n_chain; i++)
    gnutls_x509_crt_deinit (certificate->chain[i]);
  g_free (certificate->chain);
  g_free (certificate->subject_name);
  g_free (certificate->organisation);
  g_free (certificate->fingerprint);
  g_free (certificate->id);
  g_free (certificate->issuer_name);
  g_free (certificate->key_path);
  g_free (certificate);
}

/* The common name (CN) of the certificate's subject, UTF-8. */
const char *
xj_certificate_get_subject_name (XjCertificate *certificate)
{
  g_return_val_if_fail (certificate != NULL, NULL);
  return certificate->subject_name;
}

/* The organisation (O) of the subject, or "" when it has none. */
const char *
xj_certificate_get_organisation (XjCertificate *certificate)
{
  g_return_val_if_fail (certificate != NULL, NULL);
  return certificate->organisation;
}

/* SHA-256 of the certificate, as colon-separated upper-case hex. */
const char *
xj_certificate_get_fingerprint (XjCertificate *certificate)
{
  g_return_val_if_fail (certificate != NULL, NULL);
  return certificate->fingerprint;
}

/* The ID that names it in this data folder (xj_certificate_read). */
const char *
xj_certificate_get_id (XjCertificate *certificate)
{
  g_return_val_if_fail (certificate != NULL, NULL);
  return certificate->id;
}

/* The leaf certificate in PEM, public part only (for the team's register
 * of members' certificates); NULL when it cannot be encoded. */
char *
xj_certificate_dup_pem (XjCertificate *certificate)
{
  gnutls_datum_t out = { NULL, 0 };
  char *pem;

  g_return_val_if_fail (certificate != NULL, NULL);

  if (gnutls_x509_crt_export2 (certificate->chain[0], GNUTLS_X509_FMT_PEM, &out) < 0)
    return NULL;
  pem = g_strndup ((const char *) out.data, out.size);
  gnutls_free (out.data);
  return pem;
}

/* The common name of the issuer: the holder's own for a personal one. */
const char *
xj_certificate_get_issuer_name (XjCertificate *certificate)
{
  g_return_val_if_fail (certificate != NULL, NULL);
  return certificate->issuer_name;
}

/* Whether its private key is stored beside it, so that it can sign. */
gboolean
xj_certificate_has_key (XjCertificate *certificate)
{
  g_return_val_if_fail (certificate != NULL, FALSE);
  return certificate->key_path != NULL;
}

/* Whether @name (as typed: surrounding spaces do not count) is its holder. */
gboolean
xj_certificate_is_held_by (XjCertificate *certificate,
                           const char    *name)
{
  g_autofree char *clean = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_return_val_if_fail (certificate != NULL, FALSE);
  if (name == NULL)
    return FALSE;
  clean = g_strstrip (g_strdup (name));
  a = g_utf8_normalize (clean, -1, G_NORMALIZE_NFC);
  b = g_utf8_normalize (certificate->subject_name, -1, G_NORMALIZE_NFC);
  return a != NULL && b != NULL && *a != '\0' && strcmp (a, b) == 0;
}

gint64
xj_certificate_get_activation (XjCertificate *certificate)
{
  g_return_val_if_fail (certificate != NULL, 0);
  return certificate->activation;
}

gint64
xj_certificate_get_expiry (XjCertificate *certificate)
{
  g_return_val_if_fail (certificate != NULL, 0);
  return certificate->expiry;
}

gboolean
xj_certificate_is_self_signed (XjCertificate *certificate)
{
  g_return_val_if_fail (certificate != NULL, FALSE);
  return certificate->self_signed;
}

XjCertificate *
xj_signer_get_certificate (XjSigner *signer)
{
  g_return_val_if_fail (signer != NULL, NULL);
  return signer->certificate;
}

void
xj_signer_free (XjSigner *signer)
{
  if (signer == NULL)
    return;
  g_clear_pointer (&signer->key, gnutls_privkey_deinit);
  g_clear_pointer (&signer->certificate, xj_certificate_free);
  g_free (signer);
}

/* --- public API ------------------------------------------------------------- */

/* Creates an RSA-2048 key and a five-year self-signed certificate for
 * digital signatures (the combination every PDF reader's NSS or OpenSSL
 * verifies), beside any certificate stored before (the person's older
 * ones too: they still verify the reports they signed). */
gboolean
xj_certificate_create_self_signed (const char  *data_dir,
                                   const char  *name,
                                   const char  *organisation,
                                   const char  *passphrase,
                                   GError     **error)
{
  g_auto(gnutls_x509_privkey_t) key = NULL;
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_organisation = NULL;
  int ret;

  g_return_val_if_fail (data_dir != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clean_name = g_strstrip (g_strdup (name));
  clean_organisation = g_strstrip (g_strdup (organisation != NULL ? organisation : ""));
  if (*clean_name == '\0' || !g_utf8_validate (clean_name, -1, NULL) ||
      !g_utf8_validate (clean_organisation, -1, NULL))
    {
      g_set_error_literal (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_INVALID_INPUT,
                           _("Enter the name of the person who signs"));
      return FALSE;
    }
  if (!check_passphrase (passphrase, error))
    return FALSE;

  if ((ret = gnutls_x509_privkey_init (&key)) < 0 ||
      (ret = gnutls_x509_privkey_generate (key, GNUTLS_PK_RSA, RSA_BITS, 0)) < 0)
    return fail_gnutls (error, _("Cannot create the key"), ret);
  if ((ret = gnutls_x509_crt_init (&crt)) < 0)
    return fail_gnutls (error, _("Cannot create the certificate"), ret);
  if (!make_self_signed (crt, key, clean_name, clean_organisation, error))
    return FALSE;
  return store (data_dir, key, &crt, 1, passphrase, error);
}

/* Reads the key and chain of a .p12 / .pfx file. */
static gboolean
parse_pkcs12 (const char             *file,
              const char             *pkcs12_password,
              gnutls_x509_privkey_t  *key,
              gnutls_x509_crt_t     **chain,
              unsigned int           *n_chain,
              GError                **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  gnutls_pkcs12_t p12 = NULL;
  gnutls_datum_t data;
  gsize length = 0;
  gboolean ok = FALSE;
  int ret;

  if (!read_file (file, &contents, &length, error))
    return FALSE;
  basename = g_filename_display_basename (file);
  data.data = (unsigned char *) contents;
  data.size = length;

  if ((ret = gnutls_pkcs12_init (&p12)) < 0)
    return fail_gnutls (error, _("Cannot read the certificate file"), ret);
  if (gnutls_pkcs12_import (p12, &data, GNUTLS_X509_FMT_DER, 0) < 0 &&
      gnutls_pkcs12_import (p12, &data, GNUTLS_X509_FMT_PEM, 0) < 0)
    {
      g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_NOT_PKCS12,
                   _("“%s” is not a PKCS#12 certificate file (.p12 or .pfx)"), basename);
      goto out;
    }

  /* The MAC is the cheap, unambiguous wrong-password test; files without one
   * fail below when their bags do not decrypt. */
  ret = gnutls_pkcs12_verify_mac (p12, pkcs12_password);
  if (ret == GNUTLS_E_MAC_VERIFY_FAILED)
    {
      g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSWORD,
                   _("The password of “%s” is wrong"), basename);
      goto out;
    }

  ret = gnutls_pkcs12_simple_parse (p12, pkcs12_password, key, chain, n_chain,
                                    NULL, NULL, NULL, 0);
  if (ret == GNUTLS_E_DECRYPTION_FAILED)
    g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSWORD,
                 _("The password of “%s” is wrong"), basename);
  else if (ret < 0 || *key == NULL || *n_chain == 0)
    g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_NO_KEY,
                 _("“%s” does not contain a private key with its certificate"), basename);
  else
    ok = TRUE;

out:
  gnutls_pkcs12_deinit (p12);
  return ok;
}

static void
free_parsed (gnutls_x509_privkey_t  key,
             gnutls_x509_crt_t     *chain,
             unsigned int           n_chain)
{
  for (guint i = 0; i < n_chain; i++)
    gnutls_x509_crt_deinit (chain[i]);
  gnutls_free (chain);
  if (key != NULL)
    gnutls_x509_privkey_deinit (key);
}

/* Imports the key and chain of a .p12 / .pfx file, beside the certificates
 * stored before; from then on the key is protected by @new_passphrase, not
 * by the file's password. */
gboolean
xj_certificate_import_pkcs12 (const char  *data_dir,
                              const char  *file,
                              const char  *pkcs12_password,
                              const char  *new_passphrase,
                              GError     **error)
{
  gnutls_x509_privkey_t key = NULL;
  gnutls_x509_crt_t *chain = NULL;
  unsigned int n_chain = 0;
  gboolean ok;

  g_return_val_if_fail (data_dir != NULL, FALSE);
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = check_passphrase (new_passphrase, error)
       && parse_pkcs12 (file, pkcs12_password, &key, &chain, &n_chain, error)
       && store (data_dir, key, chain, n_chain, new_passphrase, error);
  free_parsed (key, chain, n_chain);
  return ok;
}

/**
 * xj_certificate_peek_pkcs12:
 *
 * The certificate a .p12 / .pfx file holds, without storing anything: to
 * ask before adding a certificate for someone who has one.
 * Returns: (transfer full): the certificate, or %NULL with @error set.
 */
XjCertificate *
xj_certificate_peek_pkcs12 (const char  *file,
                            const char  *pkcs12_password,
                            GError     **error)
{
  gnutls_x509_privkey_t key = NULL;
  gnutls_x509_crt_t *chain = NULL;
  unsigned int n_chain = 0;
  XjCertificate *certificate;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_pkcs12 (file, pkcs12_password, &key, &chain, &n_chain, error))
    {
      free_parsed (key, chain, n_chain);
      return NULL;
    }
  certificate = _xj_certificate_new_take (chain, n_chain);
  free_parsed (key, NULL, 0);
  gnutls_free (chain);
  return certificate;
}

/* Decrypts the key of the certificate @id with @passphrase. */
XjSigner *
xj_certificate_load (const char  *data_dir,
                     const char  *id,
                     const char  *passphrase,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(gnutls_x509_privkey_t) x509_key = NULL;
  g_auto(gnutls_privkey_t) key = NULL;
  g_autoptr(XjCertificate) certificate = NULL;
  XjSigner *signer;
  gnutls_datum_t data;
  gsize length = 0;
  int ret;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  certificate = xj_certificate_read (data_dir, id, error);
  if (certificate == NULL)
    return NULL;
  if (certificate->key_path == NULL)
    {
      g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_NO_KEY,
                   _("The private key of %s’s certificate is not in this data folder: it "
                     "can verify reports but not sign them"), certificate->subject_name);
      return NULL;
    }
  if (!read_file (certificate->key_path, &contents, &length, error))
    return NULL;
  data.data = (unsigned char *) contents;
  data.size = length;

  if ((ret = gnutls_x509_privkey_init (&x509_key)) < 0)
    {
      fail_gnutls (error, _("Cannot read the signing key"), ret);
      return NULL;
    }
  ret = gnutls_x509_privkey_import_pkcs8 (x509_key, &data, GNUTLS_X509_FMT_PEM,
                                          passphrase != NULL ? passphrase : "", 0);
  if (ret == GNUTLS_E_DECRYPTION_FAILED)
    {
      g_set_error_literal (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE,
                           _("The passphrase of the signing key is wrong"));
      return NULL;
    }
  if (ret < 0)
    {
      fail_gnutls (error, _("The stored signing key is damaged"), ret);
      return NULL;
    }
  if (!key_matches_certificate (x509_key, certificate->chain[0]))
    {
      g_set_error_literal (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_FAILED,
                           _("The stored signing key does not belong to the stored certificate"));
      return NULL;
    }

  if ((ret = gnutls_privkey_init (&key)) < 0 ||
      (ret = gnutls_privkey_import_x509 (key, x509_key, GNUTLS_PRIVKEY_IMPORT_AUTO_RELEASE)) < 0)
    {
      fail_gnutls (error, _("Cannot read the signing key"), ret);
      return NULL;
    }
  x509_key = NULL;  /* owned by key now */

  signer = g_new0 (XjSigner, 1);
  signer->key = g_steal_pointer (&key);
  signer->certificate = g_steal_pointer (&certificate);
  return signer;
}
