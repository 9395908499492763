/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences -> Team: the team server (host, port, database, or one
 * connection string), the user and the password; "Test connection" with a
 * plain answer; Join, and Leave (which asks first while changes wait to be
 * sent).  Every network step runs in a worker with a store connection of
 * its own; the window never waits.  The password goes to the desktop
 * keyring, never to GSettings or a file.
 */
#define G_LOG_DOMAIN "xj-team-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xj-cancel.h"
#include "xj-certificate.h"
#include "xj-clock.h"
#include "xj-confirm.h"
#include "xj-team-keyring.h"
#include "xj-team-laptop.h"
#include "xj-team-page.h"
#include "xj-team-probe.h"

struct _XjTeamPage
{
  AdwPreferencesPage  parent_instance;

  XjApplication      *application;   /* weak: the application outlives its windows */
  GCancellable       *cancellable;
  gboolean            busy;
  char               *keyring_for;   /* "server\nuser" the keyring row speaks of */

  AdwPreferencesGroup *member_group;
  AdwPreferencesGroup *server_group;
  AdwPreferencesGroup *join_group;
  AdwActionRow       *server_row;
  AdwActionRow       *role_row;
  AdwActionRow       *sync_row;
  AdwActionRow       *keyring_row;
  AdwEntryRow        *member_password_row;
  AdwEntryRow        *host_row;
  AdwEntryRow        *port_row;
  AdwEntryRow        *database_row;
  AdwEntryRow        *user_row;
  AdwEntryRow        *password_row;
  AdwActionRow       *answer_row;
  GtkSpinner         *spinner;
};

G_DEFINE_FINAL_TYPE (XjTeamPage, xj_team_page, ADW_TYPE_PREFERENCES_PAGE)

/* What a worker is given: the form as typed, copied on the main thread. */
typedef struct
{
  char *data_dir;
  char *conninfo;
  char *user;
  char *password;             /* NULL: libpq's own sources, then the keyring */
} TeamJob;

static void
team_job_free (TeamJob *job)
{
  g_free (job->data_dir);
  g_free (job->conninfo);
  g_free (job->user);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job);
}

/* --- helpers -------------------------------------------------------------- */

static XjStore *
get_store (XjTeamPage *self)
{
  return xj_application_get_store (self->application);
}

static const char *
field (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_actions (XjTeamPage *self)
{
  gboolean filled = *field (self->host_row) != '\0' && *field (self->user_row) != '\0';

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.test", !self->busy && filled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.join", !self->busy && filled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.leave", !self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
set_answer (XjTeamPage *self,
            const char *answer)
{
  adw_action_row_set_subtitle (self->answer_row, answer);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->answer_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, answer, -1);
}

/* --- the password of a member (joined from the command line, or changed) -- */

typedef enum
{
  KEYRING_HAS,
  KEYRING_NONE,
  KEYRING_UNAVAILABLE,
} KeyringState;

static void
keyring_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TeamJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  if (!xj_team_keyring_is_available ())
    {
      g_task_return_int (task, KEYRING_UNAVAILABLE);
      return;
    }
  password = xj_team_keyring_lookup (job->conninfo, job->user, &error);
  if (error != NULL)
    g_debug ("Keyring not read: %s", error->message);
  g_task_return_int (task, error != NULL ? KEYRING_UNAVAILABLE
                           : password != NULL ? KEYRING_HAS : KEYRING_NONE);
  if (password != NULL)
    memset (password, 0, strlen (password));
}

static void
on_keyring_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      data)
{
  XjTeamPage *self = XJ_TEAM_PAGE (object);
  g_autoptr(GError) error = NULL;
  gssize state = g_task_propagate_int (G_TASK (result), &error);
  const char *text;

  if (error != NULL)
    return;
  switch (state)
    {
    case KEYRING_HAS:
      text = _("Kept in the desktop keyring");
      break;
    case KEYRING_NONE:
      text = _("The desktop keyring holds no password for this server: enter it below so that "
               "Xunjian can sync");
      break;
    case KEYRING_UNAVAILABLE:
    default:
      text = _("No desktop keyring answers: syncing needs the password from PGPASSWORD or a "
               "password file");
      break;
    }
  adw_action_row_set_subtitle (self->keyring_row, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->keyring_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  if (state == KEYRING_NONE)
    gtk_widget_add_css_class (GTK_WIDGET (self->keyring_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->keyring_row), "warning");
}

/* Whether the keyring holds the member's password, read in a worker (the
 * keyring is another process) when the membership changed or @again. */
static void
look_up_keyring (XjTeamPage       *self,
                 XjTeamMembership *membership,
                 gboolean          again)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", membership->server, membership->user);
  g_autoptr(GTask) task = NULL;
  TeamJob *job;

  if (!again && g_strcmp0 (key, self->keyring_for) == 0)
    return;
  g_free (self->keyring_for);
  self->keyring_for = g_steal_pointer (&key);
  adw_action_row_set_subtitle (self->keyring_row, _("Looking in the desktop keyring…"));
  job = g_new0 (TeamJob, 1);
  job->conninfo = g_strdup (membership->server);
  job->user = g_strdup (membership->user);
  task = g_task_new (self, self->cancellable, on_keyring_done_cb, NULL);
  g_task_set_source_tag (task, look_up_keyring);
  g_task_set_task_data (task, job, (GDestroyNotify) team_job_free);
  g_task_run_in_thread (task, keyring_thread);
}

