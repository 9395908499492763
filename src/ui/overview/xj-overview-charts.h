/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "xj-overview.h"

G_BEGIN_DECLS

/* Charts over one computed overview; each holds a reference to nothing: the
 * page keeps @overview alive as long as the charts it made. */
GtkWidget *xj_overview_trend_chart_new (const XjOverview *overview,
                                        const gint64     *site_ids,
                                        guint             n_sites,
                                        gboolean          failure_index);
GtkWidget *xj_overview_heat_map_new    (const XjOverview *overview,
                                        const gint64     *site_ids,
                                        guint             n_sites);
const char *xj_overview_site_name      (const XjOverview *overview,
                                        gint64            site_id);

G_END_DECLS
