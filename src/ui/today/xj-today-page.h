/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"

G_BEGIN_DECLS

#define XJ_TYPE_TODAY_PAGE (xj_today_page_get_type ())
G_DECLARE_FINAL_TYPE (XjTodayPage, xj_today_page, XJ, TODAY_PAGE, AdwBin)

GtkWidget *xj_today_page_new         (XjApplication *application);
void       xj_today_page_refresh     (XjTodayPage   *self);
gboolean   xj_today_page_get_busy    (XjTodayPage   *self);
guint      xj_today_page_get_n_overdue (XjTodayPage *self);
guint      xj_today_page_get_n_due   (XjTodayPage   *self);

G_END_DECLS
