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

gboolean     xj_store_issue_notice         (XjStore         *store,
                                            gint64           notice_id,
                                            const char      *issuer,
                                            GError         **error);
gboolean     xj_store_acknowledge_notice   (XjStore         *store,
                                            gint64           notice_id,
                                            const char      *recipient,
                                            const char      *company,
                                            const char      *strokes_json,
                                            const char      *actor,
                                            GError         **error);
gboolean     xj_store_rectify_notice       (XjStore         *store,
                                            gint64           notice_id,
                                            const char      *remark,
                                            const char *const *after_photos,
                                            const char      *actor,
                                            GError         **error);
gboolean     xj_store_notice_needs_after_photos (XjStore    *store,
                                            gint64           notice_id,
                                            gboolean        *needs,
                                            GError         **error);
gboolean     xj_store_accept_notice        (XjStore         *store,
                                            gint64           notice_id,
                                            const char      *verifier,
                                            const char      *remark,
                                            GError         **error);
gboolean     xj_store_reject_notice        (XjStore         *store,
                                            gint64           notice_id,
                                            const char      *verifier,
                                            const char      *reason,
                                            gint64           new_deadline,
                                            GError         **error);
gboolean     xj_store_close_notice         (XjStore         *store,
                                            gint64           notice_id,
                                            const char      *actor,
                                            GError         **error);
gboolean     xj_store_discard_notice_draft (XjStore         *store,
                                            gint64           notice_id,
                                            const char      *reason,
                                            const char      *actor,
                                            GError         **error);

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
