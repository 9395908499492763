/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define XJ_TYPE_ROW_WINDOW (xj_row_window_get_type ())
G_DECLARE_FINAL_TYPE (XjRowWindow, xj_row_window, XJ, ROW_WINDOW, GObject)

XjRowWindow *_xj_row_window_new       (GListModel  *model,
                                       GtkWidget   *view);
GListModel  *_xj_row_window_get_model (XjRowWindow *self);
gboolean     _xj_row_window_get_growing (XjRowWindow *self);

G_END_DECLS
