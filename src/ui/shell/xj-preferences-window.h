/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define XJ_TYPE_PREFERENCES_WINDOW (xj_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (XjPreferencesWindow, xj_preferences_window, XJ, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

XjPreferencesWindow *xj_preferences_window_new (GSettings  *settings,
                                                const char *data_dir);

G_END_DECLS
