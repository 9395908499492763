/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjSetAsideWindow: every change the team server refused, set aside, with
 * the same rows and decisions as the sync status's details (which show
 * only the oldest few).  It follows the monitor: each sync (a decision
 * starts one) brings the list again, read in the monitor's worker.
 */
#define G_LOG_DOMAIN "xj-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-set-aside-rows.h"
#include "xj-set-aside-window.h"

struct _XjSetAsideWindow
{
  AdwWindow      parent_instance;

  XjSyncMonitor *monitor;
  GPtrArray     *shown;           /* the monitor's list the rows show */

  GtkListBox    *list;
  GtkWidget     *list_page;
  GtkWidget     *empty_page;
  GtkStack      *stack;
  GtkLabel      *count_label;
};

G_DEFINE_FINAL_TYPE (XjSetAsideWindow, xj_set_aside_window, ADW_TYPE_WINDOW)

static void
fill (XjSetAsideWindow *self)
{
  GPtrArray *items = xj_sync_monitor_get_set_aside (self->monitor);
  g_autofree char *count = NULL;

  if (items == self->shown)
    return;
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  self->shown = g_ptr_array_ref (items);
  xj_set_aside_fill (self->list, items, G_MAXUINT);
  count = g_strdup_printf (g_dngettext (NULL, "%u change set aside", "%u changes set aside",
                                        items->len), items->len);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child (self->stack, items->len > 0 ? self->list_page : self->empty_page);
}

static void
xj_set_aside_window_dispose (GObject *object)
{
  XjSetAsideWindow *self = XJ_SET_ASIDE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), XJ_TYPE_SET_ASIDE_WINDOW);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (xj_set_aside_window_parent_class)->dispose (object);
}

static void
xj_set_aside_window_class_init (XjSetAsideWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_set_aside_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-set-aside-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XjSetAsideWindow, list);
  gtk_widget_class_bind_template_child (widget_class, XjSetAsideWindow, list_page);
  gtk_widget_class_bind_template_child (widget_class, XjSetAsideWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, XjSetAsideWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, XjSetAsideWindow, count_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  xj_set_aside_install_actions (widget_class);
}

static void
xj_set_aside_window_init (XjSetAsideWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

XjSetAsideWindow *
xj_set_aside_window_present (XjSyncMonitor *monitor,
                             GtkWindow     *parent)
{
  XjSetAsideWindow *self = NULL;
  GtkApplication *application = parent != NULL ? gtk_window_get_application (parent) : NULL;

  g_return_val_if_fail (XJ_IS_SYNC_MONITOR (monitor), NULL);

  for (GList *l = application != NULL ? gtk_application_get_windows (application) : NULL;
       l != NULL && self == NULL; l = l->next)
    if (XJ_IS_SET_ASIDE_WINDOW (l->data))
      self = l->data;
  if (self == NULL)
    {
      self = g_object_new (XJ_TYPE_SET_ASIDE_WINDOW, "application", application,
                           "transient-for", parent, "modal", TRUE, NULL);
      self->monitor = g_object_ref (monitor);
      g_signal_connect_object (monitor, "notify::state", G_CALLBACK (fill), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::summary", G_CALLBACK (fill), self,
                               G_CONNECT_SWAPPED);
      fill (self);
    }
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
