/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changes the team server refused, set aside for a person to decide.
 *
 * A push batch the server refuses for one record's sake (its rules: the
 * member's role, row-level security, a trigger; or a record written once
 * that the server holds with other content) used to stop the sync there,
 * every time.  The record is now marked in team_set_aside (schema v11)
 * with the server's words, the member's role as the server says it, when,
 * and whether the server holds a copy; the push reads team_outbox_ready
 * (the outbox without it) and sends the batch again.  What depends on a
 * refused record the server never had (the answers, photos, signatures
 * and report of a refused inspection; the events of a refused notice) is
 * held with it: sent alone it would only fail on the missing reference.
 * The record stays here as it was written: nothing is lost.
 *
 * A person then retries (the role was fixed on the server), takes the
 * team's copy (overwrites the record here with the server's), or keeps a
 * record the server never had on this laptop only.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "xj-clock.h"
#include "xj-store-private.h"
#include "xj-team-fold.h"
#include "xj-team-merge.h"
#include "xj-team-private.h"
#include "xj-team-probe.h"
#include "xj-team-set-aside-private.h"
#include "xj-team-sync-private.h"

void
xj_team_set_aside_free (XjTeamSetAside *item)
{
  if (item == NULL)
    return;
  g_free (item->table);
  g_free (item->record);
  g_free (item->label);
  g_free (item->reason);
  g_free (item->role);
  g_free (item->taken_by);
  g_free (item);
}

/* --- while pushing -------------------------------------------------------- */

static gboolean
is_set_aside (XjStore     *store,
              const char  *table,
              const char  *record,
              GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT 1 FROM team_set_aside"
                                         " WHERE table_name = ?1 AND record = ?2", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* Whether the server holds a copy of @record (whatever its content). */
static gboolean
server_has (XjTeamConnection  *connection,
            const XjSyncTable *table,
            const char        *record,
            gboolean          *held,
            GError           **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM xunjian.%s WHERE %s", table->remote,
                                          g_str_equal (table->key, "uuid") ? "uuid = $1::uuid"
                                                                          : "sha256 = $1");
  const char *params[] = { record };
  g_autoptr(PGresult) result = _xj_team_exec (connection, sql, 1, params, error);

  if (result == NULL)
    return FALSE;
  *held = PQntuples (result) > 0;
  return TRUE;
}

static gboolean
mark_held (XjStore     *store,
           gint64       root,
           const char  *table,
           const char  *record,
           gboolean    *in_outbox,
           GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "INSERT OR IGNORE INTO team_set_aside"
                                         " (table_name, record, held_by, code, refused_at)"
                                         " SELECT ?1, ?2, ?3, 'held', ?4 WHERE EXISTS"
                                         " (SELECT 1 FROM team_outbox"
                                         "  WHERE table_name = ?1 AND record = ?2)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, root);
  sqlite3_bind_int64 (stmt, 4, xj_clock_now ());
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  *in_outbox = sqlite3_changes (xj_store_get_db (store)) > 0
               || is_set_aside (store, table, record, NULL);
  return TRUE;
}

/* The parts of a whole, which the push sends with it (an inspection's
 * answers, signatures and report; a notice's photos and steps): held with
 * it whether or not the server has the whole.  What only points at a
 * record (an inspection at its site) is held only when the server never
 * had it. */
static gboolean
is_part (const char *table)
{
  static const char *const parts[] = { "answers", "answer_photos", "signatures", "reports",
                                       "notice_photos", "notice_events", NULL };

  return g_strv_contains (parts, table);
}

/* Every record in the outbox that references (through the codec's
 * references, transitively) the refused record @root, held with it. */
