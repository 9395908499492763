/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjSignDialog: the handwritten signatures of a completed inspection (the
 * inspector's, and the representative's for weekly and monthly checks),
 * then the passphrase of the signing certificate, then the report is
 * written, signed and archived in a worker while the window stays
 * responsive.  The certificate is the one of the inspector the report
 * names, and the dialog names it (holder, issuer, validity) before
 * signing; without one it offers to make one for that inspector.  The
 * passphrase goes from its entry to the signing job, and is kept only
 * until the job answers, to be offered again selected if it was wrong.
 * Preview writes the same report, unsigned and marked, and opens it.
 */
#define G_LOG_DOMAIN "xj-sign-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-certificate-dialog.h"
#include "xj-certificate.h"
#include "xj-clock.h"
#include "xj-icon-button.h"
#include "xj-inspection.h"
#include "xj-launch.h"
#include "xj-passphrase-dialog.h"
#include "xj-report-archive.h"
#include "xj-report-preview.h"
#include "xj-sign-dialog.h"
#include "xj-text.h"
#include "xj-window-actions.h"
#include "xj-window.h"

struct _XjSignDialog
{
  AdwWindow            parent_instance;

  XjApplication       *application;
  XjInspection        *inspection;
  GCancellable        *cancellable;   /* while signing */
  GCancellable        *preview_cancellable;
  char                *certificate_id; /* the inspector's, or NULL: none */
  char                *passphrase;     /* while signing, to ask again if wrong */
  XjSignaturePad      *inspector_pad;
  XjSignaturePad      *rep_pad;

  GtkButton           *sign_button;
  GtkProgressBar      *progress;
  GtkWidget           *content;
  AdwPreferencesGroup *inspector_group;
  AdwPreferencesGroup *representative_group;
  AdwEntryRow         *inspector_name_row;
  AdwEntryRow         *rep_name_row;
  AdwEntryRow         *rep_company_row;
  AdwActionRow        *certificate_row;
  GtkWidget           *create_certificate_button;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (XjSignDialog, xj_sign_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static XjPassphraseDialog *ask_passphrase (XjSignDialog *self);

/* --- helpers -------------------------------------------------------------- */

static XjStore *
get_store (XjSignDialog *self)
{
  return xj_application_get_store (self->application);
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
needs_representative (XjSignDialog *self)
{
  return xj_inspection_kind_needs_representative (self->inspection->kind);
}

static void
set_busy (XjSignDialog *self,
          gboolean      busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  gtk_progress_bar_set_fraction (self->progress, 0);
  /* A focused field made insensitive keeps blinking on GTK 4.8. */
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (self->content, !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign.sign", !busy);
}

static void
forget_passphrase (XjSignDialog *self)
{
  if (self->passphrase != NULL)
    memset (self->passphrase, 0, strlen (self->passphrase));
  g_clear_pointer (&self->passphrase, g_free);
}

/* Names the certificate that will sign, or says that the inspector has
 * none and what to do. */
static void
update_certificate (XjSignDialog *self)
{
  g_autoptr(XjCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  const char *organisation;

  g_clear_pointer (&self->certificate_id, g_free);
  certificate = xj_inspection_dup_signing_certificate (get_store (self), self->inspection->id,
                                                       NULL, &error);
  gtk_widget_set_visible (self->create_certificate_button, certificate == NULL);
  if (certificate == NULL)
    {
      title = g_strdup_printf (_("No certificate for %s"), self->inspection->inspector);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->certificate_row), title);
      adw_action_row_set_subtitle (self->certificate_row, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->certificate_row), "error");
      return;
    }
  self->certificate_id = g_strdup (xj_certificate_get_id (certificate));
  organisation = xj_certificate_get_organisation (certificate);
  title = *organisation != '\0'
          /* Translators: the certificate's holder, then their organisation. */
          ? g_strdup_printf (C_("signer", "%s, %s"), xj_certificate_get_subject_name (certificate),
                             organisation)
          : g_strdup (xj_certificate_get_subject_name (certificate));
  from = xj_format_local_minute (xj_certificate_get_activation (certificate));
  until = xj_format_local_minute (xj_certificate_get_expiry (certificate));
  if (xj_certificate_is_self_signed (certificate))
    subtitle = g_strdup_printf (_("Issued by %s (self-signed: a personal certificate)\n"
                                  "Valid from %s to %s"),
                                xj_certificate_get_issuer_name (certificate), from, until);
  else
    subtitle = g_strdup_printf (_("Issued by %s\nValid from %s to %s"),
                                xj_certificate_get_issuer_name (certificate), from, until);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->certificate_row), title);
  adw_action_row_set_subtitle (self->certificate_row, subtitle);
  gtk_widget_remove_css_class (GTK_WIDGET (self->certificate_row), "error");
}

