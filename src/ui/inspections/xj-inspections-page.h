/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"

G_BEGIN_DECLS

#define XJ_TYPE_INSPECTIONS_PAGE (xj_inspections_page_get_type ())
G_DECLARE_FINAL_TYPE (XjInspectionsPage, xj_inspections_page, XJ, INSPECTIONS_PAGE, AdwBin)

GtkWidget *xj_inspections_page_new          (XjApplication     *application);
guint      xj_inspections_page_get_n_drafts (XjInspectionsPage *self);

G_END_DECLS
