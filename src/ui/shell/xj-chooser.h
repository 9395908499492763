/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GFile *xj_chooser_dup_file (GtkNativeDialog *chooser,
                            int              response);
char  *xj_chooser_dup_path (GtkNativeDialog *chooser,
                            int              response);

G_END_DECLS
