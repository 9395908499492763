/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

guint       _xj_schema_get_n_steps (void);
gboolean    _xj_schema_run_step    (sqlite3     *db,
                                    guint        version,
                                    const char  *context,
                                    GError     **error);

gboolean    _xj_schema_step_v4     (sqlite3  *db,
                                    GError  **error);

extern const char _xj_schema_v5[];

G_END_DECLS
