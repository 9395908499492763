/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define XJ_CERTIFICATE_ERROR (xj_certificate_error_quark ())

typedef enum {
  XJ_CERTIFICATE_ERROR_FAILED,
  XJ_CERTIFICATE_ERROR_NOT_FOUND,
  XJ_CERTIFICATE_ERROR_INVALID_INPUT,
  XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE,
  XJ_CERTIFICATE_ERROR_WRONG_PASSWORD,
  XJ_CERTIFICATE_ERROR_NOT_PKCS12,
  XJ_CERTIFICATE_ERROR_NO_KEY,
  XJ_CERTIFICATE_ERROR_IO,
  XJ_CERTIFICATE_ERROR_EXISTS,       /* this very certificate is stored already */
  XJ_CERTIFICATE_ERROR_EXPIRED,      /* the person's certificates are all out of date */
} XjCertificateError;

/* The public part: a certificate chain, leaf first.  Reading it needs no
 * passphrase.  A data folder holds any number of them, several people's (a
 * shared laptop) and several of one person's (a new one never replaces the
 * old, which still verifies the reports it signed); each is known by its
 * ID, the SHA-256 of the leaf in lower-case hex. */
typedef struct _XjCertificate XjCertificate;

/* A private key with its certificate chain, ready to sign. */
typedef struct _XjSigner XjSigner;

GQuark          xj_certificate_error_quark        (void);

gboolean        xj_certificate_create_self_signed (const char    *data_dir,
                                                   const char    *name,
                                                   const char    *organisation,
                                                   const char    *passphrase,
                                                   GError       **error);
gboolean        xj_certificate_import_pkcs12      (const char    *data_dir,
                                                   const char    *file,
                                                   const char    *pkcs12_password,
                                                   const char    *new_passphrase,
                                                   GError       **error);
XjCertificate  *xj_certificate_peek_pkcs12        (const char    *file,
                                                   const char    *pkcs12_password,
                                                   GError       **error);
gboolean        xj_certificate_exists             (const char    *data_dir);
GPtrArray      *xj_certificate_list               (const char    *data_dir,
                                                   GError       **error);
GPtrArray      *xj_certificate_list_for_team      (const char    *data_dir,
                                                   GError       **error);
XjCertificate  *xj_certificate_read               (const char    *data_dir,
                                                   const char    *id,
                                                   GError       **error);
XjCertificate  *xj_certificate_find_for_person    (const char    *data_dir,
                                                   const char    *name,
                                                   GError       **error);
gboolean        xj_certificate_check_holder       (const char    *data_dir,
                                                   const char    *holder,
                                                   const char    *passphrase,
                                                   GError       **error);
gboolean        xj_certificate_remove             (const char    *data_dir,
                                                   const char    *id,
                                                   GError       **error);
gboolean        xj_certificate_remove_held        (const char    *data_dir,
                                                   const char    *id,
                                                   const char    *passphrase,
                                                   GError       **error);
XjSigner       *xj_certificate_load               (const char    *data_dir,
                                                   const char    *id,
                                                   const char    *passphrase,
                                                   GError       **error);

const char     *xj_certificate_get_subject_name   (XjCertificate *certificate);
const char     *xj_certificate_get_organisation   (XjCertificate *certificate);
const char     *xj_certificate_get_fingerprint    (XjCertificate *certificate);
const char     *xj_certificate_get_id             (XjCertificate *certificate);
char           *xj_certificate_dup_pem            (XjCertificate *certificate);
const char     *xj_certificate_get_issuer_name    (XjCertificate *certificate);
gboolean        xj_certificate_has_key            (XjCertificate *certificate);
gboolean        xj_certificate_is_held_by         (XjCertificate *certificate,
                                                   const char    *name);
gint64          xj_certificate_get_activation     (XjCertificate *certificate);
gint64          xj_certificate_get_expiry         (XjCertificate *certificate);
gboolean        xj_certificate_is_self_signed     (XjCertificate *certificate);
void            xj_certificate_free               (XjCertificate *certificate);

XjCertificate  *xj_signer_get_certificate         (XjSigner      *signer);
void            xj_signer_free                    (XjSigner      *signer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjCertificate, xj_certificate_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjSigner, xj_signer_free)

G_END_DECLS
