/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every SQLite result code becomes one XJ_STORE_ERROR here, and only here,
 * with what really happened and the fix that matches it.  Advice matters:
 * "copy the newest backup over it" is right for a damaged file and loses a
 * day of work when the file was merely read-only, locked or the disk full.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "xj-store.h"

/* errno values that mean "not allowed to write", not "broken". */
static gboolean
is_permission_errno (int sys_errno)
{
  return sys_errno == EACCES || sys_errno == EPERM || sys_errno == EROFS;
}

static XjStoreError
classify (int  rc,
          int  sys_errno)
{
  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      return XJ_STORE_ERROR_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return XJ_STORE_ERROR_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return XJ_STORE_ERROR_CORRUPT;
    case SQLITE_FULL:
      return XJ_STORE_ERROR_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return XJ_STORE_ERROR_READ_ONLY;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      /* EFBIG: the file may grow no further (a size limit), no room all the same. */
      if (sys_errno == ENOSPC || sys_errno == EDQUOT || sys_errno == EFBIG)
        return XJ_STORE_ERROR_FULL;
      if (is_permission_errno (sys_errno))
        return XJ_STORE_ERROR_READ_ONLY;
      return XJ_STORE_ERROR_IO;
    default:
      return XJ_STORE_ERROR_FAILED;
    }
}

/* What happened to @path and what to do about it; NULL when SQLite's own
 * words are the best we have (a rule of the schema, a bug). */
static char *
advice_for (XjStoreError  code,
            const char   *path,
            const char   *detail)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *backups = g_build_filename (folder, "backups", NULL);

  switch (code)
    {
    case XJ_STORE_ERROR_BUSY:
      return g_strdup_printf (_("“%s” is being changed by another program (another Xunjian "
                                "or a database tool). Nothing is wrong with it: wait until "
                                "that program has finished, or close it, and try again."),
                              path);
    case XJ_STORE_ERROR_CORRUPT:
      return g_strdup_printf (_("“%s” is damaged (%s). Restore it from the automatic backups "
                                "in “%s”: quit Xunjian, move the damaged file aside and copy "
                                "the newest backup in its place."),
                              path, detail, backups);
    case XJ_STORE_ERROR_FULL:
      return g_strdup_printf (_("The disk that holds “%s” is full. The database is intact: "
                                "free some space on that disk and try again."),
                              path);
    case XJ_STORE_ERROR_READ_ONLY:
      return g_strdup_printf (_("Xunjian may not write to “%s” or to its folder (%s). The "
                                "database is intact: give your user account write permission "
                                "on the file and its folder, or copy the data folder somewhere "
                                "writable and open that with --data-dir."),
                              path, detail);
    case XJ_STORE_ERROR_IO:
      return g_strdup_printf (_("Could not read or write “%s” (%s). Check that the disk is "
                                "attached and working, then try again; do not replace the "
                                "database while the disk is failing."),
                              path, detail);
    case XJ_STORE_ERROR_FAILED:
    case XJ_STORE_ERROR_CONSTRAINT:
    case XJ_STORE_ERROR_TOO_NEW:
    case XJ_STORE_ERROR_NOT_FOUND:
    case XJ_STORE_ERROR_INVALID:
    case XJ_STORE_ERROR_LOCKED:
    case XJ_STORE_ERROR_FOREIGN:
    default:
      return NULL;
    }
}

/**
 * xj_store_set_sqlite_error:
 * @db: (nullable): the connection that failed, for its message and path
 * @rc: the (extended) result code
 * @context: what was being done, e.g. "Could not save"
 *
 * The one place that turns a SQLite result code into an %XJ_STORE_ERROR.
 * Returns: %FALSE, so that callers can `return xj_store_set_sqlite_error (…)`.
 */
gboolean
xj_store_set_sqlite_error (GError     **error,
                           sqlite3     *db,
                           int          rc,
                           const char  *context)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  const char *path = db != NULL ? sqlite3_db_filename (db, "main") : NULL;
  int sys_errno = db != NULL ? sqlite3_system_errno (db) : 0;
  XjStoreError code = classify (rc, sys_errno);
  g_autofree char *advice = NULL;

  /* Our triggers raise "… locked" / "… in use" for protected rows. */
  if (code == XJ_STORE_ERROR_CONSTRAINT
      && (strstr (detail, "locked") != NULL || strstr (detail, "in use") != NULL))
    code = XJ_STORE_ERROR_LOCKED;
  if (code == XJ_STORE_ERROR_READ_ONLY && is_permission_errno (sys_errno))
    detail = g_strerror (sys_errno);
  if (path != NULL && *path != '\0')
    advice = advice_for (code, path, detail);

  /* Translators: what was being done, then what happened and what to do */
  g_set_error (error, XJ_STORE_ERROR, code, _("%s: %s"), context,
               advice != NULL ? advice : detail);
  return FALSE;
}

/**
 * xj_store_set_errno_error:
 *
 * The same classification and advice for @path when the failure is known
 * before SQLite is asked (errno @saved_errno): a database that needs
 * writing in a folder this user may not write.
 */
gboolean
xj_store_set_errno_error (GError     **error,
                          int          saved_errno,
                          const char  *path,
                          const char  *context)
{
  XjStoreError code = classify (SQLITE_IOERR, saved_errno);
  g_autofree char *advice = advice_for (code, path, g_strerror (saved_errno));

  /* Translators: what was being done, then what happened and what to do */
  g_set_error (error, XJ_STORE_ERROR, code, _("%s: %s"), context, advice);
  return FALSE;
}

/**
 * xj_store_quick_check_db:
 *
 * SQLite's quick check of the whole file.  Only a verdict other than "ok"
 * means damage; a check that could not run (locked, unreadable) says so
 * through the mapping above instead of calling the file damaged.
 */
gboolean
xj_store_quick_check_db (sqlite3  *db,
                         GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *verdict = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    verdict = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return xj_store_set_sqlite_error (error, db, rc, _("Could not check the database"));
  if (g_strcmp0 (verdict, "ok") != 0)
    {
      g_autofree char *advice = advice_for (XJ_STORE_ERROR_CORRUPT,
                                            sqlite3_db_filename (db, "main"),
                                            verdict != NULL ? verdict : "?");

      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_CORRUPT, _("%s: %s"),
                   _("The database check failed"), advice);
      return FALSE;
    }
  return TRUE;
}

gboolean
xj_store_quick_check_file (const char  *db_path,
                           GError     **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL, FALSE);

  db = xj_store_open_connection (db_path, TRUE, error);
  if (db == NULL)
    return FALSE;
  ok = xj_store_quick_check_db (db, error);
  sqlite3_close (db);
  return ok;
}
