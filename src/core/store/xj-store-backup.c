/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rolling backups of the database, made with SQLite's online backup API so
 * that a copy taken while the application writes is still consistent.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "xj-store.h"

#define BACKUP_PREFIX "xunjian-"
#define BACKUP_SUFFIX ".db"
#define BACKUP_INTERVAL (24 * 60 * 60)

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Names sort by time because they carry a UTC timestamp YYYYMMDD-HHMMSS. */
static GPtrArray *
list_backups (const char  *backup_dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (backup_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, BACKUP_PREFIX) && g_str_has_suffix (name, BACKUP_SUFFIX))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

static gint64
backup_time (const char *name)
{
  int y, mo, d, h, mi, s;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (name, BACKUP_PREFIX "%4d%2d%2d-%2d%2d%2d", &y, &mo, &d, &h, &mi, &s) != 6)
    return 0;
  dt = g_date_time_new_utc (y, mo, d, h, mi, s);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static gboolean
copy_database (const char  *db_path,
               const char  *target,
               GError     **error)
{
  sqlite3 *source = xj_store_open_connection (db_path, TRUE, error);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  if (source == NULL)
    return FALSE;
  rc = sqlite3_open_v2 (target, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      xj_store_set_sqlite_error (error, dest, rc, _("Could not make a backup"));
      sqlite3_close (dest);
      sqlite3_close (source);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      xj_store_set_sqlite_error (error, dest, sqlite3_errcode (dest), _("Could not make a backup"));
      sqlite3_close (dest);
      sqlite3_close (source);
      return FALSE;
    }
  /* Copy in chunks so a writer in another connection is never held up long. */
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    xj_store_set_sqlite_error (error, dest, rc, _("Could not make a backup"));
  sqlite3_close (dest);
  sqlite3_close (source);
  if (rc != SQLITE_DONE)
    g_unlink (target);
  return rc == SQLITE_DONE;
}

/**
 * xj_store_backup_is_due:
 *
 * Whether the newest backup in @backup_dir is older than a day (or there
 * is none).  Cheap: it only lists the folder.
 */
gboolean
xj_store_backup_is_due (const char *backup_dir,
                        gint64      now)
{
  g_autoptr(GPtrArray) names = list_backups (backup_dir);

  return names->len == 0
         || now - backup_time (g_ptr_array_index (names, names->len - 1)) >= BACKUP_INTERVAL;
}

/**
 * xj_store_backup_if_due:
 * @now: the current time (Unix seconds)
 * @keep: how many backups to keep
 * @made_path: (out) (optional): the new backup, or %NULL when none was due
 *
 * Makes a copy of the database in @backup_dir when the newest one is older
 * than a day, then deletes all but the newest @keep.  Runs in a worker: it
 * opens connections of its own.
 */
gboolean
xj_store_backup_if_due (const char  *db_path,
                        const char  *backup_dir,
                        gint64       now,
                        guint        keep,
                        char       **made_path,
                        GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *target = NULL;
  g_autofree char *partial = NULL;

  g_return_val_if_fail (db_path != NULL && backup_dir != NULL, FALSE);
  g_return_val_if_fail (keep > 0, FALSE);

  if (made_path != NULL)
    *made_path = NULL;

  if (g_mkdir_with_parents (backup_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_IO,
                   _("Could not create the backup folder “%s”: %s"),
                   backup_dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!xj_store_backup_is_due (backup_dir, now))
    return TRUE;
  names = list_backups (backup_dir);

  now_dt = g_date_time_new_from_unix_utc (now);
  stamp = g_date_time_format (now_dt, "%Y%m%d-%H%M%S");
  target = g_strdup_printf ("%s/" BACKUP_PREFIX "%s" BACKUP_SUFFIX, backup_dir, stamp);
  partial = g_strconcat (target, ".part", NULL);

  /* A copy cut short by a crash must never look like a backup. */
  g_unlink (partial);
  if (!copy_database (db_path, partial, error))
    return FALSE;
  if (g_rename (partial, target) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial);
      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_IO,
                   _("Could not write the backup “%s”: %s"), target, g_strerror (saved_errno));
      return FALSE;
    }

  g_ptr_array_add (names, g_path_get_basename (target));
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *old = g_build_filename (backup_dir, g_ptr_array_index (names, i), NULL);

      g_unlink (old);
    }

  if (made_path != NULL)
    *made_path = g_steal_pointer (&target);
  return TRUE;
}