static gboolean
hold_dependants (XjStore     *store,
                 gint64       root,
                 const char  *table,
                 const char  *record,
                 gboolean     on_server,
                 GError     **error)
{
  guint n_tables;
  const XjSyncTable *tables = _xj_sync_get_tables (&n_tables);
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (queue, g_strdup (table));
  g_ptr_array_add (queue, g_strdup (record));
  for (guint q = 0; q < queue->len; q += 2)
    {
      const XjSyncTable *parent = _xj_sync_find_table (g_ptr_array_index (queue, q));
      const char *parent_record = g_ptr_array_index (queue, q + 1);

      for (guint t = 0; parent != NULL && t < n_tables; t++)
        for (guint r = 0; r < G_N_ELEMENTS (tables[t].refs) && tables[t].refs[r].column != NULL; r++)
          {
            const XjSyncTable *child = &tables[t];
            g_autofree char *sql = NULL;
            g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
            sqlite3_stmt *stmt;
            int rc;

            if (!g_str_equal (child->refs[r].table, parent->name)
                || (q == 0 && on_server && !is_part (child->name)))
              continue;
            sql = g_strdup_printf ("SELECT c.%s FROM %s c JOIN %s p ON p.id = c.%s"
                                   " WHERE p.%s = ?1", child->key, child->name, parent->name,
                                   child->refs[r].column, parent->key);
            if ((stmt = xj_store_prepare (store, sql, error)) == NULL)
              return FALSE;
            sqlite3_bind_text (stmt, 1, parent_record, -1, SQLITE_TRANSIENT);
            while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
              g_ptr_array_add (found, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
            sqlite3_reset (stmt);
            if (rc != SQLITE_DONE)
              return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, child->name);
            for (guint i = 0; i < found->len; i++)
              {
                gboolean waiting = FALSE;

                if (!mark_held (store, root, child->name, g_ptr_array_index (found, i), &waiting,
                                error))
                  return FALSE;
                /* One not waiting to be sent is on the server, and so is
                 * what hangs from it. */
                if (!waiting)
                  continue;
                g_ptr_array_add (queue, g_strdup (child->name));
                g_ptr_array_add (queue, g_strdup (g_ptr_array_index (found, i)));
              }
          }
    }
  return TRUE;
}

/* Before a push: what was changed since under a refused record waits with
 * it too, and so do the parts added since to a whole held with one. */
gboolean
_xj_set_aside_hold (XjStore  *store,
                    GError  **error)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(XjTransaction) tx = NULL;
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT coalesce(held_by, id), table_name,"
                                         " record, on_server OR held_by IS NOT NULL"
                                         " FROM team_set_aside ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (roots, g_strdup_printf ("%" G_GINT64_FORMAT,
                                               (gint64) sqlite3_column_int64 (stmt, 0)));
      g_ptr_array_add (roots, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (roots, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
      g_ptr_array_add (roots, g_strdup (sqlite3_column_int (stmt, 3) != 0 ? "1" : "0"));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, "team_set_aside");
  if (roots->len == 0)
    return TRUE;
  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < roots->len; i += 4)
    if (!hold_dependants (store, g_ascii_strtoll (g_ptr_array_index (roots, i), NULL, 10),
                          g_ptr_array_index (roots, i + 1), g_ptr_array_index (roots, i + 2),
                          g_str_equal (g_ptr_array_index (roots, i + 3), "1"), error))
      return FALSE;
  return xj_transaction_commit (tx, error);
}

/* The server's words, without the "table uuid: " the push puts before them. */
static const char *
server_words (const GError *failure,
              const char   *record)
{
  const char *found = strstr (failure->message, record);

  if (found != NULL && g_str_has_prefix (found + strlen (record), ": "))
    return found + strlen (record) + 2;
  return failure->message;
}

/* The whole that a refused part belongs to: an answer's, a signature's or
 * a report's inspection, a notice step's or photo's notice.  The push
 * sends a whole with its parts (the server takes a signed inspection's
 * parts only in the transaction that brings it signed): sent without the
 * refused part, it could never take it afterwards. */
