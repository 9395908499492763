/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

#define XJ_SCHEDULE_ERROR (xj_schedule_error_quark ())

typedef enum {
  XJ_SCHEDULE_ERROR_BAD_RULE,
  XJ_SCHEDULE_ERROR_BAD_SPEC,      /* not a JSON object, or an unknown setting */
  XJ_SCHEDULE_ERROR_BAD_WEEKDAY,
  XJ_SCHEDULE_ERROR_BAD_TIME,
  XJ_SCHEDULE_ERROR_BAD_DAY,
  XJ_SCHEDULE_ERROR_BAD_COUNT,
  XJ_SCHEDULE_ERROR_BAD_KIND,
  XJ_SCHEDULE_ERROR_REASON_EMPTY,
  XJ_SCHEDULE_ERROR_NO_OCCURRENCE,
  XJ_SCHEDULE_ERROR_NOT_FOUND,
  XJ_SCHEDULE_ERROR_NO_SITE,
} XjScheduleError;

typedef enum {
  XJ_SCHEDULE_RULE_DAILY,
  XJ_SCHEDULE_RULE_WEEKLY,
  XJ_SCHEDULE_RULE_MONTHLY,
  XJ_SCHEDULE_RULE_EVERY_N_WEEKS,
  XJ_SCHEDULE_RULE_RANDOM,
} XjScheduleRule;

typedef enum {
  XJ_SCHEDULE_PERIOD_WEEK,
  XJ_SCHEDULE_PERIOD_MONTH,
} XjSchedulePeriod;

#define XJ_SCHEDULE_MAX_SLOTS 14
#define XJ_SCHEDULE_MAX_COUNT 31
#define XJ_SCHEDULE_MAX_WEEKS 52
/* day_of_month value for “the last Monday–Friday of the month”. */
#define XJ_SCHEDULE_LAST_WORKING_DAY (-1)
/* weekday_mask bits: 1 << weekday, weekday 1 = Monday … 7 = Sunday (ISO). */
#define XJ_SCHEDULE_WORKING_DAYS 0x3e

typedef struct
{
  guint8  weekday;  /* 1 = Monday … 7 = Sunday */
  guint16 minute;   /* minutes after local midnight */
} XjScheduleSlot;

/* A rule's parameters, stored as JSON in schedules.spec.  Times are local
 * wall-clock minutes after midnight.  Plain data: copy by assignment. */
typedef struct
{
  XjScheduleRule   rule;
  /* daily: the window the patrol should fall in; random: working hours. */
  guint16          window_from;
  guint16          window_to;
  /* weekly */
  guint            n_slots;
  XjScheduleSlot   slots[XJ_SCHEDULE_MAX_SLOTS];
  /* monthly (day_of_month, minute), every_n_weeks (n_weeks, weekday, minute) */
  gint             day_of_month;
  guint            n_weeks;
  guint8           weekday;
  guint16          minute;
  /* random */
  XjSchedulePeriod period;
  guint            count;
  guint8           weekday_mask;
  guint            sample_items;    /* 0: the whole template */
} XjScheduleSpec;

typedef enum {
  XJ_OCCURRENCE_UPCOMING,
  XJ_OCCURRENCE_DUE,
  XJ_OCCURRENCE_OVERDUE,
  XJ_OCCURRENCE_DONE,
  XJ_OCCURRENCE_SKIPPED,
} XjOccurrenceStatus;

/* One computed occurrence.  Its window opens at the start of its local day
 * (opens), it is due by due, and an inspection started up to closes (when
 * the next occurrence's window opens) still counts for it, late. */
typedef struct
{
  gint64              schedule_id;
  gint64              site_id;
  gint64              template_id;
  gint64              version_id;      /* the template's latest version */
  char               *kind;            /* inspections.kind to start with */
  char               *site_name;
  char               *template_name;
  gint64              at;              /* the planned time; skips are keyed on it */
  gint64              opens;
  gint64              due;
  gint64              closes;
  XjOccurrenceStatus  status;
  gint64              inspection_id;   /* the inspection that did it, or 0 */
  gint64              started_at;
  gboolean            late;            /* started after due */
  char               *skip_reason;     /* when skipped */
} XjOccurrence;

void        xj_occurrence_clear              (XjOccurrence *occurrence);
const char *xj_occurrence_status_to_string   (XjOccurrenceStatus status);
const char *xj_occurrence_status_get_label   (XjOccurrenceStatus status);

GQuark      xj_schedule_error_quark          (void);

/* --- rules and specs (xj-schedule-spec.c) --------------------------------- */

const char *xj_schedule_rule_to_string       (XjScheduleRule        rule);
gboolean    xj_schedule_rule_from_string     (const char           *text,
                                              XjScheduleRule       *rule);
