/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-schedule.h"

G_BEGIN_DECLS

/* An inspection left in draft, to resume. */
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
} XjTodayDraft;

/* What the Today page shows of schedules and drafts.  Notices due within
 * 24 hours and escalated notices come from the notices module, which the
 * page asks separately. */
typedef struct
{
  gint64  now;
  GArray *overdue;  /* XjOccurrence, oldest first */
  GArray *due;      /* XjOccurrence due today, by planned time */
  GArray *drafts;   /* XjTodayDraft, most recently started first */
} XjToday;

void     xj_today_free       (XjToday  *today);
gint64   xj_today_lookback   (const XjScheduleSpec *spec,
                              gint64    today_start);
gboolean xj_today_compute    (XjStore  *store,
                              gint64    now,
                              XjToday **result,
                              GError  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjToday, xj_today_free)

G_END_DECLS
