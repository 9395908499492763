/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names a screen reader can say, where GTK 4.8 gives none.
 *
 * Found in a whole day's use (issue 12): with a screen reader, the button
 * inside every drop-down (the one that takes the focus and opens the list)
 * read as "GtkToggleButton" although the drop-down itself is named (项目,
 * 状态 …).  Each such button is labelled by its drop-down.  Icon-only
 * buttons are named where they are made (an <accessibility> label in the
 * .ui, or xj_icon_button_new()).  A button with a mnemonic read its
 * name twice, the first time with the underscore ("添加项目(_A) 添加项目(A)"):
 * it is named by the label it shows alone, as the label changes.
 */
#define G_LOG_DOMAIN "xj-a11y"

#include "config.h"

#include "xj-a11y.h"

/* A button with a mnemonic is named twice by GTK 4.8: by its label as set,
 * underscore and all, and by the label it shows ("取消(_C) 取消(C)").  The
 * label shown names it alone. */
static void
name_by_label_shown (GtkButton *button)
{
  if (gtk_button_get_use_underline (button) && GTK_IS_LABEL (gtk_button_get_child (button)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static gboolean
on_realize_hook (GSignalInvocationHint *hint,
                 guint                  n_values,
                 const GValue          *values,
                 gpointer               data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);
  GtkWidget *button;

  /* GTK 4.8 says a button's mnemonic underscore: "添加项目(_A) 添加项目(A)".
   * GtkButton names itself again whenever its label changes. */
  if (GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "xj-a11y-named") == NULL)
    {
      g_object_set_data (G_OBJECT (widget), "xj-a11y-named", GINT_TO_POINTER (TRUE));
      name_by_label_shown (GTK_BUTTON (widget));
      g_signal_connect (widget, "notify::label", G_CALLBACK (name_by_label_shown), NULL);
      g_signal_connect (widget, "notify::use-underline", G_CALLBACK (name_by_label_shown), NULL);
    }
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
