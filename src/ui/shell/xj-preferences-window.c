/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences: the organisation printed on reports (name and logo), the
 * inspector's name, and the certificates that sign reports: every person's
 * kept in this data folder, the older ones of a person too (they verify
 * the reports they signed).  Removing one is an explicit act, warned of.
 */
#define G_LOG_DOMAIN "xj-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xj-certificate-dialog.h"
#include "xj-chooser.h"
#include "xj-certificate.h"
#include "xj-clock.h"
#include "xj-confirm.h"
#include "xj-passphrase-dialog.h"
#include "xj-preferences-window.h"

struct _XjPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  char                 *data_dir;
  GtkNativeDialog      *logo_chooser;   /* owned; modal to this window, gone with it */

  AdwEntryRow          *organisation_row;
  AdwEntryRow          *inspector_row;
  AdwActionRow         *logo_row;
  GtkWidget            *logo_clear_button;
  GtkListBox           *certificate_list;
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

static void update_certificates (XjPreferencesWindow *self);

/* Removing runs in a worker: checking a key's passphrase takes a moment. */
typedef struct {
  char *data_dir;
  char *id;
  char *holder;
  char *passphrase;   /* NULL for a certificate without its key */
} RemoveJob;

static void
remove_job_free (RemoveJob *job)
{
  g_free (job->data_dir);
  g_free (job->id);
  g_free (job->holder);
  if (job->passphrase != NULL)
    memset (job->passphrase, 0, strlen (job->passphrase));
  g_free (job->passphrase);
  g_free (job);
}

static void ask_remove (XjPreferencesWindow *self,
                        const char          *id,
                        const char          *holder,
                        gboolean             has_key,
                        const char          *problem,
                        const char          *typed);

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RemoveJob *job = task_data;
  GError *error = NULL;

  if (xj_certificate_remove_held (job->data_dir, job->id, job->passphrase, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_removed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(XjPreferencesWindow) self = user_data;
  RemoveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    update_certificates (self);
  else if (g_error_matches (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE))
    /* Asked again, with the reason and what was typed selected. */
    ask_remove (self, job->id, job->holder, TRUE, error->message, job->passphrase);
  else
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
on_remove_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       XjPreferencesWindow *self)
{
  g_autoptr(GTask) task = NULL;
  RemoveJob *job;

  if (XJ_IS_PASSPHRASE_DIALOG (dialog) ? g_strcmp0 (response, XJ_PASSPHRASE_RESPONSE) != 0
                                       : g_strcmp0 (response, "remove") != 0)
    return;
  job = g_new0 (RemoveJob, 1);
  job->data_dir = g_strdup (self->data_dir);
  job->id = g_strdup (g_object_get_data (G_OBJECT (dialog), "certificate-id"));
  job->holder = g_strdup (g_object_get_data (G_OBJECT (dialog), "holder"));
  if (XJ_IS_PASSPHRASE_DIALOG (dialog))
    job->passphrase = g_strdup (xj_passphrase_dialog_get_passphrase (XJ_PASSPHRASE_DIALOG (dialog)));
  task = g_task_new (NULL, NULL, on_removed_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) remove_job_free);
  g_task_run_in_thread (task, remove_thread);
}

/* A certificate with its key goes only with its passphrase: on a shared
 * laptop no one removes someone else's to add one in their name.  @problem:
 * why the last passphrase was refused, or NULL. */
static void
ask_remove (XjPreferencesWindow *self,
            const char          *id,
            const char          *holder,
            gboolean             has_key,
            const char          *problem,
            const char          *typed)
{
  g_autofree char *heading = g_strdup_printf (_("Remove %s’s Certificate?"), holder);
  g_autofree char *body = g_strdup_printf (_("Its private key is deleted from this computer for "
                                             "good: it can no longer sign. Reports it signed stay "
                                             "intact, but this computer will no longer name %s "
                                             "as their signer. Keep a backup of the certificate "
                                             "file if in doubt."), holder);
  AdwMessageDialog *dialog;

  if (has_key)
    {
      g_autofree char *asked = g_strdup_printf (_("%s\n\nOnly %s can remove it: type its "
                                                  "passphrase."), body, holder);

      dialog = ADW_MESSAGE_DIALOG (xj_passphrase_dialog_new (GTK_WINDOW (self), heading, asked,
                                                             _("_Remove Certificate")));
      adw_message_dialog_set_response_appearance (dialog, XJ_PASSPHRASE_RESPONSE,
                                                  ADW_RESPONSE_DESTRUCTIVE);
      if (problem != NULL)
        xj_passphrase_dialog_show_error (XJ_PASSPHRASE_DIALOG (dialog), problem, typed);
    }
  else
    dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  g_object_set_data_full (G_OBJECT (dialog), "certificate-id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "holder", g_strdup (holder), g_free);
  if (has_key)
    {
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    /* Enter does not destroy a certificate. */
    xj_confirm_present (dialog, "remove", _("_Remove Certificate"), ADW_RESPONSE_DESTRUCTIVE,
                        "cancel", G_CALLBACK (on_remove_response_cb), self, 0);
}

static void
on_remove_clicked_cb (GtkButton           *button,
                      XjPreferencesWindow *self)
{
  ask_remove (self, g_object_get_data (G_OBJECT (button), "certificate-id"),
              g_object_get_data (G_OBJECT (button), "holder"),
              GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "has-key")), NULL, NULL);
}

