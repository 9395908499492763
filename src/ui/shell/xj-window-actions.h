/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Pages and dialogs ask the main window for a toast, an error dialog or
 * the runner through its actions (win.toast "s", win.show-error "(ss)",
 * win.open-inspection "x"), never by calling into XjWindow. */
gboolean xj_window_action_activate (GtkWidget  *widget,
                                    const char *action_name,
                                    const char *format_string,
                                    ...);
void     xj_toast                  (GtkWidget  *widget,
                                    const char *message);
void     xj_window_present_over    (GtkWindow  *window,
                                    GtkWidget  *over);
void     xj_inline_error_show      (GtkLabel   *label,
                                    const char *message,
                                    GtkWidget  *field);
void     xj_inline_problem_show    (GtkLabel   *label,
                                    const char *message,
                                    GtkWidget  *field);

G_END_DECLS
