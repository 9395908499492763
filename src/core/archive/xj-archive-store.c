/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reports table: the one place an inspection becomes signed and
 * archived, and the look-ups of an archived report.  The report module
 * writes and signs the PDF; recording it is the core's, in one short
 * write transaction.
 */
#define G_LOG_DOMAIN "xj-archive"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "xj-archive-store.h"
#include "xj-clock.h"
#include "xj-numbers-private.h"
#include "xj-transaction.h"

#define REPORT_COLUMNS "SELECT id, inspection_id, " XJ_FULL_NUMBER ("") ", path, sha256, bytes, " \
                       "signer, created_at " \
                       "FROM reports "

G_DEFINE_QUARK (xj-archive-error-quark, xj_archive_error)

void
xj_archived_report_free (XjArchivedReport *report)
{
  if (report == NULL)
    return;
  g_free (report->number);
  g_free (report->path);
  g_free (report->relative_path);
  g_free (report->sha256);
  g_free (report->signer);
  g_free (report);
}

/* The report just archived: @report as recorded, with its row's @id, the
 * inspection it is of (0: a monthly report), its absolute @path (transfer
 * full) and the time it was archived. */
static XjArchivedReport *
archived_new (const XjArchivedReport *report,
              gint64                  id,
              gint64                  inspection_id,
              char                   *path,
              gint64                  now)
{
  XjArchivedReport *archived = g_new0 (XjArchivedReport, 1);

  archived->id = id;
  archived->inspection_id = inspection_id;
  archived->number = g_strdup (report->number);
  archived->path = path;
  archived->relative_path = g_strdup (report->relative_path);
  archived->sha256 = g_strdup (report->sha256);
  archived->bytes = report->bytes;
  archived->signer = g_strdup (report->signer);
  archived->created_at = now;
  return archived;
}

/**
 * xj_inspection_check_signable:
 *
 * Whether @inspection may be signed now: completed, and not signed yet.
 * Sets %XJ_ARCHIVE_ERROR_STATE saying what to do otherwise.
 */
