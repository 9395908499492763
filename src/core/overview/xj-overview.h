/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

/* Which inspections a manager looks at together. */
typedef enum {
  XJ_OVERVIEW_CHECKS,          /* daily, weekly, monthly and spot checks */
  XJ_OVERVIEW_MYSTERY_VISITS,
  XJ_OVERVIEW_MYSTERY_CALLS,
} XjOverviewKind;

typedef enum {
  XJ_OVERVIEW_BY_WEEK,         /* local weeks starting on Monday */
  XJ_OVERVIEW_BY_MONTH,        /* local calendar months */
} XjOverviewBucket;

/* The categories of the heat map, in the standards' order. */
typedef enum {
  XJ_OVERVIEW_CLEANING,
  XJ_OVERVIEW_GREENERY,
  XJ_OVERVIEW_PUBLIC_ORDER,    /* items of category facilities count here too */
  XJ_OVERVIEW_FIRE_SECURITY,
  XJ_OVERVIEW_SERVICE,
  XJ_OVERVIEW_N_CATEGORIES,
} XjOverviewCategory;

/* Age of an open notice since it was issued. */
typedef enum {
  XJ_OVERVIEW_AGE_WEEK,        /* up to 7 days */
  XJ_OVERVIEW_AGE_MONTH,       /* 8 to 30 days */
  XJ_OVERVIEW_AGE_QUARTER,     /* 31 to 90 days */
  XJ_OVERVIEW_AGE_OLDER,       /* more than 90 days */
  XJ_OVERVIEW_N_AGES,
} XjOverviewAge;

#define XJ_OVERVIEW_N_PARTIES 3      /* XjResponsibleParty */
#define XJ_OVERVIEW_N_NOTICE_TYPES 3 /* XjNoticeType */
#define XJ_OVERVIEW_TOP_REPEATS 10

typedef struct {
  gint64          from;        /* inspections started in [from, to) */
  gint64          to;
  const gint64   *site_ids;    /* NULL: every site */
  guint           n_site_ids;
  XjOverviewKind  kind;
  XjOverviewBucket bucket;
} XjOverviewQuery;

typedef struct {
  gint64  site_id;
  char   *name;
} XjOverviewSite;

/* The mean score and failure index of one site's inspections in one period;
 * site_id 0 is the team: the mean over every inspection of the period. */
typedef struct {
  gint64   site_id;
  gint64   period_start;
  guint    n_inspections;
  guint    n_scored;
  double   score;              /* mean of the scored inspections, when n_scored > 0 */
  double   failure_index;      /* mean over all inspections */
} XjOverviewPoint;

/* A site's score in one category: Σ earned / Σ possible over its items of
 * that category in every inspection of the period (as xj_score_compute
 * adds up a section). */
typedef struct {
  gint64              site_id;
  XjOverviewCategory  category;
  gboolean            has_score;
  double              score;
  double              earned;
  double              possible;
  guint               n_inspections;
} XjOverviewCell;

/* The same item (by key, across versions) failing at the same site more
 * than once in the period. */
typedef struct {
  gint64  site_id;
  char   *site_name;
  char   *item_key;
  char   *prompt;              /* as the latest failure showed it */
  guint   count;
  gint64  last_at;             /* when the latest failing inspection started */
  gint64  last_inspection_id;
  gint64  notice_id;           /* an open notice about it, 0 when none */
  char   *notice_number;
} XjOverviewRepeat;

/* Notices of the selected sites.  Open means issued and not yet closed;
 * overdue and escalated count open notices only (overdue as the board
 * says it: issued or acknowledged past the deadline). */
typedef struct {
  guint   open;
  guint   open_by_age[XJ_OVERVIEW_N_AGES];
  guint   open_by_party[XJ_OVERVIEW_N_PARTIES];
  guint   overdue;
  guint   escalated;
  guint   closed_by_type[XJ_OVERVIEW_N_NOTICE_TYPES];        /* closed in the period */
  double  days_to_close_by_type[XJ_OVERVIEW_N_NOTICE_TYPES]; /* mean, issued → closed */
} XjOverviewNotices;

/* Schedule occurrences due in the period, per site and kind. */
typedef struct {
  gint64  site_id;
  char   *kind;
  guint   due;                 /* on_time + late + missed */
  guint   on_time;
  guint   late;
  guint   missed;              /* past due and not done */
} XjOverviewCompliance;

/* A mystery-shopper step (a section of the checklist) at one site. */
typedef struct {
  gint64  site_id;
  guint   position;
  char   *title;
  guint   n_pass;
  guint   n_fail;
} XjOverviewStep;

/* The measured values of one hard standard (a stopwatch or number item). */
typedef struct {
  char   *item_key;
  char   *prompt;
  char   *unit;
  double  limit;               /* the most that passes */
  GArray *values;              /* double, sorted */
  guint   n_fail;
} XjOverviewHard;

typedef struct {
  gint64             now;
  GArray            *sites;       /* XjOverviewSite, by name */
  GArray            *points;      /* XjOverviewPoint, by site then period; team first */
  GArray            *cells;       /* XjOverviewCell, every site × category */
  GArray            *repeats;     /* XjOverviewRepeat, most frequent first, at most 10 */
  XjOverviewNotices  notices;
  GArray            *compliance;  /* XjOverviewCompliance, by site then kind */
  GArray            *steps;       /* XjOverviewStep, mystery kinds only */
  GPtrArray         *hard;        /* XjOverviewHard, mystery kinds only */
  guint              n_inspections;
  /* How they were read: whole months from their stored sums, and the
   * schedules matched here because their stored outcomes could not be
   * used (stale, or of another time zone). */
  gboolean           months_stored;
  guint              n_live_schedules;
} XjOverview;

const char  *xj_overview_category_to_string (XjOverviewCategory  category);
const char  *xj_overview_category_get_label (XjOverviewCategory  category);
const char  *xj_overview_age_get_label      (XjOverviewAge       age);
gboolean     xj_overview_category_for_item  (const char         *item_category,
                                             XjOverviewCategory *category);
const char *const *xj_overview_kinds        (XjOverviewKind      kind);
gint64       xj_overview_period_start       (XjOverviewBucket    bucket,
                                             gint64              t);

XjOverview  *xj_overview_compute            (XjStore               *store,
                                             const XjOverviewQuery *query,
                                             GCancellable          *cancellable,
                                             GError               **error);
void         xj_overview_free               (XjOverview            *overview);
gboolean     xj_overview_refresh_totals     (XjStore               *store,
                                             GError               **error);
const XjOverviewPoint *xj_overview_find_point (const XjOverview    *overview,
                                             gint64                 site_id,
                                             gint64                 period_start);
const XjOverviewCell  *xj_overview_find_cell  (const XjOverview    *overview,
                                             gint64                 site_id,
                                             XjOverviewCategory     category);

/* After the time zone changed (xj-overview-zone.c). */
gboolean     xj_overview_follow_zone        (XjStore               *store,
                                             GCancellable          *cancellable,
                                             GError               **error);
void         xj_overview_follow_zone_async  (XjStore               *store,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
gboolean     xj_overview_follow_zone_finish (XjStore               *store,
                                             GAsyncResult          *result,
                                             GError               **error);
guint        xj_overview_follow_zone_get_n_running (void);

/* In a worker with its own connection to the store's database. */
void         xj_overview_compute_async      (XjStore               *store,
                                             const XjOverviewQuery *query,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
XjOverview  *xj_overview_compute_finish     (XjStore               *store,
                                             GAsyncResult          *result,
                                             GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjOverview, xj_overview_free)

G_END_DECLS
