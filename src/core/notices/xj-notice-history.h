/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-notice.h"

G_BEGIN_DECLS

/* One row of a notice's history: a change of state. */
typedef struct {
  gint64         at;
  char          *actor;
  int            from_state;   /* an XjNoticeState, or -1 at creation */
  XjNoticeState  to_state;
  gint64         deadline;     /* the deadline in force before the change; 0: none */
  char          *remark;
} XjNoticeEvent;

/* One entry of the audit log. */
typedef struct {
  gint64  at;
  char   *actor;
  char   *action;              /* "create", "issue", "escalate" … */
  char   *detail;
} XjAuditEntry;

/* Signatures kept with a notice: xj_store_list_notice_signatures() in
 * xj-signature.h. */

void        xj_notice_event_free           (XjNoticeEvent     *event);
void        xj_audit_entry_free            (XjAuditEntry      *entry);

GPtrArray  *xj_store_list_notice_events    (XjStore           *store,
                                            gint64             notice_id,
                                            GError           **error);
GPtrArray  *xj_store_list_audit            (XjStore           *store,
                                            const char        *entity,
                                            gint64             entity_id,
                                            GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjNoticeEvent, xj_notice_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjAuditEntry, xj_audit_entry_free)

G_END_DECLS
