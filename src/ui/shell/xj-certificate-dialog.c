/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjCertificateDialog: makes a certificate that signs reports, either a
 * personal self-signed one or one imported from a PKCS#12 file.  Making a
 * key takes a moment, so the work runs in a worker; the dialog says
 * "certificate-ready" when the certificate is in place.  A new certificate
 * for someone who has one is added only with the passphrase of their
 * current one (on a shared laptop no one adds a certificate that signs as
 * someone else), and never replaces the old one, which still verifies the
 * reports it signed.
 */
#define G_LOG_DOMAIN "xj-certificate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-certificate-dialog.h"
#include "xj-chooser.h"
#include "xj-certificate.h"
#include "xj-clock.h"
#include "xj-passphrase-dialog.h"
#include "xj-text.h"
#include "xj-window-actions.h"

struct _XjCertificateDialog
{
  AdwWindow                parent_instance;

  char                    *data_dir;
  char                    *file;
  XjCertificateDialogMode  mode;
  GCancellable            *cancellable;
  GtkNativeDialog         *chooser;      /* owned; modal to this window, gone with it */
  gboolean                 confirmed;
  char                    *current_passphrase; /* the holder's, when confirmed */

  AdwWindowTitle          *title;
  GtkButton               *apply_button;
  GtkSpinner              *spinner;
  GtkWidget               *content;
  GtkWidget               *create_group;
  GtkWidget               *import_group;
  AdwEntryRow             *name_row;
  AdwEntryRow             *organisation_row;
  AdwActionRow            *file_row;
  AdwEntryRow             *file_password_row;
  AdwEntryRow             *passphrase_row;
  AdwEntryRow             *repeat_row;
  GtkLabel                *error_label;
};

G_DEFINE_FINAL_TYPE (XjCertificateDialog, xj_certificate_dialog, ADW_TYPE_WINDOW)

enum {
  CERTIFICATE_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  XjCertificateDialogMode  mode;
  char                    *data_dir;
  char                    *name;
  char                    *organisation;
  char                    *file;
  char                    *file_password;
  char                    *passphrase;
  gboolean                 confirmed;   /* the holder may already have one */
  char                    *current_passphrase; /* of the holder's current one */
  char                    *holder;      /* out: who the new certificate is for */
  gint64                   held_until;  /* out: when the holder's newest one expires */
} Job;

