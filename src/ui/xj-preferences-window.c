/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "xj-preferences"

#include "config.h"

#include "xj-preferences-window.h"

struct _XjPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *organisation_row;
  AdwEntryRow          *inspector_row;
};

G_DEFINE_FINAL_TYPE (XjPreferencesWindow, xj_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
xj_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XJ_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (xj_preferences_window_parent_class)->dispose (object);
}

static void
xj_preferences_window_class_init (XjPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XjPreferencesWindow, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, XjPreferencesWindow, inspector_row);
}

static void
xj_preferences_window_init (XjPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

XjPreferencesWindow *
xj_preferences_window_new (GSettings *settings)
{
  XjPreferencesWindow *self = g_object_new (XJ_TYPE_PREFERENCES_WINDOW, NULL);

  /* Saved as they are typed: nothing to confirm, nothing to lose. */
  g_settings_bind (settings, "organisation-name", self->organisation_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "inspector-name", self->inspector_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  return self;
}
