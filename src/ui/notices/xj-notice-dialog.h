/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"

G_BEGIN_DECLS

#define XJ_TYPE_NOTICE_DIALOG (xj_notice_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XjNoticeDialog, xj_notice_dialog, XJ, NOTICE_DIALOG, AdwWindow)

GtkWidget *xj_notice_dialog_new              (XjApplication *application,
                                              gint64         site_id);
GtkWidget *xj_raise_notice_dialog_new        (XjApplication *application,
                                              const gint64  *answer_ids,
                                              guint          n_answer_ids);

G_END_DECLS
