/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjSyncStatus: the quiet line at the foot of the sidebar that says how the
 * laptop stands with its team (synced N minutes ago, K changes waiting,
 * offline, or the error), hidden when the laptop is in no team.  Clicking
 * it shows the details: server, user and role, last sync, the changes the
 * server refused (set aside, each with its reason in plain words and what
 * a person may decide: Retry, Use Team's Copy, or Keep Here Only for a
 * record the team never had), the last errors and Sync Now.
 */
#define G_LOG_DOMAIN "xj-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
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
  GtkListBox    *set_aside_list;
  GtkLabel      *set_aside_more;
  GPtrArray     *shown;           /* the monitor's list the rows show */
};

G_DEFINE_FINAL_TYPE (XjSyncStatus, xj_sync_status, GTK_TYPE_WIDGET)

#define SET_ASIDE_SHOWN 3

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

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* As wide at least as at most: the popover's height is measured for the
   * width it gets (a wrapped label narrower than measured would grow). */
  gtk_label_set_width_chars (GTK_LABEL (label), 38);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 38);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
decision_button (const char *name,
                 const char *label,
                 const char *action,
                 gint64      id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  return button;
}

/* One change set aside: what it is, why the server refused it, and what
 * a person may decide. */
static GtkWidget *
set_aside_row (const XjTeamSetAside *item)
{
  g_autofree char *title = g_strdup_printf (_("%s “%s”"), xj_team_record_kind (item->table),
                                            item->label);
  g_autofree char *why = xj_team_set_aside_explain (item);
  g_autofree char *when = xj_format_local_minute (item->refused_at);
  g_autofree char *held = NULL;
  g_autoptr(GString) status = g_string_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *row = gtk_list_box_row_new ();

  g_string_append_printf (status, _("Set aside %s."), when);
  if (item->n_held > 0)
    g_string_append_printf (status, " %s", held = g_strdup_printf (
                              g_dngettext (NULL, "%u more record waits with it.",
                                           "%u more records wait with it.", item->n_held),
                              item->n_held));
  if (!item->on_server)
    g_string_append_printf (status, " %s", _("The team has no copy of it."));
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_box_append (GTK_BOX (box), wrapped_label (title, "heading"));
  gtk_box_append (GTK_BOX (box), wrapped_label (why, NULL));
  gtk_box_append (GTK_BOX (box), wrapped_label (status->str, "dim-label"));
  gtk_box_append (GTK_BOX (buttons), decision_button ("retry", _("_Retry"),
                                                      "sync-status.retry", item->id));
  if (item->on_server)
    gtk_box_append (GTK_BOX (buttons), decision_button ("take-theirs", _("Use _Team’s Copy"),
                                                        "sync-status.take-theirs", item->id));
  else
    gtk_box_append (GTK_BOX (buttons), decision_button ("keep-local", _("_Keep Here Only"),
                                                        "sync-status.keep-local", item->id));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* A screen reader names the row by the record and the reason. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
  return row;
}

/* The changes set aside, as the monitor's last sync read them (a worker's
 * read, never the main loop's). */
static void
fill_set_aside (XjSyncStatus *self)
{
  GPtrArray *items = xj_sync_monitor_get_set_aside (self->monitor);
  GtkWidget *child;

  /* Rebuilt when a sync brought a new list, not on every state change (a
   * row's button starts the sync that changes the state). */
  if (items == self->shown)
    return;
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  self->shown = g_ptr_array_ref (items);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->set_aside_list))) != NULL)
    gtk_list_box_remove (self->set_aside_list, child);
  /* The oldest few: a popover is no place for a long list, and each one
   * decided makes room for the next. */
  for (guint i = 0; i < items->len && i < SET_ASIDE_SHOWN; i++)
    gtk_list_box_append (self->set_aside_list, set_aside_row (g_ptr_array_index (items, i)));
  if (items->len > SET_ASIDE_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (NULL, "%u more change set aside",
                                                            "%u more changes set aside",
                                                            items->len - SET_ASIDE_SHOWN),
                                               items->len - SET_ASIDE_SHOWN);

      gtk_label_set_text (self->set_aside_more, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->set_aside_more), items->len > SET_ASIDE_SHOWN);
  gtk_widget_set_visible (self->set_aside_box, items->len > 0);
}

static void
decide (GtkWidget      *widget,
        XjSyncDecision  decision,
        GVariant       *parameter)
{
  XjSyncStatus *self = XJ_SYNC_STATUS (widget);

  xj_sync_monitor_decide (self->monitor, decision, g_variant_get_int64 (parameter));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  decide (widget, XJ_SYNC_RETRY, parameter);
}

static void
take_theirs_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  decide (widget, XJ_SYNC_TAKE_THEIRS, parameter);
}

static void
keep_local_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  decide (widget, XJ_SYNC_KEEP_LOCAL, parameter);
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
}

/* The details are read when the popover opens: a one-row read. */
static void
on_popover_show_cb (XjSyncStatus *self)
{
  g_autoptr(XjTeamMembership) membership = xj_team_get_membership (self->store, NULL);
  GPtrArray *errors = xj_sync_monitor_get_errors (self->monitor);
  g_autofree char *last = NULL;
  g_autofree char *details = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_label_set_text (self->title_label, xj_sync_monitor_get_summary (self->monitor));
  if (membership == NULL || membership->server == NULL)
    return;
  last = xj_format_local_minute_or (membership->last_sync_at, _("never"));
  details = g_strdup_printf (_("Server: %s\nUser: %s (%s)\nLast sync: %s\nChanges waiting: %u\n"
                               "Conflicts: %u\nSet aside: %u"),
                             membership->server, membership->user,
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
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, set_aside_list);
  gtk_widget_class_bind_template_child (widget_class, XjSyncStatus, set_aside_more);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_install_action (widget_class, "sync-status.retry", "x", retry_action);
  gtk_widget_class_install_action (widget_class, "sync-status.take-theirs", "x",
                                   take_theirs_action);
  gtk_widget_class_install_action (widget_class, "sync-status.keep-local", "x",
                                   keep_local_action);
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
