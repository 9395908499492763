/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjStore: the one SQLite connection of the main thread, its persistent
 * prepared statements, transactions, migrations and change notifications.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "xj-clock.h"
#include "xj-schema-private.h"
#include "xj-store.h"

#define DB_FILE_NAME "xunjian.db"
#define BUSY_TIMEOUT_MS 5000

struct _XjStore
{
  GObject     parent_instance;

  char       *data_dir;
  char       *db_path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt*, finalized on dispose */
  guint       in_transaction : 1;
};

G_DEFINE_FINAL_TYPE (XjStore, xj_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (xj-store-error-quark, xj_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- errors --------------------------------------------------------------- */

gboolean
xj_store_set_sqlite_error (GError     **error,
                           sqlite3     *db,
                           int          rc,
                           const char  *context)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  XjStoreError code;

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      code = XJ_STORE_ERROR_CONSTRAINT;
      /* Our triggers raise "… locked" / "… in use" for protected rows. */
      if (strstr (detail, "locked") != NULL || strstr (detail, "in use") != NULL)
        code = XJ_STORE_ERROR_LOCKED;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = XJ_STORE_ERROR_BUSY;
      detail = _("the database is busy in another window or program; try again");
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = XJ_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_FULL:
      code = XJ_STORE_ERROR_FULL;
      detail = _("the disk is full; free some space and try again");
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = XJ_STORE_ERROR_IO;
      break;
    default:
      code = XJ_STORE_ERROR_FAILED;
      break;
    }

  g_set_error (error, XJ_STORE_ERROR, code, "%s: %s", context, detail);
  return FALSE;
}

/* --- connections ---------------------------------------------------------- */

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      xj_store_set_sqlite_error (error, db, rc, sql);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, XJ_STORE_ERROR,
                   (rc & 0xff) == SQLITE_CONSTRAINT ? XJ_STORE_ERROR_CONSTRAINT
                                                     : XJ_STORE_ERROR_FAILED,
                   "%s", message != NULL ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* COLLATE LOCALE: names in the order of the user's language (pinyin for
 * zh_CN), as g_utf8_collate() compares them, not by code point. */
static int
collate_locale (void       *data,
                int         a_len,
                const void *a,
                int         b_len,
                const void *b)
{
  g_autofree char *x = g_strndup (a, a_len);
  g_autofree char *y = g_strndup (b, b_len);
  int order = g_utf8_collate (x, y);

  return order != 0 ? order : strcmp (x, y);
}

static gboolean
configure_connection (sqlite3     *db,
                      gboolean     read_only,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;
  int rc;

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, 1);
  if (!exec_sql (db, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  rc = sqlite3_create_collation (db, "LOCALE", SQLITE_UTF8, NULL, collate_locale);
  if (rc != SQLITE_OK)
    return xj_store_set_sqlite_error (error, db, rc, _("Could not open the database"));
  if (read_only)
    return TRUE;

  /* journal_mode answers with the mode it actually chose; a file system
   * without shared memory would silently stay in rollback mode. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return xj_store_set_sqlite_error (error, db, rc, _("Could not set the journal mode"));
  if (!wal)
    {
      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_IO,
                   _("The database could not switch to write-ahead logging; "
                     "keep the data folder on a local disk"));
      return FALSE;
    }

  return exec_sql (db, "PRAGMA synchronous = FULL", error);
}

sqlite3 *
xj_store_open_connection (const char  *db_path,
                          gboolean     read_only,
                          GError     **error)
{
  sqlite3 *db = NULL;
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
              | SQLITE_OPEN_NOMUTEX;
  int rc;

  g_return_val_if_fail (db_path != NULL, NULL);

  rc = sqlite3_open_v2 (db_path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      xj_store_set_sqlite_error (error, db, rc, db_path);
      sqlite3_close (db);
      return NULL;
    }
  if (!configure_connection (db, read_only, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static char *
backup_dir_for (const char *data_dir)
{
  return g_build_filename (data_dir, "backups", NULL);
}

/* Looks at an existing file without writing to it: a file we must refuse
 * is left exactly as it was, byte for byte. */
static gboolean
inspect_existing (const char        *db_path,
                  const char        *data_dir,
                  XjStoreOpenFlags   flags,
                  GError           **error)
{
  g_autofree char *backups = backup_dir_for (data_dir);
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = NULL;
  gint64 app_id = 0;
  gint64 version = 0;
  int rc;

  rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  if (rc != SQLITE_OK
      || !query_int (db, "PRAGMA application_id", &app_id, &local_error)
      || !query_int (db, "PRAGMA user_version", &version, &local_error))
    {
      if (local_error != NULL && g_error_matches (local_error, XJ_STORE_ERROR, XJ_STORE_ERROR_BUSY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
      else
        {
          g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged or is not a Xunjian database (%s). It was not "
                         "changed. Restore it from the automatic backups in “%s”: "
                         "quit Xunjian and copy the newest backup over it."),
                       db_path,
                       local_error != NULL ? local_error->message : sqlite3_errstr (rc),
                       backups);
        }
      sqlite3_close (db);
      return FALSE;
    }

  if (app_id != 0 && app_id != XJ_STORE_APPLICATION_ID)
    {
      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_FOREIGN,
                   _("“%s” is a database of another program. It was not changed. "
                     "Choose another data folder with --data-dir."), db_path);
      sqlite3_close (db);
      return FALSE;
    }

  if (version > (gint64) _xj_schema_get_n_steps ())
    {
      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Xunjian (database version %lld); this "
                     "program reads versions up to %u. It was not changed. Install the "
                     "newer Xunjian to open it."),
                   db_path, (long long) version, _xj_schema_get_n_steps ());
      sqlite3_close (db);
      return FALSE;
    }

  if (flags & XJ_STORE_OPEN_VERIFY)
    {
      sqlite3_stmt *stmt = NULL;
      g_autofree char *verdict = NULL;

      rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        verdict = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      if (g_strcmp0 (verdict, "ok") != 0)
        {
          g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged (%s). It was not changed. Restore it from "
                         "the automatic backups in “%s”: quit Xunjian and copy the "
                         "newest backup over it."),
                       db_path, verdict != NULL ? verdict : sqlite3_errmsg (db), backups);
          sqlite3_close (db);
          return FALSE;
        }
    }

  sqlite3_close (db);
  return TRUE;
}

