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

gboolean    _xj_schema_fail        (GError     **error,
                                    sqlite3     *db,
                                    const char  *table,
                                    int          rc);
gboolean    _xj_schema_exec        (sqlite3     *db,
                                    const char  *table,
                                    const char  *sql,
                                    GError     **error);
GPtrArray  *_xj_schema_query_texts (sqlite3     *db,
                                    const char  *sql,
                                    const char  *table,
                                    GError     **error);
char       *_xj_schema_get_definition (sqlite3     *db,
                                       const char  *table,
                                       GError     **error);
gboolean    _xj_schema_rebuild     (sqlite3     *db,
                                    const char  *table,
                                    const char  *definition,
                                    GError     **error);

gboolean    _xj_schema_step_v4     (sqlite3  *db,
                                    GError  **error);

extern const char _xj_schema_v5[];

gboolean    _xj_schema_step_v6     (sqlite3  *db,
                                    GError  **error);

G_END_DECLS
