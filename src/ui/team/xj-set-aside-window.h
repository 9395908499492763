/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-sync-monitor.h"

G_BEGIN_DECLS

#define XJ_TYPE_SET_ASIDE_WINDOW (xj_set_aside_window_get_type ())
G_DECLARE_FINAL_TYPE (XjSetAsideWindow, xj_set_aside_window, XJ, SET_ASIDE_WINDOW, AdwWindow)

/* The window of every change set aside, over @parent: the one already
 * open, or a new one. */
XjSetAsideWindow *xj_set_aside_window_present (XjSyncMonitor *monitor,
                                               GtkWindow     *parent);

G_END_DECLS
