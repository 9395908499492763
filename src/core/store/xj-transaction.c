/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Transactions on the store's connection: XjTransaction, which rolls back
 * unless committed, and the older begin / commit / rollback calls that
 * code not yet converted still uses.  Both keep one count of open levels
 * in the store, so they nest the same way.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"

#include "xj-store-private.h"
#include "xj-transaction.h"

struct _XjTransaction
{
  XjStore    *store;
  const char *context;   /* the start of its error messages; NULL: the usual */
  guint       depth;     /* 1 for BEGIN … COMMIT, more for a savepoint inside */
  gboolean    finished;  /* committed or rolled back */
};

/* --- helpers -------------------------------------------------------------- */

static int
exec_quietly (XjStore    *store,
              const char *sql)
{
  return sqlite3_exec (xj_store_get_db (store), sql, NULL, NULL, NULL);
}

/* Every inner level is a savepoint of the same name: ROLLBACK TO and
 * RELEASE act on the most recent one of that name, which is always the
 * innermost open level, so no SQL is assembled at run time. */
#define SAVEPOINT_NAME "xj_level"

/* Undoes the writes of @depth.  The outermost level ends the transaction;
 * an inner one goes back to its savepoint and drops it.  SQLite may have
 * rolled back already after some errors (disk full, I/O): then there is
 * nothing to undo, and the answer is ignored. */
static void
roll_back_level (XjStore *store,
                 guint    depth)
{
  if (depth == 1)
    exec_quietly (store, "ROLLBACK");
  else
    exec_quietly (store, "ROLLBACK TO " SAVEPOINT_NAME "; RELEASE " SAVEPOINT_NAME);
  _xj_store_set_depth (store, depth - 1);
}

static gboolean
begin_level (XjStore     *store,
             const char  *context,
             GError     **error)
{
  guint depth = _xj_store_get_depth (store) + 1;
  int rc;

  if (depth == 1)
    {
      /* The user acts: now the file may be written, and WAL go in first. */
      if (!_xj_store_prepare_write (store, error))
        return FALSE;
      rc = exec_quietly (store, "BEGIN IMMEDIATE");
    }
  else
    rc = exec_quietly (store, "SAVEPOINT " SAVEPOINT_NAME);
  if (rc != SQLITE_OK)
    return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                      context != NULL ? context : _("Could not start saving"));
  _xj_store_set_depth (store, depth);
  return TRUE;
}

static gboolean
commit_level (XjStore     *store,
              guint        depth,
              const char  *context,
              GError     **error)
{
  int rc = exec_quietly (store, depth == 1 ? "COMMIT" : "RELEASE " SAVEPOINT_NAME);

  if (rc != SQLITE_OK)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                 context != NULL ? context : _("Could not save"));
      roll_back_level (store, depth);
      return FALSE;
    }
  _xj_store_set_depth (store, depth - 1);
  return TRUE;
}

/* --- XjTransaction -------------------------------------------------------- */

/**
 * xj_transaction_begin:
 *
 * Starts writing: `BEGIN IMMEDIATE`, or a savepoint when a transaction is
 * already open on @store.  Free it (g_autoptr) after
 * xj_transaction_commit(); freed uncommitted, it rolls back.
 *
 * Returns: (transfer full): the transaction, or %NULL with @error set.
 */
XjTransaction *
xj_transaction_begin (XjStore  *store,
                      GError  **error)
{
  return _xj_transaction_begin_for (store, NULL, error);
}

/* @context: a static or longer-lived string */
XjTransaction *
_xj_transaction_begin_for (XjStore     *store,
                           const char  *context,
                           GError     **error)
{
  XjTransaction *self;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!begin_level (store, context, error))
    return NULL;
  self = g_new0 (XjTransaction, 1);
  self->store = g_object_ref (store);
  self->context = context;
  self->depth = _xj_store_get_depth (store);
  return self;
}

/**
 * xj_transaction_commit:
 *
 * Keeps the writes.  On failure everything of this level is rolled back.
 * Only the innermost open transaction may commit.
 */
gboolean
xj_transaction_commit (XjTransaction  *self,
                       GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);
  g_return_val_if_fail (_xj_store_get_depth (self->store) == self->depth, FALSE);

  self->finished = TRUE;
  return commit_level (self->store, self->depth, self->context, error);
}

/**
 * xj_transaction_free:
 *
 * Rolls back unless committed, and frees @self.
 */
void
xj_transaction_free (XjTransaction *self)
{
  if (self == NULL)
    return;
  if (!self->finished)
    {
      /* Scopes close inner levels first; anything else is a bug. */
      g_warn_if_fail (_xj_store_get_depth (self->store) == self->depth);
      roll_back_level (self->store, self->depth);
    }
  g_object_unref (self->store);
  g_free (self);
}

/* --- one flag of one row --------------------------------------------------- */

/**
 * xj_store_set_row_flag:
 * @update: the statement (?1 the flag, ?2 the row, ?3 if it has one the
 *   time now), the audit entity, the table announced changed and the error
 *   when no row has that id
 * @action: the audit action
 *
 * Sets one 0/1 column of one row and writes its audit line, in one
 * transaction (archiving a checklist, deactivating a site, …).
 */
gboolean
xj_store_set_row_flag (XjStore                 *self,
                       const XjRowFlagUpdate   *update,
                       gint64                   row_id,
                       gboolean                 flag,
                       const char              *actor,
                       const char              *action,
                       GError                 **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (update != NULL, FALSE);

  if ((tx = xj_transaction_begin (self, error)) == NULL)
    return FALSE;
  if ((stmt = xj_store_prepare (self, update->sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, flag ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, row_id);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, xj_clock_now ());
  if (!xj_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (xj_store_get_db (self)) == 0)
    {
      g_set_error_literal (error, update->missing_domain, update->missing_code,
                           _(update->missing_message));
      return FALSE;
    }
  if (!xj_store_audit (self, actor, update->entity, row_id, action, NULL, error)
      || !xj_transaction_commit (tx, error))
    return FALSE;

  xj_store_emit_changed (self, update->table);
  return TRUE;
}
