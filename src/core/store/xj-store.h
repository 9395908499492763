/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define XJ_STORE_ERROR (xj_store_error_quark ())

typedef enum {
  XJ_STORE_ERROR_FAILED,
  XJ_STORE_ERROR_CONSTRAINT,  /* a rule of the schema refused the change */
  XJ_STORE_ERROR_BUSY,        /* another writer held the database too long */
  XJ_STORE_ERROR_CORRUPT,     /* damaged or not a database */
  XJ_STORE_ERROR_FULL,        /* disk full */
  XJ_STORE_ERROR_IO,
  XJ_STORE_ERROR_TOO_NEW,     /* written by a newer Xunjian */
  XJ_STORE_ERROR_NOT_FOUND,
  XJ_STORE_ERROR_INVALID,     /* input refused before it reached SQLite */
  XJ_STORE_ERROR_LOCKED,      /* a signed inspection or a used template version */
  XJ_STORE_ERROR_FOREIGN,     /* a database of another application */
  XJ_STORE_ERROR_READ_ONLY,   /* no permission to write the file or its folder */
} XjStoreError;

typedef enum {
  XJ_STORE_OPEN_DEFAULT = 0,
  /* Run PRAGMA quick_check before accepting an existing file.  It reads the
   * whole file, so the application defers it to a worker instead. */
  XJ_STORE_OPEN_VERIFY = 1 << 0,
  /* Fail at once with XJ_STORE_ERROR_BUSY when another program holds the
   * write lock and the file needs writing (an upgrade), instead of waiting:
   * the caller retries without freezing a window. */
  XJ_STORE_OPEN_NO_WAIT = 1 << 1,
} XjStoreOpenFlags;

/* "XJDB" in the SQLite header (1481262146): lets us refuse other programs' files. */
#define XJ_STORE_APPLICATION_ID 0x584a4442

#define XJ_TYPE_STORE (xj_store_get_type ())
G_DECLARE_FINAL_TYPE (XjStore, xj_store, XJ, STORE, GObject)

GQuark        xj_store_error_quark        (void);
guint         xj_store_get_schema_version (void);
char         *xj_store_dup_default_data_dir (void);

XjStore      *xj_store_open               (const char        *data_dir,
                                           XjStoreOpenFlags   flags,
                                           GError           **error);
XjStore      *xj_store_open_reader        (const char        *data_dir,
                                           GError           **error);
const char   *xj_store_get_data_dir       (XjStore           *self);
const char   *xj_store_get_db_path        (XjStore           *self);
gboolean      xj_store_is_read_only       (XjStore           *self);
gboolean      xj_store_audit              (XjStore           *self,
                                           const char        *actor,
                                           const char        *entity,
                                           gint64             entity_id,
                                           const char        *action,
                                           const char        *detail,
                                           GError           **error);
void          xj_store_emit_changed       (XjStore           *self,
                                           const char        *table);

gboolean      xj_store_check              (XjStore           *self,
                                           GString           *report,
                                           GError           **error);

gboolean      xj_store_set_errno_error    (GError           **error,
                                           int                saved_errno,
                                           const char        *path,
                                           const char        *context);
gboolean      xj_store_quick_check_file   (const char        *db_path,
                                           GError           **error);

/* Backups: a rolling copy made with SQLite's backup API. */
gboolean      xj_store_backup_is_due      (const char        *backup_dir,
                                           gint64             now);
gboolean      xj_store_backup_if_due      (const char        *db_path,
                                           const char        *backup_dir,
                                           gint64             now,
                                           guint              keep,
                                           char             **made_path,
                                           GError           **error);

G_END_DECLS

/* The SQL level (connections, statements, SQLite's codes) is the core's
 * own: only src/core (and white-box tests) compile with it. */
#ifdef XJ_CORE_COMPILATION
#include "xj-store-private.h"
#endif