/* --- helpers -------------------------------------------------------------- */

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
job_free (Job *job)
{
  g_free (job->data_dir);
  g_free (job->name);
  g_free (job->organisation);
  g_free (job->file);
  wipe (job->file_password);
  wipe (job->passphrase);
  wipe (job->current_passphrase);
  g_free (job->holder);
  g_free (job);
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static GtkWidget *
first_field (XjCertificateDialog *self)
{
  return self->mode == XJ_CERTIFICATE_DIALOG_CREATE ? GTK_WIDGET (self->name_row)
                                                    : GTK_WIDGET (self->file_row);
}

static void
set_busy (XjCertificateDialog *self,
          gboolean             busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  /* A focused field made insensitive keeps blinking on GTK 4.8: let it go
   * first, and take it back to the first field after. */
  gtk_window_set_focus (GTK_WINDOW (self), busy ? NULL : first_field (self));
  gtk_widget_set_sensitive (self->content, !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "certificate.apply", !busy);
}

/* What is wrong with the form, or NULL. */
static const char *
check_form (XjCertificateDialog *self)
{
  if (self->mode == XJ_CERTIFICATE_DIALOG_CREATE && xj_text_is_blank (row_text (self->name_row)))
    return _("Enter the name of the person who signs.");
  if (self->mode == XJ_CERTIFICATE_DIALOG_IMPORT && self->file == NULL)
    return _("Choose the PKCS#12 file to import.");
  if (*row_text (self->passphrase_row) == '\0')
    return _("Choose a passphrase to protect the signing key.");
  if (g_strcmp0 (row_text (self->passphrase_row), row_text (self->repeat_row)) != 0)
    return _("The two passphrases differ: type the same one twice.");
  return NULL;
}

/* Whether the new certificate's holder has one already: then the worker
 * stops with G_IO_ERROR_EXISTS and the dialog asks. */
static gboolean
holder_has_one (Job     *job,
                GError **error)
{
  g_autoptr(XjCertificate) peeked = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (job->mode == XJ_CERTIFICATE_DIALOG_CREATE)
    job->holder = g_strstrip (g_strdup (job->name));
  else if ((peeked = xj_certificate_peek_pkcs12 (job->file, job->file_password, error)) == NULL)
    return TRUE;
  else
    job->holder = g_strdup (xj_certificate_get_subject_name (peeked));
  if ((list = xj_certificate_list (job->data_dir, error)) == NULL)
    return TRUE;
  for (guint i = 0; i < list->len; i++)
    {
      XjCertificate *certificate = g_ptr_array_index (list, i);

      if (xj_certificate_is_held_by (certificate, job->holder))
        job->held_until = MAX (job->held_until, xj_certificate_get_expiry (certificate));
    }
  if (job->held_until == 0)
    return FALSE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s", job->holder);
  return TRUE;
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gboolean ok;

  if (holder_has_one (job, &error))
    {
      /* Asked first; once the user answers, only the holder's passphrase
       * lets a certificate in their name be added. */
      if (!job->confirmed || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_task_return_error (task, error);
          return;
        }
      g_clear_error (&error);
      if (!xj_certificate_check_holder (job->data_dir, job->holder, job->current_passphrase,
                                        &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  if (job->mode == XJ_CERTIFICATE_DIALOG_CREATE)
    ok = xj_certificate_create_self_signed (job->data_dir, job->name, job->organisation,
                                            job->passphrase, &error);
  else
    ok = xj_certificate_import_pkcs12 (job->data_dir, job->file, job->file_password,
                                       job->passphrase, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
forget_current_passphrase (XjCertificateDialog *self)
{
  g_clear_pointer (&self->current_passphrase, wipe);
}

static void
on_confirm_response_cb (XjPassphraseDialog  *dialog,
                        const char          *response,
                        XjCertificateDialog *self)
{
  if (g_strcmp0 (response, XJ_PASSPHRASE_RESPONSE) != 0)
    return;
  forget_current_passphrase (self);
  self->current_passphrase = g_strdup (xj_passphrase_dialog_get_passphrase (dialog));
  self->confirmed = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (self), "certificate.apply", NULL);
}

/* The holder has a certificate: a new one is added beside it, not in its
 * place, and only with the passphrase of the current one.  @problem: why
 * the last passphrase was refused, or NULL. */
static void
confirm_another (XjCertificateDialog *self,
                 const Job           *job,
                 const char          *problem)
{
  g_autofree char *until = xj_format_local_minute (job->held_until);
  g_autofree char *heading = g_strdup_printf (_("%s Already Has a Certificate"), job->holder);
  g_autofree char *body = NULL;
  XjPassphraseDialog *dialog;

  body = g_strdup_printf (_("Only %s can add a new one: type the passphrase of their current "
                            "certificate (valid until %s). The new certificate will sign %s’s "
                            "reports from now on; the current one is kept with its key, so "
                            "that the reports it signed still verify as %s’s."),
                          job->holder, until, job->holder, job->holder);
  dialog = xj_passphrase_dialog_new (GTK_WINDOW (self), heading, body, _("_Add New Certificate"));
  if (problem != NULL)
    xj_passphrase_dialog_show_error (dialog, problem, job->current_passphrase);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_applied_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(XjCertificateDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          set_busy (self, FALSE);
          confirm_another (self, g_task_get_task_data (G_TASK (result)), NULL);
        }
      else if (g_error_matches (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE)
               && self->confirmed)
        {
          /* Asked again, with what was typed selected. */
          set_busy (self, FALSE);
          self->confirmed = FALSE;
          forget_current_passphrase (self);
          confirm_another (self, g_task_get_task_data (G_TASK (result)), error->message);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_busy (self, FALSE);
          xj_inline_error_show (self->error_label, error->message, NULL);
        }
      return;
    }
  set_busy (self, FALSE);
  g_signal_emit (self, signals[CERTIFICATE_READY], 0);
  gtk_window_close (GTK_WINDOW (self));
}

/* --- actions -------------------------------------------------------------- */

static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XjCertificateDialog *self = XJ_CERTIFICATE_DIALOG (widget);
  const char *problem = check_form (self);
  g_autoptr(GTask) task = NULL;
  Job *job;

  xj_inline_error_show (self->error_label, problem, NULL);
  if (problem != NULL)
    return;
  job = g_new0 (Job, 1);
  job->mode = self->mode;
  job->data_dir = g_strdup (self->data_dir);
  job->name = g_strdup (row_text (self->name_row));
  job->organisation = g_strdup (row_text (self->organisation_row));
  job->file = g_strdup (self->file);
  job->file_password = g_strdup (row_text (self->file_password_row));
  job->passphrase = g_strdup (row_text (self->passphrase_row));
  job->confirmed = self->confirmed;
  job->current_passphrase = g_strdup (self->current_passphrase);

  set_busy (self, TRUE);
  task = g_task_new (NULL, self->cancellable, on_applied_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, apply_thread);
}

static void xj_certificate_dialog_set_file (XjCertificateDialog *self,
                                            const char          *path);

static void
on_chooser_response_cb (GtkNativeDialog     *chooser,
                        int                  response,
                        XjCertificateDialog *self)
{
  g_autofree char *path = xj_chooser_dup_path (chooser, response);

  if (response == GTK_RESPONSE_ACCEPT)
    xj_certificate_dialog_set_file (self, path);
  g_clear_object (&self->chooser);
}

static void
choose_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XjCertificateDialog *self = XJ_CERTIFICATE_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Import PKCS#12 File"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PKCS#12 files"));
  gtk_file_filter_add_pattern (filter, "*.p12");
  gtk_file_filter_add_pattern (filter, "*.pfx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* The dialog owns the chooser: closing the dialog closes the chooser
   * (see dispose), so no answer comes to a dialog that is gone. */
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_certificate_dialog_dispose (GObject *object)
{
  XjCertificateDialog *self = XJ_CERTIFICATE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  /* A chooser still open goes with the window, unanswered. */
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_CERTIFICATE_DIALOG);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (xj_certificate_dialog_parent_class)->dispose (object);
}

static void
xj_certificate_dialog_finalize (GObject *object)
{
  XjCertificateDialog *self = XJ_CERTIFICATE_DIALOG (object);

  g_free (self->data_dir);
  g_free (self->file);
  forget_current_passphrase (self);

  G_OBJECT_CLASS (xj_certificate_dialog_parent_class)->finalize (object);
}

static void
xj_certificate_dialog_class_init (XjCertificateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_certificate_dialog_dispose;
  object_class->finalize = xj_certificate_dialog_finalize;

  signals[CERTIFICATE_READY] = g_signal_new ("certificate-ready", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-certificate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, title);
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, content);
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, create_group);
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, import_group);
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, file_password_row);
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, XjCertificateDialog, error_label);

  gtk_widget_class_install_action (widget_class, "certificate.apply", NULL, apply_activated);
  gtk_widget_class_install_action (widget_class, "certificate.choose", NULL, choose_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xj_certificate_dialog_init (XjCertificateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* --- public API ----------------------------------------------------------- */

/**
 * xj_certificate_dialog_new:
 * @name: (nullable): proposed as the certificate's name (preferences)
 * @organisation: (nullable): proposed as its organisation
 */
XjCertificateDialog *
xj_certificate_dialog_new (GtkWindow               *parent,
                           const char              *data_dir,
                           XjCertificateDialogMode  mode,
                           const char              *name,
                           const char              *organisation)
{
  XjCertificateDialog *self = g_object_new (XJ_TYPE_CERTIFICATE_DIALOG,
                                            "transient-for", parent, NULL);
  gboolean create = mode == XJ_CERTIFICATE_DIALOG_CREATE;

  self->data_dir = g_strdup (data_dir);
  self->mode = mode;
  gtk_widget_set_visible (self->create_group, create);
  gtk_widget_set_visible (self->import_group, !create);
  adw_window_title_set_title (self->title, create ? _("Personal Certificate")
                                                  : _("Import Certificate"));
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->title));
  gtk_button_set_label (self->apply_button, create ? _("C_reate") : _("_Import"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->organisation_row),
                         organisation != NULL ? organisation : "");
  /* The first field, never Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), first_field (self));
  return self;
}

/* The PKCS#12 file to import, as if chosen (the file chooser and tests). */
static void
xj_certificate_dialog_set_file (XjCertificateDialog *self,
                                const char          *path)
{
  g_autofree char *name = NULL;

  g_return_if_fail (XJ_IS_CERTIFICATE_DIALOG (self));

  g_free (self->file);
  self->file = g_strdup (path);
  name = g_filename_display_basename (path);
  adw_action_row_set_subtitle (self->file_row, name);
}
