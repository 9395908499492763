/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjSyncStatus: the quiet line at the foot of the sidebar that says how the
 * laptop stands with its team (synced N minutes ago, K changes waiting,
 * offline, or the error), hidden when the laptop is in no team.  Clicking
 * it shows the details: server, user and role, last sync, the changes the
 * server refused (set aside: the oldest few, each with its reason in plain
 * words and what a person may decide (xj-set-aside-rows.c), and Show All
 * for the whole list), the last errors and Sync Now.
 */
#define G_LOG_DOMAIN "xj-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
#include "xj-set-aside-rows.h"
#include "xj-set-aside-window.h"
#include "xj-sync-status.h"
#include "xj-team-laptop.h"
#include "xj-team-probe.h"
#include "xj-team-set-aside.h"

struct _XjSyncStatus
{
  GtkWidget      parent_instance;

  XjSyncMonitor *monitor;
  XjStore       *store;

  GtkWidget     *button;
  GtkImage      *icon;
  GtkLabel      *summary_label;
  GtkLabel      *title_label;
  GtkLabel      *details_label;
  GtkLabel      *errors_label;
  GtkWidget     *set_aside_box;
  GtkWidget     *password_button;
  GtkWidget     *sync_button;
  GtkListBox    *set_aside_list;
  GtkLabel      *set_aside_more;
  GtkWidget     *more_box;
  GPtrArray     *shown;           /* the monitor's list the rows show */
};

G_DEFINE_FINAL_TYPE (XjSyncStatus, xj_sync_status, GTK_TYPE_WIDGET)

/* Rows in the details: with the rest of the popover they fit a 768-pixel
 * screen (three did not: Sync Now fell off it); Show All has the rest. */
#define SET_ASIDE_SHOWN 2

/* --- helpers -------------------------------------------------------------- */

/* Each state its own symbolic icon (all in Debian 12's Adwaita) and the
 * words a screen reader says for it: synced and "changes waiting" must not
 * look alike. */
static void
state_icon (XjSyncState  state,
            guint        waiting,
            const char **icon,
            const char **label)
{
  switch (state)
    {
    case XJ_SYNC_STATE_SYNCING:
      *icon = "emblem-synchronizing-symbolic";
      *label = _("Syncing");
      break;
    case XJ_SYNC_STATE_OFFLINE:
      *icon = "network-offline-symbolic";
      *label = _("Offline");
      break;
    case XJ_SYNC_STATE_ERROR:
      *icon = "dialog-warning-symbolic";
      *label = _("Sync error");
      break;
    case XJ_SYNC_STATE_SET_ASIDE:
      *icon = "action-unavailable-symbolic";
      *label = _("Changes set aside: the team server refused them");
      break;
    case XJ_SYNC_STATE_IDLE:
    case XJ_SYNC_STATE_NOT_JOINED:
    default:
      *icon = waiting > 0 ? "document-send-symbolic" : "emblem-ok-symbolic";
      *label = waiting > 0 ? _("Changes waiting to be sent") : _("Synced");
      break;
    }
}

/* The changes set aside, as the monitor's last sync read them (a worker's
 * read, never the main loop's). */
static void
fill_set_aside (XjSyncStatus *self)
{
  GPtrArray *items = xj_sync_monitor_get_set_aside (self->monitor);

  /* Rebuilt when a sync brought a new list, not on every state change (a
   * row's button starts the sync that changes the state). */
  if (items == self->shown)
    return;
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  self->shown = g_ptr_array_ref (items);
  /* The oldest few: a popover is no place for a long list (Show All
   * opens the whole of it), and each one decided makes room for the next. */
  xj_set_aside_fill (self->set_aside_list, items, SET_ASIDE_SHOWN);
  if (items->len > SET_ASIDE_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (NULL, "%u more change set aside",
                                                            "%u more changes set aside",
                                                            items->len - SET_ASIDE_SHOWN),
                                               items->len - SET_ASIDE_SHOWN);

      gtk_label_set_text (self->set_aside_more, more);
    }
  gtk_widget_set_visible (self->more_box, items->len > SET_ASIDE_SHOWN);
  gtk_widget_set_visible (self->set_aside_box, items->len > 0);
}

