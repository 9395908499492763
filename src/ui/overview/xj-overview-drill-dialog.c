/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A click on a heat-map cell or a repeat finding: the inspections behind
 * the number, newest first, each a row that opens the inspection.  Read in
 * a worker (xj_overview_list_inspections_async()); closing the dialog
 * cancels it.
 */
#define G_LOG_DOMAIN "xj-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-cancel.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-overview-drill-dialog.h"
#include "xj-window-actions.h"

struct _XjOverviewDrillDialog
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkListBox      *inspections_list;

  GCancellable    *cancellable;
  GArray          *inspections;
};

G_DEFINE_FINAL_TYPE (XjOverviewDrillDialog, xj_overview_drill_dialog, ADW_TYPE_WINDOW)

/* --- rows ----------------------------------------------------------------- */

static void
on_row_activated_cb (XjOverviewDrillDialog *self,
                     GtkListBoxRow         *row)
{
  guint index = gtk_list_box_row_get_index (row);
  const XjOverviewInspection *inspection;

  if (self->inspections == NULL || index >= self->inspections->len)
    return;
  inspection = &g_array_index (self->inspections, XjOverviewInspection, index);
  xj_window_action_activate (GTK_WIDGET (self), "win.open-inspection", "x",
                             inspection->inspection_id);
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
create_row (const XjOverviewInspection *inspection)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *tail;
  g_autofree char *when = xj_format_local_minute (inspection->started_at);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s",
                                               xj_inspection_kind_get_label (inspection->kind),
                                               when);
  g_autofree char *score = NULL;
  g_autofree char *failed = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), inspection->checklist);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (inspection->n_failed > 0)
    {
      failed = g_strdup_printf (ngettext ("%u failed", "%u failed", inspection->n_failed),
                                inspection->n_failed);
      tail = gtk_label_new (failed);
      gtk_widget_add_css_class (tail, "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tail);
    }
  score = inspection->has_score ? g_strdup_printf ("%.1f %%", inspection->score)
                                : g_strdup ("—");
  tail = gtk_label_new (score);
  gtk_widget_add_css_class (tail, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tail);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(XjOverviewDrillDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *inspections = xj_overview_list_inspections_finish (XJ_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (inspections == NULL)
    {
      xj_window_action_activate (GTK_WIDGET (self), "win.show-error", "(ss)",
                                 _("Could not list the inspections"), error->message);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  self->inspections = inspections;
  for (guint i = 0; i < inspections->len; i++)
    gtk_list_box_append (self->inspections_list,
                         create_row (&g_array_index (inspections, XjOverviewInspection, i)));
  gtk_stack_set_visible_child_name (self->stack, inspections->len > 0 ? "list" : "empty");
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_overview_drill_dialog_dispose (GObject *object)
{
  XjOverviewDrillDialog *self = XJ_OVERVIEW_DRILL_DIALOG (object);

  xj_cancel_clear (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_OVERVIEW_DRILL_DIALOG);
  G_OBJECT_CLASS (xj_overview_drill_dialog_parent_class)->dispose (object);
}

static void
xj_overview_drill_dialog_finalize (GObject *object)
{
  g_clear_pointer (&XJ_OVERVIEW_DRILL_DIALOG (object)->inspections, g_array_unref);
  G_OBJECT_CLASS (xj_overview_drill_dialog_parent_class)->finalize (object);
}

static void
xj_overview_drill_dialog_class_init (XjOverviewDrillDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_overview_drill_dialog_dispose;
  object_class->finalize = xj_overview_drill_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-overview-drill-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XjOverviewDrillDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, XjOverviewDrillDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, XjOverviewDrillDialog, inspections_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xj_overview_drill_dialog_init (XjOverviewDrillDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->inspections_list, "row-activated",
                            G_CALLBACK (on_row_activated_cb), self);
}

/* --- public API ----------------------------------------------------------- */

XjOverviewDrillDialog *
xj_overview_drill_dialog_new (XjStore               *store,
                              const XjOverviewQuery *query,
                              const XjOverviewDrill *drill,
                              const char            *title,
                              const char            *subtitle)
{
  XjOverviewDrillDialog *self;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL && drill != NULL, NULL);

  self = g_object_new (XJ_TYPE_OVERVIEW_DRILL_DIALOG, "title", title, NULL);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  self->cancellable = g_cancellable_new ();
  xj_overview_list_inspections_async (store, query, drill, self->cancellable, on_listed_cb,
                                      g_object_ref (self));
  return self;
}

gboolean
xj_overview_drill_dialog_get_loading (XjOverviewDrillDialog *self)
{
  g_return_val_if_fail (XJ_IS_OVERVIEW_DRILL_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

GArray *
xj_overview_drill_dialog_get_inspections (XjOverviewDrillDialog *self)
{
  g_return_val_if_fail (XJ_IS_OVERVIEW_DRILL_DIALOG (self), NULL);
  return self->inspections;
}
