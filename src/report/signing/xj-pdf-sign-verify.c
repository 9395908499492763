/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Verifying a signed PDF: the last signature's /ByteRange must span the
 * whole file except its own /Contents, the /Contents must be exactly the
 * CMS signature and its zero padding, the CMS signature must match the
 * digest of the signed bytes, and the certificate it carries must be
 * unaltered (its own signature checks out against its issuer).  Integrity
 * and identity are told apart: a personal self-signed certificate proves
 * the document unchanged, and names its holder only when the data folder
 * knows that very certificate (or an authority vouches for it).
 */
#define G_LOG_DOMAIN "xj-pdf-sign"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>
#include <gnutls/pkcs7.h>
#include <string.h>

#include "xj-clock.h"
#include "xj-pdf-sign-private.h"

#define OID_MESSAGE_DIGEST "1.2.840.113549.1.9.4"

typedef struct {
  gint64 range[4];  /* offset and length of the two signed parts */
} Signature;

static void
trust_list_free (gnutls_x509_trust_list_t list)
{
  gnutls_x509_trust_list_deinit (list, 1);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pkcs7_t, gnutls_pkcs7_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_trust_list_t, trust_list_free, NULL)

/* --- helpers -------------------------------------------------------------- */

static gboolean
read_byte_range (const guint8 *data,
                 gsize         size,
                 gsize         pos,
                 Signature    *signature)
{
  pos = _xj_pdf_skip_space (data, size, pos);
  if (pos >= size || data[pos] != '[')
    return FALSE;
  pos++;
  for (guint i = 0; i < 4; i++)
    if (!_xj_pdf_read_int (data, size, &pos, &signature->range[i]) || signature->range[i] < 0)
      return FALSE;
  pos = _xj_pdf_skip_space (data, size, pos);
  return pos < size && data[pos] == ']';
}

/* The signature whose signed bytes reach furthest: the last one made.  Only
 * the byte ranges are read, wherever they are, so that a damaged
 * cross-reference table still gets a precise verdict. */
static gboolean
find_last_signature (const guint8 *data,
                     gsize         size,
                     Signature    *last)
{
  static const char key[] = "/ByteRange";
  const gsize key_length = sizeof key - 1;
  gboolean found = FALSE;

  for (const guint8 *p = data; (p = memchr (p, '/', size - (p - data))) != NULL; p++)
    {
      Signature candidate;

      if ((gsize) (data + size - p) < key_length || memcmp (p, key, key_length) != 0 ||
          !read_byte_range (data, size, p - data + key_length, &candidate))
        continue;
      if (!found || candidate.range[2] + candidate.range[3] >= last->range[2] + last->range[3])
        *last = candidate;
      found = TRUE;
    }
  return found;
}

/* The length of the DER element at the start of @der, so that the zero
 * padding of the /Contents placeholder can be cut off; 0 if malformed. */
static gsize
der_length (const guint8 *der,
            gsize         size)
{
  gsize length = 0, header = 2;

  if (size < 2 || der[0] != 0x30)
    return 0;
  if (der[1] < 0x80)
    length = der[1];
  else
    {
      guint n = der[1] & 0x7f;

      if (n == 0 || n > 4 || size < 2 + n)
        return 0;
      for (guint i = 0; i < n; i++)
        length = (length << 8) | der[2 + i];
      header += n;
    }
  return header + length <= size ? header + length : 0;
}

/* The DER signature of the /Contents hex string.  The placeholder is
 * larger than the signature: what follows the DER must be zeros, and the
 * hex digits must be whole bytes.  Sets @altered when bytes follow the
 * signature (a change to the field, never written by a signer). */
static GBytes *
decode_contents (const guint8 *hex,
                 gsize         length,
                 gboolean     *altered)
{
  g_autoptr(GByteArray) der = g_byte_array_sized_new (length / 2);
  int high = -1;
  gsize used;

  *altered = FALSE;
  for (gsize i = 0; i < length; i++)
    {
      int nibble = g_ascii_xdigit_value (hex[i]);

      if (nibble < 0)
        {
          if (g_ascii_isspace (hex[i]))
            continue;
          return NULL;
        }
      if (high < 0)
        high = nibble;
      else
        {
          guint8 byte = (guint8) (high << 4 | nibble);

          g_byte_array_append (der, &byte, 1);
          high = -1;
        }
    }
  used = der_length (der->data, der->len);
  if (used == 0 || high >= 0)
    return NULL;
  for (gsize i = used; i < der->len; i++)
    if (der->data[i] != 0)
      {
        *altered = TRUE;
        return NULL;
      }
  g_byte_array_set_size (der, used);
  return g_byte_array_free_to_bytes (g_steal_pointer (&der));
}