gboolean
xj_inspection_check_signable (const XjInspection  *inspection,
                              GError             **error)
{
  if (inspection->state == XJ_INSPECTION_DRAFT)
    {
      g_set_error_literal (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_STATE,
                           _("Complete the inspection before it is signed."));
      return FALSE;
    }
  if (inspection->state != XJ_INSPECTION_COMPLETED)
    {
      g_set_error_literal (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_STATE,
                           _("This inspection is already signed and archived."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
step (XjStore     *store,
      const char  *sql,
      gint64       inspection_id,
      gint64       now,
      GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_int64 (stmt, 2, now);
  return xj_store_step_done (store, stmt, error);
}

/* The number the report was printed with must still be the next one; it is
 * taken. */
static gboolean
take_number (XjStore                 *store,
             const XjArchivedReport  *report,
             const XjInspection      *inspection,
             XjNumber                *number,
             GError                 **error)
{
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (inspection->started_at);
  g_autofree char *next = NULL;

  if (!_xj_numbers_next (store, XJ_NUMBER_REPORT, NULL, g_date_time_get_year (started), number,
                         error))
    return FALSE;
  next = xj_number_dup_report (number);
  if (g_strcmp0 (next, report->number) != 0)
    {
      g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_NUMBER_TAKEN,
                   _("The report number %s went to another report meanwhile; the next one is "
                     "%s."), report->number, next);
      return FALSE;
    }
  return _xj_numbers_take (store, XJ_NUMBER_REPORT, NULL, number, error);
}

static gboolean
insert_report (XjStore                 *store,
               const XjArchivedReport  *report,
               const XjNumber          *number,
               gint64                   now,
               gint64                  *report_id,
               GError                 **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "INSERT INTO reports (inspection_id, number, "
                                         "number_suffix, path, sha256, bytes, signer, created_at) "
                                         "VALUES (?1, ?2, ?8, ?3, ?4, ?5, ?6, ?7)", error);
  g_autofree char *base = xj_number_dup_report_base (number);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report->inspection_id);
  sqlite3_bind_text (stmt, 2, base, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, report->relative_path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, report->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, report->bytes);
  sqlite3_bind_text (stmt, 6, report->signer, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_text (stmt, 8, number->suffix, -1, SQLITE_TRANSIENT);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  *report_id = sqlite3_last_insert_rowid (xj_store_get_db (store));
  return TRUE;
}

/* The file goes into the archive last, just before the commit; a commit
 * that fails takes it out again, so a row never names a missing file and
 * a file never lies in the archive without its row. */
static gboolean
place_and_commit (XjTransaction  *tx,
                  const char     *temp_path,
                  const char     *final_path,
                  GError        **error)
{
  if (g_rename (temp_path, final_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_IO,
                   _("Could not put the report into the archive as “%s”: %s"),
                   final_path, g_strerror (saved_errno));
      return FALSE;
    }
  if (!xj_transaction_commit (tx, error))
    {
      g_unlink (final_path);
      return FALSE;
    }
  return TRUE;
}

/**
 * xj_store_archive_report:
 * @report: the signed report to record: its inspection_id, number (as
 *   xj_store_peek_report_number() gave it and the PDF prints it), relative_path (where it goes in the data folder), sha256, bytes and
 *   signer; id, path and created_at are ignored
 * @temp_path: the signed PDF, written beside its place in the archive
 *
 * The one place an inspection becomes signed and archived.  In one write
 * transaction: checks that the inspection is still completed and unsigned,
 * takes the report's number (%XJ_ARCHIVE_ERROR_NUMBER_TAKEN if another
 * report took it since it was printed: print it again with the next one),
 * records the report, moves the inspection to signed and then archived,
 * writes the audit entry, and last renames @temp_path into its place (still
 * inside the transaction, so that no other signer races for the same
 * file).  If any step fails nothing is recorded; a commit that fails after
 * the rename deletes the renamed file again.  Until the rename @temp_path
 * is left to the caller.
 * Returns: (transfer full): the archived report, or %NULL with @error set.
 */
XjArchivedReport *
xj_store_archive_report (XjStore                 *store,
                         const XjArchivedReport  *report,
                         const char              *temp_path,
                         GError                 **error)
{
  g_autoptr(XjInspection) inspection = NULL;
  g_auto(XjNumber) number = { 0 };
  g_autofree char *final_path = NULL;
  gint64 now = xj_clock_now ();
  gint64 report_id = 0;
  g_autoptr(XjTransaction) tx = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (report != NULL && report->relative_path != NULL, NULL);
  g_return_val_if_fail (temp_path != NULL, NULL);

  final_path = g_build_filename (xj_store_get_data_dir (store), report->relative_path, NULL);
  tx = xj_transaction_begin (store, error);
  if (tx == NULL
      || (inspection = xj_store_get_inspection (store, report->inspection_id, error)) == NULL
      || !xj_inspection_check_signable (inspection, error)
      || !take_number (store, report, inspection, &number, error)
      || !insert_report (store, report, &number, now, &report_id, error)
      || !step (store, "UPDATE inspections SET state = 'signed', signed_at = ?2, updated_at = ?2 "
                "WHERE id = ?1 AND state = 'completed'", report->inspection_id, now, error)
      || !step (store, "UPDATE inspections SET state = 'archived', updated_at = ?2 "
                "WHERE id = ?1 AND state = 'signed'", report->inspection_id, now, error)
      || !xj_store_audit (store, report->signer, "inspection", report->inspection_id, "sign",
                          report->number, error))
    return NULL;
  if (!place_and_commit (tx, temp_path, final_path, error))
    return NULL;

  xj_store_emit_changed (store, "inspections");
  xj_store_emit_changed (store, "reports");

  return archived_new (report, report_id, report->inspection_id, g_steal_pointer (&final_path),
                       now);
}

static XjArchivedReport *
read_report (XjStore     *store,
             const char  *sql,
             gint64       id,
             gboolean    *found,
             GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, sql, error);
  XjArchivedReport *report = NULL;
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      report = g_new0 (XjArchivedReport, 1);
      report->id = sqlite3_column_int64 (stmt, 0);
      report->inspection_id = sqlite3_column_int64 (stmt, 1);
      report->number = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      report->relative_path = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      report->path = g_build_filename (xj_store_get_data_dir (store), report->relative_path, NULL);
      report->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      report->bytes = sqlite3_column_int64 (stmt, 5);
      report->signer = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      report->created_at = sqlite3_column_int64 (stmt, 7);
      *found = TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read the archive"));
  return report;
}

/**
 * xj_store_get_archived_report:
 *
 * The signed report of an inspection.  An inspection that is not signed
 * yet sets %XJ_ARCHIVE_ERROR_NOT_SIGNED.
 * Returns: (transfer full): the report, or %NULL with @error set.
 */
XjArchivedReport *
xj_store_get_archived_report (XjStore  *store,
                              gint64    inspection_id,
                              GError  **error)
{
  g_autoptr(XjInspection) inspection = NULL;
  XjArchivedReport *report;
  gboolean found;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  report = read_report (store, REPORT_COLUMNS "WHERE inspection_id = ?1", inspection_id, &found,
                        error);
  if (found || (error != NULL && *error != NULL))
    return report;
  inspection = xj_store_get_inspection (store, inspection_id, error);
  if (inspection != NULL)
    g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_NOT_SIGNED,
                 _("Inspection %lld is not signed (it is %s): only a signed inspection has a "
                   "report to export."), (long long) inspection_id,
                 xj_inspection_state_get_label (inspection->state));
  return NULL;
}

