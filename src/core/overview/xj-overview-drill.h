/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-overview.h"

G_BEGIN_DECLS

/* What a click on an Overview figure asks for: the inspections of the
 * query (period, kind) at one site behind a heat-map cell (@category) or a
 * repeat finding (@item_key: only the inspections where it failed). */
typedef struct {
  gint64       site_id;
  int          category;      /* an XjOverviewCategory, or -1 for any */
  const char  *item_key;      /* NULL for any */
} XjOverviewDrill;

typedef struct {
  gint64   inspection_id;
  char    *site_name;
  char    *checklist;
  char    *kind;
  gint64   started_at;
  gboolean has_score;
  double   score;
  double   failure_index;
  guint    n_failed;          /* failed answers the drill is about */
} XjOverviewInspection;

/* Returns: (element-type XjOverviewInspection): newest first */
GArray  *xj_overview_list_inspections        (XjStore               *store,
                                              const XjOverviewQuery *query,
                                              const XjOverviewDrill *drill,
                                              GCancellable          *cancellable,
                                              GError               **error);
void     xj_overview_list_inspections_async  (XjStore               *store,
                                              const XjOverviewQuery *query,
                                              const XjOverviewDrill *drill,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
GArray  *xj_overview_list_inspections_finish (XjStore               *store,
                                              GAsyncResult          *result,
                                              GError               **error);

G_END_DECLS
