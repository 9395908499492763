/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The signed monthly management report, archived as inspection reports
 * are: a copy in <data dir>/archive/monthly/MR-YYYY-MM.pdf recorded with
 * its SHA-256, size and signer in the reports table (xj_store_archive_monthly_report),
 * listed in the Archive as 月度报告 YYYY-MM, exported and verified like
 * the others.  One per month.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "xj-report-archive.h"
#include "xj-report-monthly.h"

XjArchivedReport *
xj_report_archive_monthly (XjStore     *store,
                           int          year,
                           int          month,
                           XjSigner    *signer,
                           const char  *path,
                           GError     **error)
{
  g_autofree char *period = g_strdup_printf ("%04d-%02d", year, month);
  g_autofree char *number = g_strdup_printf ("MR-%s", period);
  g_autofree char *file_name = g_strdup_printf ("%s.pdf", number);
  g_autofree char *relative_path = g_build_filename ("archive", "monthly", file_name, NULL);
  g_autofree char *final_path = g_build_filename (xj_store_get_data_dir (store), relative_path,
                                                  NULL);
  g_autofree char *folder = g_path_get_dirname (final_path);
  g_autofree char *temp_path = g_strdup_printf ("%s.%d.part", final_path, (int) getpid ());
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  XjArchivedReport record = { 0 };
  XjArchivedReport *archived;

  g_return_val_if_fail (XJ_IS_STORE (store) && signer != NULL && path != NULL, NULL);

  /* Refused before anything is written. */
  if (!xj_store_check_month_unarchived (store, period, error)
      || !xj_report_write_monthly (store, year, month, signer, path, error))
    return NULL;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_IO,
                   _("Could not put the report into the archive as “%s”: %s"), final_path,
                   g_strerror (errno));
      return NULL;
    }
  from = g_file_new_for_path (path);
  to = g_file_new_for_path (temp_path);
  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return NULL;
  record.number = number;
  record.relative_path = relative_path;
  record.signer = (char *) xj_certificate_get_subject_name (xj_signer_get_certificate (signer));
  record.sha256 = xj_archive_file_sha256 (temp_path, &record.bytes, error);
  archived = record.sha256 == NULL ? NULL
             : xj_store_archive_monthly_report (store, period, &record, temp_path, error);
  g_free (record.sha256);
  if (archived == NULL)
    g_unlink (temp_path);
  return archived;
}
