/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CMS (PKCS#7) signature of a PDF: a detached SignedData over the
 * SHA-256 digest of the signed byte ranges, with the signing time and the
 * certificate chain.
 */
#define G_LOG_DOMAIN "xj-pdf-sign"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>

#include "xj-clock.h"
#include "xj-pdf-sign-private.h"

#define OID_DATA           "1.2.840.113549.1.7.1"
#define OID_SIGNED_DATA    "1.2.840.113549.1.7.2"
#define OID_CONTENT_TYPE   "1.2.840.113549.1.9.3"
#define OID_MESSAGE_DIGEST "1.2.840.113549.1.9.4"
#define OID_SIGNING_TIME   "1.2.840.113549.1.9.5"
#define OID_SHA256         "2.16.840.1.101.3.4.2.1"

/* --- a minimal DER writer ----------------------------------------------------- */

enum {
  TAG_INTEGER      = 0x02,
  TAG_OCTET_STRING = 0x04,
  TAG_NULL         = 0x05,
  TAG_OID          = 0x06,
  TAG_UTC_TIME     = 0x17,
  TAG_SEQUENCE     = 0x30,
  TAG_SET          = 0x31,
  TAG_CONTEXT_0    = 0xa0,
};

static void
put (GByteArray   *out,
     guint8        tag,
     const guint8 *content,
     gsize         length)
{
  guint8 header[2 + sizeof (gsize)];
  guint n = 0;

  header[n++] = tag;
  if (length < 0x80)
    header[n++] = (guint8) length;
  else
    {
      guint bytes = 0;

      for (gsize rest = length; rest > 0; rest >>= 8)
        bytes++;
      header[n++] = 0x80 | bytes;
      for (guint i = bytes; i > 0; i--)
        header[n++] = (guint8) (length >> (8 * (i - 1)));
    }
  g_byte_array_append (out, header, n);
  if (length > 0)
    g_byte_array_append (out, content, length);
}

/* Wraps @content (consumed) in a @tag element appended to @out. */
static void
put_wrapped (GByteArray *out,
             guint8      tag,
             GByteArray *content)
{
  put (out, tag, content->data, content->len);
  g_byte_array_unref (content);
}

static void
put_oid (GByteArray *out,
         const char *dotted)
{
  g_auto(GStrv) arcs = g_strsplit (dotted, ".", -1);
  g_autoptr(GByteArray) content = g_byte_array_new ();

  g_assert (g_strv_length (arcs) >= 2);
  for (guint i = 1; arcs[i] != NULL; i++)
    {
      guint64 arc = g_ascii_strtoull (arcs[i], NULL, 10);
      guint8 base128[10];
      guint n = 0;

      if (i == 1)
        arc += 40 * g_ascii_strtoull (arcs[0], NULL, 10);
      do
        base128[n++] = arc & 0x7f;
      while ((arc >>= 7) > 0);
      /* Big-endian groups of 7 bits, all but the last with the high bit. */
      while (n > 0)
        {
          guint8 byte;

          n--;
          byte = base128[n] | (n > 0 ? 0x80 : 0);
          g_byte_array_append (content, &byte, 1);
        }
    }
  put (out, TAG_OID, content->data, content->len);
}

static GByteArray *
algorithm (const char *oid,
           gboolean    null_parameters)
{
  GByteArray *out = g_byte_array_new ();

  put_oid (out, oid);
  if (null_parameters)
    put (out, TAG_NULL, NULL, 0);
  return out;
}

/* An Attribute: SEQUENCE { type, SET { @value } }; consumes @value. */
static GByteArray *
attribute (const char *oid,
           GByteArray *value)
{
  GByteArray *content = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();

  put_oid (content, oid);
  put_wrapped (content, TAG_SET, value);
  put_wrapped (out, TAG_SEQUENCE, content);
  return out;
}

/* DER orders the members of a SET OF by their encodings. */
static int
compare_encodings (gconstpointer a,
                   gconstpointer b)
{
  const GByteArray *ea = *(GByteArray * const *) a, *eb = *(GByteArray * const *) b;
  int order = memcmp (ea->data, eb->data, MIN (ea->len, eb->len));

  return order != 0 ? order : (int) ea->len - (int) eb->len;
}

/* The signed attributes as a SET: the bytes that are signed.  The
 * SignerInfo carries the same content under an implicit [0] tag. */
static GByteArray *
signed_attributes (const guint8 *digest,
                   gint64        signing_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (signing_time);
  g_autofree char *utc_time = g_date_time_format (utc, "%y%m%d%H%M%SZ");
  GByteArray *members[3];
  GByteArray *content = g_byte_array_new ();
  GByteArray *set = g_byte_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    members[i] = g_byte_array_new ();
  put_oid (members[0], OID_DATA);
  members[0] = attribute (OID_CONTENT_TYPE, members[0]);
  put (members[1], TAG_UTC_TIME, (const guint8 *) utc_time, strlen (utc_time));
  members[1] = attribute (OID_SIGNING_TIME, members[1]);
  put (members[2], TAG_OCTET_STRING, digest, XJ_PDF_DIGEST_SIZE);
  members[2] = attribute (OID_MESSAGE_DIGEST, members[2]);

  qsort (members, G_N_ELEMENTS (members), sizeof members[0], compare_encodings);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_byte_array_append (content, members[i]->data, members[i]->len);
      g_byte_array_unref (members[i]);
    }
  put_wrapped (set, TAG_SET, content);
  return set;
}

