/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

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

G_END_DECLS
