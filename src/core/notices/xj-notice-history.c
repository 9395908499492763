/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the notice page shows of a notice's past: its history of states
 * (notice_events), its entries in the audit log and its signatures.  One
 * notice has a handful of rows, so these are short reads on the main
 * thread.
 */
#define G_LOG_DOMAIN "xj-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-notice-history.h"
#include "xj-notice-lifecycle.h"

void
xj_notice_event_free (XjNoticeEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->actor);
  g_free (event->remark);
  g_free (event);
}

void
xj_audit_entry_free (XjAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->detail);
  g_free (entry);
}


typedef gpointer (*RowReader) (sqlite3_stmt *stmt);

/* Steps @stmt (bound) to the end, one element per row. */
static GPtrArray *
collect (XjStore        *store,
         sqlite3_stmt   *stmt,
         RowReader       read_row,
         GDestroyNotify  free_func,
         GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                 _("Could not read the history of the notice"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gpointer
read_event (sqlite3_stmt *stmt)
{
  XjNoticeEvent *event = g_new0 (XjNoticeEvent, 1);
  XjNoticeState from;

  event->at = sqlite3_column_int64 (stmt, 0);
  event->actor = xj_store_column_dup_or_empty (stmt, 1);
  event->from_state = xj_notice_state_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                                   &from) ? (int) from : -1;
  xj_notice_state_from_string ((const char *) sqlite3_column_text (stmt, 3), &event->to_state);
  event->deadline = sqlite3_column_int64 (stmt, 4);
  event->remark = xj_store_column_dup_or_empty (stmt, 5);
  return event;
}

/**
 * xj_store_list_notice_events:
 *
 * Returns: (transfer full) (element-type XjNoticeEvent): the history of
 * states, oldest first (an escalation, which changes no state, is told by
 * its audit entry).
 */
GPtrArray *
xj_store_list_notice_events (XjStore  *store,
                             gint64    notice_id,
                             GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  stmt = xj_store_prepare (store,
                           "SELECT at, actor, from_state, to_state, deadline, remark "
                           "FROM notice_events WHERE notice_id = ?1 AND to_state <> '"
                           XJ_NOTICE_ESCALATION_EVENT "' ORDER BY at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, notice_id);
  return collect (store, stmt, read_event, (GDestroyNotify) xj_notice_event_free, error);
}

static gpointer
read_audit (sqlite3_stmt *stmt)
{
  XjAuditEntry *entry = g_new0 (XjAuditEntry, 1);

  entry->at = sqlite3_column_int64 (stmt, 0);
  entry->actor = xj_store_column_dup_or_empty (stmt, 1);
  entry->action = xj_store_column_dup_or_empty (stmt, 2);
  entry->detail = xj_store_column_dup_or_empty (stmt, 3);
  return entry;
}

/**
 * xj_store_list_audit:
 * @entity: "notice", "site", "inspection" …
 *
 * Returns: (transfer full) (element-type XjAuditEntry): the audit entries
 * of one record, oldest first.
 */
GPtrArray *
xj_store_list_audit (XjStore     *store,
                     const char  *entity,
                     gint64       entity_id,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  stmt = xj_store_prepare (store,
                           "SELECT at, actor, action, detail FROM audit_log "
                           "WHERE entity = ?1 AND entity_id = ?2 ORDER BY at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  return collect (store, stmt, read_audit, (GDestroyNotify) xj_audit_entry_free, error);
}