/* --- signing ------------------------------------------------------------------ */

void
_xj_pdf_digest_ranges (const guint8 *first,
                       gsize         first_size,
                       const guint8 *second,
                       gsize         second_size,
                       const guint8 *third,
                       gsize         third_size,
                       guint8       *digest)
{
  gnutls_hash_hd_t hash;

  if (gnutls_hash_init (&hash, GNUTLS_DIG_SHA256) < 0)
    g_error ("SHA-256 is not available");
  gnutls_hash (hash, first, first_size);
  gnutls_hash (hash, second, second_size);
  gnutls_hash (hash, third, third_size);
  gnutls_hash_deinit (hash, digest);
}

static GByteArray *
signer_info (gnutls_x509_crt_t        leaf,
             gnutls_pk_algorithm_t    pk,
             gnutls_sign_algorithm_t  sign_algorithm,
             const GByteArray        *attributes,
             const gnutls_datum_t    *signature,
             GError                 **error)
{
  g_autoptr(GByteArray) info = g_byte_array_new ();
  GByteArray *issuer_serial = g_byte_array_new ();
  gnutls_datum_t issuer = { NULL, 0 };
  guint8 serial[1 + 64] = { 0 };
  size_t serial_size = sizeof serial - 1;
  gboolean pad;
  gsize at;
  int ret;

  if ((ret = gnutls_x509_crt_get_raw_issuer_dn (leaf, &issuer)) < 0 ||
      (ret = gnutls_x509_crt_get_serial (leaf, serial + 1, &serial_size)) < 0)
    {
      g_byte_array_unref (issuer_serial);
      g_set_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_FAILED,
                   _("Cannot sign the document: %s"), gnutls_strerror (ret));
      return NULL;
    }

  put (info, TAG_INTEGER, (const guint8 *) "\1", 1);
  g_byte_array_append (issuer_serial, issuer.data, issuer.size);
  gnutls_free (issuer.data);
  pad = (serial[1] & 0x80) != 0;  /* a leading zero keeps the INTEGER positive */
  put (issuer_serial, TAG_INTEGER, serial + (pad ? 0 : 1), serial_size + (pad ? 1 : 0));
  put_wrapped (info, TAG_SEQUENCE, issuer_serial);
  put_wrapped (info, TAG_SEQUENCE, algorithm (OID_SHA256, FALSE));
  at = info->len;
  g_byte_array_append (info, attributes->data, attributes->len);
  info->data[at] = TAG_CONTEXT_0;
  put_wrapped (info, TAG_SEQUENCE, algorithm (gnutls_sign_get_oid (sign_algorithm), pk == GNUTLS_PK_RSA));
  put (info, TAG_OCTET_STRING, signature->data, signature->size);
  return g_steal_pointer (&info);
}

