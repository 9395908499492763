/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names a screen reader can say, where GTK 4.8 gives none.
 *
 * Found in a whole day's use (issue 12): with a screen reader, the button
 * inside every drop-down (the one that takes the focus and opens the list)
 * read as "GtkToggleButton" although the drop-down itself is named (项目,
 * 状态 …).  Each such button is labelled by its drop-down.  Icon-only
 * buttons are named where they are made (an <accessibility> label in the
 * .ui, or xj_icon_button_new()).
 */
#define G_LOG_DOMAIN "xj-a11y"

#include "config.h"

#include "xj-a11y.h"

static gboolean
on_realize_hook (GSignalInvocationHint *hint,
                 guint                  n_values,
                 const GValue          *values,
                 gpointer               data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);
  GtkWidget *button;

  if (!GTK_IS_DROP_DOWN (widget))
    return TRUE;
  button = gtk_widget_get_first_child (widget);
  if (GTK_IS_TOGGLE_BUTTON (button))
    gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    widget, NULL, -1);
  return TRUE;
}

/**
 * xj_a11y_init:
 *
 * Names the widgets of the process that GTK leaves unnamed.  Call once,
 * after gtk_init().
 */
void
xj_a11y_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_type_class_ref (GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0,
                                  on_realize_hook, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}
