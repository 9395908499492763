/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-notice.h"
#include "xj-today.h"

G_BEGIN_DECLS

GtkWidget *xj_today_row_new_occurrence (const XjTodayItem  *item,
                                        gint64              now,
                                        const char         *refusal);
GtkWidget *xj_today_row_new_draft      (const XjTodayDraft *draft,
                                        gint64              now);
GtkWidget *xj_today_row_new_to_sign    (const XjTodayDraft *draft,
                                        gint64              now);
GtkWidget *xj_today_row_new_to_notice  (const XjTodayDraft *draft,
                                        gint64              now);
GtkWidget *xj_today_row_new_notice     (XjNotice           *notice,
                                        gint64              now);
GtkWidget *xj_today_row_new_more       (guint               n_more);
GtkWidget *xj_today_row_new_more_occurrences (guint         n_more);

G_END_DECLS