static gboolean
whole_of (XjStore            *store,
          const char         *table,
          const char         *record,
          const XjSyncTable **whole,
          char              **whole_record,
          GError            **error)
{
  static const struct { const char *part; const char *whole; const char *sql; } wholes[] = {
    { "answers", "inspections", "SELECT i.uuid FROM answers a"
      " JOIN inspections i ON i.id = a.inspection_id WHERE a.uuid = ?1" },
    { "answer_photos", "inspections", "SELECT i.uuid FROM answer_photos p"
      " JOIN answers a ON a.id = p.answer_id JOIN inspections i ON i.id = a.inspection_id"
      " WHERE p.uuid = ?1" },
    { "signatures", "inspections", "SELECT i.uuid FROM signatures s"
      " JOIN inspections i ON i.id = s.inspection_id WHERE s.uuid = ?1" },
    { "signatures", "notices", "SELECT n.uuid FROM signatures s"
      " JOIN notices n ON n.id = s.notice_id WHERE s.uuid = ?1" },
    { "reports", "inspections", "SELECT i.uuid FROM reports r"
      " JOIN inspections i ON i.id = r.inspection_id WHERE r.uuid = ?1" },
    { "notice_photos", "notices", "SELECT n.uuid FROM notice_photos p"
      " JOIN notices n ON n.id = p.notice_id WHERE p.uuid = ?1" },
    { "notice_events", "notices", "SELECT n.uuid FROM notice_events e"
      " JOIN notices n ON n.id = e.notice_id WHERE e.uuid = ?1" },
  };

  *whole = NULL;
  *whole_record = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (wholes) && *whole_record == NULL; i++)
    {
      if (!g_str_equal (wholes[i].part, table))
        continue;
      *whole_record = _xj_sync_query_text (store, wholes[i].sql, record, error);
      if (error != NULL && *error != NULL)
        return FALSE;
      *whole = _xj_sync_find_table (wholes[i].whole);
    }
  return TRUE;
}

/* The whole of a refused part, and its other parts, held with it. */
static gboolean
hold_whole (Sync        *sync,
            gint64       root,
            const char  *record,
            GError     **error)
{
  const XjSyncTable *whole = NULL;
  g_autofree char *whole_record = NULL;
  gboolean on_server = FALSE;
  gboolean waiting = FALSE;

  if (!whole_of (sync->store, sync->refused_table->name, record, &whole, &whole_record, error))
    return FALSE;
  if (whole_record == NULL)
    return TRUE;
  return server_has (sync->connection, whole, whole_record, &on_server, error)
         && mark_held (sync->store, root, whole->name, whole_record, &waiting, error)
         && hold_dependants (sync->store, root, whole->name, whole_record, on_server, error);
}

