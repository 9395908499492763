/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-site.h"

G_BEGIN_DECLS

/* SQL (src/core only).  Inspections keep their site (signed ones are
 * locked for ever) and are shown and counted under the site it was merged
 * into, through these. */
/* The site a row's site column stands for: the site it was merged into
 * when it was merged, else itself. */
#define XJ_SITE_OF(column) \
  "coalesce((SELECT m_.id FROM sites f_ JOIN sites m_ ON m_.uuid = f_.merged_into" \
  " WHERE f_.id = " column "), " column ")"
/* The same, from the site row @s joined already (only for rows shown). */
#define XJ_MERGED_SITE_ID(s) \
  "coalesce((SELECT m_.id FROM sites m_ WHERE m_.uuid = " s ".merged_into), " s ".id)"
#define XJ_MERGED_SITE_NAME(s) \
  "coalesce((SELECT m_.name FROM sites m_ WHERE m_.uuid = " s ".merged_into), " s ".name)"
/* @column is the site @param or a site merged into it (index-friendly). */
#define XJ_SITE_IN(column, param) \
  column " IN (SELECT x_.id FROM sites x_ WHERE x_.id = " param \
  " OR x_.merged_into = (SELECT y_.uuid FROM sites y_ WHERE y_.id = " param "))"
/* @column is one of the sites of the JSON array @param or a site merged
 * into one of them. */
#define XJ_SITE_IN_JSON(column, param) \
  column " IN (SELECT x_.id FROM sites x_, json_each(" param ") j_ WHERE x_.id = j_.value" \
  " OR x_.merged_into = (SELECT y_.uuid FROM sites y_ WHERE y_.id = j_.value))"

/* What a merge moves (xj_store_count_site_merge): what is shown under the
 * site today, its own and that of sites merged into it before. */
typedef struct
{
  guint inspections;
  guint schedules;
  guint notices;
} XjSiteMergeCounts;

XjSite     *xj_store_find_site          (XjStore            *store,
                                         const char         *id_or_uuid,
                                         GError            **error);
gboolean    xj_store_count_site_merge   (XjStore            *store,
                                         gint64              from_id,
                                         XjSiteMergeCounts  *counts,
                                         GError            **error);
gboolean    xj_store_merge_sites        (XjStore            *store,
                                         gint64              from_id,
                                         gint64              into_id,
                                         const char         *actor,
                                         GError            **error);
gboolean    xj_store_settle_site_merges (XjStore            *store,
                                         guint              *changed,
                                         GError            **error);
GHashTable *xj_store_read_site_merges   (XjStore            *store,
                                         GError            **error);
gint64      xj_site_merges_resolve      (GHashTable         *merges,
                                         gint64              site_id);
GPtrArray  *xj_store_list_site_duplicates (XjStore          *store,
                                           XjSite           *site,
                                           GError          **error);

/* One line of a site's history (its audit entries). */
typedef struct
{
  gint64  at;
  char   *actor;
  char   *action;
  char   *detail;
} XjSiteEvent;

void        xj_site_event_free          (XjSiteEvent        *event);
GPtrArray  *xj_store_list_site_history  (XjStore            *store,
                                         gint64              site_id,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjSiteEvent, xj_site_event_free)

G_END_DECLS
