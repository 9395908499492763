/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps a notice's transactions share: reading the notice as the
 * transaction finds it, checking a required text, setting the escalation
 * flag.  The lifecycle (xj-notice-lifecycle.c) and the escalation
 * (xj-notice-escalation.c) both call these; neither calls the other.
 */
#define G_LOG_DOMAIN "xj-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-notice-lifecycle.h"
#include "xj-notice-private.h"

void
_xj_notice_current_clear (XjNoticeCurrent *current)
{
  g_clear_pointer (&current->number, g_free);
  g_clear_pointer (&current->project_manager, g_free);
}

static gboolean
read_current (XjStore          *store,
              gint64            notice_id,
              XjNoticeCurrent  *current,
              GError          **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "SELECT " XJ_FULL_NUMBER ("n.") ", n.state, n.deadline, n.severity, "
                                         "s.project_manager, n.type FROM notices n "
                                         "JOIN sites s ON s.id = n.site_id WHERE n.id = ?1",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      current->id = notice_id;
      current->number = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      xj_notice_state_from_string ((const char *) sqlite3_column_text (stmt, 1), &current->state);
      current->deadline = sqlite3_column_int64 (stmt, 2);
      xj_notice_severity_from_string ((const char *) sqlite3_column_text (stmt, 3),
                                      &current->severity);
      current->project_manager = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      xj_notice_type_from_string ((const char *) sqlite3_column_text (stmt, 5), &current->type);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_NOT_FOUND,
                 _("There is no notice with ID %lld."), (long long) notice_id);
  else if (rc != SQLITE_ROW)
    xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read notices"));
  return rc == SQLITE_ROW;
}

/* Opens the transaction of a change of a notice (a step, an edit of the
 * draft, an escalation) and reads the notice as it finds it; on failure
 * nothing is left open. */
XjTransaction *
_xj_notice_begin (XjStore          *store,
                  gint64            notice_id,
                  XjNoticeCurrent  *current,
                  GError          **error)
{
  g_autoptr(XjTransaction) tx = xj_transaction_begin (store, error);

  if (tx == NULL || !read_current (store, notice_id, current, error))
    return NULL;
  return g_steal_pointer (&tx);
}

gboolean
_xj_notice_require_text (const char  *text,
                         const char  *message,
                         GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*trimmed != '\0')
    return TRUE;
  g_set_error_literal (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID, message);
  return FALSE;
}

/* @notice: its id, number and project manager are read */
gboolean
_xj_notice_escalate (XjStore                *store,
                     const XjNoticeCurrent  *notice,
                     const char             *reason,
                     gint64                  now,
                     const char             *actor,
                     gboolean               *escalated,
                     GError                **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "UPDATE notices SET escalated = 1, escalated_at = ?2, "
                                         "escalation_reason = ?3, updated_at = ?2 "
                                         "WHERE id = ?1 AND escalated = 0", error);
  g_autofree char *detail = NULL;

  *escalated = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice->id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (xj_store_get_db (store)) == 0)
    return TRUE;

  *escalated = TRUE;
  /* The escalation is an event of the notice too, so that two laptops
   * that escalate it offline fold to one escalation (xj-team-fold.c).  It
   * starts from the state it was made in (a safety hazard's, at its issue:
   * issued), and leaves the state as it is. */
  stmt = xj_store_prepare (store, "INSERT INTO notice_events (notice_id, at, actor, from_state,"
                           " to_state, deadline, remark) SELECT id, ?2, ?3, CASE state"
                           " WHEN 'draft' THEN 'issued' ELSE state END, '"
                           XJ_NOTICE_ESCALATION_EVENT "', deadline, ?4 FROM notices WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice->id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, actor != NULL ? actor : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, reason, -1, SQLITE_TRANSIENT);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  detail = g_strdup_printf ("%s: %s → %s", notice->number, reason, notice->project_manager);
  return xj_store_audit (store, actor, "notice", notice->id, "escalate", detail, error);
}
