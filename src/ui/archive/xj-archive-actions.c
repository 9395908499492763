/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening, copying and verifying an archived report.  Copying and
 * verifying read the whole file (and hash it), so they run in a worker
 * with a store of its own; opening hands a file URI to the desktop.
 */
#define G_LOG_DOMAIN "xj-archive-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-archive-actions.h"
#include "xj-report-archive.h"
#include "xj-verify-dialog.h"
#include "xj-window-actions.h"
#include "xj-window.h"

typedef struct {
  char       *data_dir;
  gint64      id;             /* inspection (copy) or report (verify) */
  char       *destination;    /* copy only */
  GtkWidget  *widget;         /* where the result is shown (a reference) */
} Job;

/* --- helpers -------------------------------------------------------------- */

static void
job_free (Job *job)
{
  g_free (job->data_dir);
  g_free (job->destination);
  g_clear_object (&job->widget);
  g_free (job);
}

static Job *
job_new (GtkWidget *widget,
         XjStore   *store,
         gint64     id)
{
  Job *job = g_new0 (Job, 1);

  job->data_dir = g_strdup (xj_store_get_data_dir (store));
  job->id = id;
  job->widget = g_object_ref (widget);
  return job;
}

/* The main window, also from a dialog over it. */
static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* --- open ----------------------------------------------------------------- */

static void
on_launched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("No application could open the report: %s"),
                                                  error->message);
      xj_toast (widget, message);
    }
}

static void
open_archived (GtkWidget        *widget,
               XjArchivedReport *report)
{
  g_autoptr(GFile) file = g_file_new_for_path (report->path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GdkAppLaunchContext) context = NULL;

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           on_launched_cb, g_object_ref (widget));
}

/* The archived report by its inspection or (@by_report) its own id (a
 * monthly report has no inspection), or NULL with the reason toasted.
 * One row: short enough for the main loop. */
static XjArchivedReport *
lookup (GtkWidget *widget,
        XjStore   *store,
        gint64     id,
        gboolean   by_report)
{
  g_autoptr(GError) error = NULL;
  XjArchivedReport *report = by_report ? xj_store_find_archived_report (store, id, &error)
                                       : xj_store_get_archived_report (store, id, &error);

  if (report == NULL)
    xj_toast (widget, error->message);
  return report;
}

void
xj_archive_open_report (GtkWidget *widget,
                        XjStore   *store,
                        gint64     inspection_id)
{
  g_autoptr(XjArchivedReport) report = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  if ((report = lookup (widget, store, inspection_id, FALSE)) != NULL)
    open_archived (widget, report);
}

void
xj_archive_open_archived (GtkWidget *widget,
                          XjStore   *store,
                          gint64     report_id)
{
  g_autoptr(XjArchivedReport) report = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  if ((report = lookup (widget, store, report_id, TRUE)) != NULL)
    open_archived (widget, report);
}

/* --- save a copy ---------------------------------------------------------- */

static void
copy_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  g_autoptr(XjStore) store = xj_store_open_reader (job->data_dir, &error);

  /* job->id: the report's own id. */
  if (store != NULL
      && xj_report_export_archived_report (store, job->id, job->destination, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_copied_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    xj_toast (job->widget, error->message);
  else
    xj_toast (job->widget, _("Copy saved"));
}

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Job             *job)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GTask) task = g_task_new (NULL, NULL, on_copied_cb, NULL);

      job->destination = g_file_get_path (file);
      g_task_set_task_data (task, job, (GDestroyNotify) job_free);
      g_task_run_in_thread (task, copy_thread);
    }
  else
    job_free (job);
  g_object_unref (chooser);
}

static void
save_copy (GtkWidget        *widget,
           XjStore          *store,
           XjArchivedReport *report)
{
  g_autofree char *name = g_strconcat (report->number, ".pdf", NULL);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save a Copy of the Report"), parent_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb),
                    job_new (widget, store, report->id));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
xj_archive_save_copy (GtkWidget *widget,
                      XjStore   *store,
                      gint64     inspection_id)
{
  g_autoptr(XjArchivedReport) report = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  if ((report = lookup (widget, store, inspection_id, FALSE)) != NULL)
    save_copy (widget, store, report);
}

void
xj_archive_save_archived_copy (GtkWidget *widget,
                               XjStore   *store,
                               gint64     report_id)
{
  g_autoptr(XjArchivedReport) report = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  if ((report = lookup (widget, store, report_id, TRUE)) != NULL)
    save_copy (widget, store, report);
}

/* --- verify --------------------------------------------------------------- */

static void
verification_free (XjArchiveVerification *verification)
{
  xj_archive_verification_clear (verification);
  g_free (verification);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  g_autoptr(XjStore) store = xj_store_open_reader (job->data_dir, &error);
  XjArchiveVerification *verification;

  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A failed check is a result to show, not an error: reason says why. */
  verification = g_new0 (XjArchiveVerification, 1);
  xj_report_verify_archived (store, job->id, verification, NULL);
  g_task_return_pointer (task, verification, (GDestroyNotify) verification_free);
}

static void
on_verified_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  XjArchiveVerification *verification = g_task_propagate_pointer (G_TASK (result), &error);
  XjVerifyDialog *dialog;

  if (verification == NULL)
    {
      xj_toast (job->widget, error->message);
      return;
    }
  dialog = xj_verify_dialog_new (parent_window (job->widget), verification);
  gtk_window_present (GTK_WINDOW (dialog));
  verification_free (verification);
}

void
xj_archive_verify (GtkWidget *widget,
                   XjStore   *store,
                   gint64     report_id)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  task = g_task_new (NULL, NULL, on_verified_cb, NULL);
  g_task_set_task_data (task, job_new (widget, store, report_id), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, verify_thread);
}
