/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-notice.h"

G_BEGIN_DECLS

/* The board's filters; a field at its "any" value filters nothing. */
typedef struct {
  gint64    site_id;         /* 0: any site */
  const gint64 *site_ids;    /* (nullable) (array length=n_site_ids): only these sites, as well;
                              * borrowed: the caller keeps them while the filter is used */
  guint     n_site_ids;      /* 0: any site */
  int       type;            /* an XjNoticeType, or -1 */
  int       state;           /* an XjNoticeState, or -1 */
  int       party;           /* an XjResponsibleParty, or -1 */
  int       severity;        /* an XjNoticeSeverity, or -1 */
  gboolean  overdue;         /* only overdue ones */
  gboolean  due_this_week;   /* only open ones due Monday 00:00 … Sunday 24:00, local */
  gboolean  escalated;       /* only escalated ones: the project manager's list */
} XjNoticeFilter;

void        xj_notice_filter_init           (XjNoticeFilter        *filter);

typedef struct {
  guint     by_state[XJ_NOTICE_N_STATES];
  guint     total;
  guint     overdue;
  guint     due_soon;        /* due within 24 h */
  guint     escalated;
} XjNoticeCounts;

gboolean    xj_store_create_notice          (XjStore               *store,
                                             XjNotice              *notice,
                                             guint                  repeat_window_days,
                                             const char            *actor,
                                             GError               **error);
gboolean    xj_store_save_notice_draft      (XjStore               *store,
                                             XjNotice              *notice,
                                             const char            *actor,
                                             GError               **error);
XjNotice   *xj_store_get_notice             (XjStore               *store,
                                             gint64                 notice_id,
                                             GError               **error);
gboolean    xj_store_find_notice_number     (XjStore               *store,
                                             const char            *number,
                                             gint64                *notice_id,
                                             GError               **error);
GPtrArray  *xj_store_list_notices           (XjStore               *store,
                                             const XjNoticeFilter  *filter,
                                             gint64                 now,
                                             GError               **error);
gboolean    xj_store_count_notices          (XjStore               *store,
                                             const XjNoticeFilter  *filter,
                                             gint64                 now,
                                             XjNoticeCounts        *counts,
                                             GError               **error);
gboolean    xj_store_list_notice_reminders  (XjStore               *store,
                                             gint64                 since,
                                             gint64                 now,
                                             GPtrArray            **due_soon,
                                             GPtrArray            **newly_overdue,
                                             GError               **error);

G_END_DECLS