/* The membership as the laptop knows it: a one-row read. */
static void
update_membership (XjTeamPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjTeamMembership) membership = xj_team_get_membership (get_store (self), &error);
  gboolean joined = membership != NULL && membership->server != NULL;
  g_autofree char *who = NULL;
  g_autofree char *sync = NULL;
  g_autofree char *ago = NULL;
  g_autofree char *address = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->member_group), joined);
  gtk_widget_set_visible (GTK_WIDGET (self->server_group), !joined);
  gtk_widget_set_visible (GTK_WIDGET (self->join_group), !joined);
  if (!joined)
    {
      g_clear_pointer (&self->keyring_for, g_free);
      return;
    }
  look_up_keyring (self, membership, FALSE);

  who = g_strdup_printf (C_("team member", "%s · %s"), membership->user,
                         xj_team_role_label (membership->role));
  ago = membership->last_sync_at > 0 ? xj_format_ago (membership->last_sync_at, xj_clock_now ())
                                     : NULL;
  if (ago == NULL)
    sync = g_strdup (_("Not synced yet"));
  else if (membership->changes_waiting > 0)
    sync = g_strdup_printf (g_dngettext (NULL, "Last synced %s · %u change waiting",
                                         "Last synced %s · %u changes waiting",
                                         (gulong) membership->changes_waiting),
                            ago, (guint) membership->changes_waiting);
  else
    sync = g_strdup_printf (_("Last synced %s"), ago);
  address = xj_team_conninfo_describe (membership->server);
  adw_action_row_set_subtitle (self->server_row, address);
  adw_action_row_set_subtitle (self->role_row, who);
  adw_action_row_set_subtitle (self->sync_row, sync);
}

static TeamJob *
job_from_form (XjTeamPage *self)
{
  TeamJob *job = g_new0 (TeamJob, 1);
  g_autofree char *host = g_strstrip (g_strdup (field (self->host_row)));

  job->data_dir = g_strdup (xj_store_get_data_dir (get_store (self)));
  job->conninfo = xj_team_conninfo_build (host, field (self->port_row),
                                          field (self->database_row));
  job->user = g_strstrip (g_strdup (field (self->user_row)));
  job->password = *field (self->password_row) != '\0' ? g_strdup (field (self->password_row))
                                                      : NULL;
  return job;
}

static void
run_job (XjTeamPage          *self,
         TeamJob             *job,
         GTaskThreadFunc      thread,
         GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, done, NULL);

  g_task_set_source_tag (task, thread);
  g_task_set_task_data (task, job, (GDestroyNotify) team_job_free);
  self->busy = TRUE;
  update_actions (self);
  g_task_run_in_thread (task, thread);
}

/* --- workers -------------------------------------------------------------- */

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TeamJob *job = task_data;

  g_task_return_pointer (task, xj_team_probe (job->conninfo, job->user, job->password),
                         (GDestroyNotify) xj_team_probe_free);
}

static XjTeamConnection *
connect_job (TeamJob  *job,
             GError  **error)
{
  if (job->password != NULL)
    return xj_team_connection_open (job->conninfo, job->user, job->password, error);
  return xj_team_connect_member (job->conninfo, job->user, NULL, error);
}

/* Joins, then keeps the password typed in the keyring under the server as
 * the laptop stores it.  Returns a warning (or NULL) when the keyring
 * could not keep it: the team is joined all the same. */
