/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signing an inspection: its report is written, digitally signed and
 * archived, and the inspection locked, so that a failure at any step leaves
 * nothing half done.  The slow part (reading, the PDF, the signature, the
 * hash) runs first, from the inspection's record read in one transaction
 * (xj_store_read_inspection_record), and touches only a temporary file in
 * the archive folder; then the core, in one short transaction, renames the
 * file into place, records it in the reports table and moves the
 * inspection to signed and archived (xj_store_archive_report).  If that
 * transaction fails the file is deleted again.
 *
 * Archive layout: <data dir>/archive/<year started>/<site>/<number>.pdf,
 * the site's name made safe as a file name (xj_archive_sanitise_name).
 */
#define G_LOG_DOMAIN "xj-archive"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "xj-certificate.h"
#include "xj-inspection-record.h"
#include "xj-inspection.h"
#include "xj-numbers.h"
#include "xj-pdf-sign.h"
#include "xj-progress-relay.h"
#include "xj-report-archive.h"
#include "xj-report-build.h"
#include "xj-text.h"

#define SITE_NAME_MAX_CHARS 80

/* How often a report is printed again when its number went to another
 * report while it was being written (two signings at once). */
#define NUMBER_ATTEMPTS 3

/* Where the steps end on the progress bar; the PDF takes the most. */
#define PROGRESS_DATA  0.10
#define PROGRESS_PDF   0.85
#define PROGRESS_SIGN  0.95

/* The result of the slow part: a signed PDF in a temporary file. */
typedef struct {
  gint64  inspection_id;
  char   *number;
  char   *temp_path;       /* deleted when freed, unless committed */
  char   *final_path;
  char   *relative_path;
  char   *sha256;
  gint64  bytes;
  char   *signer;
} Prepared;

typedef struct {
  XjReportProgressFunc progress;
  gpointer             progress_data;
} Progress;

static void
prepared_free (Prepared *prepared)
{
  if (prepared->temp_path != NULL)
    g_unlink (prepared->temp_path);
  g_free (prepared->number);
  g_free (prepared->temp_path);
  g_free (prepared->final_path);
  g_free (prepared->relative_path);
  g_free (prepared->sha256);
  g_free (prepared->signer);
  g_free (prepared);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, prepared_free)

static void
report_progress (const Progress *progress,
                 double          fraction)
{
  if (progress->progress != NULL)
    progress->progress (fraction, progress->progress_data);
}

/* The PDF writer's 0…1, placed between PROGRESS_DATA and PROGRESS_PDF. */
static void
on_pdf_progress_cb (double   fraction,
                    gpointer user_data)
{
  report_progress (user_data, PROGRESS_DATA + fraction * (PROGRESS_PDF - PROGRESS_DATA));
}

/**
 * xj_archive_sanitise_name:
 *
 * A site's name as a folder name on any file system: no separators, no
 * characters Windows refuses, no leading dot, at most 80 characters.
 * Chinese stays Chinese.
 */
