/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"
#include "xj-overview.h"

G_BEGIN_DECLS

#define XJ_TYPE_OVERVIEW_PAGE (xj_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (XjOverviewPage, xj_overview_page, XJ, OVERVIEW_PAGE, AdwBin)

GtkWidget        *xj_overview_page_new          (XjApplication  *application);
void              xj_overview_page_reload       (XjOverviewPage *self);
gboolean          xj_overview_page_get_loading  (XjOverviewPage *self);
const XjOverview *xj_overview_page_get_overview (XjOverviewPage *self);
void              xj_overview_page_export_file  (XjOverviewPage *self,
                                                 GFile          *file);
gboolean          xj_overview_page_get_exporting (XjOverviewPage *self);

G_END_DECLS