/* References that do not hold (rows written by hand with foreign keys
 * off): a step must not add any. */
#define FOREIGN_KEY_PROBLEMS "SELECT count(*) FROM pragma_foreign_key_check"

static gboolean
references_hold (gint64    before,
                 gint64    after,
                 GError  **error)
{
  if (after <= before)
    return TRUE;
  g_set_error_literal (error, XJ_STORE_ERROR, XJ_STORE_ERROR_CONSTRAINT,
                       "FOREIGN KEY constraint failed");
  return FALSE;
}

static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  gint64 version = 0;

  if (!query_int (db, "PRAGMA user_version", &version, error))
    return FALSE;

  for (guint step = (guint) version + 1; step <= _xj_schema_get_n_steps (); step++)
    {
      /* PRAGMA takes no bound parameters; the number is our own constant. */
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", step);
      g_autoptr(GError) local_error = NULL;
      gint64 broken_before = 0, broken_after = 0;

      /* A step may rebuild tables, which foreign keys would cascade
       * through: they are off during the step (the pragma is ignored
       * inside a transaction) and the references checked after it. */
      if (!exec_sql (db, "PRAGMA foreign_keys = OFF", error))
        return FALSE;
      if (!exec_sql (db, "BEGIN IMMEDIATE", error))
        {
          exec_sql (db, "PRAGMA foreign_keys = ON", NULL);
          return FALSE;
        }
      if (!query_int (db, FOREIGN_KEY_PROBLEMS, &broken_before, &local_error)
          || !_xj_schema_run_step (db, step, &local_error)
          || !query_int (db, FOREIGN_KEY_PROBLEMS, &broken_after, &local_error)
          || !references_hold (broken_before, broken_after, &local_error)
          || !exec_sql (db, set_version, &local_error)
          || !exec_sql (db, "COMMIT", &local_error))
        {
          exec_sql (db, "ROLLBACK", NULL);
          exec_sql (db, "PRAGMA foreign_keys = ON", NULL);
          g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_FAILED,
                       _("Could not upgrade the database to version %u: %s"),
                       step, local_error->message);
          return FALSE;
        }
      if (!exec_sql (db, "PRAGMA foreign_keys = ON", error))
        return FALSE;
    }

  return TRUE;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_store_finalize (GObject *object)
{
  XjStore *self = XJ_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (xj_store_parent_class)->finalize (object);
}