/* --- the CMS signature ----------------------------------------------------- */

/* The embedded certificates, the one that made signature @info first. */
static XjCertificate *
dup_signer_chain (gnutls_pkcs7_t                  pkcs7,
                  gnutls_pkcs7_signature_info_st *info)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  int count = gnutls_pkcs7_get_crt_count (pkcs7);
  gboolean found = FALSE;

  for (int i = 0; i < count; i++)
    {
      gnutls_datum_t raw = { NULL, 0 }, issuer = { NULL, 0 };
      guint8 serial[64], key_id[64];
      size_t serial_size = sizeof serial, key_id_size = sizeof key_id;
      gnutls_x509_crt_t crt = NULL;
      gboolean is_signer;

      if (gnutls_pkcs7_get_crt_raw2 (pkcs7, i, &raw) < 0)
        continue;
      if (gnutls_x509_crt_init (&crt) < 0 ||
          gnutls_x509_crt_import (crt, &raw, GNUTLS_X509_FMT_DER) < 0)
        {
          g_clear_pointer (&crt, gnutls_x509_crt_deinit);
          gnutls_free (raw.data);
          continue;
        }
      gnutls_free (raw.data);

      if (info->issuer_keyid.size > 0)
        is_signer = gnutls_x509_crt_get_subject_key_id (crt, key_id, &key_id_size, NULL) == 0 &&
                    key_id_size == info->issuer_keyid.size &&
                    memcmp (key_id, info->issuer_keyid.data, key_id_size) == 0;
      else
        is_signer = gnutls_x509_crt_get_raw_issuer_dn (crt, &issuer) == 0 &&
                    issuer.size == info->issuer_dn.size &&
                    memcmp (issuer.data, info->issuer_dn.data, issuer.size) == 0 &&
                    gnutls_x509_crt_get_serial (crt, serial, &serial_size) == 0 &&
                    serial_size == info->signer_serial.size &&
                    memcmp (serial, info->signer_serial.data, serial_size) == 0;
      gnutls_free (issuer.data);

      if (is_signer && !found)
        {
          g_ptr_array_insert (chain, 0, crt);
          found = TRUE;
        }
      else
        g_ptr_array_add (chain, crt);
    }

  if (!found)
    {
      for (guint i = 0; i < chain->len; i++)
        gnutls_x509_crt_deinit (g_ptr_array_index (chain, i));
      return NULL;
    }
  return _xj_certificate_new_take ((gnutls_x509_crt_t *) chain->pdata, chain->len);
}

/* Tells a changed document from a forged or damaged signature, for the
 * reason shown to the user. */
static gboolean
digest_matches (gnutls_pkcs7_signature_info_st *info,
                const guint8                   *data,
                gsize                           size)
{
  gnutls_digest_algorithm_t algorithm = gnutls_sign_get_hash_algorithm (info->algo);
  guint8 digest[64];

  if (gnutls_hash_fast (algorithm, data, size, digest) < 0)
    return FALSE;
  for (guint i = 0; ; i++)
    {
      gnutls_datum_t value = { NULL, 0 };
      char *oid = NULL;
      gboolean match;

      if (gnutls_pkcs7_get_attr (info->signed_attrs, i, &oid, &value,
                                 GNUTLS_PKCS7_ATTR_ENCODE_OCTET_STRING) < 0)
        return FALSE;
      match = g_strcmp0 (oid, OID_MESSAGE_DIGEST) == 0 &&
              value.size == (unsigned int) gnutls_hash_get_len (algorithm) &&
              memcmp (value.data, digest, value.size) == 0;
      gnutls_free (value.data);
      if (g_strcmp0 (oid, OID_MESSAGE_DIGEST) == 0)
        return match;
    }
}

static gboolean
chain_is_trusted (XjCertificate *certificate)
{
  g_auto(gnutls_x509_trust_list_t) trust = NULL;
  unsigned int status = 0;

  if (gnutls_x509_trust_list_init (&trust, 0) < 0 ||
      gnutls_x509_trust_list_add_system_trust (trust, 0, 0) <= 0)
    return FALSE;
  /* Time is judged against the signing time by the caller: an archived report
   * stays valid after its certificate expires. */
  return gnutls_x509_trust_list_verify_crt2 (trust, certificate->chain, certificate->n_chain,
                                             NULL, 0, GNUTLS_VERIFY_DISABLE_TIME_CHECKS,
                                             &status, NULL) == 0 && status == 0;
}

