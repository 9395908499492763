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
#include "xj-reader-pool-private.h"
#include "xj-schema-private.h"
#include "xj-store-private.h"

#define DB_FILE_NAME "xunjian.db"
#define BUSY_TIMEOUT_MS 5000

struct _XjStore
{
  GObject     parent_instance;

  char       *data_dir;
  char       *db_path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt*, finalized on dispose */
  XjReaderPool *readers;    /* for the workers, once one asked (xj-reader-pool.c) */
  guint       depth;        /* open transaction levels (xj-transaction.c) */
  guint       read_only : 1;
  guint       journal_checked : 1;  /* WAL made sure of, before the first write */
  guint       borrowed : 1;         /* db belongs to another store (a migration step) */
};

G_DEFINE_FINAL_TYPE (XjStore, xj_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (xj-store-error-quark, xj_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
      xj_store_set_sqlite_error (error, db, rc, _("Could not open the database"));
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
          const char  *context,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return xj_store_set_sqlite_error (error, db, rc, context);
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

/* Settings of the connection only: nothing here writes to the file.  A
 * connection that only reads has no use for `synchronous`, a pragma that
 * parses the whole schema (sync's open reads only the header with it). */
static gboolean
configure_connection (sqlite3     *db,
                      gboolean     read_only,
                      GError     **error)
{
  int rc;

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, 1);
  if (!exec_sql (db, "PRAGMA foreign_keys = ON", _("Could not open the database"), error))
    return FALSE;
  rc = sqlite3_create_collation (db, "LOCALE", SQLITE_UTF8, NULL, collate_locale);
  if (rc != SQLITE_OK)
    return xj_store_set_sqlite_error (error, db, rc, _("Could not open the database"));
  return read_only
         || exec_sql (db, "PRAGMA synchronous = FULL", _("Could not open the database"), error);
}

/* Write-ahead logging is a setting stored in the file: switched on once,
 * when the file is first written, not on every open.  journal_mode answers
 * with the mode it actually chose; a file system without shared memory
 * would silently stay in rollback mode. */
static gboolean
ensure_wal (sqlite3  *db,
            GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;
  int rc;

  for (guint attempt = 0; attempt < 2 && !wal; attempt++)
    {
      rc = sqlite3_prepare_v2 (db, attempt == 0 ? "PRAGMA journal_mode" : "PRAGMA journal_mode = WAL",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW)
        return xj_store_set_sqlite_error (error, db, rc, _("Could not set the journal mode"));
    }
  if (!wal)
    {
      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_IO,
                   _("The database could not switch to write-ahead logging; "
                     "keep the data folder on a local disk"));
      return FALSE;
    }
  return TRUE;
}

/* A folder we may not write to cannot take the -shm file that reading a
 * WAL database needs.  When there is no -wal file either, everything is in
 * the database file, and SQLite may read it as immutable. */
static char *
read_only_uri (const char *db_path)
{
  g_autofree char *folder = g_path_get_dirname (db_path);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *uri = NULL;

  if (g_access (folder, W_OK) == 0 || g_file_test (wal, G_FILE_TEST_EXISTS))
    return NULL;
  uri = g_filename_to_uri (db_path, NULL, NULL);
  return uri != NULL ? g_strconcat (uri, "?immutable=1", NULL) : NULL;
}

sqlite3 *
xj_store_open_connection (const char  *db_path,
                          gboolean     read_only,
                          GError     **error)
{
  g_autofree char *uri = read_only ? read_only_uri (db_path) : NULL;
  sqlite3 *db = NULL;
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
              | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  int rc;

  g_return_val_if_fail (db_path != NULL, NULL);

  rc = sqlite3_open_v2 (uri != NULL ? uri : db_path, &db,
                        uri != NULL ? flags : flags & ~SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      xj_store_set_sqlite_error (error, db, rc, _("Could not open the database"));
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

typedef struct
{
  gint64 application_id;
  gint64 version;
  gint64 n_objects;   /* tables, indexes, triggers, views */
} FileState;

/* Looks at an existing file without writing to it: a file we must refuse
 * is left exactly as it was, byte for byte. */
static gboolean
inspect_existing (const char        *db_path,
                  XjStoreOpenFlags   flags,
                  FileState         *state,
                  GError           **error)
{
  sqlite3 *db = xj_store_open_connection (db_path, TRUE, error);
  gboolean ok;

  if (db == NULL)
    return FALSE;
  if (flags & XJ_STORE_OPEN_NO_WAIT)
    sqlite3_busy_timeout (db, 0);
  /* The two pragmas read the file's header; counting the objects reads
   * (and parses) the whole schema, which the connection that follows
   * parses again: only an unstamped file needs it. */
  ok = query_int (db, "PRAGMA application_id", &state->application_id, error)
       && query_int (db, "PRAGMA user_version", &state->version, error)
       && (state->application_id == XJ_STORE_APPLICATION_ID
           || query_int (db, "SELECT count(*) FROM sqlite_schema", &state->n_objects, error));
  if (!ok)
    {
      sqlite3_close (db);
      return FALSE;
    }

  /* Ours are stamped; an unstamped file is ours to set up only when it
   * holds nothing at all. */
  if (state->application_id != XJ_STORE_APPLICATION_ID
      && (state->application_id != 0 || state->n_objects > 0 || state->version != 0))
    {
      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_FOREIGN,
                   _("“%s” is a database of another program, not of Xunjian. It was not "
                     "changed. Move it out of the data folder, or choose another data "
                     "folder with --data-dir."), db_path);
      sqlite3_close (db);
      return FALSE;
    }

  if (state->version > (gint64) _xj_schema_get_n_steps ())
    {
      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Xunjian (database version %lld); this "
                     "program reads versions up to %u. It was not changed. Install the "
                     "newer Xunjian to open it."),
                   db_path, (long long) state->version, _xj_schema_get_n_steps ());
      sqlite3_close (db);
      return FALSE;
    }

  ok = !(flags & XJ_STORE_OPEN_VERIFY) || xj_store_quick_check_db (db, error);
  sqlite3_close (db);
  return ok;
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

