/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-notice.h"

G_BEGIN_DECLS

/* "The same item failing again at the same site within …" */
#define XJ_REPEAT_WINDOW_DAYS_DEFAULT 90

/* A finding is a failed answer, with what its item says about notices. */
typedef struct {
  gint64      answer_id;
  gint64      inspection_id;
  gint64      site_id;
  gint64      item_id;
  char       *item_key;
  char       *prompt;            /* in the language of the moment */
  char       *stored_prompt;     /* as stored: a built-in's in English */
  char       *remark;
  char       *category;          /* template_items.category */
  char       *rep_name;          /* the inspection's property representative */
  char       *rep_company;
  double      failure_weight;
  gboolean    critical;
  gboolean    failed;            /* outcome = 'fail' */
  int         notice_type;       /* an XjNoticeType, or -1 when the item sets none */
  int         party;             /* an XjResponsibleParty, or -1 */
  int         deadline_days;     /* 0…365, or -1 */
  gint64      answered_at;
  gint64      previous_answer_id; /* > 0 when this is a repeat finding */
  GPtrArray  *photos;            /* sha256 strings of the answer's photos */
} XjFinding;

void              xj_finding_free                   (XjFinding       *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjFinding, xj_finding_free)


GPtrArray        *xj_store_load_findings            (XjStore         *store,
                                                     const gint64    *answer_ids,
                                                     guint            n_answer_ids,
                                                     guint            repeat_window_days,
                                                     GError         **error);
gboolean          xj_findings_check                 (GPtrArray       *findings,
                                                     gint64           site_id,
                                                     GError         **error);
char             *xj_findings_describe              (GPtrArray       *findings);
gboolean          xj_findings_describe_matches      (GPtrArray       *findings,
                                                     const char      *description);
gint64            xj_notice_default_deadline        (gint64           now,
                                                     int              days,
                                                     XjNoticeSeverity severity);
XjNotice         *xj_notice_defaults_from_findings  (GPtrArray       *findings,
                                                     gint64           now,
                                                     GError         **error);
XjNotice         *xj_store_new_notice_from_findings (XjStore         *store,
                                                     const gint64    *answer_ids,
                                                     guint            n_answer_ids,
                                                     guint            repeat_window_days,
                                                     GError         **error);

gboolean          xj_findings_is_repeat             (XjStore         *store,
                                                     gint64           answer_id,
                                                     guint            window_days,
                                                     gboolean        *is_repeat,
                                                     gint64          *previous_answer_id,
                                                     GError         **error);
gboolean          xj_store_count_repeat_findings    (XjStore         *store,
                                                     gint64           site_id,
                                                     gint64           since,
                                                     guint            window_days,
                                                     guint           *n_repeats,
                                                     GError         **error);

G_END_DECLS
