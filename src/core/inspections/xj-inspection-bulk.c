/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Completed inspections of the past written in bulk, for years of demo
 * history large enough to measure what grows with the data: prepared
 * statements in few transactions, with synchronous = OFF for the duration
 * (demo data that a crash would lose is simply made again).  Not for
 * anything a person enters: that goes through xj_store_set_answer() and
 * xj_store_complete_inspection().
 */
#define G_LOG_DOMAIN "xj-inspection"

#include "config.h"

#include <math.h>

#include "xj-inspection-bulk.h"

#define ROWS_PER_TRANSACTION 20000

struct _XjInspectionBulk {
  XjStore      *store;
  sqlite3_stmt *insert_inspection;
  sqlite3_stmt *insert_answer;
  guint         pending;
  gboolean      open;          /* a transaction is open */
};

/**
 * xj_store_is_empty:
 * @empty: (out): set to whether the store holds no site and no inspection
 *
 * Returns: %FALSE with @error set when the store could not be read.
 */
gboolean
xj_store_is_empty (XjStore   *store,
                   gboolean  *empty,
                   GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  stmt = xj_store_prepare (store,
                           "SELECT (SELECT count(*) FROM sites) + "
                           "(SELECT count(*) FROM inspections)", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, "demo");
    }
  *empty = sqlite3_column_int64 (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * xj_inspection_bulk_begin:
 *
 * Starts writing in bulk on @store: nothing else may use the store until
 * xj_inspection_bulk_commit() or xj_inspection_bulk_free() (which rolls
 * back what was not committed).
 * Returns: (transfer full): the writer, or %NULL with @error set.
 */
XjInspectionBulk *
xj_inspection_bulk_begin (XjStore  *store,
                          GError  **error)
{
  g_autoptr(XjInspectionBulk) bulk = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  bulk = g_new0 (XjInspectionBulk, 1);
  bulk->store = g_object_ref (store);
  bulk->insert_inspection = xj_store_prepare (store,
                                              "INSERT INTO inspections (site_id, version_id, kind, "
                                              "state, inspector, rep_name, rep_company, schedule_id, "
                                              "occurrence_at, started_at, completed_at, score, grade, "
                                              "failure_index, critical_failed, updated_at) VALUES "
                                              "(?1, ?2, ?3, 'completed', ?12, ?13, ?14, "
                                              "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?7)", error);
  if (bulk->insert_inspection == NULL)
    return NULL;
  bulk->insert_answer = xj_store_prepare (store,
                                          "INSERT INTO answers (inspection_id, item_id, value, "
                                          "outcome, remark, answered_at) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (bulk->insert_answer == NULL
      || !xj_store_exec (store, "PRAGMA synchronous = OFF", error)
      || !xj_store_exec (store, "BEGIN", error))
    return NULL;
  bulk->open = TRUE;
  return g_steal_pointer (&bulk);
}

static gboolean
flush_if_needed (XjInspectionBulk  *bulk,
                 GError           **error)
{
  if (bulk->pending < ROWS_PER_TRANSACTION)
    return TRUE;
  bulk->pending = 0;
  bulk->open = FALSE;
  if (!xj_store_exec (bulk->store, "COMMIT", error) || !xj_store_exec (bulk->store, "BEGIN", error))
    return FALSE;
  bulk->open = TRUE;
  return TRUE;
}

static gboolean
step (XjInspectionBulk  *bulk,
      sqlite3_stmt      *stmt,
      GError           **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, xj_store_get_db (bulk->store), rc, "demo");
  bulk->pending++;
  return TRUE;
}

/**
 * xj_inspection_bulk_add:
 * @answers: (array length=n_answers): its answers
 *
 * Returns: the new inspection's id, or 0 with @error set.
 */
gint64
xj_inspection_bulk_add (XjInspectionBulk        *bulk,
                        const XjPastInspection  *inspection,
                        const XjPastAnswer      *answers,
                        guint                    n_answers,
                        GError                 **error)
{
  sqlite3_stmt *stmt = bulk->insert_inspection;
  const XjScore *score = inspection->score;
  gint64 inspection_id;

  g_return_val_if_fail (bulk != NULL && bulk->open, 0);

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, inspection->site_id);
  sqlite3_bind_int64 (stmt, 2, inspection->version_id);
  sqlite3_bind_text (stmt, 3, inspection->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, inspection->schedule_id);
  sqlite3_bind_int64 (stmt, 5, inspection->occurrence_at);
  sqlite3_bind_int64 (stmt, 6, inspection->started_at);
  sqlite3_bind_int64 (stmt, 7, inspection->completed_at);
  if (score->has_score)
    sqlite3_bind_double (stmt, 8, round (score->score * 10) / 10);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_text (stmt, 9, xj_grade_to_string (score->grade), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 10, score->failure_index);
  sqlite3_bind_int (stmt, 11, score->critical_failed ? 1 : 0);
  sqlite3_bind_text (stmt, 12, inspection->inspector, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, inspection->rep_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, inspection->rep_company, -1, SQLITE_TRANSIENT);
  if (!step (bulk, stmt, error))
    return 0;
  inspection_id = sqlite3_last_insert_rowid (xj_store_get_db (bulk->store));

  stmt = bulk->insert_answer;
  for (guint i = 0; i < n_answers; i++)
    {
      const XjPastAnswer *answer = &answers[i];

      sqlite3_bind_int64 (stmt, 1, inspection_id);
      sqlite3_bind_int64 (stmt, 2, answer->item_id);
      sqlite3_bind_text (stmt, 3, answer->value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, xj_outcome_to_string (answer->outcome), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, answer->remark, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, answer->answered_at);
      if (!step (bulk, stmt, error))
        return 0;
    }
  return flush_if_needed (bulk, error) ? inspection_id : 0;
}

/**
 * xj_inspection_bulk_commit:
 *
 * Commits what was added.  The writer is done either way: free it.
 */
gboolean
xj_inspection_bulk_commit (XjInspectionBulk  *bulk,
                           GError           **error)
{
  g_return_val_if_fail (bulk != NULL && bulk->open, FALSE);

  bulk->open = FALSE;
  return xj_store_exec (bulk->store, "COMMIT", error);
}

void
xj_inspection_bulk_free (XjInspectionBulk *bulk)
{
  if (bulk == NULL)
    return;
  if (bulk->open)
    xj_store_exec (bulk->store, "ROLLBACK", NULL);
  if (bulk->insert_inspection != NULL)
    sqlite3_reset (bulk->insert_inspection);
  if (bulk->insert_answer != NULL)
    sqlite3_reset (bulk->insert_answer);
  xj_store_exec (bulk->store, "PRAGMA synchronous = FULL", NULL);
  g_object_unref (bulk->store);
  g_free (bulk);
}
