/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "xj-store.h"

G_BEGIN_DECLS

/* The filter drop-downs that list pages share (Inspections, Archive). */
GtkDropDown   *_xj_filter_dropdown_new (GtkStringList *labels,
                                        const char    *accessible_label);
GtkStringList *_xj_filter_kinds_new    (void);

G_END_DECLS
