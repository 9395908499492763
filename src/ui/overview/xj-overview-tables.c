/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview's text parts: headings, lines, and the tables that are the
 * charts' accessible equivalent (labels in a grid, selectable), with
 * figures that open what is behind them as flat buttons.
 */
#define G_LOG_DOMAIN "xj-overview-page"

#include "config.h"

#include "xj-label.h"
#include "xj-overview-tables.h"

void
_xj_overview_clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

void
_xj_overview_add_heading (GtkBox     *box,
                          const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (box, label);
}

void
_xj_overview_add_text (GtkBox     *box,
                       const char *text)
{
  GtkWidget *label = xj_label_new_wrapped (text, NULL);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (box, label);
}

/* A table: a grid of labels, the first row the headers. */
GtkGrid *
_xj_overview_add_table (GtkBox            *box,
                        const char *const *headers)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 0);
  gtk_widget_add_css_class (grid, "overview-table");
  for (guint c = 0; headers[c] != NULL; c++)
    {
      GtkWidget *label = gtk_label_new (headers[c]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), label, c, 0, 1, 1);
    }
  gtk_box_append (box, grid);
  return GTK_GRID (grid);
}

void
_xj_overview_put_cell (GtkGrid    *grid,
                       guint       column,
                       guint       row,
                       const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

/* A figure that opens what is behind it: a flat button activating
 * @action with @target. */
GtkWidget *
_xj_overview_figure_button_new (const char *text,
                                const char *action,
                                GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_label (text);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

void
_xj_overview_put_button (GtkGrid    *grid,
                         guint       column,
                         guint       row,
                         const char *text,
                         const char *action,
                         GVariant   *target)
{
  gtk_grid_attach (grid, _xj_overview_figure_button_new (text, action, target), column, row, 1, 1);
}
