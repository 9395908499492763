/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-notice-lifecycle.h"
#include "xj-store.h"

G_BEGIN_DECLS

/* The demo notices' liaison and the property company's recipient, in both
 * the stories (xj-notice-demo.c) and the years of history
 * (xj-demo-notice-history.c), and their clock. */
#define HOUR ((gint64) 3600)
#define DAY (24 * HOUR)
#define LIAISON "李娜"
#define RECIPIENT "张伟"
#define COMPANY "绿城物业"

gboolean _xj_demo_add_bulk_history (XjStore  *store,
                               guint     years,
                               guint32   seed,
                               GError  **error);

gboolean _xj_demo_add_history_notices (XjStore  *store,
                                       GArray   *raised,
                                       GRand    *rand,
                                       GError  **error);

gboolean _xj_demo_notice_step (XjStore             *store,
                               gint64               id,
                               XjNoticeAction       action,
                               const char * const  *after,
                               gint64               new_deadline,
                               GError             **error);

G_END_DECLS
