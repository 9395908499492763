/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-notice.h"

G_BEGIN_DECLS

typedef enum {
  XJ_NOTICE_ACTION_ISSUE,        /* draft → issued */
  XJ_NOTICE_ACTION_ACKNOWLEDGE,  /* issued → acknowledged */
  XJ_NOTICE_ACTION_RECTIFY,      /* acknowledged → rectified */
  XJ_NOTICE_ACTION_ACCEPT,       /* rectified → verified */
  XJ_NOTICE_ACTION_REJECT,       /* rectified → issued, with a new deadline */
  XJ_NOTICE_ACTION_CLOSE,        /* verified → closed */
} XjNoticeAction;
#define XJ_NOTICE_N_ACTIONS 6

/* The to_state of a notice_events row that records an escalation: not a
 * state (escalation is a flag beside the state), an event of the notice's
 * log all the same, so that a team folds it like the steps. */
#define XJ_NOTICE_ESCALATION_EVENT "escalated"

gboolean     xj_notice_action_allowed      (XjNoticeState    state,
                                            XjNoticeAction   action,
                                            XjNoticeState   *target);
const char  *xj_notice_action_to_string    (XjNoticeAction   action);
const char  *xj_notice_action_get_label    (XjNoticeAction   action);

/* What a step on a notice records.  Each action reads its own fields:
 *   issue        by: the issuer
 *   acknowledge  by: the recipient at the responsible party; company (nullable);
 *                strokes_json (nullable): the recipient's signature from the pad
 *   rectify      by: who records it; remark: what was done (required);
 *                after_photos (nullable, NULL-terminated): sha256 names of
 *                photos already in the photo store
 *   accept       by: the verifier; remark (nullable)
 *   reject       by: the verifier; remark: why (required); new_deadline, in the future
 *   close        by: who closes it
 * recorded_by: who enters the step (history and audit); NULL: by. */
typedef struct {
  const char         *by;
  const char         *recorded_by;
  const char         *company;
  const char         *strokes_json;
  const char         *remark;
  const char * const *after_photos;
  gint64              new_deadline;
} XjNoticeStepOptions;

gboolean     xj_store_take_notice_step     (XjStore         *store,
                                            gint64           notice_id,
                                            XjNoticeAction   action,
                                            const XjNoticeStepOptions *options,
                                            GError         **error);
gboolean     xj_store_notice_needs_after_photos (XjStore    *store,
                                            gint64           notice_id,
                                            gboolean        *needs,
                                            GError         **error);
gboolean     xj_store_discard_notice_draft (XjStore         *store,
                                            gint64           notice_id,
                                            const char      *reason,
                                            const char      *actor,
                                            GError         **error);

gboolean     xj_store_save_notice_step_draft (XjStore       *store,
                                              gint64         notice_id,
                                              const char    *step,
                                              const char    *remark,
                                              GError       **error);
char        *xj_store_dup_notice_step_draft  (XjStore       *store,
                                              gint64         notice_id,
                                              const char    *step,
                                              GError       **error);
gboolean     xj_store_save_notice_step_draft_photos (XjStore            *store,
                                              gint64              notice_id,
                                              const char         *step,
                                              const char * const *photos,
                                              GError            **error);
GStrv        xj_store_dup_notice_step_draft_photos (XjStore     *store,
                                              gint64         notice_id,
                                              const char    *step,
                                              GError       **error);
gboolean     xj_store_forget_notice_step_draft (XjStore       *store,
                                              gint64         notice_id,
                                              const char    *step,
                                              GError       **error);

gboolean     xj_store_escalate_notice      (XjStore         *store,
                                            gint64           notice_id,
                                            const char      *reason,
                                            const char      *actor,
                                            GError         **error);
gboolean     xj_notices_escalate_due       (XjStore         *store,
                                            gint64           now,
                                            guint           *n_escalated,
                                            GError         **error);

G_END_DECLS
