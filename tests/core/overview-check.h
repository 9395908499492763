/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two Overviews of the same period are the same figures: every point (by
 * site and period), every cell (by site and category) and every repeat
 * finding (in order).  Shared by test-overview-totals (from the stored
 * totals against scoring every answer) and test-overview-compliance (from
 * the monthly sums against inspection by inspection).
 */
#pragma once

#include "xj-overview.h"
#include "xj-test-utils.h"

static inline void
xj_overview_assert_same (const XjOverview *a,
                         const XjOverview *b)
{
  g_assert_cmpuint (a->n_inspections, ==, b->n_inspections);
  g_assert_cmpuint (a->points->len, ==, b->points->len);
  for (guint i = 0; i < a->points->len; i++)
    {
      const XjOverviewPoint *x = &g_array_index (a->points, XjOverviewPoint, i);
      const XjOverviewPoint *y = xj_overview_find_point (b, x->site_id, x->period_start);

      g_assert_nonnull (y);
      g_assert_cmpuint (x->n_inspections, ==, y->n_inspections);
      g_assert_cmpuint (x->n_scored, ==, y->n_scored);
      g_assert_cmpfloat_with_epsilon (x->score, y->score, 1e-9);
      g_assert_cmpfloat_with_epsilon (x->failure_index, y->failure_index, 1e-9);
    }
  g_assert_cmpuint (a->cells->len, ==, b->cells->len);
  for (guint i = 0; i < a->cells->len; i++)
    {
      const XjOverviewCell *x = &g_array_index (a->cells, XjOverviewCell, i);
      const XjOverviewCell *y = xj_overview_find_cell (b, x->site_id, x->category);

      g_assert_nonnull (y);
      g_assert_cmpint (x->has_score, ==, y->has_score);
      g_assert_cmpuint (x->n_inspections, ==, y->n_inspections);
      g_assert_cmpfloat_with_epsilon (x->earned, y->earned, 1e-9);
      g_assert_cmpfloat_with_epsilon (x->possible, y->possible, 1e-9);
    }
  g_assert_cmpuint (a->repeats->len, ==, b->repeats->len);
  for (guint i = 0; i < a->repeats->len; i++)
    {
      const XjOverviewRepeat *x = &g_array_index (a->repeats, XjOverviewRepeat, i);
      const XjOverviewRepeat *y = &g_array_index (b->repeats, XjOverviewRepeat, i);

      g_assert_cmpint (x->site_id, ==, y->site_id);
      g_assert_cmpstr (x->item_key, ==, y->item_key);
      g_assert_cmpuint (x->count, ==, y->count);
      g_assert_cmpint (x->last_at, ==, y->last_at);
      g_assert_cmpint (x->last_inspection_id, ==, y->last_inspection_id);
    }
}
