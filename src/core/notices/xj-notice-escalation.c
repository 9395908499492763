/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Escalation to the site's project manager: a flag on the notice, not a
 * state.  Open notices (issued or acknowledged) that are overdue or safety
 * hazards are escalated by the rules; a safety hazard at once when it is
 * issued (xj-notice-lifecycle.c), the rest when xj_notices_escalate_due()
 * runs (at start-up and hourly, with the reminders).  A liaison may also
 * escalate a notice by hand, with a reason in words.
 */
#define G_LOG_DOMAIN "xj-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-private.h"
#include "xj-transaction.h"

static void
current_free (gpointer data)
{
  _xj_notice_current_clear (data);
  g_free (data);
}

/**
 * xj_store_escalate_notice:
 * @reason: why, in the liaison's words
 *
 * Escalates an issued, acknowledged or rectified notice by hand.  A notice
 * already escalated stays as it was (its first reason is kept).
 */
gboolean
xj_store_escalate_notice (XjStore     *store,
                          gint64       notice_id,
                          const char  *reason,
                          const char  *actor,
                          GError     **error)
{
  g_auto(XjNoticeCurrent) current = { 0 };
  g_autoptr(XjTransaction) tx = NULL;
  gboolean escalated = FALSE;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if (!_xj_notice_require_text (reason, _("Say why the notice is escalated."), error)
      || (tx = _xj_notice_begin (store, notice_id, &current, error)) == NULL)
    return FALSE;
  if (current.state == XJ_NOTICE_STATE_DRAFT || current.state == XJ_NOTICE_STATE_VERIFIED
      || current.state == XJ_NOTICE_STATE_CLOSED)
    {
      g_set_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_ILLEGAL_TRANSITION,
                   _("Notice %s is %s; only an issued notice still open can be escalated."),
                   current.number, xj_notice_state_get_label (current.state));
      return FALSE;
    }
  if (!_xj_notice_escalate (store, &current, reason, xj_clock_now (), actor, &escalated, error)
      || !xj_transaction_commit (tx, error))
    return FALSE;
  if (escalated)
    xj_store_emit_changed (store, "notices");
  return TRUE;
}

/**
 * xj_notices_escalate_due:
 * @now: the time the rules are applied at
 * @n_escalated: (out) (optional): how many were escalated now
 *
 * Applies the escalation rules to every open (issued or acknowledged)
 * notice: an overdue one or a safety hazard is escalated to the site's
 * project manager.  Idempotent: an escalated notice is left alone.
 */
gboolean
xj_notices_escalate_due (XjStore   *store,
                         gint64     now,
                         guint     *n_escalated,
                         GError   **error)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (current_free);
  g_autoptr(XjTransaction) tx = NULL;
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  stmt = xj_store_prepare (store,
                           "SELECT n.id, " XJ_FULL_NUMBER ("n.") ", s.project_manager, n.severity = 'safety' "
                           "FROM notices n JOIN sites s ON s.id = n.site_id "
                           "WHERE n.state IN ('issued', 'acknowledged') AND n.escalated = 0 "
                           "AND (n.deadline < ?1 OR n.severity = 'safety') ORDER BY n.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  /* Collected first: the rows are updated below, not while stepping. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjNoticeCurrent *row = g_new0 (XjNoticeCurrent, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->project_manager = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->severity = sqlite3_column_int (stmt, 3) ? XJ_NOTICE_SEVERITY_SAFETY
                                                   : XJ_NOTICE_SEVERITY_NORMAL;
      g_ptr_array_add (due, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read notices"));
      return FALSE;
    }

  for (guint i = 0; i < due->len; i++)
    {
      XjNoticeCurrent *row = g_ptr_array_index (due, i);
      /* A safety hazard is escalated for what it is, even once late. */
      const char *reason = row->severity == XJ_NOTICE_SEVERITY_SAFETY ? "safety" : "overdue";
      gboolean escalated = FALSE;
      gboolean ok;

      ok = _xj_notice_escalate (store, row, reason, now, NULL, &escalated, error);
      if (escalated)
        count++;
      if (!ok)
        return FALSE;
    }
  if (!xj_transaction_commit (tx, error))
    return FALSE;

  if (count > 0)
    xj_store_emit_changed (store, "notices");
  if (n_escalated != NULL)
    *n_escalated = count;
  return TRUE;
}