/* One step, in one transaction: the schema change, the version and (the
 * first time) the id that tells our files from others'. */
static gboolean
run_step (XjStore     *self,
          guint        step,
          gboolean     stamp,
          const char  *context,
          GError     **error)
{
  g_autoptr(XjTransaction) tx = _xj_transaction_begin_for (self, context, error);
  /* PRAGMA takes no bound parameters; the number is our own constant. */
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", step);
  gint64 broken_before = 0, broken_after = 0;

  return tx != NULL
         && (!stamp || exec_sql (self->db, "PRAGMA application_id = 1481262146", context, error))
         && query_int (self->db, FOREIGN_KEY_PROBLEMS, &broken_before, error)
         && _xj_schema_run_step (self->db, step, context, error)
         && query_int (self->db, FOREIGN_KEY_PROBLEMS, &broken_after, error)
         && references_hold (broken_before, broken_after, error)
         && exec_sql (self->db, set_version, context, error)
         && xj_transaction_commit (tx, error);
}

static gboolean
migrate (XjStore   *self,
         gboolean   stamp,
         GError   **error)
{
  gint64 version = 0;

  if (!query_int (self->db, "PRAGMA user_version", &version, error))
    return FALSE;

  for (guint step = (guint) version + 1; step <= _xj_schema_get_n_steps (); step++)
    {
      g_autofree char *context = g_strdup_printf (_("Could not upgrade the database to "
                                                    "version %u"), step);

      /* A step may rebuild tables, which foreign keys would cascade
       * through: they are off during the step (the pragma is ignored
       * inside a transaction) and the references checked after it. */
      if (!exec_sql (self->db, "PRAGMA foreign_keys = OFF", context, error))
        return FALSE;
      if (!run_step (self, step, stamp, context, error))
        {
          sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
          return FALSE;
        }
      stamp = FALSE;
      if (!exec_sql (self->db, "PRAGMA foreign_keys = ON", context, error))
        return FALSE;
    }

  return TRUE;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_store_finalize (GObject *object)
{
  XjStore *self = XJ_STORE (object);

  /* The readers first: the last connection to close tidies the WAL. */
  if (self->readers != NULL)
    _xj_reader_pool_close (self->readers);
  g_clear_pointer (&self->readers, _xj_reader_pool_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL && !self->borrowed)
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

/* May this process write the database (or create it) and its folder's
 * journal files?  A file we only read is opened read-only instead. */
static gboolean
can_write (const char *data_dir,
           const char *db_path,
           gboolean    exists)
{
  return g_access (data_dir, W_OK) == 0 && (!exists || g_access (db_path, W_OK) == 0);
}

/**
 * xj_store_open:
 *
 * Opens the database in @data_dir, creating it in a new folder.  Opening
 * reads only: a current database is not written until the user changes
 * something, so it opens while another program holds the write lock, and
 * a file that is only readable opens read-only (writes then fail with
 * %XJ_STORE_ERROR_READ_ONLY).  Only a new, empty or older database is
 * written at once, to set it up or upgrade it.
 */
XjStore *
xj_store_open (const char        *data_dir,
               XjStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(XjStore) self = NULL;
  g_autofree char *db_path = NULL;
  FileState state = { 0 };
  gboolean exists, needs_writing;
  GStatBuf st;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, XJ_STORE_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS ? XJ_STORE_ERROR_READ_ONLY
                                                                 : XJ_STORE_ERROR_IO,
                   _("Could not create the data folder “%s”: %s. Choose a folder "
                     "you can write to with --data-dir."),
                   data_dir, g_strerror (saved_errno));
      return NULL;
    }

  db_path = g_build_filename (data_dir, DB_FILE_NAME, NULL);
  exists = g_stat (db_path, &st) == 0 && st.st_size > 0;
  if (exists && !inspect_existing (db_path, flags, &state, error))
    return NULL;
  needs_writing = !exists || state.application_id != XJ_STORE_APPLICATION_ID
                  || state.version < (gint64) _xj_schema_get_n_steps ();

  self = g_object_new (XJ_TYPE_STORE, NULL);
  self->data_dir = g_strdup (data_dir);
  self->db_path = g_steal_pointer (&db_path);

  if (!can_write (data_dir, self->db_path, exists))
    {
      if (needs_writing)
        {
          xj_store_set_errno_error (error, EACCES, self->db_path,
                                    _("Could not set up or upgrade the database"));
          return NULL;
        }
      self->read_only = TRUE;
      self->db = xj_store_open_connection (self->db_path, TRUE, error);
      return self->db != NULL ? g_steal_pointer (&self) : NULL;
    }

  if (sqlite3_open_v2 (self->db_path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      xj_store_set_sqlite_error (error, self->db, sqlite3_errcode (self->db),
                                 _("Could not open the database"));
      return NULL;
    }
  if (!configure_connection (self->db, FALSE, error))
    return NULL;
  if (flags & XJ_STORE_OPEN_NO_WAIT)
    sqlite3_busy_timeout (self->db, 0);
  /* A file restored from a backup is in rollback mode; it moves to WAL
   * with the first write, here only when it is set up or upgraded now. */
  if (needs_writing
      && (!_xj_store_prepare_write (self, error)
          || !migrate (self, state.application_id != XJ_STORE_APPLICATION_ID, error)))
    return NULL;
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  return g_steal_pointer (&self);
}

/**
 * _xj_store_new_for_step:
 * @db: the connection of the store being upgraded, inside its transaction
 *
 * A store over another store's connection, for a migration step that
 * fills a table with the core's own code (schema v10's schedule
 * outcomes).  Its transactions nest in the step's (savepoints); it never
 * closes @db.
 */
XjStore *
_xj_store_new_for_step (sqlite3    *db,
                        const char *db_path)
{
  XjStore *self = g_object_new (XJ_TYPE_STORE, NULL);

  self->db = db;
  self->borrowed = TRUE;
  self->depth = 1;
  self->journal_checked = TRUE;
  self->db_path = g_strdup (db_path);
  self->data_dir = g_path_get_dirname (db_path);
  return self;
}

/**
 * xj_store_open_reader:
 * @data_dir: the data folder of a store already opened (xj_store_open())
 *
 * A store for a worker thread that only reads: its own read-only
 * connection (a `sqlite3 *` never crosses threads), which checks, sets up
 * and upgrades nothing and never writes the file, so it opens and reads
 * while another connection holds the write lock.  Every change through it
 * fails with %XJ_STORE_ERROR_READ_ONLY.
 */
XjStore *
xj_store_open_reader (const char  *data_dir,
                      GError     **error)
{
  g_autoptr(XjStore) self = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (XJ_TYPE_STORE, NULL);
  self->data_dir = g_strdup (data_dir);
  self->db_path = g_build_filename (data_dir, DB_FILE_NAME, NULL);
  self->read_only = TRUE;
  self->db = xj_store_open_connection (self->db_path, TRUE, error);
  /* Refuse writes in SQL as well, whatever the file would allow. */
  if (self->db == NULL
      || !exec_sql (self->db, "PRAGMA query_only = ON", _("Could not open the database"), error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Returns: (transfer none): the readers kept for @self's workers; take a
 * reference to hand it to one. */
XjReaderPool *
_xj_store_get_reader_pool (XjStore *self)
{
  XjReaderPool *pool;

  g_return_val_if_fail (XJ_IS_STORE (self), NULL);

  /* Made once, even if two threads ask first at the same time. */
  if ((pool = g_atomic_pointer_get (&self->readers)) == NULL)
    {
      pool = _xj_reader_pool_new (self->data_dir);
      if (!g_atomic_pointer_compare_and_exchange (&self->readers, NULL, pool))
        {
          _xj_reader_pool_unref (pool);
          pool = g_atomic_pointer_get (&self->readers);
        }
    }
  return pool;
}

const char *
xj_store_get_data_dir (XjStore *self)
{
  g_return_val_if_fail (XJ_IS_STORE (self), NULL);

  return self->data_dir;
}

/* TRUE when the file or its folder may not be written: the store reads,
 * and every change fails with %XJ_STORE_ERROR_READ_ONLY. */
gboolean
xj_store_is_read_only (XjStore *self)
{
  g_return_val_if_fail (XJ_IS_STORE (self), FALSE);

  return self->read_only;
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

  return exec_sql (self->db, sql, _("Could not save"), error);
}

/* The first write of this store: WAL goes in before it. */
gboolean
_xj_store_prepare_write (XjStore  *self,
                         GError  **error)
{
  if (self->journal_checked || self->read_only)
    return TRUE;
  if (!ensure_wal (self->db, error))
    return FALSE;
  self->journal_checked = TRUE;
  return TRUE;
}

guint
_xj_store_get_depth (XjStore *self)
{
  return self->depth;
}

void
_xj_store_set_depth (XjStore *self,
                     guint    depth)
{
  self->depth = depth;
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
