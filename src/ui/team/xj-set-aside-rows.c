/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of the changes set aside (the team server refused them), as the
 * sync status's details show the oldest few and the Changes Set Aside
 * window shows them all: each says what the record is, why it was refused
 * in plain words, and offers what a person may decide: Retry, Use Team's
 * Copy (the team has a copy), Keep Here Only (the team never had it, or a
 * month's report the team holds another of).
 */
#define G_LOG_DOMAIN "xj-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-application.h"
#include "xj-clock.h"
#include "xj-set-aside-rows.h"

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

GtkWidget *
xj_set_aside_row_new (const XjTeamSetAside *item)
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

  g_return_val_if_fail (item != NULL, NULL);

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
                                                      "set-aside.retry", item->id));
  if (item->on_server)
    gtk_box_append (GTK_BOX (buttons), decision_button ("take-theirs", _("Use _Team’s Copy"),
                                                        "set-aside.take-theirs", item->id));
  /* A month's report the team holds another of: either choice keeps it. */
  if (!item->on_server || item->taken_by != NULL)
    gtk_box_append (GTK_BOX (buttons), decision_button ("keep-local", _("_Keep Here Only"),
                                                        "set-aside.keep-local", item->id));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* A screen reader names the row by the record and the reason. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
  return row;
}

void
xj_set_aside_fill (GtkListBox *list,
                   GPtrArray  *items,
                   guint       limit)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_BOX (list) && items != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (guint i = 0; i < items->len && i < limit; i++)
    gtk_list_box_append (list, xj_set_aside_row_new (g_ptr_array_index (items, i)));
}

/* The decision goes to the sync monitor of the window's application. */
static void
decide_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *application = GTK_IS_WINDOW (root)
                                ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  XjSyncMonitor *monitor = XJ_IS_APPLICATION (application)
                           ? xj_application_get_sync_monitor (XJ_APPLICATION (application))
                           : NULL;
  XjSyncDecision decision = XJ_SYNC_RETRY;

  if (monitor == NULL)
    return;
  if (g_str_equal (action_name, "set-aside.take-theirs"))
    decision = XJ_SYNC_TAKE_THEIRS;
  else if (g_str_equal (action_name, "set-aside.keep-local"))
    decision = XJ_SYNC_KEEP_LOCAL;
  xj_sync_monitor_decide (monitor, decision, g_variant_get_int64 (parameter));
}

void
xj_set_aside_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "set-aside.retry", "x", decide_activated);
  gtk_widget_class_install_action (widget_class, "set-aside.take-theirs", "x", decide_activated);
  gtk_widget_class_install_action (widget_class, "set-aside.keep-local", "x", decide_activated);
}
