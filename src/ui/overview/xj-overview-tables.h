/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       _xj_overview_clear_box         (GtkBox            *box);
void       _xj_overview_add_heading       (GtkBox            *box,
                                           const char        *text);
void       _xj_overview_add_text          (GtkBox            *box,
                                           const char        *text);
/* A grid of labels, the first row the headers (NULL-terminated). */
GtkGrid   *_xj_overview_add_table         (GtkBox            *box,
                                           const char *const *headers);
void       _xj_overview_put_cell          (GtkGrid           *grid,
                                           guint              column,
                                           guint              row,
                                           const char        *text);
/* A figure that opens what is behind it: @action with @target (floating). */
GtkWidget *_xj_overview_figure_button_new (const char        *text,
                                           const char        *action,
                                           GVariant          *target);
void       _xj_overview_put_button        (GtkGrid           *grid,
                                           guint              column,
                                           guint              row,
                                           const char        *text,
                                           const char        *action,
                                           GVariant          *target);

G_END_DECLS
