/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tooltips one line wide, not one character.
 *
 * GTK 4.8 gives a tooltip label as many "characters" of width as its text
 * has, each the width of an average Latin character, and wraps at word
 * breaks within that.  A Chinese character is twice as wide and a break
 * opportunity on its own, so Chinese tooltips came out in narrow columns,
 * down to one character per line, covering the menu they described.  Every
 * tooltip label is given the width its text really needs, up to a sensible
 * maximum, and wraps only beyond it.  A menu button's tooltip is off
 * while its menu is open.
 */
#define G_LOG_DOMAIN "xj-tooltips"

#include "config.h"

#include "xj-tooltips.h"

/* Beyond about 25 Chinese characters (50 Latin ones) a tooltip wraps. */
#define MAX_WIDTH_CHARS 50

/* GTK sizes the tooltip label in characters of the text, each counted as
 * one average Latin character: a Chinese character is two of those.  Counts
 * them as wide as they are shown. */
static void
on_max_width_chars_cb (GtkLabel *label)
{
  const char *text = gtk_label_get_text (label);
  int width = 0;

  for (const char *p = text; *p != '\0' && width < MAX_WIDTH_CHARS; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  width = MIN (width, MAX_WIDTH_CHARS);
  /* Setting it notifies again, with nothing left to change. */
  if (gtk_label_get_max_width_chars (label) != width)
    gtk_label_set_max_width_chars (label, width);
}

static void
fix_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      gtk_label_set_natural_wrap_mode (GTK_LABEL (widget), GTK_NATURAL_WRAP_NONE);
      gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
      g_signal_connect (widget, "notify::max-width-chars", G_CALLBACK (on_max_width_chars_cb),
                        NULL);
      g_signal_connect (widget, "notify::label", G_CALLBACK (on_max_width_chars_cb), NULL);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fix_labels (child);
}

/* The tooltip window of a native is made (once) before the first
 * query-tooltip and is then that native's child: fixed here, before it
 * is measured. */
static gboolean
on_query_tooltip_hook (GSignalInvocationHint *hint,
                       guint                  n_values,
                       const GValue          *values,
                       gpointer               data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);
  GtkNative *native = widget != NULL ? gtk_widget_get_native (widget) : NULL;
  GType tooltip_window = g_type_from_name ("GtkTooltipWindow");

  if (native == NULL || tooltip_window == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (native)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, tooltip_window)
        && g_object_get_data (G_OBJECT (child), "xj-fixed") == NULL)
      {
        fix_labels (child);
        g_object_set_data (G_OBJECT (child), "xj-fixed", GINT_TO_POINTER (TRUE));
      }
  return TRUE;
}

static void
on_popover_unmap_cb (GtkWidget *popover,
                     GtkWidget *button)
{
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_handlers_disconnect_by_func (popover, on_popover_unmap_cb, button);
}

/* A menu button's tooltip names the menu: once the menu is open it would
 * only cover it.  Off while its popover is shown, back when it goes. */
static gboolean
on_map_hook (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               data)
{
  GtkWidget *popover = g_value_get_object (&values[0]);
  GtkWidget *button;

  if (!GTK_IS_POPOVER (popover))
    return TRUE;
  button = gtk_widget_get_ancestor (popover, GTK_TYPE_MENU_BUTTON);
  if (button == NULL || !gtk_widget_get_has_tooltip (button))
    return TRUE;
  gtk_widget_set_has_tooltip (button, FALSE);
  g_signal_connect_object (popover, "unmap", G_CALLBACK (on_popover_unmap_cb), button, 0);
  return TRUE;
}

/**
 * xj_tooltips_init:
 *
 * Makes every tooltip of the process a sensible width, and menu buttons
 * quiet while their menu is open.  Call once, after
 * gtk_init().
 */
void
xj_tooltips_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      /* Signals exist once the class does; GtkWidget's lives as long as GTK. */
      g_type_class_ref (GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET), 0,
                                  on_query_tooltip_hook, NULL, NULL);
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, on_map_hook,
                                  NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}
