/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-notice-lifecycle.h"
#include "xj-store.h"

G_BEGIN_DECLS

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
