/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How pages and dialogs reach the main window's actions, and the one way a
 * dialog or an editor shows an error under its fields.
 */
#define G_LOG_DOMAIN "xj-window"

#include "config.h"

#include "xj-window-actions.h"

/* A dialog is its own root: the actions of the window it stands over are
 * not among its ancestors, so the search goes on from the window it is
 * transient for.  FALSE when no window has the action (a widget shown on
 * its own, or one whose window has gone): there is nobody to tell. */
gboolean
xj_window_action_activate (GtkWidget  *widget,
                           const char *action_name,
                           const char *format_string,
                           ...)
{
  g_autoptr(GVariant) parameter = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (format_string != NULL)
    {
      va_list args;

      va_start (args, format_string);
      parameter = g_variant_ref_sink (g_variant_new_va (format_string, NULL, &args));
      va_end (args);
    }
  while (widget != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (widget);

      if (gtk_widget_activate_action_variant (widget, action_name, parameter))
        return TRUE;
      widget = GTK_IS_WINDOW (root) ? GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (root)))
                                    : NULL;
    }
  g_debug ("No window to activate %s", action_name);
  return FALSE;
}

/* Shows @window (a dialog, a viewer) over the window that @over is in. */
void
xj_window_present_over (GtkWindow *window,
                        GtkWidget *over)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (GTK_IS_WIDGET (over));

  gtk_window_set_transient_for (window, GTK_WINDOW (gtk_widget_get_root (over)));
  gtk_window_present (window);
}

void
xj_toast (GtkWidget  *widget,
          const char *message)
{
  xj_window_action_activate (widget, "win.toast", "s", message);
}

static void
show_inline (GtkLabel   *label,
             const char *message,
             GtkWidget  *field,
             gboolean    focus)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  if (g_strcmp0 (gtk_label_get_text (label), message != NULL ? message : "") != 0)
    gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (field == NULL)
    return;
  if (message == NULL)
    {
      gtk_widget_remove_css_class (field, "error");
      return;
    }
  gtk_widget_add_css_class (field, "error");
  if (focus)
    gtk_widget_grab_focus (field);
}

/* @message NULL hides the label and unmarks @field; otherwise @field, if
 * any, is marked and focused (the person acted and is told where to look). */
void
xj_inline_error_show (GtkLabel   *label,
                      const char *message,
                      GtkWidget  *field)
{
  show_inline (label, message, field, TRUE);
}

/* The same for a check that runs on every change: the focus stays where the
 * person is typing. */
void
xj_inline_problem_show (GtkLabel   *label,
                        const char *message,
                        GtkWidget  *field)
{
  show_inline (label, message, field, FALSE);
}