/* Whether @crt's own signature holds against @issuer: a certificate whose
 * name was changed after it was issued fails here. */
static gboolean
signed_by (gnutls_x509_crt_t crt,
           gnutls_x509_crt_t issuer)
{
  unsigned int status = 0;

  /* DO_NOT_ALLOW_SAME: a self-signed certificate is checked against its own
   * key, not accepted for being identical to the "trusted" one. */
  return gnutls_x509_crt_list_verify (&crt, 1, &issuer, 1, NULL, 0,
                                      GNUTLS_VERIFY_DISABLE_TIME_CHECKS |
                                      GNUTLS_VERIFY_DISABLE_CA_SIGN |
                                      GNUTLS_VERIFY_DO_NOT_ALLOW_SAME |
                                      GNUTLS_VERIFY_ALLOW_BROKEN,
                                      &status) == 0 && status == 0;
}

static gboolean
same_key (gnutls_x509_crt_t a,
          gnutls_x509_crt_t b)
{
  guint8 a_id[32], b_id[32];
  size_t a_size = sizeof a_id, b_size = sizeof b_id;

  return gnutls_x509_crt_get_key_id (a, GNUTLS_KEYID_USE_SHA256, a_id, &a_size) == 0 &&
         gnutls_x509_crt_get_key_id (b, GNUTLS_KEYID_USE_SHA256, b_id, &b_size) == 0 &&
         a_size == b_size && memcmp (a_id, b_id, a_size) == 0;
}

/* Whether @crt's signature checks out against the issuer it names, where
 * that issuer is at hand: in @certificate's chain (itself, when
 * self-signed) or among the data folder's (@known).  Sets @checked when an
 * issuer was found. */
static gboolean
issuer_signature_holds (gnutls_x509_crt_t  crt,
                        XjCertificate     *certificate,
                        GPtrArray         *known,
                        gboolean          *checked)
{
  *checked = FALSE;
  for (guint j = 0; j < certificate->n_chain; j++)
    if (gnutls_x509_crt_check_issuer (crt, certificate->chain[j]))
      {
        *checked = TRUE;
        return signed_by (crt, certificate->chain[j]);
      }
  for (guint j = 0; known != NULL && j < known->len; j++)
    {
      XjCertificate *mine = g_ptr_array_index (known, j);

      if (gnutls_x509_crt_check_issuer (crt, mine->chain[0]))
        {
          *checked = TRUE;
          return signed_by (crt, mine->chain[0]);
        }
    }
  return TRUE;
}

/* Checks the signing certificate and its chain.  Returns FALSE when one was
 * altered: its signature fails against its issuer, or (its issuer's name
 * being changed too, so that it cannot be checked) the leaf carries the key
 * of a certificate the data folder keeps without being that certificate.
 * Sets @is_known when the leaf is one of @known. */
static gboolean
check_certificate (XjCertificate *certificate,
                   GPtrArray     *known,
                   gboolean      *is_known)
{
  gnutls_x509_crt_t leaf = certificate->chain[0];
  gboolean leaf_checked = FALSE;

  *is_known = FALSE;
  for (guint i = 0; i < certificate->n_chain; i++)
    {
      gboolean checked;

      if (!issuer_signature_holds (certificate->chain[i], certificate, known, &checked))
        return FALSE;
      if (i == 0)
        leaf_checked = checked;
    }
  for (guint i = 0; known != NULL && i < known->len; i++)
    {
      XjCertificate *mine = g_ptr_array_index (known, i);

      if (g_strcmp0 (mine->id, certificate->id) == 0)
        *is_known = TRUE;
      /* A renewal may keep its key: that one's issuer vouches for it. */
      else if (!leaf_checked && same_key (mine->chain[0], leaf))
        return FALSE;
    }
  return TRUE;
}

/* Fills @result's integrity, signer and trust fields.  When the signature
 * does not hold, sets its reason and @code and returns FALSE. */
