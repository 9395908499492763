/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CMS (PKCS#7) side of PDF signatures: a detached SignedData over the
 * signed byte ranges with SHA-256, the signing time and the certificate
 * chain, and its verification with the certificate it carries.
 */
#define G_LOG_DOMAIN "xj-pdf-sign"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>
#include <gnutls/pkcs7.h>

#include "xj-pdf-sign-private.h"

#define OID_MESSAGE_DIGEST "1.2.840.113549.1.9.4"

static void
trust_list_free (gnutls_x509_trust_list_t list)
{
  gnutls_x509_trust_list_deinit (list, 1);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pkcs7_t, gnutls_pkcs7_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_trust_list_t, trust_list_free, NULL)

GBytes *
_xj_pdf_cms_sign (XjSigner      *signer,
                  const guint8  *data,
                  gsize          size,
                  GError       **error)
{
  g_auto(gnutls_pkcs7_t) pkcs7 = NULL;
  XjCertificate *certificate = signer->certificate;
  gnutls_datum_t content = { (unsigned char *) data, (unsigned int) size };
  gnutls_datum_t out = { NULL, 0 };
  GBytes *der;
  int ret;

  g_assert (size <= G_MAXUINT);
  if ((ret = gnutls_pkcs7_init (&pkcs7)) < 0 ||
      (ret = gnutls_pkcs7_sign (pkcs7, certificate->chain[0], signer->key, &content,
                                NULL, NULL, GNUTLS_DIG_SHA256,
                                GNUTLS_PKCS7_INCLUDE_TIME | GNUTLS_PKCS7_INCLUDE_CERT)) < 0)
    goto fail;
  /* The rest of an imported chain, so readers can build the path to its CA. */
  for (guint i = 1; i < certificate->n_chain; i++)
    if ((ret = gnutls_pkcs7_set_crt (pkcs7, certificate->chain[i])) < 0)
      goto fail;
  if ((ret = gnutls_pkcs7_export2 (pkcs7, GNUTLS_X509_FMT_DER, &out)) < 0)
    goto fail;

  der = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  return der;

fail:
  g_set_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_FAILED,
               _("Cannot sign the document: %s"), gnutls_strerror (ret));
  return NULL;
}

/* --- verification ----------------------------------------------------------- */

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

/* Fills @result's integrity, signer and trust fields.  When the signature
 * does not hold, sets its reason and @code and returns FALSE. */
gboolean
_xj_pdf_cms_verify (GBytes            *der,
                    const guint8      *data,
                    gsize              size,
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
  result->signer_name = g_strdup (certificate->subject_name);
  result->organisation = g_strdup (certificate->organisation);
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

  result->trusted = result->intact && chain_is_trusted (certificate);
  gnutls_pkcs7_signature_info_deinit (&info);
  return result->intact;
}
