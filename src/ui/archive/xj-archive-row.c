/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjArchiveRow: one signed report in the archive, with its own Open, Save
 * a Copy and Verify.
 */
#define G_LOG_DOMAIN "xj-archive-row"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-application.h"
#include "xj-archive-actions.h"
#include "xj-archive-row.h"
#include "xj-clock.h"
#include "xj-inspection.h"

struct _XjArchiveRow
{
  XjListRow     parent_instance;

  gint64        report_id;
  gint64        inspection_id;
  GtkWidget    *buttons[3];
};

G_DEFINE_FINAL_TYPE (XjArchiveRow, xj_archive_row, XJ_TYPE_LIST_ROW)

/* --- helpers -------------------------------------------------------------- */

static XjStore *
find_store (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *application = GTK_IS_WINDOW (root)
                                ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return XJ_IS_APPLICATION (application)
         ? xj_application_get_store (XJ_APPLICATION (application)) : NULL;
}

static GtkWidget *
add_button (XjArchiveRow *self,
            const char   *icon,
            const char   *label,
            const char   *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  xj_list_row_set_child_tooltip (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "flat");
  xj_list_row_add_suffix (XJ_LIST_ROW (self), button);
  return button;
}

/* --- actions -------------------------------------------------------------- */

/* row.open, row.save-copy, row.verify */
static void
report_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XjArchiveRow *self = XJ_ARCHIVE_ROW (widget);
  XjStore *store = find_store (widget);

  if (store != NULL)
    xj_archive_act (widget, store, xj_archive_action_from_name (action_name), self->report_id);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_archive_row_class_init (XjArchiveRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "row.open", NULL, report_activated);
  gtk_widget_class_install_action (widget_class, "row.save-copy", NULL, report_activated);
  gtk_widget_class_install_action (widget_class, "row.verify", NULL, report_activated);
}

static void
xj_archive_row_init (XjArchiveRow *self)
{
}

/* --- public API ----------------------------------------------------------- */

/* A row for xj_archive_row_set_entry(): the archive's list recycles rows. */
GtkWidget *
xj_archive_row_new_empty (void)
{
  XjArchiveRow *self = g_object_new (XJ_TYPE_ARCHIVE_ROW, NULL);

  self->buttons[0] = add_button (self, "document-open-symbolic", _("Open Report"), "row.open");
  self->buttons[1] = add_button (self, "document-save-as-symbolic", _("Save a Copy…"),
                                 "row.save-copy");
  self->buttons[2] = add_button (self, "emblem-ok-symbolic", _("Verify"), "row.verify");
  return GTK_WIDGET (self);
}

/* Shows @entry, or nothing to read or press while it is being read (%NULL). */
void
xj_archive_row_set_entry (XjArchiveRow         *self,
                          const XjArchiveEntry *entry)
{
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *score_text = NULL;

  g_return_if_fail (XJ_IS_ARCHIVE_ROW (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->buttons); i++)
    gtk_widget_set_visible (self->buttons[i], entry != NULL);
  self->report_id = entry != NULL ? entry->report_id : 0;
  self->inspection_id = entry != NULL ? entry->inspection_id : 0;
  if (entry == NULL)
    {
      xj_list_row_set_text (XJ_LIST_ROW (self), NULL, NULL, NULL);
      return;
    }
  when = xj_format_local_minute (entry->started_at);
  if (entry->month != NULL && *entry->month != '\0')
    {
      /* Translators: an archived monthly management report; %s is its month, 2026-11 */
      title = g_strdup_printf (_("Monthly report %s"), entry->month);
      /* Translators: when it was archived · who signed it */
      subtitle = g_strdup_printf (_("%s · signed by %s"), when, entry->signer);
      xj_list_row_set_text (XJ_LIST_ROW (self), title, subtitle, entry->number);
      return;
    }
  title = g_strdup_printf ("%s · %s", entry->number, entry->site_name);
  /* Translators: kind of inspection · its date · who signed the report. */
  subtitle = g_strdup_printf (_("%s · %s · signed by %s"), xj_inspection_kind_get_label (entry->kind),
                              when, entry->signer);
  if (entry->has_score)
    score_text = g_strdup_printf ("%.1f %% · %s", entry->score,
                                  xj_grade_label_for_id (entry->grade));
  xj_list_row_set_text (XJ_LIST_ROW (self), title, subtitle, score_text);
}

gint64
xj_archive_row_get_inspection_id (XjArchiveRow *self)
{
  g_return_val_if_fail (XJ_IS_ARCHIVE_ROW (self), 0);

  return self->inspection_id;
}