static void
on_pad_action_cb (GtkButton *button,
                  gpointer   user_data)
{
  XjSignaturePad *pad = user_data;

  if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (button)), "undo") == 0)
    xj_signature_pad_undo (pad);
  else
    xj_signature_pad_clear (pad);
}

static GtkWidget *
pad_button (XjSignaturePad *pad,
            const char     *name,
            const char     *icon,
            const char     *label)
{
  GtkWidget *button = xj_icon_button_new (icon, label);

  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "flat");
  g_object_bind_property (pad, "empty", button, "sensitive", G_BINDING_SYNC_CREATE
                          | G_BINDING_INVERT_BOOLEAN);
  g_signal_connect (button, "clicked", G_CALLBACK (on_pad_action_cb), pad);
  return button;
}

/* A pad with its Undo and Clear under a group's rows. */
static XjSignaturePad *
add_pad (AdwPreferencesGroup *group,
         const char          *accessible_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *hint = gtk_label_new (_("Sign in the box above"));
  GtkWidget *pad = xj_signature_pad_new ();

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_size_request (pad, -1, 180);
  gtk_accessible_update_property (GTK_ACCESSIBLE (pad), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_widget_set_hexpand (hint, TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (tools), hint);
  gtk_box_append (GTK_BOX (tools), pad_button (XJ_SIGNATURE_PAD (pad), "undo",
                                               "edit-undo-symbolic", _("Undo Last Stroke")));
  gtk_box_append (GTK_BOX (tools), pad_button (XJ_SIGNATURE_PAD (pad), "clear",
                                               "edit-clear-all-symbolic", _("Clear Signature")));
  gtk_box_append (GTK_BOX (box), pad);
  gtk_box_append (GTK_BOX (box), tools);
  adw_preferences_group_add (group, box);
  return XJ_SIGNATURE_PAD (pad);
}

/* Every stroke, undo and clear is written at once (issue 12: a crash lost
 * what was drawn). */
static void
on_pad_changed_cb (XjSignaturePad *pad,
                   GParamSpec     *pspec,
                   XjSignDialog   *self)
{
  XjSignatureRole role = pad == self->rep_pad ? XJ_SIGNATURE_ROLE_REPRESENTATIVE
                                              : XJ_SIGNATURE_ROLE_INSPECTOR;
  g_autofree char *strokes = xj_signature_pad_get_empty (pad) ? NULL
                             : xj_signature_pad_dup_strokes_json (pad);
  g_autoptr(GError) error = NULL;

  if (!xj_store_save_signature_draft (get_store (self), self->inspection->id, role, strokes,
                                      &error))
    xj_inline_error_show (self->error_label, error->message, NULL);
}

/* What was drawn on @pad before the application stopped: the strokes kept
 * as they were drawn, else the signature given when signing began. */
static void
restore_pad (XjSignDialog    *self,
             XjSignaturePad  *pad,
             XjSignatureRole  role,
             GPtrArray       *signatures)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *strokes = xj_store_dup_signature_draft (get_store (self), self->inspection->id,
                                                           role, &error);

  for (guint i = 0; strokes == NULL && signatures != NULL && i < signatures->len; i++)
    {
      XjSignature *signature = g_ptr_array_index (signatures, i);

      if (signature->role == role)
        strokes = g_strdup (signature->strokes);
    }
  if (strokes != NULL && !xj_signature_pad_set_strokes_json (pad, strokes, &error))
    g_warning ("Could not show the signature drawn before: %s", error->message);
  g_signal_connect_object (pad, "notify::can-undo", G_CALLBACK (on_pad_changed_cb), self, 0);
}

/* What is missing before signing, or NULL. */
static const char *
check_form (XjSignDialog *self)
{
  if (xj_text_is_blank (row_text (self->inspector_name_row)))
    return _("Enter the inspector’s name.");
  if (xj_signature_pad_get_empty (self->inspector_pad))
    return _("The inspector has not signed yet: sign in the box.");
  if (!needs_representative (self))
    return NULL;
  if (xj_text_is_blank (row_text (self->rep_name_row)))
    return _("Enter the name of the property representative.");
  if (xj_signature_pad_get_empty (self->rep_pad))
    return _("The property representative has not signed yet.");
  return NULL;
}

