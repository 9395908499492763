/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *xj_icon_button_new (const char *icon_name,
                               const char *label);

G_END_DECLS
