/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences: the organisation printed on reports (name and logo), the
 * inspector's name, and the certificate that signs reports.
 */
#define G_LOG_DOMAIN "xj-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-certificate-dialog.h"
#include "xj-certificate.h"
#include "xj-clock.h"
#include "xj-preferences-window.h"

struct _XjPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  char                 *data_dir;

  AdwEntryRow          *organisation_row;
  AdwEntryRow          *inspector_row;
  AdwActionRow         *logo_row;
  GtkWidget            *logo_clear_button;
  AdwActionRow         *subject_row;
  AdwActionRow         *fingerprint_row;
  AdwActionRow         *expiry_row;
};

G_DEFINE_FINAL_TYPE (XjPreferencesWindow, xj_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* --- helpers -------------------------------------------------------------- */

static void
update_logo (XjPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "organisation-logo");
  g_autofree char *name = *path != '\0' ? g_filename_display_basename (path) : NULL;

  adw_action_row_set_subtitle (self->logo_row, name != NULL ? name : _("None"));
  gtk_widget_set_visible (self->logo_clear_button, name != NULL);
}

/* The certificate's public part: reading it needs no passphrase. */
static void
update_certificate (XjPreferencesWindow *self)
{
  g_autoptr(XjCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *expiry = NULL;
  const char *organisation;

  if (!xj_certificate_exists (self->data_dir))
    {
      adw_action_row_set_subtitle (self->subject_row, _("No certificate yet: create or import one"));
      gtk_widget_set_visible (GTK_WIDGET (self->fingerprint_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->expiry_row), FALSE);
      return;
    }
  certificate = xj_certificate_read (self->data_dir, &error);
  if (certificate == NULL)
    {
      adw_action_row_set_subtitle (self->subject_row, error->message);
      return;
    }
  organisation = xj_certificate_get_organisation (certificate);
  holder = g_strdup_printf ("%s%s%s · %s", xj_certificate_get_subject_name (certificate),
                            *organisation != '\0' ? " · " : "", organisation,
                            xj_certificate_is_self_signed (certificate)
                            ? _("personal, self-signed") : _("issued by an authority"));
  expiry = xj_format_local_minute (xj_certificate_get_expiry (certificate));
  adw_action_row_set_subtitle (self->subject_row, holder);
  adw_action_row_set_subtitle (self->fingerprint_row, xj_certificate_get_fingerprint (certificate));
  adw_action_row_set_subtitle (self->expiry_row, expiry);
  gtk_widget_set_visible (GTK_WIDGET (self->fingerprint_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->expiry_row), TRUE);
}

static void
open_certificate_dialog (XjPreferencesWindow     *self,
                         XjCertificateDialogMode  mode)
{
  XjCertificateDialog *dialog;

  dialog = xj_certificate_dialog_new (GTK_WINDOW (self), self->data_dir, mode,
                                      gtk_editable_get_text (GTK_EDITABLE (self->inspector_row)),
                                      gtk_editable_get_text (GTK_EDITABLE (self->organisation_row)));
  g_signal_connect_object (dialog, "certificate-ready", G_CALLBACK (update_certificate), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- actions -------------------------------------------------------------- */

static void
create_certificate_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  open_certificate_dialog (XJ_PREFERENCES_WINDOW (widget), XJ_CERTIFICATE_DIALOG_CREATE);
}

static void
import_certificate_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  open_certificate_dialog (XJ_PREFERENCES_WINDOW (widget), XJ_CERTIFICATE_DIALOG_IMPORT);
}

static void
on_logo_response_cb (GtkNativeDialog     *chooser,
                     int                  response,
                     XjPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      g_settings_set_string (self->settings, "organisation-logo", path != NULL ? path : "");
    }
  g_object_unref (chooser);
}

static void
choose_logo_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose the Organisation Logo"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  /* The report writer embeds PNG and JPEG as they are. */
  gtk_file_filter_set_name (filter, _("PNG and JPEG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_logo_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clear_logo_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_settings_set_string (XJ_PREFERENCES_WINDOW (widget)->settings, "organisation-logo", "");
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_preferences_window_dispose (GObject *object)
{
  XjPreferencesWindow *self = XJ_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), XJ_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (xj_preferences_window_parent_class)->dispose (object);
}

static void
xj_preferences_window_finalize (GObject *object)
{
  g_free (XJ_PREFERENCES_WINDOW (object)->data_dir);

  G_OBJECT_CLASS (xj_preferences_window_parent_class)->finalize (object);
}

static void
xj_preferences_window_class_init (XjPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_preferences_window_dispose;
  object_class->finalize = xj_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XjPreferencesWindow, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, XjPreferencesWindow, inspector_row);
  gtk_widget_class_bind_template_child (widget_class, XjPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, XjPreferencesWindow, logo_clear_button);
  gtk_widget_class_bind_template_child (widget_class, XjPreferencesWindow, subject_row);
  gtk_widget_class_bind_template_child (widget_class, XjPreferencesWindow, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, XjPreferencesWindow, expiry_row);

  gtk_widget_class_install_action (widget_class, "preferences.create-certificate", NULL,
                                   create_certificate_activated);
  gtk_widget_class_install_action (widget_class, "preferences.import-certificate", NULL,
                                   import_certificate_activated);
  gtk_widget_class_install_action (widget_class, "preferences.choose-logo", NULL,
                                   choose_logo_activated);
  gtk_widget_class_install_action (widget_class, "preferences.clear-logo", NULL,
                                   clear_logo_activated);
}

static void
xj_preferences_window_init (XjPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* --- public API ----------------------------------------------------------- */

/* @data_dir: where the signing certificate is kept. */
XjPreferencesWindow *
xj_preferences_window_new (GSettings  *settings,
                           const char *data_dir)
{
  XjPreferencesWindow *self = g_object_new (XJ_TYPE_PREFERENCES_WINDOW, NULL);

  self->settings = g_object_ref (settings);
  self->data_dir = g_strdup (data_dir);
  /* Saved as they are typed: nothing to confirm, nothing to lose. */
  g_settings_bind (settings, "organisation-name", self->organisation_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "inspector-name", self->inspector_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed::organisation-logo", G_CALLBACK (update_logo), self,
                           G_CONNECT_SWAPPED);
  update_logo (self);
  update_certificate (self);
  return self;
}