/* Show All: the whole list, in a window of its own. */
static void
show_all_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XjSyncStatus *self = XJ_SYNC_STATUS (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
  xj_set_aside_window_present (self->monitor, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

/* The sync failed for want of the right password: given in Preferences ->
 * Team (Sync Now alone would fail again). */
static gboolean
wants_password (XjSyncStatus *self)
{
  const char *last = xj_sync_monitor_get_last_error (self->monitor);

  return xj_sync_monitor_get_state (self->monitor) == XJ_SYNC_STATE_ERROR
         && (g_strcmp0 (last, xj_team_reach_describe (XJ_TEAM_REACH_NEEDS_PASSWORD)) == 0
             || g_strcmp0 (last, xj_team_reach_describe (XJ_TEAM_REACH_WRONG_PASSWORD)) == 0);
}

static void
enter_password_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  XjSyncStatus *self = XJ_SYNC_STATUS (widget);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
  g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()),
                                  "team-preferences", NULL);
}

static void
update (XjSyncStatus *self)
{
  XjSyncState state = xj_sync_monitor_get_state (self->monitor);
  const char *summary = xj_sync_monitor_get_summary (self->monitor);
  const char *icon;
  const char *label;

  state_icon (state, xj_sync_monitor_get_changes_waiting (self->monitor), &icon, &label);
  gtk_widget_set_visible (GTK_WIDGET (self), state != XJ_SYNC_STATE_NOT_JOINED);
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->icon), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_label_set_text (self->summary_label, summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  summary, -1);
  if (state == XJ_SYNC_STATE_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  if (state == XJ_SYNC_STATE_SET_ASIDE)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "warning");
  fill_set_aside (self);
  gtk_widget_set_visible (self->password_button, wants_password (self));
  if (wants_password (self))
    gtk_widget_remove_css_class (self->sync_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->sync_button, "suggested-action");
}

/* The details are read when the popover opens: a one-row read. */
static void
on_popover_show_cb (XjSyncStatus *self)
{
  g_autoptr(XjTeamMembership) membership = xj_team_get_membership (self->store, NULL);
  GPtrArray *errors = xj_sync_monitor_get_errors (self->monitor);
  g_autofree char *last = NULL;
  g_autofree char *details = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_label_set_text (self->title_label, xj_sync_monitor_get_summary (self->monitor));
  if (membership == NULL || membership->server == NULL)
    return;
  last = xj_format_local_minute_or (membership->last_sync_at, _("never"));
  address = xj_team_conninfo_describe (membership->server);
  details = g_strdup_printf (_("Server: %s\nUser: %s (%s)\nLast sync: %s\nChanges waiting: %u\n"
                               "Conflicts: %u\nSet aside: %u"),
                             address, membership->user,
                             xj_team_role_label (membership->role), last,
                             (guint) membership->changes_waiting, (guint) membership->conflicts,
                             (guint) membership->set_aside);
  gtk_label_set_text (self->details_label, details);
  if (errors->len > 0)
    g_string_append (text, _("Last errors:"));
  for (guint i = 0; i < errors->len; i++)
    g_string_append_printf (text, "\n%s", (const char *) g_ptr_array_index (errors, i));
  gtk_label_set_text (self->errors_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_label), errors->len > 0);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_sync_status_dispose (GObject *object)
{
  XjSyncStatus *self = XJ_SYNC_STATUS (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), XJ_TYPE_SYNC_STATUS);
  g_clear_object (&self->monitor);
  g_clear_object (&self->store);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (xj_sync_status_parent_class)->dispose (object);
}

static void
xj_sync_status_class_init (XjSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_sync_status_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, button);
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, summary_label);
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, title_label);
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, details_label);
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, errors_label);
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, set_aside_box);
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, password_button);
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, sync_button);
  gtk_widget_class_install_action (widget_class, "sync-status.enter-password", NULL,
                                   enter_password_activated);
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, set_aside_list);
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, set_aside_more);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, more_box);
  xj_set_aside_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "sync-status.show-all", NULL, show_all_activated);
}

static void
xj_sync_status_init (XjSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_sync_status_new (XjSyncMonitor *monitor,
                    XjStore       *store)
{
  XjSyncStatus *self = g_object_new (XJ_TYPE_SYNC_STATUS, NULL);

  self->monitor = g_object_ref (monitor);
  self->store = g_object_ref (store);
  g_signal_connect_object (monitor, "notify::summary", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (monitor, "notify::state", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}
