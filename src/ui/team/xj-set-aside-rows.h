/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "xj-sync-monitor.h"
#include "xj-team-set-aside.h"

G_BEGIN_DECLS

/* One change set aside as a list row: what it is, why the server refused
 * it, and the decisions (buttons on the set-aside.* actions). */
GtkWidget *xj_set_aside_row_new          (const XjTeamSetAside *item);
/* Installs set-aside.retry, .take-theirs and .keep-local (x: the id) on
 * @widget_class: each hands the decision to the application's sync
 * monitor. */
void       xj_set_aside_install_actions  (GtkWidgetClass       *widget_class);
/* Replaces @list's rows with one per item of @items, the first @limit
 * (G_MAXUINT: all). */
void       xj_set_aside_fill             (GtkListBox           *list,
                                          GPtrArray            *items,
                                          guint                 limit);

G_END_DECLS