static gboolean
verify_cms (GBytes            *der,
            const guint8      *data,
            gsize              size,
            GPtrArray         *known,
            XjPdfVerifyResult *result,
            XjPdfSignError    *code)
{
  g_auto(gnutls_pkcs7_t) pkcs7 = NULL;
  g_autoptr(XjCertificate) certificate = NULL;
  gnutls_pkcs7_signature_info_st info;
  gnutls_datum_t content = { (unsigned char *) data, (unsigned int) size };
  gnutls_datum_t encoded = { (unsigned char *) g_bytes_get_data (der, NULL),
                             (unsigned int) g_bytes_get_size (der) };

  memset (&info, 0, sizeof info);
  if (gnutls_pkcs7_init (&pkcs7) < 0 ||
      gnutls_pkcs7_import (pkcs7, &encoded, GNUTLS_X509_FMT_DER) < 0 ||
      gnutls_pkcs7_get_signature_info (pkcs7, 0, &info) < 0)
    {
      result->reason = g_strdup (_("The signature data in the document is damaged"));
      *code = XJ_PDF_SIGN_ERROR_INVALID;
      return FALSE;
    }

  certificate = dup_signer_chain (pkcs7, &info);
  if (certificate == NULL)
    {
      result->reason = g_strdup (_("The signature does not include the signer’s certificate"));
      gnutls_pkcs7_signature_info_deinit (&info);
      *code = XJ_PDF_SIGN_ERROR_INVALID;
      return FALSE;
    }
  result->fingerprint = g_strdup (certificate->fingerprint);
  result->self_signed = certificate->self_signed;
  result->signing_time = info.signing_time > 0 ? (gint64) info.signing_time : 0;
  result->certificate_valid = result->signing_time == 0 ||
                              (result->signing_time >= certificate->activation &&
                               result->signing_time <= certificate->expiry);

  if (gnutls_pkcs7_verify_direct (pkcs7, certificate->chain[0], 0, &content,
                                  GNUTLS_VERIFY_DISABLE_TIME_CHECKS) == 0)
    result->intact = TRUE;
  else if (!digest_matches (&info, data, size))
    {
      result->reason = g_strdup (_("The document was changed after it was signed: the digest does not match"));
      *code = XJ_PDF_SIGN_ERROR_ALTERED;
    }
  else
    {
      result->reason = g_strdup (_("The signature is invalid: it was not made with the key of the certificate it carries"));
      *code = XJ_PDF_SIGN_ERROR_INVALID;
    }

  gnutls_pkcs7_signature_info_deinit (&info);
  if (!result->intact)
    return FALSE;
  if (!check_certificate (certificate, known, &result->known))
    {
      result->intact = FALSE;
      result->reason = g_strdup_printf (_("The signer’s certificate was altered after it was "
                                          "issued: its own signature does not match "
                                          "(fingerprint %s)"), certificate->fingerprint);
      *code = XJ_PDF_SIGN_ERROR_INVALID;
      return FALSE;
    }
  result->trusted = chain_is_trusted (certificate);
  /* A name is only as good as the certificate it comes from. */
  if (result->known || result->trusted)
    {
      result->signer_name = g_strdup (certificate->subject_name);
      result->organisation = g_strdup (certificate->organisation);
    }
  return TRUE;
}

/* --- the verdict ------------------------------------------------------------ */

static char *
describe_verdict (const XjPdfVerifyResult *result)
{
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;

  if (result->organisation != NULL && result->organisation[0] != '\0')
    /* Translators: the signer's name, then their organisation. */
    who = g_strdup_printf (C_("signer", "%s, %s"), result->signer_name, result->organisation);
  else
    who = g_strdup (result->signer_name);
  when = result->signing_time > 0 ? xj_format_iso8601 (result->signing_time)
                                  : g_strdup (_("an unknown time"));

  if (result->trusted)
    return g_strdup_printf (_("Intact: signed by %s at %s with a certificate from a trusted authority"),
                            who, when);
  /* Known: the data folder keeps this very certificate for its holder. */
  return g_strdup_printf (_("Intact: signed by %s at %s, with the certificate this data folder keeps for them"),
                          who, when);
}

/* Sets @result's reason and, with the same words, @error. */
/* --- shared with the archive's check ----------------------------------------- */

/* Takes @reason: it becomes what the verification says (@reason_slot) and
 * the message of @error.  Returns FALSE, for `return _xj_verify_fail (…)`. */
gboolean
_xj_verify_fail (char    **reason_slot,
                 GError  **error,
                 GQuark    domain,
                 int       code,
                 char     *reason)
{
  g_free (*reason_slot);
  *reason_slot = reason;
  g_set_error_literal (error, domain, code, reason);
  return FALSE;
}

/* --- public API ------------------------------------------------------------- */

void
xj_pdf_verify_result_clear (XjPdfVerifyResult *result)
{
  g_clear_pointer (&result->signer_name, g_free);
  g_clear_pointer (&result->organisation, g_free);
  g_clear_pointer (&result->fingerprint, g_free);
  g_clear_pointer (&result->reason, g_free);
  memset (result, 0, sizeof *result);
}

