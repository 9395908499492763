/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"

G_BEGIN_DECLS

#define XJ_TYPE_SITES_PAGE (xj_sites_page_get_type ())
G_DECLARE_FINAL_TYPE (XjSitesPage, xj_sites_page, XJ, SITES_PAGE, AdwBin)

GtkWidget  *xj_sites_page_new       (XjApplication *application);
GListModel *xj_sites_page_get_model (XjSitesPage   *self);

G_END_DECLS
