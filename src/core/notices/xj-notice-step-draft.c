/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is typed in a notice step's dialog, written as it is typed (schema
 * v14, notice_step_drafts): a remark is never lost to a crash before the
 * step is taken.  One row per notice and step; a short write or a one-row
 * read, on the main thread like the runner's remarks.
 */
#define G_LOG_DOMAIN "xj-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-notice-lifecycle.h"
#include "xj-store-private.h"
#include "xj-text.h"

/**
 * xj_store_save_notice_step_draft:
 * @step: the step's word: acknowledge, rectify, accept, reject, escalate
 *   or discard
 * @remark: (nullable): the text as it stands; blank deletes the draft
 *
 * Keeps what is typed in a notice step until the step is taken (which
 * deletes the notice's drafts) or the dialog is closed on purpose.
 */
gboolean
xj_store_save_notice_step_draft (XjStore     *store,
                                 gint64       notice_id,
                                 const char  *step,
                                 const char  *remark,
                                 GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  gboolean blank = xj_text_is_blank (remark);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  stmt = xj_store_prepare (store, blank
                           ? "DELETE FROM notice_step_drafts WHERE notice_id = ?1 AND step = ?2"
                           : "INSERT INTO notice_step_drafts (notice_id, step, remark, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (notice_id, step) DO UPDATE "
                             "SET remark = excluded.remark, updated_at = excluded.updated_at",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice_id);
  sqlite3_bind_text (stmt, 2, step, -1, SQLITE_STATIC);
  if (!blank)
    {
      sqlite3_bind_text (stmt, 3, remark, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, xj_clock_now ());
    }
  return xj_store_step_done (store, stmt, error) && xj_transaction_commit (tx, error);
}

/**
 * xj_store_dup_notice_step_draft:
 *
 * Returns: (transfer full) (nullable): the remark kept for @step of the
 * notice, or %NULL (with @error unset when there is none)
 */
char *
xj_store_dup_notice_step_draft (XjStore     *store,
                                gint64       notice_id,
                                const char  *step,
                                GError     **error)
{
  g_autofree char *remark = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (step != NULL, NULL);

  stmt = xj_store_prepare (store, "SELECT remark FROM notice_step_drafts "
                                  "WHERE notice_id = ?1 AND step = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, notice_id);
  sqlite3_bind_text (stmt, 2, step, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    remark = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                 _("Could not read what was typed for the notice"));
      return NULL;
    }
  return g_steal_pointer (&remark);
}
