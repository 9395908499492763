/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"
#include "xj-site.h"

G_BEGIN_DECLS

void xj_site_merge_decorate_row    (AdwActionRow   *row,
                                    XjSite         *site);
void xj_site_merge_dialog_present  (GtkWidget      *parent,
                                    XjApplication  *application,
                                    gint64          site_id);

G_END_DECLS
