/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Says, where the caller shows such things, that no application opened
 * the file. */
typedef void (*XjLaunchFailedFunc) (GtkWidget    *widget,
                                    const GError *error);

void xj_launch_path (GtkWidget          *widget,
                     const char         *path,
                     XjLaunchFailedFunc  failed);

G_END_DECLS