/**
 * xj_store_find_archived_report:
 *
 * An archived report by its own id.  None sets %XJ_ARCHIVE_ERROR_NOT_FOUND.
 * Returns: (transfer full): the report, or %NULL with @error set.
 */
XjArchivedReport *
xj_store_find_archived_report (XjStore  *store,
                               gint64    report_id,
                               GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  XjArchivedReport *report;
  gboolean found;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  report = read_report (store, REPORT_COLUMNS "WHERE id = ?1", report_id, &found, &local_error);
  if (found)
    return report;
  if (local_error != NULL)
    g_set_error_literal (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_NOT_FOUND, local_error->message);
  else
    g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_NOT_FOUND,
                 _("There is no archived report with ID %lld."), (long long) report_id);
  return NULL;
}

/**
 * xj_store_archive_monthly_report:
 * @month: "YYYY-MM"
 * @report: the signed monthly report: its number, relative_path, sha256,
 *   bytes and signer; the rest is ignored
 * @temp_path: the signed PDF, written beside its place in the archive
 *
 * Archives the monthly management report of @month as an inspection's
 * report is archived (xj_store_archive_report()): in one write
 * transaction the row (locked like theirs from then on), the audit entry
 * and, last, @temp_path renamed into its place.  A month has one archived
 * report: a second one is refused with %XJ_ARCHIVE_ERROR_STATE.  In a
 * team the capture triggers queue it for the next push (schema v12).
 * Returns: (transfer full): the archived report, or %NULL with @error set.
 */
XjArchivedReport *
xj_store_archive_monthly_report (XjStore                 *store,
                                 const char              *month,
                                 const XjArchivedReport  *report,
                                 const char              *temp_path,
                                 GError                 **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autofree char *final_path = NULL;
  gint64 now = xj_clock_now ();
  gint64 report_id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (month != NULL && report != NULL && report->relative_path != NULL, NULL);
  g_return_val_if_fail (temp_path != NULL, NULL);

  final_path = g_build_filename (xj_store_get_data_dir (store), report->relative_path, NULL);
  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return NULL;
  if (!xj_store_check_month_unarchived (store, month, error))
    return NULL;
  stmt = xj_store_prepare (store,
                           "INSERT INTO reports (month, number, path, sha256, bytes, signer, "
                           "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, month, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, report->number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, report->relative_path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, report->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, report->bytes);
  sqlite3_bind_text (stmt, 6, report->signer, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, now);
  if (!xj_store_step_done (store, stmt, error))
    return NULL;
  report_id = sqlite3_last_insert_rowid (xj_store_get_db (store));
  if (!xj_store_audit (store, report->signer, "report", report_id, "archive_monthly", month,
                       error)
      || !place_and_commit (tx, temp_path, final_path, error))
    return NULL;
  xj_store_emit_changed (store, "reports");
  return archived_new (report, report_id, 0, g_steal_pointer (&final_path), now);
}

/**
 * xj_store_find_monthly_report:
 * @month: "YYYY-MM"
 * @found: (out): whether @month has an archived report (not one kept on
 *   this laptop only, which the team's report of the month replaced)
 *
 * Returns: (transfer full) (nullable): the archived monthly report of
 * @month, or %NULL (with @error set on a failure).
 */
XjArchivedReport *
xj_store_find_monthly_report (XjStore     *store,
                              const char  *month,
                              gboolean    *found,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store) && month != NULL && found != NULL, NULL);

  *found = FALSE;
  if ((stmt = xj_store_prepare (store, "SELECT id FROM reports"
                                " WHERE month = ?1 AND kept_local = 0", error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, month, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                 _("Could not read the archive"));
      return NULL;
    }
  if (id == 0)
    return NULL;
  return read_report (store, REPORT_COLUMNS "WHERE id = ?1", id, found, error);
}

/**
 * xj_store_check_month_unarchived:
 * @month: "YYYY-MM"
 *
 * A month has one archived report: the report checks before it writes
 * anything, the archive again in its transaction.
 * Returns: %FALSE with %XJ_ARCHIVE_ERROR_STATE when @month has an archived
 *   report already, or with @error set when the archive could not be read.
 */
gboolean
xj_store_check_month_unarchived (XjStore     *store,
                                 const char  *month,
                                 GError     **error)
{
  g_autoptr(XjArchivedReport) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean found;

  existing = xj_store_find_monthly_report (store, month, &found, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (found)
    {
      g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_STATE,
                   _("The monthly report of %s is archived already (%s)."), month,
                   existing->number);
      return FALSE;
    }
  return TRUE;
}