/* Short writes: a signature per role (signing again replaces it). */
static gboolean
save_signatures (XjSignDialog  *self,
                 GError       **error)
{
  g_autofree char *inspector = xj_signature_pad_dup_strokes_json (self->inspector_pad);
  g_autofree char *rep = NULL;

  if (xj_store_add_inspection_signature (get_store (self), self->inspection->id,
                                         XJ_SIGNATURE_ROLE_INSPECTOR,
                                         row_text (self->inspector_name_row), NULL,
                                         inspector, error) <= 0)
    return FALSE;
  if (!needs_representative (self))
    return TRUE;
  rep = xj_signature_pad_dup_strokes_json (self->rep_pad);
  return xj_store_add_inspection_signature (get_store (self), self->inspection->id,
                                            XJ_SIGNATURE_ROLE_REPRESENTATIVE,
                                            row_text (self->rep_name_row),
                                            row_text (self->rep_company_row), rep, error) > 0;
}

/* --- signing -------------------------------------------------------------- */

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  XjSignDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress, fraction);
}

static void
on_signed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(XjSignDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XjArchivedReport) report = xj_inspection_sign_finish (result, &error);
  g_autofree char *message = NULL;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (g_error_matches (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE))
    {
      /* Said in the prompt, asked again with what was typed selected. */
      XjPassphraseDialog *dialog = ask_passphrase (self);

      xj_passphrase_dialog_show_error (dialog, _("This passphrase is wrong: type it again."),
                                       self->passphrase);
      forget_passphrase (self);
      return;
    }
  forget_passphrase (self);
  if (report == NULL)
    {
      /* Cancelled: the user knows; nothing was changed. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        xj_inline_error_show (self->error_label, error->message, NULL);
      return;
    }
  message = g_strdup_printf (_("Signed and archived as report %s"), report->number);
  xj_toast (GTK_WIDGET (self), message);
  g_signal_emit (self, signals[SIGNED], 0, report->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
start_signing (XjSignDialog *self,
               const char   *passphrase)
{
  GSettings *settings = xj_application_get_settings (self->application);
  g_autofree char *organisation = NULL;
  g_autofree char *logo = NULL;
  g_autoptr(GError) error = NULL;

  if (!save_signatures (self, &error))
    {
      xj_inline_error_show (self->error_label, error->message, NULL);
      return;
    }
  if (settings != NULL)
    {
      organisation = g_settings_get_string (settings, "organisation-name");
      logo = g_settings_get_string (settings, "organisation-logo");
    }
  xj_inline_error_show (self->error_label, NULL, NULL);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  forget_passphrase (self);
  self->passphrase = g_strdup (passphrase);
  xj_inspection_sign_async (get_store (self), self->inspection->id, &(XjSignOptions) {
                              .organisation = organisation,
                              .logo_path = logo,
                              .certificate_id = self->certificate_id,
                              .passphrase = passphrase,
                              .progress = on_progress_cb,
                              .progress_data = self,
                            }, self->cancellable, on_signed_cb, g_object_ref (self));
}

static void
on_passphrase_response_cb (XjPassphraseDialog *dialog,
                           const char         *response,
                           XjSignDialog       *self)
{
  if (g_strcmp0 (response, XJ_PASSPHRASE_RESPONSE) == 0)
    start_signing (self, xj_passphrase_dialog_get_passphrase (dialog));
}

static XjPassphraseDialog *
ask_passphrase (XjSignDialog *self)
{
  g_autoptr(XjCertificate) certificate = NULL;
  g_autofree char *body = NULL;
  XjPassphraseDialog *dialog;

  certificate = xj_certificate_read (xj_store_get_data_dir (get_store (self)),
                                     self->certificate_id, NULL);
  body = g_strdup_printf (_("Enter the passphrase of %s’s signing certificate. After signing, "
                            "the inspection can no longer be changed."),
                          certificate != NULL ? xj_certificate_get_subject_name (certificate)
                                              : self->inspection->inspector);
  dialog = xj_passphrase_dialog_new (GTK_WINDOW (self), _("Sign and Archive"), body,
                                     _("_Sign and Archive"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_passphrase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_certificate_ready_cb (XjSignDialog *self)
{
  update_certificate (self);
  if (self->certificate_id != NULL)
    ask_passphrase (self);
}

static void
open_certificate_dialog (XjSignDialog            *self,
                         XjCertificateDialogMode  mode)
{
  GSettings *settings = xj_application_get_settings (self->application);
  g_autofree char *organisation = NULL;
  XjCertificateDialog *certificate;

  if (settings != NULL)
    organisation = g_settings_get_string (settings, "organisation-name");
  /* For the inspector the report names: only their certificate signs it. */
  certificate = xj_certificate_dialog_new (GTK_WINDOW (self),
                                           xj_store_get_data_dir (get_store (self)), mode,
                                           self->inspection->inspector, organisation);
  g_signal_connect_object (certificate, "certificate-ready", G_CALLBACK (on_certificate_ready_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (certificate));
}

static void
on_certificate_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            XjSignDialog     *self)
{
  if (g_strcmp0 (response, "create") == 0)
    open_certificate_dialog (self, XJ_CERTIFICATE_DIALOG_CREATE);
  else if (g_strcmp0 (response, "import") == 0)
    open_certificate_dialog (self, XJ_CERTIFICATE_DIALOG_IMPORT);
}

