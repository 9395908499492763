/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"
#include "xj-notice-store.h"

G_BEGIN_DECLS

#define XJ_TYPE_NOTICES_PAGE (xj_notices_page_get_type ())
G_DECLARE_FINAL_TYPE (XjNoticesPage, xj_notices_page, XJ, NOTICES_PAGE, AdwBin)

GtkWidget            *xj_notices_page_new         (XjApplication        *application);
void                  xj_notices_page_show_notice (XjNoticesPage        *self,
                                                   gint64                notice_id);
void                  xj_notices_page_show_board  (XjNoticesPage        *self);
void                  xj_notices_page_set_filter  (XjNoticesPage        *self,
                                                   const XjNoticeFilter *filter);
gboolean              xj_notices_page_is_loading  (XjNoticesPage        *self);
GListModel           *xj_notices_page_get_column  (XjNoticesPage        *self,
                                                   XjNoticeState         state);
const XjNoticeCounts *xj_notices_page_get_counts  (XjNoticesPage        *self);

G_END_DECLS
