/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"
#include "xj-site.h"

G_BEGIN_DECLS

#define XJ_TYPE_SITE_DIALOG (xj_site_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XjSiteDialog, xj_site_dialog, XJ, SITE_DIALOG, AdwWindow)

XjSiteDialog *xj_site_dialog_new (XjApplication *application,
                                  XjSite        *site);

G_END_DECLS