/* A detached CMS SignedData (RFC 5652) over @digest, the SHA-256 of the
 * signed ranges.  Written here rather than with gnutls_pkcs7_sign(), which
 * wants the content itself, contiguous, and takes twice as long as hashing
 * it: a 20 MB report would cost 12 ms more. */
GBytes *
_xj_pdf_cms_sign (XjSigner      *signer,
                  const guint8  *digest,
                  GError       **error)
{
  XjCertificate *certificate = signer->certificate;
  g_autoptr(GByteArray) attributes = signed_attributes (digest, xj_clock_now ());
  g_autoptr(GByteArray) info = NULL;
  GByteArray *signed_data, *digest_algorithms, *encapsulated, *certificates, *infos, *explicit;
  GByteArray *content_info, *outer;
  gnutls_datum_t to_sign = { attributes->data, attributes->len };
  gnutls_datum_t signature = { NULL, 0 }, der = { NULL, 0 };
  gnutls_pk_algorithm_t pk = gnutls_privkey_get_pk_algorithm (signer->key, NULL);
  gnutls_sign_algorithm_t sign_algorithm = gnutls_pk_to_sign (pk, GNUTLS_DIG_SHA256);
  int ret;

  if (gnutls_sign_get_oid (sign_algorithm) == NULL)
    ret = GNUTLS_E_UNKNOWN_ALGORITHM;
  else
    ret = gnutls_privkey_sign_data (signer->key, GNUTLS_DIG_SHA256, 0, &to_sign, &signature);
  if (ret < 0)
    {
      g_set_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_FAILED,
                   _("Cannot sign the document: %s"), gnutls_strerror (ret));
      return NULL;
    }
  info = signer_info (certificate->chain[0], pk, sign_algorithm, attributes, &signature, error);
  gnutls_free (signature.data);
  if (info == NULL)
    return NULL;

  /* The certificates, leaf first, so that readers find the signer's and can
   * build the path of an imported chain to its CA. */
  certificates = g_byte_array_new ();
  for (guint i = 0; i < certificate->n_chain; i++)
    if (gnutls_x509_crt_export2 (certificate->chain[i], GNUTLS_X509_FMT_DER, &der) == 0)
      {
        g_byte_array_append (certificates, der.data, der.size);
        gnutls_free (der.data);
      }

  signed_data = g_byte_array_new ();
  put (signed_data, TAG_INTEGER, (const guint8 *) "\1", 1);
  digest_algorithms = g_byte_array_new ();
  put_wrapped (digest_algorithms, TAG_SEQUENCE, algorithm (OID_SHA256, FALSE));
  put_wrapped (signed_data, TAG_SET, digest_algorithms);
  encapsulated = g_byte_array_new ();
  put_oid (encapsulated, OID_DATA);  /* detached: no eContent */
  put_wrapped (signed_data, TAG_SEQUENCE, encapsulated);
  put_wrapped (signed_data, TAG_CONTEXT_0, certificates);
  infos = g_byte_array_new ();
  put_wrapped (infos, TAG_SEQUENCE, g_steal_pointer (&info));
  put_wrapped (signed_data, TAG_SET, infos);

  content_info = g_byte_array_new ();
  put_oid (content_info, OID_SIGNED_DATA);
  explicit = g_byte_array_new ();
  put_wrapped (explicit, TAG_SEQUENCE, signed_data);
  put_wrapped (content_info, TAG_CONTEXT_0, explicit);
  outer = g_byte_array_new ();
  put_wrapped (outer, TAG_SEQUENCE, content_info);
  return g_byte_array_free_to_bytes (outer);
}
