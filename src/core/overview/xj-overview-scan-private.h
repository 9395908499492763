/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview's scan (xj-overview-scan.c) and the stored figures it adds
 * up (xj-overview-stored.c): what they share.
 */
#pragma once

#include "xj-overview-private.h"

G_BEGIN_DECLS

typedef struct {
  XjTemplate *tmpl;
  XjTemplate *by_category;  /* one section per XjOverviewCategory */
} Version;

typedef struct {
  gint64 site_id;
  gint64 period_start;
} PointKey;

/* The times [start, end) that fall in one week or month. */
typedef struct {
  gint64 start;
  gint64 end;
} Period;

/* One answer of the inspection being read: its value is at @offset in
 * the scan's text until the inspection is complete, then at @value. */
typedef struct {
  gint64      item_id;
  gsize       offset;
  const char *value;
} Value;

typedef struct {
  XjStore               *store;
  const XjOverviewQuery *query;
  XjOverview            *overview;
  GHashTable            *versions;   /* gint64 version id → Version */
  GHashTable            *site_index; /* gint64 site id → index in overview->sites + 1 */
  GHashTable            *points;     /* PointKey → index in overview->points + 1 */
  GArray                *periods;    /* Period: the periods met so far */
  GHashTable            *steps;      /* "site:position" → index in overview->steps + 1 */
  GHashTable            *hard;       /* item key → XjOverviewHard (borrowed) */
  GHashTable            *items;      /* gint64 item id → XjTemplateItem (borrowed) */
  GHashTable            *failures;   /* FailureKey → XjOverviewFailures (borrowed) */
  GStringChunk          *keys;       /* the item keys of the failures */
  GPtrArray             *failure_list; /* XjOverviewFailures, owned */
  GArray                *values;     /* Value: the answers of one inspection */
  GString               *text;       /* the answer values of one inspection */
  GHashTable            *merges;     /* merged site id → the site it counts under */
} Scan;

gint64 _xj_overview_scan_period_start (Scan         *scan,
                                       gint64        t);
void   _xj_overview_scan_add_point    (Scan         *scan,
                                       gint64        site_id,
                                       gint64        period,
                                       guint         n_inspections,
                                       guint         n_scored,
                                       double        score,
                                       double        failure_index);
void   _xj_overview_scan_add_categories (Scan       *scan,
                                         gint64      site_id,
                                         const double *totals,
                                         const guint *counts);
void   _xj_overview_scan_add_failures (Scan         *scan,
                                       gint64        site_id,
                                       const char   *item_key,
                                       guint         count,
                                       gint64        inspection_id,
                                       gint64        started_at,
                                       gint64        item_id);
gboolean _xj_overview_read_stored     (Scan         *scan,
                                       const char   *sites_json,
                                       GCancellable *cancellable,
                                       GError      **error);

G_END_DECLS