/* What a certificate is for: signing its holder's reports, or only
 * verifying the earlier ones. */
static const char *
describe_use (XjCertificate *certificate,
              gboolean       newest)
{
  gint64 now = xj_clock_now ();

  if (!xj_certificate_has_key (certificate))
    return _("Certificate only: verifies reports, cannot sign");
  if (now > xj_certificate_get_expiry (certificate))
    return _("Expired: kept to verify the reports it signed");
  if (!newest)
    return _("Replaced by a newer one: kept to verify the reports it signed");
  return _("Signs this person’s reports");
}

static GtkWidget *
certificate_row (XjPreferencesWindow *self,
                 XjCertificate       *certificate,
                 gboolean             newest)
{
  const char *organisation = xj_certificate_get_organisation (certificate);
  const char *holder = xj_certificate_get_subject_name (certificate);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *until = xj_format_local_minute (xj_certificate_get_expiry (certificate));
  g_autofree char *accessible = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  title = *organisation != '\0' ? g_strdup_printf (C_("signer", "%s, %s"), holder, organisation)
                                : g_strdup (holder);
  subtitle = g_strdup_printf (_("%s\n%s · valid until %s\nSHA-256 %s"),
                              describe_use (certificate, newest),
                              xj_certificate_is_self_signed (certificate)
                              ? _("personal, self-signed") : _("issued by an authority"),
                              until, xj_certificate_get_fingerprint (certificate));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (row, "property");

  accessible = g_strdup_printf (_("Remove %s’s certificate"), holder);
  gtk_widget_set_tooltip_text (remove, _("Remove Certificate…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data_full (G_OBJECT (remove), "certificate-id",
                          g_strdup (xj_certificate_get_id (certificate)), g_free);
  g_object_set_data_full (G_OBJECT (remove), "holder", g_strdup (holder), g_free);
  g_object_set_data (G_OBJECT (remove), "has-key",
                     GINT_TO_POINTER (xj_certificate_has_key (certificate)));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

/* The certificates' public parts: reading them needs no passphrase. */
static void
update_certificates (XjPreferencesWindow *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  const char *previous_holder = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->certificate_list))) != NULL)
    gtk_list_box_remove (self->certificate_list, child);

  list = xj_certificate_list (self->data_dir, &error);
  if (list == NULL || list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     list == NULL ? error->message
                                                  : _("No certificate yet: create or import one"));
      gtk_list_box_append (self->certificate_list, row);
      return;
    }
  /* By holder, newest first: the first of a holder's is the one that signs. */
  for (guint i = 0; i < list->len; i++)
    {
      XjCertificate *certificate = g_ptr_array_index (list, i);
      const char *holder = xj_certificate_get_subject_name (certificate);

      gtk_list_box_append (self->certificate_list,
                           certificate_row (self, certificate, g_strcmp0 (holder, previous_holder) != 0));
      previous_holder = holder;
    }
}

static void
open_certificate_dialog (XjPreferencesWindow     *self,
                         XjCertificateDialogMode  mode)
{
  XjCertificateDialog *dialog;

  dialog = xj_certificate_dialog_new (GTK_WINDOW (self), self->data_dir, mode,
                                      gtk_editable_get_text (GTK_EDITABLE (self->inspector_row)),
                                      gtk_editable_get_text (GTK_EDITABLE (self->organisation_row)));
  g_signal_connect_object (dialog, "certificate-ready", G_CALLBACK (update_certificates), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- actions -------------------------------------------------------------- */

/* preferences.create-certificate, preferences.import-certificate */
static void
certificate_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_certificate_dialog (XJ_PREFERENCES_WINDOW (widget),
                           g_str_equal (action_name, "preferences.import-certificate")
                           ? XJ_CERTIFICATE_DIALOG_IMPORT : XJ_CERTIFICATE_DIALOG_CREATE);
}

static void
on_logo_response_cb (GtkNativeDialog     *chooser,
                     int                  response,
                     XjPreferencesWindow *self)
{
  g_autofree char *path = xj_chooser_dup_path (chooser, response);

  if (response == GTK_RESPONSE_ACCEPT)
    g_settings_set_string (self->settings, "organisation-logo", path != NULL ? path : "");
  g_clear_object (&self->logo_chooser);
}

static void
choose_logo_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  XjPreferencesWindow *self = XJ_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->logo_chooser != NULL)
    {
      gtk_native_dialog_show (self->logo_chooser);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Choose the Organisation Logo"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  /* The report writer embeds PNG and JPEG as they are. */
  gtk_file_filter_set_name (filter, _("PNG and JPEG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* The window owns the chooser: closing the window closes the chooser
   * (see dispose), so no answer comes to a window that is gone. */
  self->logo_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->logo_chooser, TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_logo_response_cb), self);
  gtk_native_dialog_show (self->logo_chooser);
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

  /* A chooser still open goes with the window, unanswered. */
  if (self->logo_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->logo_chooser, self);
      gtk_native_dialog_destroy (self->logo_chooser);
      g_clear_object (&self->logo_chooser);
    }
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
  gtk_widget_class_bind_template_child (widget_class, XjPreferencesWindow, certificate_list);

  gtk_widget_class_install_action (widget_class, "preferences.create-certificate", NULL,
                                   certificate_activated);
  gtk_widget_class_install_action (widget_class, "preferences.import-certificate", NULL,
                                   certificate_activated);
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
  update_certificates (self);
  return self;
}
