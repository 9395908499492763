/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The notice as a document: saved as PDF, or printed through the system
 * print dialog (which also offers "Print to File" as PDF).  The PDF is
 * written by the report module in a worker; the page stays responsive.
 */
#define G_LOG_DOMAIN "xj-notice-view"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>
#include <unistd.h>

#include "xj-cancel.h"
#include "xj-chooser.h"
#include "xj-notice-view-private.h"
#include "xj-report-build.h"
#include "xj-report.h"
#include "xj-window-actions.h"
#include "xj-window.h"

typedef enum {
  AFTER_SAVE,
  AFTER_PRINT,
} AfterWrite;

typedef struct
{
  XjNoticeView *view;
  char         *path;
  char         *title;
  AfterWrite    after;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_clear_object (&job->view);
  g_free (job->path);
  g_free (job->title);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriteJob, write_job_free)

/* --- printing ------------------------------------------------------------- */

static void
on_print_job_done_cb (GtkPrintJob  *job,
                      gpointer      user_data,
                      const GError *error)
{
  char *path = user_data;

  if (error != NULL)
    g_warning ("Printing failed: %s", error->message);
  g_unlink (path);
  g_free (path);
}

static void
on_print_dialog_response_cb (GtkDialog *dialog,
                             int        response,
                             gpointer   user_data)
{
  g_autoptr(WriteJob) job = user_data;
  GtkPrintUnixDialog *print_dialog = GTK_PRINT_UNIX_DIALOG (dialog);
  g_autoptr(GtkPrintJob) print_job = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrinter *printer = gtk_print_unix_dialog_get_selected_printer (print_dialog);

  if (response != GTK_RESPONSE_OK || printer == NULL)
    {
      g_unlink (job->path);
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  print_job = gtk_print_job_new (job->title, printer,
                                 gtk_print_unix_dialog_get_settings (print_dialog),
                                 gtk_print_unix_dialog_get_page_setup (print_dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (!gtk_print_job_set_source_file (print_job, job->path, &error))
    {
      xj_notice_view_show_error (job->view, error->message);
      g_unlink (job->path);
      return;
    }
  gtk_print_job_send (print_job, on_print_job_done_cb, g_steal_pointer (&job->path), NULL);
  xj_toast (GTK_WIDGET (job->view), _("Sent to the printer"));
}

static void
open_print_dialog (WriteJob *job)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (job->view));
  GtkWidget *dialog = gtk_print_unix_dialog_new (_("Print Notice"), GTK_WINDOW (root));

  /* The document is a finished PDF: the printer takes it as it is. */
  gtk_print_unix_dialog_set_manual_capabilities (GTK_PRINT_UNIX_DIALOG (dialog),
                                                 GTK_PRINT_CAPABILITY_GENERATE_PDF
                                                 | GTK_PRINT_CAPABILITY_COPIES);
  gtk_print_unix_dialog_set_embed_page_setup (GTK_PRINT_UNIX_DIALOG (dialog), FALSE);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_print_dialog_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- writing the PDF ------------------------------------------------------ */

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WriteJob) job = user_data;
  g_autoptr(GError) error = NULL;

  if (!xj_report_write_notice_finish (result, &error))
    {
      if (job->after == AFTER_PRINT)
        g_unlink (job->path);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        xj_notice_view_show_error (job->view, error->message);
      return;
    }
  g_clear_object (&job->view->document_cancellable);
  if (job->after == AFTER_PRINT)
    {
      open_print_dialog (g_steal_pointer (&job));
      return;
    }
  xj_toast (GTK_WIDGET (job->view), _("Notice saved as PDF"));
}

static void
write_document (XjNoticeView *self,
                const char   *path,
                AfterWrite    after)
{
  g_autoptr(XjNoticeReportData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *organisation = NULL;
  WriteJob *job;

  organisation = g_settings_get_string (xj_application_get_settings (self->application),
                                        "organisation-name");
  data = xj_notice_report_data_from_notice (xj_application_get_store (self->application),
                                            self->notice_id, organisation, &error);
  if (data == NULL)
    {
      xj_notice_view_show_error (self, error->message);
      return;
    }

  job = g_new0 (WriteJob, 1);
  job->view = g_object_ref (self);
  job->path = g_strdup (path);
  job->title = g_strdup (xj_notice_get_number (self->notice));
  job->after = after;
  xj_cancel_clear (&self->document_cancellable);
  self->document_cancellable = g_cancellable_new ();
  xj_report_write_notice_async (g_steal_pointer (&data), path, NULL, NULL,
                                self->document_cancellable, on_written_cb, job);
}

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  XjNoticeView *self = user_data;
  g_autofree char *path = xj_chooser_dup_path (chooser, response);

  if (path != NULL)
    write_document (self, path, AFTER_SAVE);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_pdf_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XjNoticeView *self = XJ_NOTICE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->notice == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save the Notice as PDF"), GTK_WINDOW (root),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("%s.pdf", xj_notice_get_number (self->notice));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XjNoticeView *self = XJ_NOTICE_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd;

  if (self->notice == NULL)
    return;
  fd = g_file_open_tmp ("xunjian-notice-XXXXXX.pdf", &path, &error);
  if (fd < 0)
    {
      xj_notice_view_show_error (self, error->message);
      return;
    }
  close (fd);
  write_document (self, path, AFTER_PRINT);
}

void
_xj_notice_view_class_init_document (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "notice.save-pdf", NULL, save_pdf_activated);
  gtk_widget_class_install_action (widget_class, "notice.print", NULL, print_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "notice.print", NULL);
}

/**
 * xj_notice_view_save_pdf:
 * @path: where to write
 *
 * Writes the notice's document to @path (asynchronously), as Save as PDF
 * does after its file chooser.
 */
void
xj_notice_view_save_pdf (XjNoticeView *self,
                         const char   *path)
{
  g_return_if_fail (XJ_IS_NOTICE_VIEW (self));

  write_document (self, path, AFTER_SAVE);
}
