/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-overview-drill.h"
#include "xj-store.h"

G_BEGIN_DECLS

#define XJ_TYPE_OVERVIEW_DRILL_DIALOG (xj_overview_drill_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XjOverviewDrillDialog, xj_overview_drill_dialog, XJ, OVERVIEW_DRILL_DIALOG,
                      AdwWindow)

/* The inspections behind an Overview figure, read in a worker; activating
 * one opens it (win.open-inspection) and closes the dialog. */
XjOverviewDrillDialog *xj_overview_drill_dialog_new         (XjStore               *store,
                                                             const XjOverviewQuery *query,
                                                             const XjOverviewDrill *drill,
                                                             const char            *title,
                                                             const char            *subtitle);
gboolean               xj_overview_drill_dialog_get_loading (XjOverviewDrillDialog *self);
/* (element-type XjOverviewInspection) (nullable): once read */
GArray                *xj_overview_drill_dialog_get_inspections (XjOverviewDrillDialog *self);

G_END_DECLS
