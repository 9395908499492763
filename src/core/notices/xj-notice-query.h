/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-notice-store.h"

G_BEGIN_DECLS

/* What the board shows for one set of filters. */
typedef struct {
  GPtrArray      *notices;     /* (element-type XjNotice) earliest deadline first */
  XjNoticeCounts  counts;
} XjNoticeBoard;

/* What the periodic check did and found. */
typedef struct {
  guint       n_escalated;
  GPtrArray  *reminders;       /* (element-type XjNoticeReminder) */
  gint64      checked_at;
} XjNoticeCheck;

void            xj_notice_board_free          (XjNoticeBoard         *board);
void            xj_notice_check_free          (XjNoticeCheck         *check);

void            xj_notice_board_load_async    (XjStore               *store,
                                               const XjNoticeFilter  *filter,
                                               gint64                 now,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
XjNoticeBoard  *xj_notice_board_load_finish   (GAsyncResult          *result,
                                               GError               **error);

void            xj_notice_check_async         (const char            *db_dir,
                                               gint64                 since,
                                               gint64                 now,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
XjNoticeCheck  *xj_notice_check_finish        (GAsyncResult          *result,
                                               GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjNoticeBoard, xj_notice_board_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjNoticeCheck, xj_notice_check_free)

G_END_DECLS