static void
offer_certificate (XjSignDialog *self)
{
  const char *inspector = self->inspection->inspector;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("No Signing Certificate for %s"), inspector);
  adw_message_dialog_format_body (dialog,
                                  _("The report is signed digitally with the certificate of "
                                    "the inspector it names, %s. Create a personal one for "
                                    "%s now, or import the one issued to them."),
                                  inspector, inspector);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "import", _("_Import PKCS#12 File…"),
                                    "create", _("C_reate Personal Certificate…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_certificate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- preview ---------------------------------------------------------------- */

static void
show_preview_not_opened (GtkWidget    *widget,
                         const GError *error)
{
  xj_inline_error_show (XJ_SIGN_DIALOG (widget)->error_label, error->message, NULL);
}

static void
on_preview_written_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(XjSignDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->preview_cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign.preview", TRUE);
  if (!xj_inspection_write_preview_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        xj_inline_error_show (self->error_label, error->message, NULL);
      return;
    }
  xj_launch_path (GTK_WIDGET (self), g_object_get_data (G_OBJECT (self), "preview-path"),
                  show_preview_not_opened);
}

static void
preview_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  XjSignDialog *self = XJ_SIGN_DIALOG (widget);
  GSettings *settings = xj_application_get_settings (self->application);
  g_autofree char *organisation = NULL;
  g_autofree char *logo = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;

  if (settings != NULL)
    {
      organisation = g_settings_get_string (settings, "organisation-name");
      logo = g_settings_get_string (settings, "organisation-logo");
    }
  /* Not in the archive: a preview is no record. */
  folder = g_build_filename (g_get_user_cache_dir (), "xunjian", "previews", NULL);
  g_mkdir_with_parents (folder, 0700);
  name = g_strdup_printf ("%" G_GINT64_FORMAT "-preview.pdf", self->inspection->id);
  g_object_set_data_full (G_OBJECT (self), "preview-path", g_build_filename (folder, name, NULL),
                          g_free);
  xj_inline_error_show (self->error_label, NULL, NULL);
  gtk_widget_action_set_enabled (widget, "sign.preview", FALSE);
  self->preview_cancellable = g_cancellable_new ();
  xj_inspection_write_preview_async (get_store (self), self->inspection->id, organisation, logo,
                                     g_object_get_data (G_OBJECT (self), "preview-path"),
                                     self->preview_cancellable, on_preview_written_cb,
                                     g_object_ref (self));
}

static void
create_certificate_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  open_certificate_dialog (XJ_SIGN_DIALOG (widget), XJ_CERTIFICATE_DIALOG_CREATE);
}

/* --- actions -------------------------------------------------------------- */

static void
sign_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjSignDialog *self = XJ_SIGN_DIALOG (widget);
  const char *problem = check_form (self);

  xj_inline_error_show (self->error_label, problem, NULL);
  if (problem != NULL)
    return;
  update_certificate (self);
  if (self->certificate_id == NULL)
    offer_certificate (self);
  else
    ask_passphrase (self);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XjSignDialog *self = XJ_SIGN_DIALOG (widget);

  /* While signing, Cancel stops the work and keeps the dialog. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* --- GObject -------------------------------------------------------------- */

static gboolean
xj_sign_dialog_close_request (GtkWindow *window)
{
  XjSignDialog *self = XJ_SIGN_DIALOG (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  return GTK_WINDOW_CLASS (xj_sign_dialog_parent_class)->close_request (window);
}

static void
xj_sign_dialog_dispose (GObject *object)
{
  XjSignDialog *self = XJ_SIGN_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_SIGN_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->preview_cancellable);
  forget_passphrase (self);
  g_clear_pointer (&self->certificate_id, g_free);
  g_clear_object (&self->application);
  g_clear_pointer (&self->inspection, xj_inspection_free);

  G_OBJECT_CLASS (xj_sign_dialog_parent_class)->dispose (object);
}

