/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-site-merge.h"

#include <sqlite3.h>

#include "xj-overview.h"
#include "xj-template.h"

G_BEGIN_DECLS

/* The inspections a query selects, as a WHERE clause over `inspections i`
 * bound by _xj_overview_bind(): ?1 from, ?2 to, ?3…?6 the kinds, ?7 the
 * site ids as a JSON array (NULL: every site). */
#define XJ_OVERVIEW_WHERE \
  " i.state <> 'draft' AND i.started_at >= ?1 AND i.started_at < ?2" \
  " AND i.kind IN (?3, ?4, ?5, ?6)" \
  " AND (?7 IS NULL OR " XJ_SITE_IN_JSON ("i.site_id", "?7") ")"

#define XJ_OVERVIEW_SITES \
  " (?7 IS NULL OR " XJ_SITE_IN_JSON ("site_id", "?7") ")"

char    *_xj_overview_sites_json  (const gint64          *site_ids,
                                   guint                  n_site_ids);
gboolean _xj_overview_read_error  (XjStore               *store,
                                   int                    rc,
                                   GError               **error);
void     _xj_overview_compliance_clear (gpointer         data);
void     _xj_overview_bind        (sqlite3_stmt          *stmt,
                                   const XjOverviewQuery *query,
                                   const char            *sites_json);
/* The failures of one item (by key) at one site, gathered by the scan. */
typedef struct {
  gint64      site_id;
  const char *item_key;           /* borrowed from the scan's checklists */
  guint       count;
  gint64      last_at;            /* the latest failing inspection's start */
  gint64      last_inspection_id;
  gint64      last_item_id;       /* the item as that inspection showed it */
} XjOverviewFailures;

XjTemplate *_xj_overview_regroup_by_category (const XjTemplate *tmpl);

gboolean _xj_overview_repeats     (XjStore               *store,
                                   GPtrArray             *failures,
                                   XjOverview            *overview,
                                   GError               **error);
gboolean _xj_overview_notices     (XjStore               *store,
                                   const XjOverviewQuery *query,
                                   const char            *sites_json,
                                   XjOverview            *overview,
                                   GError               **error);
gboolean _xj_overview_compliance  (XjStore               *store,
                                   const XjOverviewQuery *query,
                                   XjOverview            *overview,
                                   GError               **error);
gboolean _xj_overview_refresh_months (XjStore          *store,
                                      GError          **error);
gboolean _xj_overview_read_months_zone (XjStore        *store,
                                        char          **zone,
                                        GError        **error);
gboolean _xj_overview_scan        (XjStore               *store,
                                   const XjOverviewQuery *query,
                                   const char            *sites_json,
                                   XjOverview            *overview,
                                   GCancellable          *cancellable,
                                   GError               **error);

G_END_DECLS
