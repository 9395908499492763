/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gnutls/abstract.h>
#include <gnutls/x509.h>

#include "xj-certificate.h"

G_BEGIN_DECLS

struct _XjCertificate
{
  gnutls_x509_crt_t *chain;       /* leaf first */
  guint              n_chain;
  char              *subject_name;
  char              *organisation;
  char              *fingerprint;
  char              *id;
  char              *issuer_name;
  char              *key_path;      /* NULL: a certificate without its key */
  gint64             activation;
  gint64             expiry;
  gboolean           self_signed;
};

struct _XjSigner
{
  gnutls_privkey_t  key;
  XjCertificate    *certificate;
};

/* Takes ownership of the certificates, not of the array holding them. */
XjCertificate *_xj_certificate_new_take (gnutls_x509_crt_t *chain,
                                         guint              n_chain);

/* The folder under the data folder that holds the keys and certificates. */
#define XJ_CERTIFICATE_KEYS_DIR "keys"


G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_privkey_t, gnutls_privkey_deinit, NULL)

G_END_DECLS
