/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-schedule.h"
#include "xj-transaction.h"

G_BEGIN_DECLS

/* The columns _xj_schedule_from_row() reads, and their tables. */
#define SCHEDULE_COLUMNS \
  "s.id, s.site_id, s.template_id, s.kind, s.rule, s.spec, s.seed, s.starts_at, s.paused, " \
  "si.name, v.name, v.id, (SELECT builtin FROM templates WHERE id = s.template_id)"
#define SCHEDULE_FROM \
  " FROM schedules s JOIN sites si ON si.id = s.site_id " \
  "LEFT JOIN template_versions v ON v.id = (SELECT id FROM template_versions " \
  "WHERE template_id = s.template_id ORDER BY version DESC LIMIT 1)"


/* A planned occurrence and its window, before any inspection is matched. */
typedef struct
{
  gint64 at;
  gint64 opens;
  gint64 due;
  gint64 closes;
} XjPlanned;

char   *_xj_format_minute          (guint                 minute);
gint64  _xj_local_day_start        (gint64                t);
gint64  _xj_local_next_day_start   (gint64                t);
GArray *_xj_schedule_plan_windows  (const XjScheduleSpec *spec,
                                    gint64                seed,
                                    gint64                starts_at,
                                    gint64                from,
                                    gint64                to);
gint64  _xj_schedule_get_version_id (XjSchedule          *self);
GArray *_xj_occurrence_array_new   (void);
gboolean _xj_schedule_compute      (XjStore              *store,
                                    XjSchedule           *schedule,
                                    gint64                from,
                                    gint64                to,
                                    gint64                now,
                                    GArray               *out,
                                    GError              **error);
gboolean _xj_schedule_finish_change (XjStore           *store,
                                     XjTransaction     *tx,
                                     const char        *actor,
                                     gint64             schedule_id,
                                     const char        *action,
                                     const char        *detail,
                                     GError           **error);
GPtrArray *_xj_store_list_active_schedules (XjStore     *store,
                                            GError     **error);
XjSchedule *_xj_schedule_from_row (sqlite3_stmt *stmt);

/* The stored outcomes of the occurrences (xj-schedule-outcomes.c), and
 * their running counts: done on time, done late, open (neither done nor
 * skipped). */
typedef struct
{
  gint64 on_time;
  gint64 late;
  gint64 open;
} XjScheduleTally;

gint64      _xj_schedule_outcomes_horizon   (gint64        now);
const char *_xj_occurrence_outcome          (const XjOccurrence *occurrence);
gboolean    _xj_schedule_outcomes_refresh   (XjStore      *store,
                                             GError      **error);
gboolean    _xj_schedule_outcomes_refresh_each (XjStore      *store,
                                             GCancellable *cancellable,
                                             GError      **error);
gboolean    _xj_schedule_outcomes_read_last (XjStore          *store,
                                             gint64            schedule_id,
                                             gint64            before,
                                             XjScheduleTally  *tally,
                                             gint64           *position,
                                             const char       *context,
                                             GError          **error);

G_END_DECLS
