/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "xj-application.h"

G_BEGIN_DECLS

#define XJ_TYPE_CONFLICTS_PAGE (xj_conflicts_page_get_type ())
G_DECLARE_FINAL_TYPE (XjConflictsPage, xj_conflicts_page, XJ, CONFLICTS_PAGE, GtkBox)

GtkWidget *xj_conflicts_page_new       (XjApplication   *application);
guint      xj_conflicts_page_get_count (XjConflictsPage *self);
guint      xj_conflicts_page_get_n_rows_built (XjConflictsPage *self);

G_END_DECLS
