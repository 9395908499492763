/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conflicts: a field changed here and on the server with different
 * values.  The server's value is in force; the row in team_conflicts
 * keeps both until a person decides.  Keeping mine writes my value back
 * into the local record, captured for the next push like any change;
 * keeping theirs only closes the conflict.  Two steps of a notice that
 * cannot both stand (field 'steps') are settled by a decision event
 * instead (xj-team-fold.c).
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "xj-clock.h"
#include "xj-store-private.h"
#include "xj-team-codec.h"
#include "xj-team-conflicts.h"
#include "xj-team-connection.h"
#include "xj-team-fold.h"
#include "xj-team-private.h"

void
xj_team_conflict_free (XjTeamConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->table);
  g_free (conflict->record);
  g_free (conflict->label);
  g_free (conflict->field);
  g_free (conflict->mine);
  g_free (conflict->theirs);
  g_free (conflict->their_author);
  g_free (conflict);
}

static XjTeamConflict *
read_conflict (sqlite3_stmt *stmt)
{
  XjTeamConflict *conflict = g_new0 (XjTeamConflict, 1);

  conflict->id = sqlite3_column_int64 (stmt, 0);
  conflict->table = xj_store_column_dup (stmt, 1);
  conflict->record = xj_store_column_dup (stmt, 2);
  conflict->label = xj_store_column_dup (stmt, 3);
  conflict->field = xj_store_column_dup (stmt, 4);
  conflict->mine = xj_store_column_dup (stmt, 5);
  conflict->theirs = xj_store_column_dup (stmt, 6);
  conflict->their_author = xj_store_column_dup (stmt, 7);
  conflict->their_changed_at = sqlite3_column_int64 (stmt, 8);
  conflict->found_at = sqlite3_column_int64 (stmt, 9);
  return conflict;
}

GPtrArray *
xj_team_list_conflicts (XjStore  *store,
                        GError  **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_team_conflict_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  stmt = xj_store_prepare (store, "SELECT c.id, c.table_name, c.record, " XJ_TEAM_RECORD_LABEL ", c.field,"
                           " c.mine, c.theirs, c.their_author, c.their_changed_at, c.found_at"
                           " FROM team_conflicts c WHERE c.resolved_at IS NULL ORDER BY c.id",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (conflicts, read_conflict (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, "team_conflicts");
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

/* TRUE when @field is a column of @table (names from the database, never
 * pasted into SQL otherwise). */
static gboolean
is_column (XjStore     *store,
           const char  *table,
           const char  *field,
           GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT 1 FROM pragma_table_info(?1)"
                                         " WHERE name = ?2 AND name <> 'id'", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

gboolean
xj_team_resolve_conflict (XjStore     *store,
                          gint64       id,
                          XjTeamKeep   keep,
                          GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(XjTeamConflict) conflict = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if ((tx = xj_transaction_begin (store, error)) == NULL
      || (stmt = xj_store_prepare (store, "SELECT c.id, c.table_name, c.record, NULL, c.field,"
                                   " c.mine, c.theirs, c.their_author, c.their_changed_at,"
                                   " c.found_at FROM team_conflicts c"
                                   " WHERE c.id = ?1 AND c.resolved_at IS NULL", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    conflict = read_conflict (stmt);
  sqlite3_reset (stmt);
  if (conflict == NULL)
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INVALID,
                   _("There is no open conflict %lld."), (long long) id);
      return FALSE;
    }
  if (g_str_equal (conflict->table, "notices")
      && g_str_equal (conflict->field, XJ_TEAM_STEPS_FIELD))
    {
      /* Two steps: the decision is a new event, synced like the others. */
      g_autofree char *actor = _xj_sync_query_text (store, "SELECT value FROM team_settings"
                                                    " WHERE key = ?1", "user", error);

      if (!_xj_fold_decide (store, conflict->record,
                            keep == XJ_TEAM_KEEP_MINE ? conflict->mine : conflict->theirs,
                            actor, error))
        return FALSE;
    }
  else if (keep == XJ_TEAM_KEEP_MINE)
    {
      g_autofree char *sql = NULL;

      if (_xj_sync_find_table (conflict->table) == NULL
          || !is_column (store, conflict->table, conflict->field, error))
        {
          g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INVALID,
                       _("Conflict %lld names no field that can be kept."), (long long) id);
          return FALSE;
        }
      /* The capture triggers queue the record for the next push. */
      sql = g_strdup_printf ("UPDATE %s SET %s = ?1 ->> '$' WHERE uuid = ?2",
                             conflict->table, conflict->field);
      if ((stmt = xj_store_prepare (store, sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, conflict->mine != NULL ? conflict->mine : "null", -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, conflict->record, -1, SQLITE_TRANSIENT);
      if (!xj_store_step_done (store, stmt, error))
        return FALSE;
    }
  if ((stmt = xj_store_prepare (store, "UPDATE team_conflicts SET resolved_at = ?2, kept = ?3"
                                " WHERE id = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, xj_clock_now ());
  sqlite3_bind_text (stmt, 3, keep == XJ_TEAM_KEEP_MINE ? "mine" : "theirs", -1, SQLITE_STATIC);
  if (!xj_store_step_done (store, stmt, error) || !xj_transaction_commit (tx, error))
    return FALSE;
  xj_store_emit_changed (store, conflict->table);
  xj_store_emit_changed (store, "team_conflicts");
  return TRUE;
}
