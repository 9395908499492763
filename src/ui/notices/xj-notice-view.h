/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"
#include "xj-notice.h"

G_BEGIN_DECLS

#define XJ_TYPE_NOTICE_VIEW (xj_notice_view_get_type ())
G_DECLARE_FINAL_TYPE (XjNoticeView, xj_notice_view, XJ, NOTICE_VIEW, AdwBin)

GtkWidget *xj_notice_view_new           (XjApplication *application);
void       xj_notice_view_set_notice_id (XjNoticeView  *self,
                                         gint64         notice_id);
XjNotice  *xj_notice_view_get_notice    (XjNoticeView  *self);
void       xj_notice_view_show_error    (XjNoticeView  *self,
                                         const char    *message);

void          xj_notice_view_save_pdf (XjNoticeView *self,
                                       const char   *path);

G_END_DECLS
