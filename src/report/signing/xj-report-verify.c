/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The archive afterwards: finding a signed report, checking that it is
 * still the file that was signed (its SHA-256 against the record made at
 * signing, and its digital signature), and exporting a copy of it.
 */
#define G_LOG_DOMAIN "xj-archive"

#include "config.h"

#include <gnutls/crypto.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "xj-inspection.h"
#include "xj-pdf-sign-private.h"
#include "xj-pdf-sign.h"
#include "xj-report-archive.h"

static char *
sha256_hex (const void *data,
            gsize       size)
{
  guint8 digest[32];
  char *hex = g_malloc (2 * sizeof digest + 1);

  /* GnuTLS's SHA-256 uses the CPU's instructions: several times GLib's speed. */
  gnutls_hash_fast (GNUTLS_DIG_SHA256, data, size, digest);
  for (guint i = 0; i < sizeof digest; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", digest[i]);
  return hex;
}

/**
 * xj_archive_file_sha256:
 * @bytes: (out) (optional): the file's size
 *
 * Returns: (transfer full): the SHA-256 of the file in lower-case hex.
 */
char *
xj_archive_file_sha256 (const char  *path,
                        gint64      *bytes,
                        GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_IO,
                   _("Cannot read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  size = g_mapped_file_get_length (file);
  if (bytes != NULL)
    *bytes = (gint64) size;
  return sha256_hex (size > 0 ? g_mapped_file_get_contents (file) : "", size);
}

void
xj_archive_verification_clear (XjArchiveVerification *verification)
{
  g_clear_pointer (&verification->number, g_free);
  g_clear_pointer (&verification->signer_name, g_free);
  g_clear_pointer (&verification->organisation, g_free);
  g_clear_pointer (&verification->reason, g_free);
  memset (verification, 0, sizeof *verification);
}

/**
 * xj_report_verify_archived:
 * @result: (out caller-allocates): what was found
 *
 * Checks an archived report: its SHA-256 against the archive's record and
 * its digital signature (xj_pdf_verify_file).  Returns TRUE only when both
 * hold and the signer's certificate is kept in the data folder; otherwise
 * @error and @result->reason say why, in one line.  Intact but signed by a
 * certificate no longer kept here is %XJ_ARCHIVE_ERROR_UNKNOWN_SIGNER with
 * @result->intact set and no signer's name.
 */
gboolean
xj_report_verify_archived (XjStore                *store,
                           gint64                  report_id,
                           XjArchiveVerification  *result,
                           GError                **error)
{
  g_autoptr(XjArchivedReport) report = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(XjPdfVerifyResult) signature = { 0 };
  g_autofree char *sha256 = NULL;
  gboolean unknown;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  xj_archive_verification_clear (result);
  report = xj_store_find_archived_report (store, report_id, &local_error);
  if (report == NULL)
    return _xj_verify_fail (&result->reason, error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_NOT_FOUND,
                            local_error != NULL ? g_strdup (local_error->message)
                                                : g_strdup_printf (_("There is no archived report with ID %lld."),
                                                                   (long long) report_id));
  result->number = g_strdup (report->number);
  sha256 = xj_archive_file_sha256 (report->path, NULL, &local_error);
  if (sha256 == NULL)
    return _xj_verify_fail (&result->reason, error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_IO,
                            g_strdup_printf (_("The archived report %s is missing or unreadable: %s"),
                                             report->number, local_error->message));
  result->hash_matches = g_strcmp0 (sha256, report->sha256) == 0;
  result->signature_valid = xj_pdf_verify_file (report->path, xj_store_get_data_dir (store),
                                                &signature, &local_error);
  unknown = g_error_matches (local_error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_UNKNOWN_SIGNER);
  /* Signed by a certificate no longer kept here (removed): the bytes and
   * the signature hold, the signer has no name. */
  if (unknown)
    result->signature_valid = signature.intact;
  result->signer_name = g_strdup (signature.signer_name);
  result->organisation = g_strdup (signature.organisation);
  result->signing_time = signature.signing_time;
  result->intact = result->hash_matches && result->signature_valid;

  /* The signature's verdict is the more telling one ("the digest does not
   * match"); a validly signed file with another hash is another document. */
  if (!result->signature_valid)
    return _xj_verify_fail (&result->reason, error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_ALTERED,
                            g_steal_pointer (&signature.reason));
  if (!result->hash_matches)
    return _xj_verify_fail (&result->reason, error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_ALTERED,
                            g_strdup_printf (_("The archived file is not the report %s that was signed: its "
                                               "SHA-256 does not match the archive’s record"), report->number));
  result->reason = g_steal_pointer (&signature.reason);
  if (unknown)
    {
      g_set_error_literal (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_UNKNOWN_SIGNER, result->reason);
      return FALSE;
    }
  return TRUE;
}

/* Copies @report's file to @destination (a temporary file beside it, then
 * a rename), after checking that the archived bytes are those recorded at
 * signing. */
static gboolean
export_report (const XjArchivedReport  *report,
               const char              *destination,
               GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  gsize length = 0;

  if (!g_file_get_contents (report->path, &contents, &length, &local_error))
    {
      g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_IO,
                   _("The archived report %s is missing or unreadable: %s"), report->number,
                   local_error->message);
      return FALSE;
    }
  /* The bytes that are copied are the bytes that are checked. */
  sha256 = sha256_hex (contents, length);
  if (g_strcmp0 (sha256, report->sha256) != 0)
    {
      g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_ALTERED,
                   _("The archived report %s was changed after it was signed (its SHA-256 does "
                     "not match the archive’s record); it was not exported."), report->number);
      return FALSE;
    }
  if (!g_file_set_contents_full (destination, contents, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, &local_error))
    {
      g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_IO,
                   _("Could not write “%s”: %s"), destination, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * xj_report_export_archived:
 * @report_id: the reports table's id (a monthly report has no inspection;
 *   an inspection's is its xj_store_get_archived_report())
 *
 * Copies an archived report to @destination, checked (export_report()).
 */
gboolean
xj_report_export_archived (XjStore     *store,
                           gint64       report_id,
                           const char  *destination,
                           GError     **error)
{
  g_autoptr(XjArchivedReport) report = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  report = xj_store_find_archived_report (store, report_id, error);
  return report != NULL && export_report (report, destination, error);
}
