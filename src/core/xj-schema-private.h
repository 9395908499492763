/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint       _xj_schema_get_n_steps (void);
const char *_xj_schema_get_step    (guint version);

G_END_DECLS
