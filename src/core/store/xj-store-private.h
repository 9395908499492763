/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's SQL level: the connection, prepared statements and the
 * mapping of SQLite's codes to XJ_STORE_ERROR.  Private to src/core: the
 * report, the command line and the UI call core functions named for what
 * they do and never see SQL (tests/core/test-sealed-store.sh checks it).
 * Compiled in only with XJ_CORE_COMPILATION (src/core, white-box tests).
 */
#pragma once

#ifndef XJ_CORE_COMPILATION
#error "xj-store-private.h is for src/core only: call a core function instead"
#endif

#include <sqlite3.h>

#include "xj-store.h"
#include "xj-transaction.h"

G_BEGIN_DECLS

sqlite3      *xj_store_get_db             (XjStore           *self);

sqlite3_stmt *xj_store_prepare            (XjStore           *self,
                                           const char        *sql,
                                           GError           **error);
gboolean      xj_store_step_done          (XjStore           *self,
                                           sqlite3_stmt      *stmt,
                                           GError           **error);
gboolean      xj_store_exec               (XjStore           *self,
                                           const char        *sql,
                                           GError           **error);

/* The first column of the first row of @sql, with @id bound to ?1
 * (xj-store-query.c). */
gboolean      xj_store_query_int64        (XjStore           *self,
                                           const char        *sql,
                                           gint64             id,
                                           gint64            *value,
                                           gboolean          *found,
                                           const char        *context,
                                           GError           **error);

/* The text of @column of a row, copied: %NULL stays %NULL, or becomes ""
 * (xj-store-query.c). */
char         *xj_store_column_dup          (sqlite3_stmt      *stmt,
                                            int                column);
char         *xj_store_column_dup_or_empty (sqlite3_stmt      *stmt,
                                            int                column);

/* The object @from_row makes of the first row of @sql, with @id bound to
 * ?1: the get-by-id of every domain (xj-store-query.c). */
typedef gpointer (*XjStoreRowFunc) (sqlite3_stmt *stmt);

gboolean      xj_store_query_row          (XjStore           *self,
                                           const char        *sql,
                                           gint64             id,
                                           XjStoreRowFunc     from_row,
                                           gpointer          *row,
                                           const char        *context,
                                           GError           **error);

/* One 0/1 column of one row set in a transaction with its audit line
 * (xj_store_set_row_flag); @missing_message is translated when raised. */
typedef struct
{
  const char *sql;
  const char *entity;
  const char *table;
  GQuark      missing_domain;
  int         missing_code;
  const char *missing_message;
} XjRowFlagUpdate;

gboolean      xj_store_set_row_flag       (XjStore                *self,
                                           const XjRowFlagUpdate  *update,
                                           gint64                  row_id,
                                           gboolean                flag,
                                           const char             *actor,
                                           const char             *action,
                                           GError                **error);

/* For workers: a connection of their own, same settings, never shared. */
sqlite3      *xj_store_open_connection    (const char        *db_path,
                                           gboolean           read_only,
                                           GError           **error);

gboolean      xj_store_set_sqlite_error   (GError           **error,
                                           sqlite3           *db,
                                           int                rc,
                                           const char        *context);
gboolean      xj_store_quick_check_db     (sqlite3           *db,
                                           GError           **error);

/* Shared by xj-store.c and xj-transaction.c only. */
gboolean  _xj_store_prepare_write      (XjStore  *self,
                                        GError  **error);
guint     _xj_store_get_depth          (XjStore  *self);
void      _xj_store_set_depth          (XjStore  *self,
                                        guint     depth);

XjStore  *_xj_store_new_for_step      (sqlite3     *db,
                                        const char  *db_path);

/* A transaction whose errors start with @context instead of "Could not
 * save" (an upgrade says which version it was making). */
XjTransaction *_xj_transaction_begin_for (XjStore     *store,
                                          const char  *context,
                                          GError     **error);

G_END_DECLS
