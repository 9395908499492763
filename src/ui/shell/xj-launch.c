/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a file the application wrote (a report, a preview, a
 * spreadsheet) with the desktop's default application for its type.
 */
#define G_LOG_DOMAIN "xj-launch"

#include "config.h"

#include "xj-launch.h"

typedef struct {
  GtkWidget          *widget;
  XjLaunchFailedFunc  failed;
} Launch;

static void
on_launched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Launch *launch = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    launch->failed (launch->widget, error);
  g_object_unref (launch->widget);
  g_free (launch);
}

/**
 * xj_launch_path:
 * @widget: whose display the application opens on; kept until the
 *   answer, for @failed
 * @failed: told when no application opened the file
 *
 * Opens the file at @path with the desktop's default application for its
 * type, without waiting for it.
 */
void
xj_launch_path (GtkWidget          *widget,
                const char         *path,
                XjLaunchFailedFunc  failed)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GdkAppLaunchContext) context = NULL;
  Launch *launch;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (path != NULL && failed != NULL);

  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  launch = g_new0 (Launch, 1);
  launch->widget = g_object_ref (widget);
  launch->failed = failed;
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           on_launched_cb, launch);
}
