/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"

G_BEGIN_DECLS

#define XJ_TYPE_WINDOW (xj_window_get_type ())
G_DECLARE_FINAL_TYPE (XjWindow, xj_window, XJ, WINDOW, AdwApplicationWindow)

XjWindow *xj_window_new        (XjApplication *application);
void      xj_window_show_area  (XjWindow      *self,
                                const char    *area);
GtkWidget *xj_window_get_area  (XjWindow      *self,
                                const char    *area);
void      xj_window_set_badge  (XjWindow      *self,
                                const char    *area,
                                guint          count,
                                gboolean       urgent);
void      xj_window_show_error (XjWindow      *self,
                                const char    *message);
void      xj_window_show_fatal (XjWindow      *self,
                                const char    *message);
void      xj_window_store_ready (XjWindow     *self);
gboolean  xj_window_open_inspection  (XjWindow *self,
                                      gint64    inspection_id);
void      xj_window_close_inspection (XjWindow *self);
gint64    xj_window_get_inspection_id (XjWindow *self);
GtkWidget *xj_window_get_runner      (XjWindow *self);

G_END_DECLS