char *
xj_archive_sanitise_name (const char *name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = name != NULL ? name : ""; *p != '\0' && n < SITE_NAME_MAX_CHARS;
       p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      /* strchr () compares a char: 区 (U+533A) would match ':' and 一
       * (U+4E00) the terminating NUL, so only ASCII is looked up. */
      if (c < 0x20 || c == 0x7f || (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  g_strstrip (out->str);
  g_string_set_size (out, strlen (out->str));
  while (out->str[0] == '.')
    g_string_erase (out, 0, 1);
  if (out->len == 0)
    g_string_assign (out, "site");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- the slow part ------------------------------------------------------------ */

/* The certificate that signs for @inspector: @certificate_id when given,
 * else the newest valid one of theirs; refused unless @inspector holds it. */
static XjCertificate *
choose_certificate (const char  *data_dir,
                    const char  *inspector,
                    const char  *certificate_id,
                    GError     **error)
{
  g_autoptr(XjCertificate) certificate = NULL;
  g_autoptr(GError) local_error = NULL;

  if (xj_text_is_blank (inspector))
    {
      g_set_error_literal (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_WRONG_SIGNER,
                           _("The report names no inspector, so no certificate can sign it."));
      return NULL;
    }
  if (certificate_id == NULL)
    certificate = xj_certificate_find_for_person (data_dir, inspector, &local_error);
  else
    certificate = xj_certificate_read (data_dir, certificate_id, &local_error);
  if (certificate == NULL)
    {
      g_set_error_literal (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_WRONG_SIGNER,
                           local_error->message);
      return NULL;
    }
  if (!xj_certificate_is_held_by (certificate, inspector))
    {
      g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_WRONG_SIGNER,
                   _("The report names inspector %s, but the certificate belongs to %s: choose "
                     "%s’s certificate, or create one for %s (Preferences → Signing Certificates)."),
                   inspector, xj_certificate_get_subject_name (certificate), inspector, inspector);
      return NULL;
    }
  return g_steal_pointer (&certificate);
}

static gboolean
make_temp_file (Prepared  *prepared,
                GError   **error)
{
  g_autofree char *folder = g_path_get_dirname (prepared->final_path);
  g_autofree char *template = NULL;
  int fd, saved_errno;

  if (g_mkdir_with_parents (folder, 0700) == 0)
    {
      template = g_strdup_printf ("%s/.%s.pdf.XXXXXX", folder, prepared->number);
      if ((fd = g_mkstemp (template)) >= 0)
        {
          close (fd);
          prepared->temp_path = g_steal_pointer (&template);
          return TRUE;
        }
    }
  saved_errno = errno;
  g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_IO,
               _("Could not write to the archive folder “%s”: %s"), folder,
               g_strerror (saved_errno));
  return FALSE;
}

/* Reads through @reader (the calling thread's own store), writes and signs
 * the PDF.  No row is written. */
static Prepared *
prepare (XjStore               *reader,
         gint64                 inspection_id,
         const XjSignOptions   *options,
         const Progress        *progress,
         GCancellable          *cancellable,
         GError               **error)
{
  const char *data_dir = xj_store_get_data_dir (reader);
  g_autoptr(XjInspectionRecord) record = NULL;
  const XjInspection *inspection;
  g_autoptr(XjCertificate) certificate = NULL;
  g_autoptr(XjSigner) signer = NULL;
  g_autoptr(XjReportData) data = NULL;
  g_autoptr(Prepared) prepared = NULL;
  g_autoptr(GDateTime) started = NULL;
  g_autofree char *year = NULL;
  g_autofree char *site = NULL;
  g_autofree char *file_name = NULL;
  g_auto(XjNumber) number = { 0 };

  /* One read of one state: the checks and the report are of the same
   * record, and nothing below goes back to the store. */
  if ((record = xj_store_read_inspection_record (reader, inspection_id, error)) == NULL)
    return NULL;
  inspection = record->inspection;
  if (!xj_inspection_check_signable (inspection, error)
      || !xj_inspection_record_check_signatures (record, error))
    return NULL;
  /* The signer and the passphrase are checked before anything is written. */
  if ((certificate = choose_certificate (data_dir, inspection->inspector, options->certificate_id,
                                         error)) == NULL
      || (signer = xj_certificate_load (data_dir, xj_certificate_get_id (certificate),
                                        options->passphrase, error)) == NULL
      || (data = xj_report_data_from_record (record, options->organisation, options->logo_path,
                                             error)) == NULL)
    return NULL;
  report_progress (progress, PROGRESS_DATA);

  /* The number the report will have, unless another report is archived
   * first: then the archive refuses it and it is printed again. */
  started = g_date_time_new_from_unix_local (inspection->started_at);
  if (!xj_store_peek_report_number (reader, g_date_time_get_year (started), &number, error))
    return NULL;
  data->number = xj_number_dup_report (&number);
  year = g_strdup_printf ("%04d", g_date_time_get_year (started));
  site = xj_archive_sanitise_name (inspection->site_name);
  prepared = g_new0 (Prepared, 1);
  prepared->inspection_id = inspection_id;
  prepared->number = g_strdup (data->number);
  file_name = g_strconcat (prepared->number, ".pdf", NULL);
  prepared->relative_path = g_build_filename ("archive", year, site, file_name, NULL);
  prepared->final_path = g_build_filename (data_dir, prepared->relative_path, NULL);
  prepared->signer = g_strdup (xj_certificate_get_subject_name (xj_signer_get_certificate (signer)));

  if (!make_temp_file (prepared, error)
      || !xj_report_write_inspection (data, prepared->temp_path, on_pdf_progress_cb,
                                      (gpointer) progress, cancellable, error))
    return NULL;
  /* In place: the signature is appended to the file no one sees yet. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !xj_pdf_sign_file (signer, prepared->temp_path, prepared->temp_path, error))
    return NULL;
  report_progress (progress, PROGRESS_SIGN);
  prepared->sha256 = xj_archive_file_sha256 (prepared->temp_path, &prepared->bytes, error);
  if (prepared->sha256 == NULL)
    return NULL;
  return g_steal_pointer (&prepared);
}

/**
 * xj_inspection_dup_signing_certificate:
 * @certificate_id: (nullable): as for xj_inspection_sign()
 *
 * The certificate that xj_inspection_sign() would sign with, for the sign
 * dialog to name it before asking for its passphrase.
 * Returns: (transfer full): the certificate, or %NULL with @error set
 * (%XJ_ARCHIVE_ERROR_WRONG_SIGNER with what to do).
 */
XjCertificate *
xj_inspection_dup_signing_certificate (XjStore     *store,
                                       gint64       inspection_id,
                                       const char  *certificate_id,
                                       GError     **error)
{
  g_autoptr(XjInspection) inspection = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  if ((inspection = xj_store_get_inspection (store, inspection_id, error)) == NULL)
    return NULL;
  return choose_certificate (xj_store_get_data_dir (store), inspection->inspector,
                             certificate_id, error);
}

/* --- the short write ---------------------------------------------------------- */

/* On the store's own thread: the core records the report and locks the
 * inspection in one transaction (xj_store_archive_report).  When the
 * report's number went to another report meanwhile and @attempt allows
 * another one: %NULL with @retry set and no error. */
static XjArchivedReport *
commit (XjStore   *store,
        Prepared  *prepared,
        guint      attempt,
        gboolean  *retry,
        GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  XjArchivedReport record = {
    .inspection_id = prepared->inspection_id,
    .number = prepared->number,
    .relative_path = prepared->relative_path,
    .sha256 = prepared->sha256,
    .bytes = prepared->bytes,
    .signer = prepared->signer,
  };
  XjArchivedReport *report = xj_store_archive_report (store, &record, prepared->temp_path,
                                                      &local_error);

  /* Renamed into the archive: nothing left to delete. */
  if (report != NULL)
    g_clear_pointer (&prepared->temp_path, g_free);
  *retry = report == NULL && attempt + 1 < NUMBER_ATTEMPTS
           && g_error_matches (local_error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_NUMBER_TAKEN);
  if (*retry)
    g_debug ("%s", local_error->message);
  else if (report == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return report;
}

/**
 * xj_inspection_sign:
 * @options: the organisation, logo, certificate, passphrase and progress
 *   (see #XjSignOptions)
 *
 * Signs a completed inspection that has its required handwritten
 * signatures: writes its report, signs the PDF digitally, archives it and
 * locks the inspection (signed, then archived).  Only a certificate held by
 * the inspector named on the report signs it (%XJ_ARCHIVE_ERROR_WRONG_SIGNER
 * otherwise).  Synchronous: for the
 * command line and tests; the application uses xj_inspection_sign_async().
 * Returns: (transfer full): the archived report, or %NULL with nothing
 * changed (no file left, no row written).
 */
XjArchivedReport *
xj_inspection_sign (XjStore               *store,
                    gint64                 inspection_id,
                    const XjSignOptions   *options,
                    GCancellable          *cancellable,
                    GError               **error)
{
  Progress forward = { options->progress, options->progress_data };
  XjArchivedReport *report = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL && options->passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint attempt = 0; report == NULL; attempt++)
    {
      g_autoptr(Prepared) prepared = prepare (store, inspection_id, options, &forward,
                                              cancellable, error);
      gboolean retry = FALSE;

      if (prepared == NULL)
        return NULL;
      report = commit (store, prepared, attempt, &retry, error);
      if (report == NULL && !retry)
        return NULL;
    }
  report_progress (&forward, 1.0);
  return report;
}

/* --- asynchronous ---------------------------------------------------------------- */

typedef struct {
  XjStore             *store;          /* the caller's: only for the final write */
  char                *data_dir;
  gint64               inspection_id;
  XjSignOptions        options;        /* a copy: its strings are the job's */
  XjProgressRelay      progress;
  guint                attempt;
} SignJob;

static void
sign_job_free (SignJob *job)
{
  g_object_unref (job->store);
  g_free (job->data_dir);
  g_free ((char *) job->options.organisation);
  g_free ((char *) job->options.logo_path);
  g_free ((char *) job->options.certificate_id);
  /* Not left lying in freed memory. */
  memset ((char *) job->options.passphrase, 0, strlen (job->options.passphrase));
  g_free ((char *) job->options.passphrase);
  _xj_progress_relay_clear (&job->progress);
  g_free (job);
}

static void
sign_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SignJob *job = task_data;
  Progress forward = { _xj_progress_relay_get_func (&job->progress), &job->progress };
  g_autoptr(XjStore) reader = NULL;
  GError *error = NULL;
  Prepared *prepared = NULL;

  /* A store of the worker's own: a database connection never crosses threads. */
  reader = xj_store_open (job->data_dir, XJ_STORE_OPEN_DEFAULT, &error);
  if (reader != NULL)
    prepared = prepare (reader, job->inspection_id, &job->options, &forward, cancellable, &error);
  if (prepared != NULL)
    g_task_return_pointer (task, prepared, (GDestroyNotify) prepared_free);
  else
    g_task_return_error (task, error);
}

static void on_prepared_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data);

