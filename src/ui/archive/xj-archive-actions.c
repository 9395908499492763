/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening, copying and verifying an archived report.  Copying and
 * verifying read the whole file (and hash it), so they run in a worker
 * on a reader of their own; opening hands a file URI to the desktop.
 */
#define G_LOG_DOMAIN "xj-archive-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xj-archive-actions.h"
#include "xj-launch.h"
#include "xj-reader-task.h"
#include "xj-report-archive.h"
#include "xj-verify-dialog.h"
#include "xj-window-actions.h"
#include "xj-window.h"

/* --- helpers -------------------------------------------------------------- */

/* The main window, also from a dialog over it. */
static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* --- open ----------------------------------------------------------------- */

static void
toast_not_opened (GtkWidget    *widget,
                  const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("No application could open the report: %s"),
                                              error->message);

  xj_toast (widget, message);
}

static void
open_archived (GtkWidget        *widget,
               XjArchivedReport *report)
{
  xj_launch_path (widget, report->path, toast_not_opened);
}

/* --- save a copy ---------------------------------------------------------- */

typedef struct {
  gint64  report_id;
  char   *destination;
} CopyJob;

static void
copy_job_free (CopyJob *job)
{
  g_free (job->destination);
  g_free (job);
}

/* Returns the job, which has nothing else to hand back. */
static gpointer
copy_on_reader (XjStore       *reader,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  CopyJob *job = data;

  return xj_report_export_archived (reader, job->report_id, job->destination, error)
         ? job : NULL;
}

static const XjReaderTask copy_task = {
  .run = copy_on_reader,
  .job_free = (GDestroyNotify) copy_job_free,
};

static void
on_copied_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (xj_store_run_on_reader_finish (result, &copy_task, &error) == NULL)
    xj_toast (widget, error->message);
  else
    xj_toast (widget, _("Copy saved"));
}

/* Where a copy is asked for, while the chooser is open. */
typedef struct {
  GtkWidget  *widget;     /* where the result is shown */
  XjStore    *store;
  gint64      report_id;
} SaveRequest;

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SaveRequest     *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      CopyJob *job = g_new0 (CopyJob, 1);

      job->report_id = request->report_id;
      job->destination = g_file_get_path (file);
      xj_store_run_on_reader_async (request->store, &copy_task, job, NULL, on_copied_cb,
                                    g_steal_pointer (&request->widget));
    }
  g_clear_object (&request->widget);
  g_object_unref (request->store);
  g_free (request);
  g_object_unref (chooser);
}

static void
save_copy (GtkWidget        *widget,
           XjStore          *store,
           XjArchivedReport *report)
{
  g_autofree char *name = g_strconcat (report->number, ".pdf", NULL);
  GtkFileChooserNative *chooser;
  SaveRequest *request = g_new0 (SaveRequest, 1);

  request->widget = g_object_ref (widget);
  request->store = g_object_ref (store);
  request->report_id = report->id;
  chooser = gtk_file_chooser_native_new (_("Save a Copy of the Report"), parent_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- verify --------------------------------------------------------------- */

static void
verification_free (XjArchiveVerification *verification)
{
  xj_archive_verification_clear (verification);
  g_free (verification);
}

static gpointer
verify_on_reader (XjStore       *reader,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  XjArchiveVerification *verification = g_new0 (XjArchiveVerification, 1);

  /* A failed check is a result to show, not an error: reason says why. */
  xj_report_verify_archived (reader, *(gint64 *) data, verification, NULL);
  return verification;
}

static const XjReaderTask verify_task = {
  .run = verify_on_reader,
  .job_free = g_free,
  .result_free = (GDestroyNotify) verification_free,
};

static void
on_verified_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;
  XjArchiveVerification *verification;
  XjVerifyDialog *dialog;

  verification = xj_store_run_on_reader_finish (result, &verify_task, &error);
  if (verification == NULL)
    {
      xj_toast (widget, error->message);
      return;
    }
  dialog = xj_verify_dialog_new (parent_window (widget), verification);
  gtk_window_present (GTK_WINDOW (dialog));
  verification_free (verification);
}

static void
verify (GtkWidget *widget,
        XjStore   *store,
        gint64     report_id)
{
  xj_store_run_on_reader_async (store, &verify_task, g_memdup2 (&report_id, sizeof report_id),
                                NULL, on_verified_cb, g_object_ref (widget));
}

/* --- any action ---------------------------------------------------------- */

/* The report by its own id or (@by_inspection) its inspection's, looked up
 * on the main loop (one row), then acted on; a failed look-up is toasted. */
static void
act (GtkWidget       *widget,
     XjStore         *store,
     XjArchiveAction  action,
     gint64           id,
     gboolean         by_inspection)
{
  g_autoptr(XjArchivedReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (XJ_IS_STORE (store));

  /* The worker says what is wrong with a report it cannot verify. */
  if (action == XJ_ARCHIVE_VERIFY && !by_inspection)
    {
      verify (widget, store, id);
      return;
    }
  report = by_inspection ? xj_store_get_archived_report (store, id, &error)
                         : xj_store_find_archived_report (store, id, &error);
  if (report == NULL)
    xj_toast (widget, error->message);
  else if (action == XJ_ARCHIVE_OPEN)
    open_archived (widget, report);
  else if (action == XJ_ARCHIVE_SAVE_COPY)
    save_copy (widget, store, report);
  else
    verify (widget, store, report->id);
}

/* --- public API ----------------------------------------------------------- */

XjArchiveAction
xj_archive_action_from_name (const char *action_name)
{
  const char *dot = strchr (action_name, '.');
  const char *name = dot != NULL ? dot + 1 : action_name;

  if (g_str_equal (name, "save-copy"))
    return XJ_ARCHIVE_SAVE_COPY;
  if (g_str_equal (name, "verify"))
    return XJ_ARCHIVE_VERIFY;
  g_return_val_if_fail (g_str_has_prefix (name, "open"), XJ_ARCHIVE_OPEN);
  return XJ_ARCHIVE_OPEN;
}

void
xj_archive_act (GtkWidget       *widget,
                XjStore         *store,
                XjArchiveAction  action,
                gint64           report_id)
{
  act (widget, store, action, report_id, FALSE);
}

void
xj_archive_act_on_inspection (GtkWidget       *widget,
                              XjStore         *store,
                              XjArchiveAction  action,
                              gint64           inspection_id)
{
  act (widget, store, action, inspection_id, TRUE);
}
