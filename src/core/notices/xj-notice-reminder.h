/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-notice.h"

G_BEGIN_DECLS

typedef enum {
  XJ_NOTICE_REMINDER_OVERDUE,    /* became overdue since the last check */
  XJ_NOTICE_REMINDER_DUE_SOON,   /* entered the last 24 h before its deadline */
} XjNoticeReminderKind;

/* One desktop notification to post; plain data, made in any thread. */
typedef struct {
  gint64                notice_id;
  XjNoticeReminderKind  kind;
  char                 *title;
  char                 *body;
} XjNoticeReminder;

void        xj_notice_reminder_free        (XjNoticeReminder *reminder);

GPtrArray  *xj_notice_reminders_collect    (XjStore          *store,
                                            gint64            since,
                                            gint64            now,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjNoticeReminder, xj_notice_reminder_free)

G_END_DECLS