static void
join_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TeamJob *job = task_data;
  g_autoptr(XjStore) store = NULL;
  g_autoptr(XjTeamConnection) connection = NULL;
  g_autoptr(GPtrArray) certificates = NULL;
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) keyring_error = NULL;

  if ((certificates = xj_certificate_list_for_team (job->data_dir, &error)) == NULL
      || (connection = connect_job (job, &error)) == NULL
      || (store = xj_store_open (job->data_dir, XJ_STORE_OPEN_DEFAULT, &error)) == NULL
      || !xj_team_join (store, connection, job->conninfo, certificates, &error)
      || (membership = xj_team_get_membership (store, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->password != NULL
      && !xj_team_keyring_store (membership->server, membership->user, job->password,
                                 &keyring_error))
    {
      g_task_return_pointer (task,
                             g_strdup_printf (_("Joined, but the desktop keyring could not keep "
                                                "the password (%s): syncing will need it from "
                                                "PGPASSWORD or a password file."),
                                              keyring_error != NULL ? keyring_error->message
                                                                    : _("no keyring")),
                             g_free);
      return;
    }
  g_task_return_pointer (task, NULL, NULL);
}

static void
leave_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TeamJob *job = task_data;
  g_autoptr(XjStore) store = NULL;
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autoptr(GError) error = NULL;

  if ((store = xj_store_open (job->data_dir, XJ_STORE_OPEN_DEFAULT, &error)) == NULL
      || (membership = xj_team_get_membership (store, &error)) == NULL
      || !xj_team_leave (store, TRUE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (membership->server != NULL
      && !xj_team_keyring_forget (membership->server, membership->user, &error))
    g_debug ("Password left in the keyring: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* The password typed while joined: tried on the server first (a wrong
 * one is said so and not kept), then kept in the keyring. */
static void
password_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TeamJob *job = task_data;
  g_autoptr(XjTeamProbe) probe = xj_team_probe (job->conninfo, job->user, job->password);
  g_autoptr(GError) error = NULL;

  if (probe->reach != XJ_TEAM_REACH_OK && probe->reach != XJ_TEAM_REACH_NO_ROUTE)
    {
      g_task_return_new_error (task, XJ_TEAM_ERROR, XJ_TEAM_ERROR_AUTH, "%s",
                               xj_team_reach_describe (probe->reach));
      return;
    }
  if (!xj_team_keyring_store (job->conninfo, job->user, job->password, &error))
    {
      g_task_return_new_error (task, XJ_TEAM_ERROR, XJ_TEAM_ERROR_FAILED,
                               _("The desktop keyring could not keep the password (%s)"),
                               error != NULL ? error->message : _("no keyring"));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_test_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  XjTeamPage *self = XJ_TEAM_PAGE (object);
  g_autoptr(XjTeamProbe) probe = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *answer = NULL;

  self->busy = FALSE;
  update_actions (self);
  if (probe == NULL)
    return;
  if (probe->reach == XJ_TEAM_REACH_OK)
    answer = g_strdup_printf (_("Reached as %s"), xj_team_role_label (probe->role));
  else
    answer = g_strdup (xj_team_reach_describe (probe->reach));
  set_answer (self, answer);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->answer_row),
                               probe->detail != NULL && *probe->detail != '\0' ? probe->detail
                                                                               : NULL);
}

static void
toast (XjTeamPage *self,
       const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *shown;

  if (!ADW_IS_PREFERENCES_WINDOW (root))
    return;
  /* The answer to what the user just did replaces an older one at once. */
  shown = adw_toast_new (message);
  adw_toast_set_priority (shown, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), shown);
}

static void
on_join_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  XjTeamPage *self = XJ_TEAM_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = g_task_propagate_pointer (G_TASK (result), &error);

  self->busy = FALSE;
  update_actions (self);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *answer = g_strdup_printf (
            "%s\n%s", xj_team_reach_describe (xj_team_reach_from_error (error)), error->message);

          set_answer (self, answer);
        }
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  xj_store_emit_changed (get_store (self), "team_settings");
  toast (self, warning != NULL ? warning : _("This laptop joined the team"));
  g_action_group_activate_action (G_ACTION_GROUP (self->application), "sync-now", NULL);
}

static void
on_leave_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  XjTeamPage *self = XJ_TEAM_PAGE (object);
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  update_actions (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  xj_store_emit_changed (get_store (self), "team_settings");
  toast (self, _("This laptop left the team; its records stay here"));
}

static void
on_password_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      data)
{
  XjTeamPage *self = XJ_TEAM_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(XjTeamMembership) membership = NULL;
  gboolean kept;

  self->busy = FALSE;
  update_actions (self);
  kept = g_task_propagate_boolean (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Either way the row says again what the keyring holds. */
  if ((membership = xj_team_get_membership (get_store (self), NULL)) != NULL
      && membership->server != NULL)
    look_up_keyring (self, membership, TRUE);
  if (!kept)
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->member_password_row), "");
  toast (self, _("The password is in the desktop keyring"));
  g_action_group_activate_action (G_ACTION_GROUP (self->application), "sync-now", NULL);
}

