/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

gboolean xj_templates_install_builtins (XjStore  *store,
                                        GError  **error);

G_END_DECLS
