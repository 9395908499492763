/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "xj-notice.h"

G_BEGIN_DECLS

#define XJ_TYPE_NOTICE_CARD (xj_notice_card_get_type ())
G_DECLARE_FINAL_TYPE (XjNoticeCard, xj_notice_card, XJ, NOTICE_CARD, GtkListBoxRow)

GtkWidget *xj_notice_card_new        (XjNotice     *notice,
                                      gint64        now);
XjNotice  *xj_notice_card_get_notice (XjNoticeCard *self);

G_END_DECLS
