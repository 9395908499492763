/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-certificate-private.h"
#include "xj-pdf-sign.h"

G_BEGIN_DECLS

/* Capacity of the /Contents placeholder, in bytes of DER (twice as many hex
 * digits): room for a chain of several certificates. */
#define XJ_PDF_SIGNATURE_CAPACITY 16384

#define XJ_PDF_BAD_POS G_MAXSIZE

/* SHA-256, for the digest of the signed byte ranges. */
#define XJ_PDF_DIGEST_SIZE 32

/* A byte range [start, end) of the file. */
typedef struct {
  gsize start;
  gsize end;
} XjPdfSpan;

/* Just enough of a PDF to add an incremental update: the classic
 * cross-reference tables (newest entry per object wins) and the newest
 * trailer. */
typedef struct {
  const guint8 *data;
  gsize         size;
  gsize         startxref;
  XjPdfSpan     trailer;
  GHashTable   *objects;  /* object number → offset + 1 (so 0 means absent) */
} XjPdfDocument;

gsize     _xj_pdf_skip_space      (const guint8        *data,
                                   gsize                size,
                                   gsize                pos);
gboolean  _xj_pdf_read_int        (const guint8        *data,
                                   gsize                size,
                                   gsize               *pos,
                                   gint64              *value);

gboolean  _xj_pdf_document_parse  (XjPdfDocument       *doc,
                                   const guint8        *data,
                                   gsize                size,
                                   GError             **error);
void      _xj_pdf_document_clear  (XjPdfDocument       *doc);
gboolean  _xj_pdf_dict_lookup     (const XjPdfDocument *doc,
                                   XjPdfSpan            dict,
                                   const char          *key,
                                   XjPdfSpan           *value);
gboolean  _xj_pdf_span_get_ref    (const XjPdfDocument *doc,
                                   XjPdfSpan            span,
                                   guint               *number,
                                   guint               *generation);
gboolean  _xj_pdf_span_get_int    (const XjPdfDocument *doc,
                                   XjPdfSpan            span,
                                   gint64              *value);
gboolean  _xj_pdf_document_get_dict (const XjPdfDocument *doc,
                                     guint              number,
                                     guint             *generation,
                                     XjPdfSpan         *dict,
                                     GError           **error);

void      _xj_pdf_digest_ranges   (const guint8        *first,
                                   gsize                first_size,
                                   const guint8        *second,
                                   gsize                second_size,
                                   const guint8        *third,
                                   gsize                third_size,
                                   guint8              *digest);
GBytes   *_xj_pdf_cms_sign        (XjSigner            *signer,
                                   const guint8        *digest,
                                   GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XjPdfDocument, _xj_pdf_document_clear)

gboolean _xj_verify_fail (char    **reason_slot,
                          GError  **error,
                          GQuark    domain,
                          int       code,
                          char     *reason);

G_END_DECLS
