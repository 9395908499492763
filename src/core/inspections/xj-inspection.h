/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-scoring.h"
#include "xj-store.h"
#include "xj-template.h"

G_BEGIN_DECLS

#define XJ_INSPECTION_ERROR (xj_inspection_error_quark ())

typedef enum {
  XJ_INSPECTION_ERROR_INVALID,       /* what was entered breaks a rule (see message) */
  XJ_INSPECTION_ERROR_NOT_FOUND,
  XJ_INSPECTION_ERROR_READ_ONLY,     /* completed or signed: answers can no longer change */
  XJ_INSPECTION_ERROR_INCOMPLETE,    /* required items unanswered */
} XjInspectionError;

typedef enum {
  XJ_INSPECTION_DRAFT,
  XJ_INSPECTION_COMPLETED,
  XJ_INSPECTION_SIGNED,
  XJ_INSPECTION_ARCHIVED,
} XjInspectionState;

/* The fields a person fills in to start an inspection. */
typedef struct {
  gint64      site_id;
  gint64      template_id;    /* the latest version is used */
  const char *kind;           /* "daily", "weekly", … see xj_template_get_kinds() */
  const char *inspector;
  const char *rep_name;       /* required for weekly and monthly checks */
  const char *rep_company;
  gint64      started_at;     /* 0: now */
  gint64      schedule_id;    /* 0: not from a schedule */
  gint64      occurrence_at;
} XjInspectionStart;

/* One inspection as lists and headers show it.  Plain data. */
typedef struct {
  gint64             id;
  gint64             site_id;
  char              *site_name;
  gint64             template_id;
  gint64             version_id;
  char              *template_name;
  int                template_version;
  char              *kind;
  XjInspectionState  state;
  char              *inspector;
  char              *rep_name;
  char              *rep_company;
  gint64             started_at;
  gint64             completed_at;   /* 0 while a draft */
  gint64             signed_at;
  gboolean           has_score;
  double             score;          /* cached at completion; live for drafts via xj_score */
  char              *grade;
  double             failure_index;
  gboolean           critical_failed;
  gint64             current_item_id;
  guint              n_photos;
  guint              n_answered;
  char              *owner;          /* team login of its inspector; NULL: made here */
  char              *laptop;         /* short code of the laptop that made it; NULL: unknown */
} XjInspection;

typedef struct {
  gint64     item_id;
  char      *value;           /* NULL: no answer yet (only a remark or photos) */
  XjOutcome  outcome;
  char      *remark;
  gint64     answered_at;
  gint64     answer_id;
  guint      n_photos;
  gint64     timer_started_ms; /* a running stopwatch's start (Unix ms), 0 if none */
} XjAnswer;

/* The same item's answer at the same site in an earlier inspection. */
typedef struct {
  gint64     inspection_id;
  char      *value;
  XjOutcome  outcome;
  gint64     answered_at;
  gint64     failed_at;       /* the item's last failure there, 0 if none */
} XjPreviousAnswer;

/* In a team: whose inspections a list shows. */
typedef enum {
  XJ_INSPECTION_WHOSE_ANY,
  XJ_INSPECTION_WHOSE_MINE,   /* made here or by this laptop's team user */
  XJ_INSPECTION_WHOSE_TEAM,   /* colleagues', pulled from the team */
} XjInspectionWhose;

typedef struct {
  gint64      site_id;        /* 0: any */
  const char *kind;           /* NULL: any */
  int         state;          /* -1: any, else an XjInspectionState */
  gint64      from;           /* started_at >= from; 0: no bound */
  gint64      to;             /* started_at < to; 0: no bound */
  guint       limit;          /* 0: 200 */
  guint       offset;
  int         whose;          /* XjInspectionWhose: everyone's, mine, the team's */
} XjInspectionFilter;

#define XJ_INSPECTION_FILTER_INIT { 0, NULL, -1, 0, 0, 0, 0, XJ_INSPECTION_WHOSE_ANY }

GQuark             xj_inspection_error_quark        (void);

const char        *xj_inspection_state_to_string    (XjInspectionState  state);
gboolean           xj_inspection_state_from_string  (const char        *text,
                                                     XjInspectionState *state);
const char        *xj_inspection_state_get_label    (XjInspectionState  state);
const char        *xj_inspection_kind_get_label     (const char        *kind);
gboolean           xj_inspection_kind_needs_representative (const char *kind);

void               xj_inspection_free               (XjInspection      *inspection);
const char        *xj_inspection_get_owner          (const XjInspection *inspection);
const char        *xj_inspection_get_laptop         (const XjInspection *inspection);
void               xj_answer_free                   (XjAnswer          *answer);
void               xj_previous_answer_free          (XjPreviousAnswer  *previous);

gint64             xj_store_start_inspection        (XjStore                 *store,
                                                     const XjInspectionStart *start,
                                                     GError                 **error);
XjInspection      *xj_store_get_inspection          (XjStore           *store,
                                                     gint64             inspection_id,
                                                     GError           **error);
XjTemplate        *xj_store_load_inspection_template (XjStore          *store,
                                                     gint64             inspection_id,
                                                     GError           **error);
GHashTable        *xj_store_load_answers            (XjStore           *store,
                                                     gint64             inspection_id,
                                                     GError           **error);
gboolean           xj_store_set_answer              (XjStore              *store,
                                                     gint64                inspection_id,
                                                     const XjTemplateItem *item,
                                                     const char           *value,
                                                     GError              **error);
gboolean           xj_store_set_remark              (XjStore              *store,
                                                     gint64                inspection_id,
                                                     const XjTemplateItem *item,
                                                     const char           *remark,
                                                     GError              **error);
gboolean           xj_store_ensure_answer           (XjStore              *store,
                                                     gint64                inspection_id,
                                                     const XjTemplateItem *item,
                                                     gint64               *answer_id,
                                                     GError              **error);
gboolean           xj_store_set_current_item        (XjStore           *store,
                                                     gint64             inspection_id,
                                                     gint64             item_id,
                                                     GError           **error);
XjScore           *xj_inspection_score              (const XjTemplate  *tmpl,
                                                     GHashTable        *answers);
GPtrArray         *xj_inspection_missing_required   (const XjTemplate  *tmpl,
                                                     GHashTable        *answers);
gboolean           xj_store_complete_inspection     (XjStore           *store,
                                                     gint64             inspection_id,
                                                     const char        *actor,
                                                     GError           **error);
GPtrArray         *xj_store_list_inspections        (XjStore                  *store,
                                                     const XjInspectionFilter *filter,
                                                     GError                  **error);
GHashTable        *xj_store_load_previous_answers   (XjStore           *store,
                                                     gint64             inspection_id,
                                                     GError           **error);
gboolean           xj_previous_answer_is_repeat     (const XjPreviousAnswer *previous,
                                                     gint64             now);

gboolean           xj_store_set_timer_started       (XjStore               *store,
                                                     gint64                 inspection_id,
                                                     const XjTemplateItem  *item,
                                                     gint64                 started_ms,
                                                     GError               **error);
guint              xj_store_count_running_timers    (XjStore           *store,
                                                     GError           **error);

GPtrArray         *xj_store_list_frequent_remarks   (XjStore           *store,
                                                     guint              limit,
                                                     GError           **error);
gboolean           xj_store_forget_frequent_remark  (XjStore           *store,
                                                     const char        *text,
                                                     GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjInspection, xj_inspection_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjAnswer, xj_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjPreviousAnswer, xj_previous_answer_free)

G_END_DECLS