static void
xj_sign_dialog_class_init (XjSignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = xj_sign_dialog_dispose;
  window_class->close_request = xj_sign_dialog_close_request;

  /* The report's ID, once the inspection is signed and archived. */
  signals[SIGNED] = g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-sign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XjSignDialog, sign_button);
  gtk_widget_class_bind_template_child (widget_class, XjSignDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, XjSignDialog, content);
  gtk_widget_class_bind_template_child (widget_class, XjSignDialog, inspector_group);
  gtk_widget_class_bind_template_child (widget_class, XjSignDialog, representative_group);
  gtk_widget_class_bind_template_child (widget_class, XjSignDialog, inspector_name_row);
  gtk_widget_class_bind_template_child (widget_class, XjSignDialog, rep_name_row);
  gtk_widget_class_bind_template_child (widget_class, XjSignDialog, rep_company_row);
  gtk_widget_class_bind_template_child (widget_class, XjSignDialog, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, XjSignDialog, create_certificate_button);
  gtk_widget_class_bind_template_child (widget_class, XjSignDialog, error_label);

  gtk_widget_class_install_action (widget_class, "sign.sign", NULL, sign_activated);
  gtk_widget_class_install_action (widget_class, "sign.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "sign.preview", NULL, preview_activated);
  gtk_widget_class_install_action (widget_class, "sign.create-certificate", NULL,
                                   create_certificate_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sign.cancel", NULL);
}

static void
xj_sign_dialog_init (XjSignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->inspector_pad = add_pad (self->inspector_group, _("Inspector’s signature"));
  self->rep_pad = add_pad (self->representative_group, _("Representative’s signature"));
}

/* --- public API ----------------------------------------------------------- */

XjSignDialog *
xj_sign_dialog_new (XjApplication  *application,
                    gint64          inspection_id,
                    GError        **error)
{
  XjSignDialog *self = g_object_new (XJ_TYPE_SIGN_DIALOG, NULL);
  g_autoptr(GPtrArray) signatures = NULL;
  gboolean named;

  self->application = g_object_ref (application);
  self->inspection = xj_store_get_inspection (get_store (self), inspection_id, error);
  if (self->inspection == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  /* The inspector the report names signs, by hand and with their
   * certificate: not whoever the preferences say is at the keyboard. */
  named = !xj_text_is_blank (self->inspection->inspector);
  gtk_editable_set_text (GTK_EDITABLE (self->inspector_name_row), self->inspection->inspector);
  gtk_editable_set_editable (GTK_EDITABLE (self->inspector_name_row), !named);
  gtk_editable_set_text (GTK_EDITABLE (self->rep_name_row), self->inspection->rep_name);
  gtk_editable_set_text (GTK_EDITABLE (self->rep_company_row), self->inspection->rep_company);
  gtk_widget_set_visible (GTK_WIDGET (self->representative_group), needs_representative (self));
  signatures = xj_store_list_inspection_signatures (get_store (self), inspection_id, NULL);
  restore_pad (self, self->inspector_pad, XJ_SIGNATURE_ROLE_INSPECTOR, signatures);
  restore_pad (self, self->rep_pad, XJ_SIGNATURE_ROLE_REPRESENTATIVE, signatures);
  update_certificate (self);
  /* The first field to fill, never Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self),
                        named && needs_representative (self) ? GTK_WIDGET (self->rep_name_row)
                                                             : GTK_WIDGET (self->inspector_name_row));
  return self;
}

XjSignaturePad *
xj_sign_dialog_get_pad (XjSignDialog    *self,
                        XjSignatureRole  role)
{
  g_return_val_if_fail (XJ_IS_SIGN_DIALOG (self), NULL);

  return role == XJ_SIGNATURE_ROLE_REPRESENTATIVE ? self->rep_pad : self->inspector_pad;
}

gboolean
xj_sign_dialog_get_busy (XjSignDialog *self)
{
  g_return_val_if_fail (XJ_IS_SIGN_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

/* The ID of the certificate that will sign, or NULL when the inspector
 * has none (tests). */
const char *
xj_sign_dialog_get_certificate_id (XjSignDialog *self)
{
  g_return_val_if_fail (XJ_IS_SIGN_DIALOG (self), NULL);

  return self->certificate_id;
}

/* The message shown, or NULL (tests). */
const char *
xj_sign_dialog_get_error (XjSignDialog *self)
{
  g_return_val_if_fail (XJ_IS_SIGN_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}
