/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "xj-archive-store.h"
#include "xj-certificate.h"
#include "xj-report.h"
#include "xj-store.h"

G_BEGIN_DECLS

/* What checking an archived report found: its bytes against the SHA-256
 * recorded when it was signed, and its digital signature. */
typedef struct {
  gboolean  intact;            /* both checks passed */
  gboolean  hash_matches;
  gboolean  signature_valid;
  char     *number;
  char     *signer_name;       /* from a certificate this data folder knows; else NULL */
  char     *organisation;
  gint64    signing_time;
  char     *reason;            /* one translated line */
} XjArchiveVerification;

void              xj_archive_verification_clear    (XjArchiveVerification *verification);

char             *xj_archive_sanitise_name         (const char            *name);

/* How a report is signed (xj_inspection_sign()). */
typedef struct {
  const char            *organisation;    /* printed at the top of the report */
  const char            *logo_path;       /* (nullable) an image beside it (preferences) */
  const char            *certificate_id;  /* (nullable) the certificate that signs; NULL: the
                                           * newest valid one of the inspector on the report */
  const char            *passphrase;      /* unlocks that certificate's key */
  XjReportProgressFunc   progress;        /* (nullable) */
  gpointer               progress_data;
} XjSignOptions;

XjArchivedReport *xj_inspection_sign               (XjStore               *store,
                                                    gint64                 inspection_id,
                                                    const XjSignOptions   *options,
                                                    GCancellable          *cancellable,
                                                    GError               **error);
void              xj_inspection_sign_async         (XjStore               *store,
                                                    gint64                 inspection_id,
                                                    const XjSignOptions   *options,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
XjCertificate    *xj_inspection_dup_signing_certificate (XjStore         *store,
                                                         gint64           inspection_id,
                                                         const char      *certificate_id,
                                                         GError         **error);
XjArchivedReport *xj_inspection_sign_finish        (GAsyncResult          *result,
                                                    GError               **error);

gboolean          xj_report_verify_archived        (XjStore               *store,
                                                    gint64                 report_id,
                                                    XjArchiveVerification *result,
                                                    GError               **error);
gboolean          xj_report_export_archived        (XjStore               *store,
                                                    gint64                 report_id,
                                                    const char            *destination,
                                                    GError               **error);
char             *xj_archive_file_sha256           (const char            *path,
                                                    gint64                *bytes,
                                                    GError               **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XjArchiveVerification, xj_archive_verification_clear)

G_END_DECLS
