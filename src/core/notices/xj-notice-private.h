/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-notice.h"
#include "xj-numbers-private.h"
#include "xj-transaction.h"

G_BEGIN_DECLS

/* The model's fields, shared by the files that load and change notices. */
struct _XjNotice
{
  GObject             parent_instance;

  gint64              id;
  char               *number;
  XjNoticeType        type;
  XjNoticeState       state;
  gint64              site_id;
  char               *site_name;
  char               *project_manager;
  gint64              inspection_id;
  XjNoticeSeverity    severity;
  XjResponsibleParty  party;
  char               *addressed_company;
  char               *addressed_person;
  char               *area;
  char               *description;
  char               *required_action;
  gint64              deadline;
  gint64              created_at;
  gint64              issued_at;
  char               *issued_by;
  gint64              acknowledged_at;
  char               *acknowledged_by;
  gint64              rectified_at;
  char               *rectification_remark;
  gint64              verified_at;
  char               *verified_by;
  gint64              closed_at;
  gboolean            escalated;
  gint64              escalated_at;
  char               *escalation_reason;
  gboolean            repeat;
  gboolean            needs_decision; /* two team steps that cannot both stand */

  GArray             *findings;       /* gint64 answer ids */
  GPtrArray          *before_photos;  /* sha256 strings */
  GPtrArray          *after_photos;
};

/* Replaces *@field with a copy of @value (NULL reads as ""); TRUE if changed. */
gboolean _xj_notice_set_string (char       **field,
                                const char  *value);

/* The notice as a transition finds it, read inside its transaction. */
typedef struct {
  gint64            id;
  char             *number;
  XjNoticeType      type;
  XjNoticeState     state;
  XjNoticeState     target;
  gint64            deadline;
  XjNoticeSeverity  severity;
  char             *project_manager;
} XjNoticeCurrent;

void _xj_notice_current_clear (XjNoticeCurrent *current);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XjNoticeCurrent, _xj_notice_current_clear)

/* The columns _xj_notice_from_row() reads, with the site joined as s. */
#define XJ_NOTICE_COLUMNS                                                     \
  "n.id, " XJ_FULL_NUMBER ("n.") ", n.type, n.state, n.site_id, s.name, s.project_manager, "   \
  "n.inspection_id, n.severity, n.responsible_party, n.addressed_company, "    \
  "n.addressed_person, n.area, n.description, n.required_action, n.deadline, " \
  "n.created_at, n.issued_at, n.issued_by, n.acknowledged_at, "                \
  "n.acknowledged_by, n.rectified_at, n.rectification_remark, n.verified_at, " \
  "n.verified_by, n.closed_at, n.escalated, n.escalated_at, "                  \
  "n.escalation_reason, n.repeat, "                                            \
  "EXISTS (SELECT 1 FROM team_conflicts c WHERE c.table_name = 'notices' "    \
  "  AND c.record = n.uuid AND c.field = 'steps' AND c.resolved_at IS NULL) "  \
  "FROM notices n JOIN sites s ON s.id = n.site_id "

/* The states in which the deadline runs (see xj-notice-deadline.c). */
#define XJ_NOTICE_OPEN_STATES "('issued', 'acknowledged')"

/* In xj-notice-store.c. */
GPtrArray *_xj_notice_collect    (XjStore       *store,
                                  sqlite3_stmt  *stmt,
                                  GError       **error);
gboolean   _xj_notice_read_error (XjStore       *store,
                                  int            rc,
                                  GError       **error);
gboolean _xj_notice_insert_photos (XjStore            *store,
                                   gint64              notice_id,
                                   const char         *phase,
                                   const char *const  *photos,
                                   guint               n_photos,
                                   GError            **error);
gboolean _xj_notice_insert_event  (XjStore            *store,
                                   gint64              notice_id,
                                   const char         *actor,
                                   const char         *from_state,
                                   const char         *to_state,
                                   gint64              deadline,
                                   const char         *remark,
                                   GError            **error);

/* In xj-notice-transition.c: the steps the lifecycle's and the
 * escalation's transactions share. */
XjTransaction *_xj_notice_begin   (XjStore            *store,
                                   gint64              notice_id,
                                   XjNoticeCurrent    *current,
                                   GError            **error);
gboolean _xj_notice_require_text  (const char         *text,
                                   const char         *message,
                                   GError            **error);
gboolean _xj_notice_escalate      (XjStore                *store,
                                   const XjNoticeCurrent  *notice,
                                   const char             *reason,
                                   gint64                  now,
                                   const char             *actor,
                                   gboolean               *escalated,
                                   GError                **error);

G_END_DECLS
