/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows the template editor's panes share (libadwaita 1.2 has no spin or
 * switch row yet).  A problem under its field: xj_inline_problem_show ().
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *_xj_spin_row_new    (const char     *title,
                                const char     *subtitle,
                                double          lower,
                                double          upper,
                                double          step,
                                guint           digits,
                                GtkSpinButton **spin);
GtkWidget *_xj_switch_row_new  (const char     *title,
                                const char     *subtitle,
                                GtkSwitch     **toggle);
void       _xj_label_widget    (GtkWidget      *widget,
                                const char     *format,
                                ...) G_GNUC_PRINTF (2, 3);
char      *_xj_format_number   (double          value);
gboolean   _xj_parse_number    (const char     *text,
                                double         *value);

G_END_DECLS
