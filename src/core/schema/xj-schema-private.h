/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define HEX  "[0-9a-f]"
#define HEX4 HEX HEX HEX HEX

/* A random (version 4) UUID, 8-4-4-4-12 lower-case hex digits. */
#define UUID_DEFAULT \
  "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'" \
  " || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (random() & 3), 1)" \
  " || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"

#define UUID_COLUMN \
  " uuid TEXT NOT NULL UNIQUE DEFAULT " UUID_DEFAULT \
  " CHECK (uuid GLOB '" HEX4 HEX4 "-" HEX4 "-" HEX4 "-" HEX4 "-" HEX4 HEX4 HEX4 "'),"

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
/* Schema v10's monthly sums of the Overview's totals, added up again. */
extern const char _xj_schema_months_rebuild[];

gboolean    _xj_schema_step_v6     (sqlite3  *db,
                                    GError  **error);
gboolean    _xj_schema_step_v7     (sqlite3  *db,
                                    GError  **error);
gboolean    _xj_schema_step_v8     (sqlite3  *db,
                                    GError  **error);
gboolean    _xj_schema_step_v9     (sqlite3  *db,
                                    GError  **error);
gboolean    _xj_schema_step_v10    (sqlite3  *db,
                                    GError  **error);
gboolean    _xj_schema_step_v11    (sqlite3  *db,
                                    GError  **error);
gboolean    _xj_schema_step_v12    (sqlite3  *db,
                                    GError  **error);
gboolean    _xj_schema_step_v13    (sqlite3  *db,
                                    GError  **error);
gboolean    _xj_schema_step_v14    (sqlite3  *db,
                                    GError  **error);
gboolean    _xj_schema_step_v15    (sqlite3  *db,
                                    GError  **error);

G_END_DECLS