const char *xj_schedule_rule_get_label       (XjScheduleRule        rule);
const char *xj_schedule_weekday_get_label    (guint                 weekday);
gboolean    xj_schedule_kind_is_valid        (const char           *kind);

void        xj_schedule_spec_init            (XjScheduleSpec       *spec,
                                              XjScheduleRule        rule);
gboolean    xj_schedule_spec_parse           (XjScheduleRule        rule,
                                              const char           *json,
                                              XjScheduleSpec       *spec,
                                              GError              **error);
gboolean    xj_schedule_spec_validate        (const XjScheduleSpec *spec,
                                              GError              **error);
char       *xj_schedule_spec_to_json         (const XjScheduleSpec *spec);
char       *xj_schedule_spec_describe        (const XjScheduleSpec *spec);

/* --- pure generation (xj-schedule-rule.c) --------------------------------- */

GArray     *xj_schedule_spec_plan            (const XjScheduleSpec *spec,
                                              gint64                seed,
                                              gint64                starts_at,
                                              gint64                from,
                                              gint64                to);
char      **xj_schedule_sample_items         (gint64                seed,
                                              gint64                occurrence_at,
                                              const char * const   *item_keys,
                                              guint                 sample_size);
guint64     xj_schedule_random_next          (guint64              *state);

/* --- schedules (xj-schedule.c) -------------------------------------------- */

#define XJ_TYPE_SCHEDULE (xj_schedule_get_type ())
G_DECLARE_FINAL_TYPE (XjSchedule, xj_schedule, XJ, SCHEDULE, GObject)

XjSchedule           *xj_schedule_new               (gint64                site_id,
                                                     gint64                template_id,
                                                     const char           *kind,
                                                     const XjScheduleSpec *spec,
                                                     gint64                starts_at);
gint64                xj_schedule_get_id            (XjSchedule           *self);
gint64                xj_schedule_get_site_id       (XjSchedule           *self);
void                  xj_schedule_set_site_id       (XjSchedule           *self,
                                                     gint64                site_id);
gint64                xj_schedule_get_template_id   (XjSchedule           *self);
void                  xj_schedule_set_template_id   (XjSchedule           *self,
                                                     gint64                template_id);
const char           *xj_schedule_get_kind          (XjSchedule           *self);
void                  xj_schedule_set_kind          (XjSchedule           *self,
                                                     const char           *kind);
const XjScheduleSpec *xj_schedule_get_spec          (XjSchedule           *self);
void                  xj_schedule_set_spec          (XjSchedule           *self,
                                                     const XjScheduleSpec *spec);
gint64                xj_schedule_get_seed          (XjSchedule           *self);
void                  xj_schedule_set_seed          (XjSchedule           *self,
                                                     gint64                seed);
gint64                xj_schedule_get_starts_at     (XjSchedule           *self);
gboolean              xj_schedule_get_paused        (XjSchedule           *self);
const char           *xj_schedule_get_site_name     (XjSchedule           *self);
const char           *xj_schedule_get_template_name (XjSchedule           *self);
char                 *xj_schedule_dup_description   (XjSchedule           *self);
GArray               *xj_schedule_plan              (XjSchedule           *self,
                                                     gint64                from,
                                                     gint64                to);

gboolean    xj_store_save_schedule           (XjStore     *store,
                                              XjSchedule  *schedule,
                                              const char  *actor,
                                              GError     **error);
gboolean    xj_store_set_schedule_paused     (XjStore     *store,
                                              gint64       schedule_id,
                                              gboolean     paused,
                                              const char  *actor,
                                              GError     **error);
gboolean    xj_store_delete_schedule         (XjStore     *store,
                                              gint64       schedule_id,
                                              const char  *actor,
                                              GError     **error);
XjSchedule *xj_store_get_schedule            (XjStore     *store,
                                              gint64       schedule_id,
                                              GError     **error);
GPtrArray  *xj_store_list_schedules          (XjStore     *store,
                                              gint64       site_id,
                                              GError     **error);
gboolean    xj_schedule_skip                 (XjStore     *store,
                                              gint64       schedule_id,
                                              gint64       occurrence_at,
                                              const char  *reason,
                                              const char  *who,
                                              GError     **error);

/* --- occurrences with their status (xj-schedule-match.c) ------------------ */

GArray     *xj_schedule_occurrences          (XjStore     *store,
                                              XjSchedule  *schedule,
                                              gint64       from,
                                              gint64       to,
                                              GError     **error);
GArray     *xj_schedule_calendar_month       (XjStore     *store,
                                              int          year,
                                              int          month,
                                              gint64       site_id,
                                              GError     **error);

G_END_DECLS
