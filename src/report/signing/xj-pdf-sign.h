/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "xj-certificate.h"

G_BEGIN_DECLS

#define XJ_PDF_SIGN_ERROR (xj_pdf_sign_error_quark ())

typedef enum {
  XJ_PDF_SIGN_ERROR_FAILED,
  XJ_PDF_SIGN_ERROR_IO,
  XJ_PDF_SIGN_ERROR_MALFORMED,
  XJ_PDF_SIGN_ERROR_UNSUPPORTED,
  XJ_PDF_SIGN_ERROR_NOT_SIGNED,
  XJ_PDF_SIGN_ERROR_ALTERED,
  XJ_PDF_SIGN_ERROR_INCOMPLETE,
  XJ_PDF_SIGN_ERROR_INVALID,
  XJ_PDF_SIGN_ERROR_UNKNOWN_SIGNER,  /* intact, but by a certificate no one here vouches for */
} XjPdfSignError;

/* What a verification found.  Integrity (intact, covers_whole_file) is
 * reported apart from trust: a personal self-signed certificate proves the
 * document unchanged since its holder signed it, but only the data folder
 * that keeps that person's certificate (or an authority) can say who the
 * holder is.  A signer is named only from such a certificate. */
typedef struct {
  gboolean  intact;             /* digest and CMS signature check out */
  gboolean  covers_whole_file;  /* nothing but the signature itself is left out */
  gboolean  certificate_valid;  /* the certificate was valid at the signing time */
  gboolean  self_signed;
  gboolean  trusted;            /* chains to the system's trusted authorities */
  gboolean  known;              /* the very certificate is one of the data folder's */
  char     *signer_name;        /* CN of the signing certificate; NULL unless known or trusted */
  char     *organisation;       /* O of the signing certificate, "" if none; NULL as above */
  char     *fingerprint;        /* SHA-256 of the signing certificate, colon-separated hex */
  gint64    signing_time;       /* Unix seconds from the signed attributes, 0 if absent */
  char     *reason;             /* one translated line: the verdict */
} XjPdfVerifyResult;

GQuark    xj_pdf_sign_error_quark    (void);

gboolean  xj_pdf_sign_file           (XjSigner           *signer,
                                      const char         *input,
                                      const char         *output,
                                      GError            **error);

gboolean  xj_pdf_verify_file         (const char         *path,
                                      const char         *data_dir,
                                      XjPdfVerifyResult  *result,
                                      GError            **error);
void      xj_pdf_verify_result_clear (XjPdfVerifyResult  *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XjPdfVerifyResult, xj_pdf_verify_result_clear)

G_END_DECLS