/* The slow part in a worker; its result comes back to on_prepared_cb(),
 * for the write on the caller's store.  @task: (transfer full) */
static void
run_worker (GTask *task)
{
  g_autoptr(GTask) worker = g_task_new (NULL, g_task_get_cancellable (task), on_prepared_cb, task);

  g_task_set_check_cancellable (worker, FALSE);
  g_task_set_task_data (worker, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (worker, sign_thread);
}

static void
on_prepared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignJob *job = g_task_get_task_data (task);
  g_autoptr(Prepared) prepared = NULL;
  GError *error = NULL;
  XjArchivedReport *report = NULL;
  gboolean retry = FALSE;

  prepared = g_task_propagate_pointer (G_TASK (result), &error);
  /* Cancelled while the worker finished: the temporary file goes. */
  if (prepared != NULL && !g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    report = commit (job->store, prepared, job->attempt++, &retry, &error);
  if (retry)
    {
      /* Printed again with the next number. */
      run_worker (g_steal_pointer (&task));
      return;
    }
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  report_progress (&(Progress) { job->progress.progress, job->progress.progress_data }, 1.0);
  g_task_return_pointer (task, report, (GDestroyNotify) xj_archived_report_free);
}

/**
 * xj_inspection_sign_async:
 *
 * xj_inspection_sign() without blocking: the slow part runs in a worker
 * with its own database connection; progress comes to the caller's
 * thread-default main context; the final short write runs there too, on
 * @store.  Cancelling at any time before that write leaves nothing behind.
 */
void
xj_inspection_sign_async (XjStore               *store,
                          gint64                 inspection_id,
                          const XjSignOptions   *options,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  GTask *task;
  SignJob *job;

  g_return_if_fail (XJ_IS_STORE (store));
  g_return_if_fail (options != NULL && options->passphrase != NULL);

  job = g_new0 (SignJob, 1);
  job->store = g_object_ref (store);
  job->data_dir = g_strdup (xj_store_get_data_dir (store));
  job->inspection_id = inspection_id;
  job->options.organisation = g_strdup (options->organisation);
  job->options.logo_path = g_strdup (options->logo_path);
  job->options.certificate_id = g_strdup (options->certificate_id);
  job->options.passphrase = g_strdup (options->passphrase);
  /* The worker's progress comes here through the relay. */
  _xj_progress_relay_init (&job->progress, options->progress, options->progress_data);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, xj_inspection_sign_async);
  g_task_set_task_data (task, job, (GDestroyNotify) sign_job_free);

  run_worker (task);
}

XjArchivedReport *
xj_inspection_sign_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == xj_inspection_sign_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