/* Verifies the signature of the PDF at @path against the certificates of
 * @data_dir (NULL: none).  Returns TRUE only when the document is intact,
 * entirely covered by the signature, was signed while the certificate was
 * valid, and the certificate is one of @data_dir's or vouched for by a
 * trusted authority; otherwise sets @error to the one-line reason, which
 * @result (if not NULL) also holds with what was found.  Intact but signed
 * by a certificate no one here knows is %XJ_PDF_SIGN_ERROR_UNKNOWN_SIGNER,
 * with result->intact set. */
gboolean
xj_pdf_verify_file (const char         *path,
                    const char         *data_dir,
                    XjPdfVerifyResult  *result,
                    GError            **error)
{
  g_autoptr(GPtrArray) known = NULL;
  gboolean padding_altered = FALSE;
  g_auto(XjPdfVerifyResult) local_result = { 0 };
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autofree guint8 *signed_data = NULL;
  XjPdfSignError code = XJ_PDF_SIGN_ERROR_FAILED;
  const guint8 *data;
  Signature signature = { { 0 } };
  gint64 *range = signature.range;
  gsize size;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (result == NULL)
    result = &local_result;
  xj_pdf_verify_result_clear (result);

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      return _xj_verify_fail (&result->reason, error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_IO,
                              g_strdup_printf (_("Cannot read “%s”: %s"), display, local_error->message));
    }
  data = (const guint8 *) g_mapped_file_get_contents (file);
  size = g_mapped_file_get_length (file);

  if (data == NULL || !find_last_signature (data, size, &signature))
    return _xj_verify_fail (&result->reason, error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_NOT_SIGNED,
                            g_strdup (_("The document is not signed")));
  if ((guint64) range[0] + range[1] > (guint64) range[2] ||
      (guint64) range[2] + range[3] > size)
    return _xj_verify_fail (&result->reason, error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_ALTERED,
                            g_strdup (_("The document was changed after it was signed: part of it is missing")));
  if (range[2] - (range[0] + range[1]) < 2 ||
      data[range[0] + range[1]] != '<' || data[range[2] - 1] != '>' ||
      (der = decode_contents (data + range[0] + range[1] + 1,
                              range[2] - (range[0] + range[1]) - 2, &padding_altered)) == NULL)
    return _xj_verify_fail (&result->reason, error, XJ_PDF_SIGN_ERROR, padding_altered ? XJ_PDF_SIGN_ERROR_ALTERED : XJ_PDF_SIGN_ERROR_INVALID,
                            padding_altered
                            ? g_strdup (_("The signature field was changed after signing: it holds data after the signature"))
                            : g_strdup (_("The signature data in the document is damaged")));
  /* A damaged certificate file is left out, not fatal: it names no one. */
  if (data_dir != NULL)
    known = xj_certificate_list (data_dir, NULL);

  /* One copy of the signed bytes, contiguous, for the CMS verifier. */
  signed_data = g_malloc (range[1] + range[3] + 1);
  memcpy (signed_data, data + range[0], range[1]);
  memcpy (signed_data + range[1], data + range[2], range[3]);
  if (!verify_cms (der, signed_data, range[1] + range[3], known, result, &code))
    return _xj_verify_fail (&result->reason, error, XJ_PDF_SIGN_ERROR, code,
                            g_steal_pointer (&result->reason));

  result->covers_whole_file = range[0] == 0 && (guint64) range[2] + range[3] == size;
  if ((guint64) range[2] + range[3] < size)
    return _xj_verify_fail (&result->reason, error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_ALTERED,
                            g_strdup (_("The document was changed after it was signed: content was added after the signature")));
  if (!result->covers_whole_file)
    return _xj_verify_fail (&result->reason, error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_INCOMPLETE,
                            g_strdup (_("The signature does not cover the whole document")));
  if (!result->certificate_valid)
    return _xj_verify_fail (&result->reason, error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_INVALID,
                            g_strdup (_("The certificate was not valid when the document was signed")));

  if (!result->known && !result->trusted)
    return _xj_verify_fail (&result->reason, error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_UNKNOWN_SIGNER,
                            g_strdup_printf (_("The signature is valid, but by an unknown certificate "
                                               "(fingerprint %s): no certificate in this data folder "
                                               "vouches for who signed"), result->fingerprint));
  result->reason = describe_verdict (result);
  return TRUE;
}