static gboolean
mark_refused (Sync          *sync,
              const char    *record,
              const GError  *failure,
              gboolean       on_server,
              const char    *role,
              const char    *taken_by,
              gint64         taken_at,
              GError       **error)
{
  XjStore *store = sync->store;
  g_autoptr(XjTransaction) tx = xj_transaction_begin (store, error);
  sqlite3_stmt *stmt;
  gint64 root;

  if (tx == NULL
      || (stmt = xj_store_prepare (store, "INSERT INTO team_set_aside (table_name, record, code,"
                                   " reason, role, on_server, refused_at, taken_by, taken_at)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sync->refused_table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, failure->code == XJ_TEAM_ERROR_INTEGRITY ? "integrity" : "denied",
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, server_words (failure, record), -1, SQLITE_TRANSIENT);
  if (role != NULL)
    sqlite3_bind_text (stmt, 5, role, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, on_server);
  sqlite3_bind_int64 (stmt, 7, xj_clock_now ());
  if (taken_by != NULL)
    {
      sqlite3_bind_text (stmt, 8, taken_by, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 9, taken_at);
    }
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  root = sqlite3_last_insert_rowid (xj_store_get_db (store));
  /* The role the server gives now (lowered since the change was made, say)
   * is the one the app acts on from now on. */
  if (role != NULL && !_xj_team_set_setting (store, "role", role, error))
    return FALSE;
  if (!hold_dependants (store, root, sync->refused_table->name, record, on_server, error)
      || !hold_whole (sync, root, record, error))
    return FALSE;
  return xj_transaction_commit (tx, error);
}

gboolean
_xj_set_aside_refused (Sync     *sync,
                       GError   *failure,
                       GError  **error)
{
  g_autoptr(GError) refusal = failure;
  g_autofree char *record = g_steal_pointer (&sync->refused_record);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *role = NULL;
  g_autofree char *taken_by = NULL;
  gint64 taken_at = 0;
  gboolean on_server = FALSE;

  if (record == NULL || sync->refused_table == NULL
      || !(g_error_matches (refusal, XJ_TEAM_ERROR, XJ_TEAM_ERROR_DENIED)
           || g_error_matches (refusal, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INTEGRITY))
      || is_set_aside (sync->store, sync->refused_table->name, record, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_error (error, g_steal_pointer (&refusal));
      return FALSE;
    }
  if (!server_has (sync->connection, sync->refused_table, record, &on_server, error)
      || !_xj_set_aside_month_taken (sync, record, &taken_by, &taken_at, error))
    return FALSE;
  /* Another report of its month: the team's copy may be taken. */
  on_server = on_server || taken_by != NULL;
  /* No role at all (every group role revoked): the one known here stays. */
  role = _xj_team_read_role (sync->connection, NULL);
  g_debug ("Set aside %s %s: %s", sync->refused_table->name, record, refusal->message);
  if (!mark_refused (sync, record, refusal, on_server, role, taken_by, taken_at, error))
    return FALSE;
  sync->result->set_aside++;
  return TRUE;
}

/* --- a person decides ----------------------------------------------------- */

static XjTeamSetAside *
read_item (sqlite3_stmt *stmt)
{
  XjTeamSetAside *item = g_new0 (XjTeamSetAside, 1);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->table = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  item->record = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  item->label = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  item->code = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "integrity") == 0
               ? XJ_TEAM_SET_ASIDE_INTEGRITY : XJ_TEAM_SET_ASIDE_DENIED;
  item->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  item->role = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  item->on_server = sqlite3_column_int (stmt, 7) != 0;
  item->refused_at = sqlite3_column_int64 (stmt, 8);
  item->n_held = (guint) sqlite3_column_int64 (stmt, 9);
  item->taken_by = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  item->taken_at = sqlite3_column_int64 (stmt, 11);
  if (item->label == NULL)
    item->label = g_strdup (item->record);
  return item;
}

GPtrArray *
xj_team_list_set_aside (XjStore  *store,
                        GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_team_set_aside_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  stmt = xj_store_prepare (store, "SELECT c.id, c.table_name, c.record, " XJ_TEAM_RECORD_LABEL ","
                           " c.code, c.reason, c.role, c.on_server, c.refused_at,"
                           " (SELECT count(*) FROM team_set_aside h WHERE h.held_by = c.id),"
                           " c.taken_by, c.taken_at FROM team_set_aside c WHERE c.held_by IS NULL ORDER BY c.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, read_item (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, "team_set_aside");
      return NULL;
    }
  return g_steal_pointer (&items);
}

/* The refused record @id (not one held with it). */
static XjTeamSetAside *
find_item (XjStore  *store,
           gint64    id,
           GError  **error)
{
  g_autoptr(GPtrArray) items = xj_team_list_set_aside (store, error);

  for (guint i = 0; items != NULL && i < items->len; i++)
    if (((XjTeamSetAside *) g_ptr_array_index (items, i))->id == id)
      return g_ptr_array_steal_index (items, i);
  if (items != NULL)
    g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INVALID,
                 _("No change set aside has the number %lld."), (long long) id);
  return NULL;
}

static void
announce (XjStore    *store,
          const char *table)
{
  xj_store_emit_changed (store, "team_set_aside");
  xj_store_emit_changed (store, "team_outbox");
  if (table != NULL)
    xj_store_emit_changed (store, table);
}

gboolean
xj_team_set_aside_retry (XjStore  *store,
                         gint64    id,
                         GError  **error)
{
  g_autoptr(XjTeamSetAside) item = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if (id != 0 && (item = find_item (store, id, error)) == NULL)
    return FALSE;
  if ((stmt = xj_store_prepare (store, "DELETE FROM team_set_aside"
                                " WHERE held_by IS NULL AND (?1 = 0 OR id = ?1)", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  announce (store, NULL);
  return TRUE;
}

/* The local record becomes the server's @body (version @version for a
 * shared record); nothing of it is sent. */
static gboolean
write_theirs (XjStore            *store,
              const XjSyncTable  *table,
              const XjTeamSetAside *item,
              const char         *body,
              gint64              version,
              GError            **error)
{
  g_autoptr(XjTransaction) tx = xj_transaction_begin (store, error);
  sqlite3_stmt *stmt;

  if (tx == NULL || !_xj_sync_set_capture (store, FALSE, error)
      || (table->kind == XJ_SYNC_SHARED
          && !_xj_shadow_set (store, table->name, item->record, version, body, error))
      || !_xj_sync_apply (store, table, item->record, body, error)
      || (g_str_equal (table->name, "notices")
          && !_xj_fold_discard_local (store, item->record, NULL, error))
      || !_xj_sync_set_capture (store, TRUE, error)
      || (stmt = xj_store_prepare (store, "DELETE FROM team_outbox"
                                   " WHERE table_name = ?1 AND record = ?2", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, item->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, item->record, -1, SQLITE_STATIC);
  if (!xj_store_step_done (store, stmt, error)
      || (stmt = xj_store_prepare (store, "DELETE FROM team_set_aside WHERE id = ?1",
                                   error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->id);
  return xj_store_step_done (store, stmt, error) && xj_transaction_commit (tx, error);
}

gboolean
_xj_set_aside_no_copy (const XjTeamSetAside  *item,
                       GError               **error)
{
  g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INVALID,
               _("The team server has no copy of %s “%s”: send it again, or keep it on "
                 "this laptop only."), xj_team_record_kind (item->table), item->label);
  return FALSE;
}

gboolean
xj_team_set_aside_take_theirs (XjStore           *store,
                               XjTeamConnection  *connection,
                               gint64             id,
                               GError           **error)
{
  g_autoptr(XjTeamSetAside) item = NULL;
  g_autoptr(PGresult) theirs = NULL;
  g_autofree char *sql = NULL;
  const XjSyncTable *table;
  const char *params[1];

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (connection != NULL, FALSE);

  if ((item = find_item (store, id, error)) == NULL)
    return FALSE;
  if (item->taken_by != NULL)
    {
      if (!_xj_set_aside_take_month (store, connection, item, error))
        return FALSE;
      announce (store, item->table);
      return TRUE;
    }
  if ((table = _xj_sync_find_table (item->table)) == NULL)
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INVALID, "%s", item->table);
      return FALSE;
    }
  sql = g_strdup_printf ("SELECT (%s)::text, %s FROM xunjian.%s WHERE %s", table->server_body,
                         table->kind == XJ_SYNC_SHARED ? "version" : "0", table->remote,
                         g_str_equal (table->key, "uuid") ? "uuid = $1::uuid" : "sha256 = $1");
  params[0] = item->record;
  if ((theirs = _xj_team_exec (connection, sql, 1, params, error)) == NULL)
    return FALSE;
  if (PQntuples (theirs) == 0)
    return _xj_set_aside_no_copy (item, error);
  if (!write_theirs (store, table, item, PQgetvalue (theirs, 0, 0),
                     g_ascii_strtoll (PQgetvalue (theirs, 0, 1), NULL, 10), error))
    return FALSE;
  announce (store, item->table);
  return TRUE;
}

gboolean
xj_team_set_aside_keep_local (XjStore  *store,
                              gint64    id,
                              GError  **error)
{
  g_autoptr(XjTeamSetAside) item = NULL;
  g_autoptr(XjTransaction) tx = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if ((item = find_item (store, id, error)) == NULL)
    return FALSE;
  /* Its month's report in the team is another record: this one stays. */
  if (item->on_server && item->taken_by == NULL)
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INVALID,
                   _("The team has its own copy of %s “%s”: take the team’s copy, or send "
                     "this one again."), xj_team_record_kind (item->table), item->label);
      return FALSE;
    }
  if ((tx = xj_transaction_begin (store, error)) == NULL
      || (stmt = xj_store_prepare (store, "DELETE FROM team_outbox WHERE EXISTS"
                                   " (SELECT 1 FROM team_set_aside s WHERE (s.id = ?1"
                                   "  OR s.held_by = ?1) AND s.table_name = team_outbox.table_name"
                                   "  AND s.record = team_outbox.record)", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!xj_store_step_done (store, stmt, error)
      || (stmt = xj_store_prepare (store, "DELETE FROM team_set_aside WHERE id = ?1",
                                   error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!xj_store_step_done (store, stmt, error) || !xj_transaction_commit (tx, error))
    return FALSE;
  announce (store, NULL);
  return TRUE;
}

/* --- in plain words ------------------------------------------------------- */

const char *
xj_team_record_kind (const char *table)
{
  static const struct { const char *table; const char *kind; } kinds[] = {
    { "sites", N_("Site") },
    { "templates", N_("Checklist") },
    { "template_versions", N_("Checklist version") },
    { "schedules", N_("Schedule") },
    { "inspections", N_("Inspection") },
    { "answers", N_("Answer") },
    { "photos", N_("Photo") },
    { "answer_photos", N_("Photo of an answer") },
    { "notices", N_("Notice") },
    { "signatures", N_("Signature") },
    { "reports", N_("Report") },
    { "notice_photos", N_("Photo of a notice") },
    { "notice_events", N_("Notice step") },
    { "audit_log", N_("History entry") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].table, table) == 0)
      return _(kinds[i].kind);
  return table != NULL ? table : "";
}

/* The server's words say whether the member's role lacked the right
 * (privileges, row-level security: PostgreSQL's messages, in English or
 * in the server's language) or a rule refused the record itself. */
static gboolean
refused_for_role (const char *reason)
{
  static const char *const signs[] = { "permission denied", "row-level security", "权限不够",
                                       "行级安全", NULL };

  for (guint i = 0; signs[i] != NULL; i++)
    if (reason != NULL && strstr (reason, signs[i]) != NULL)
      return TRUE;
  return FALSE;
}

char *
xj_team_set_aside_explain (const XjTeamSetAside *item)
{
  static const char *const notices[] = { "notices", "notice_events", "notice_photos", NULL };
  static const char *const owned[] = { "inspections", "answers", "answer_photos", "signatures",
                                       "reports", NULL };
  static const char *const shared[] = { "sites", "templates", "template_versions", "schedules",
                                        NULL };
  gboolean for_role;
  char *why = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  if (item->taken_by != NULL)
    return _xj_set_aside_month_explain (item);
  if (item->code == XJ_TEAM_SET_ASIDE_INTEGRITY)
    return g_strdup (_("The team already holds this record with other content, and a record "
                       "written once (a signed one) never changes."));
  for_role = refused_for_role (item->reason);
  if (for_role && g_strv_contains (notices, item->table))
    why = xj_team_role_refusal (item->role, XJ_TEAM_ACT_WRITE_NOTICE);
  else if (for_role && g_strv_contains (shared, item->table))
    why = xj_team_role_refusal (item->role, XJ_TEAM_ACT_EDIT_SHARED);
  else if (for_role && g_strv_contains (owned, item->table) && item->role != NULL
           && !g_str_equal (item->role, "inspector") && !g_str_equal (item->role, "admin"))
    why = xj_team_role_refusal (item->role, XJ_TEAM_ACT_START_INSPECTION);
  if (why != NULL)
    return why;
  if (g_strv_contains (owned, item->table)
      && (for_role || strstr (item->reason, "signed and locked") != NULL
          || strstr (item->reason, "belongs to the inspector") != NULL))
    return g_strdup (_("Only the inspector who started an inspection changes it, and a signed "
                       "one changes no more."));
  if (for_role)
    return g_strdup_printf (_("Your role in the team (%s) may not make this change."),
                            xj_team_role_label (item->role));
  /* The role may make such changes: a rule of the server's own refused it. */
  return g_strdup_printf (_("A rule of the team server refused it: “%s”."), item->reason);
}
