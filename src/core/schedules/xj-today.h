/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-schedule.h"

G_BEGIN_DECLS

/* How far back Today looks for failures that no notice takes up yet. */
#define XJ_TODAY_TO_NOTICE_DAYS 7

/* An inspection left in draft, to resume; completed, to sign; or with
 * failures that are in no notice yet, to raise notices from. */
typedef struct
{
  gint64  inspection_id;
  gint64  site_id;
  char   *site_name;
  gint64  template_id;
  gint64  version_id;
  char   *template_name;
  char   *kind;
  gint64  started_at;
  gint64  schedule_id;     /* 0 when not started from a schedule */
  gint64  occurrence_at;
  guint   n_failures;      /* to_notice: its failures in no notice; 0 otherwise */
} XjTodayDraft;

/* One row of Today: the occurrence a start does, and how many of the same
 * site, checklist and kind were missed before it. */
typedef struct
{
  XjOccurrence occurrence;
  guint        n_missed;      /* overdue occurrences of the group, this one included if overdue */
  gint64       missed_since;  /* the oldest one's planned time, 0 when none */
} XjTodayItem;

/* What the Today page shows of schedules and drafts.  Notices due within
 * 24 hours and escalated notices come from the notices module, which the
 * page asks separately. */
typedef struct
{
  gint64  now;
  GArray *overdue;  /* XjTodayItem: the newest of each group, oldest first */
  GArray *due;      /* XjTodayItem due today, by planned time, with the
                     * group's missed ones folded in */
  GArray *drafts;   /* XjTodayDraft, most recently started first */
  GArray *to_sign;  /* XjTodayDraft completed, not signed yet: the same order */
  GArray *to_notice; /* XjTodayDraft completed in the last XJ_TODAY_TO_NOTICE_DAYS days,
                      * anyone's, with failures in no notice: newest first */
  guint   n_sites;         /* sites, active or not: none on a first start */
  guint   n_active_sites;
} XjToday;

void     xj_today_free       (XjToday     *today);
gboolean xj_today_compute    (XjStore     *store,
                              gint64       now,
                              XjToday    **result,
                              GError     **error);
gboolean xj_today_find_due   (XjStore     *store,
                              gint64       site_id,
                              gint64       template_id,
                              const char  *kind,
                              gint64       at,
                              gint64      *schedule_id,
                              gint64      *occurrence_at,
                              GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjToday, xj_today_free)

G_END_DECLS
