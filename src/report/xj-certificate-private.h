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

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_privkey_t, gnutls_privkey_deinit, NULL)

G_END_DECLS