/* Apply on the password row of a joined laptop. */
static void
on_member_password_apply_cb (XjTeamPage *self)
{
  g_autoptr(XjTeamMembership) membership = xj_team_get_membership (get_store (self), NULL);
  const char *password = field (self->member_password_row);
  TeamJob *job;

  if (self->busy || *password == '\0' || membership == NULL || membership->server == NULL)
    return;
  job = g_new0 (TeamJob, 1);
  job->conninfo = g_strdup (membership->server);
  job->user = g_strdup (membership->user);
  job->password = g_strdup (password);
  adw_action_row_set_subtitle (self->keyring_row, _("Trying the password…"));
  run_job (self, job, password_thread, on_password_done_cb);
}

static void
on_store_changed_cb (XjStore    *store,
                     const char *table,
                     XjTeamPage *self)
{
  update_membership (self);
}

static void
on_leave_response_cb (XjTeamPage *self,
                      const char *response)
{
  TeamJob *job;

  if (g_strcmp0 (response, "leave") != 0)
    return;
  job = g_new0 (TeamJob, 1);
  job->data_dir = g_strdup (xj_store_get_data_dir (get_store (self)));
  run_job (self, job, leave_thread, on_leave_done_cb);
}

/* --- actions -------------------------------------------------------------- */

static void
test_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjTeamPage *self = XJ_TEAM_PAGE (widget);

  set_answer (self, _("Connecting…"));
  run_job (self, job_from_form (self), test_thread, on_test_done_cb);
}

static void
join_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjTeamPage *self = XJ_TEAM_PAGE (widget);

  set_answer (self, _("Joining…"));
  run_job (self, job_from_form (self), join_thread, on_join_done_cb);
}

/* Changes not sent yet would stay on this laptop only: asked first. */
static void
leave_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XjTeamPage *self = XJ_TEAM_PAGE (widget);
  g_autoptr(XjTeamMembership) membership = xj_team_get_membership (get_store (self), NULL);
  AdwMessageDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (membership == NULL || membership->server == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root),
                                                       _("Leave the Team?"), NULL));
  if (membership->changes_waiting > 0)
    adw_message_dialog_format_body (dialog,
                                    g_dngettext (NULL,
                                                 "%u change has not reached the team server yet. "
                                                 "If you leave now, it stays on this laptop only.",
                                                 "%u changes have not reached the team server yet. "
                                                 "If you leave now, they stay on this laptop only.",
                                                 (gulong) membership->changes_waiting),
                                    (guint) membership->changes_waiting);
  else
    adw_message_dialog_set_body (dialog, _("Every record stays on this laptop; it stops "
                                           "syncing with the team."));
  xj_confirm_present (dialog, "leave", _("_Leave"), ADW_RESPONSE_DESTRUCTIVE, "cancel",
                      G_CALLBACK (on_leave_response_cb), self, G_CONNECT_SWAPPED);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_team_page_dispose (GObject *object)
{
  XjTeamPage *self = XJ_TEAM_PAGE (object);

  xj_cancel_clear (&self->cancellable);
  g_clear_pointer (&self->keyring_for, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), XJ_TYPE_TEAM_PAGE);

  G_OBJECT_CLASS (xj_team_page_parent_class)->dispose (object);
}

static void
xj_team_page_class_init (XjTeamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_team_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-team-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, member_group);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, server_group);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, join_group);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, sync_row);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, member_password_row);
  gtk_widget_class_bind_template_callback (widget_class, on_member_password_apply_cb);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, host_row);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, port_row);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, database_row);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, answer_row);
  gtk_widget_class_bind_template_child (widget_class, XjTeamPage, spinner);

  gtk_widget_class_install_action (widget_class, "team.test", NULL, test_activated);
  gtk_widget_class_install_action (widget_class, "team.join", NULL, join_activated);
  gtk_widget_class_install_action (widget_class, "team.leave", NULL, leave_activated);
}

static void
xj_team_page_init (XjTeamPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->host_row, "changed", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->user_row, "changed", G_CALLBACK (update_actions), self);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), g_get_user_name ());
}

/* --- public API ----------------------------------------------------------- */

XjTeamPage *
xj_team_page_new (XjApplication *application)
{
  XjTeamPage *self = g_object_new (XJ_TYPE_TEAM_PAGE, NULL);

  self->application = application;
  g_signal_connect_object (get_store (self), "changed::team_settings",
                           G_CALLBACK (on_store_changed_cb), self, 0);
  g_signal_connect_object (get_store (self), "changed::team_outbox",
                           G_CALLBACK (on_store_changed_cb), self, 0);
  update_membership (self);
  update_actions (self);
  return self;
}
