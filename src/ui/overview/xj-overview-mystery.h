/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "xj-overview.h"

G_BEGIN_DECLS

/* The mystery shopper's part of the Overview: per store, the pass rate of
 * each step of the flow (bars), and each hard standard's measured values
 * as a histogram against its limit; the same numbers as tables in
 * @tables.  Nothing when @overview has no steps or hard standards. */
void       xj_overview_mystery_show      (const XjOverview *overview,
                                          GtkBox           *charts,
                                          GtkBox           *tables);

/* A hard standard's histogram bins (exposed for the tests): @bins gets
 * the count per bin, @width the bin width; integer values (rings) get a
 * bin per value. */
typedef struct {
  double  width;
  gboolean per_value;
  GArray *counts;              /* guint */
} XjHardBins;

void       xj_overview_hard_bins         (const XjOverviewHard *hard,
                                          XjHardBins           *bins);
gboolean   xj_overview_hard_bin_passes   (const XjOverviewHard *hard,
                                          const XjHardBins     *bins,
                                          guint                 bin);
char      *xj_overview_hard_bin_label    (const XjHardBins     *bins,
                                          guint                 bin);

G_END_DECLS