static void
xj_store_class_init (XjStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = xj_store_finalize;

  /**
   * XjStore::changed:
   * @table: the table that changed
   *
   * Emitted after a committed change, detailed by table name, so that list
   * models connect to "changed::sites" and the like.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
xj_store_init (XjStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

/* --- public API ----------------------------------------------------------- */

guint
xj_store_get_schema_version (void)
{
  return _xj_schema_get_n_steps ();
}

char *
xj_store_dup_default_data_dir (void)
{
  const char *env = g_getenv ("XUNJIAN_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "xunjian", NULL);
}

XjStore *
xj_store_open (const char        *data_dir,
               XjStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(XjStore) self = NULL;
  g_autofree char *db_path = NULL;
  GStatBuf st;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_IO,
                   _("Could not create the data folder “%s”: %s. Choose a folder "
                     "you can write to with --data-dir."),
                   data_dir, g_strerror (saved_errno));
      return NULL;
    }

  db_path = g_build_filename (data_dir, DB_FILE_NAME, NULL);
  if (g_stat (db_path, &st) == 0 && st.st_size > 0
      && !inspect_existing (db_path, data_dir, flags, error))
    return NULL;

  self = g_object_new (XJ_TYPE_STORE, NULL);
  self->data_dir = g_strdup (data_dir);
  self->db_path = g_steal_pointer (&db_path);

  if (sqlite3_open_v2 (self->db_path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_IO,
                   _("Could not open “%s”: %s. Check that the folder is writable."),
                   self->db_path, sqlite3_errmsg (self->db));
      return NULL;
    }

  if (!configure_connection (self->db, FALSE, error)
      || !exec_sql (self->db, "PRAGMA application_id = 1481262146", error)
      || !migrate (self->db, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
xj_store_get_data_dir (XjStore *self)
{
  g_return_val_if_fail (XJ_IS_STORE (self), NULL);

  return self->data_dir;
}

const char *
xj_store_get_db_path (XjStore *self)
{
  g_return_val_if_fail (XJ_IS_STORE (self), NULL);

  return self->db_path;
}

sqlite3 *
xj_store_get_db (XjStore *self)
{
  g_return_val_if_fail (XJ_IS_STORE (self), NULL);

  return self->db;
}

/**
 * xj_store_prepare:
 *
 * Returns: (transfer none): a cached statement, reset and with its bindings
 * cleared, valid until the store is finalized.
 */
sqlite3_stmt *
xj_store_prepare (XjStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      xj_store_set_sqlite_error (error, self->db, rc, _("Could not prepare a query"));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
xj_store_step_done (XjStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return xj_store_set_sqlite_error (error, self->db, rc, _("Could not save"));
  return TRUE;
}

gboolean
xj_store_exec (XjStore     *self,
               const char  *sql,
               GError     **error)
{
  g_return_val_if_fail (XJ_IS_STORE (self), FALSE);

  return exec_sql (self->db, sql, error);
}

gboolean
xj_store_begin (XjStore  *self,
                GError  **error)
{
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return xj_store_set_sqlite_error (error, self->db, rc, _("Could not start saving"));
  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
xj_store_commit (XjStore  *self,
                 GError  **error)
{
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      xj_store_set_sqlite_error (error, self->db, rc, _("Could not save"));
      xj_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

void
xj_store_rollback (XjStore *self)
{
  g_return_if_fail (XJ_IS_STORE (self));

  if (!self->in_transaction)
    return;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

gboolean
xj_store_audit (XjStore     *self,
                const char  *actor,
                const char  *entity,
                gint64       entity_id,
                const char  *action,
                const char  *detail,
                GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity != NULL && action != NULL, FALSE);

  stmt = xj_store_prepare (self,
                           "INSERT INTO audit_log (at, actor, entity, entity_id, action, detail) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, xj_clock_now ());
  sqlite3_bind_text (stmt, 2, actor != NULL ? actor : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entity, -1, SQLITE_TRANSIENT);
  if (entity_id > 0)
    sqlite3_bind_int64 (stmt, 4, entity_id);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, detail != NULL ? detail : "", -1, SQLITE_TRANSIENT);
  return xj_store_step_done (self, stmt, error);
}

void
xj_store_emit_changed (XjStore    *self,
                       const char *table)
{
  g_return_if_fail (XJ_IS_STORE (self));
  g_return_if_fail (table != NULL);

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table);
}

/**
 * xj_store_check:
 * @report: receives one line per finding
 *
 * Full integrity check of the database and its foreign keys.
 * Returns: %TRUE when nothing is wrong.
 */
gboolean
xj_store_check (XjStore  *self,
                GString  *report,
                GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK || rc == SQLITE_ROW)
    {
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        break;
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        {
          ok = FALSE;
          g_string_append_printf (report, "%s\n", line);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, self->db, rc, _("Integrity check failed"));

  stmt = NULL;
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK || rc == SQLITE_ROW)
    {
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        break;
      ok = FALSE;
      g_string_append_printf (report, _("Row %lld of table %s refers to a missing row of %s\n"),
                              (long long) sqlite3_column_int64 (stmt, 1),
                              sqlite3_column_text (stmt, 0),
                              sqlite3_column_text (stmt, 2));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, self->db, rc, _("Foreign key check failed"));

  if (!ok)
    g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_CORRUPT,
                 _("The database “%s” has problems"), self->db_path);
  return ok;
}
