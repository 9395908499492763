/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Skipping an occurrence (with its reason, kept) and the items a random
 * spot check asks for.
 */
#define G_LOG_DOMAIN "xj-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-schedule-private.h"
#include "xj-transaction.h"

/**
 * xj_schedule_skip:
 * @occurrence_at: the occurrence's planned time (XjOccurrence.at)
 * @reason: why; required, and kept with the skip
 *
 * Marks one occurrence as not owed.  Skipping again replaces the reason.
 */
gboolean
xj_schedule_skip (XjStore     *store,
                  gint64       schedule_id,
                  gint64       occurrence_at,
                  const char  *reason,
                  const char  *who,
                  GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(XjSchedule) schedule = NULL;
  g_autoptr(GArray) planned = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  g_autofree char *when = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_REASON_EMPTY,
                           _("Say why this inspection is skipped."));
      return FALSE;
    }
  schedule = xj_store_get_schedule (store, schedule_id, error);
  if (schedule == NULL)
    return FALSE;
  planned = xj_schedule_plan (schedule, occurrence_at, occurrence_at + 1);
  when = xj_format_iso8601 (occurrence_at);
  if (planned->len == 0)
    {
      g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_NO_OCCURRENCE,
                   _("The schedule has no inspection planned at %s."), when);
      return FALSE;
    }

  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  stmt = xj_store_prepare (store,
                           "INSERT OR REPLACE INTO schedule_skips (schedule_id, occurrence_at, "
                           "reason, skipped_by, skipped_at) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, schedule_id);
  sqlite3_bind_int64 (stmt, 2, occurrence_at);
  sqlite3_bind_text (stmt, 3, trimmed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, who != NULL ? who : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, xj_clock_now ());
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  detail = g_strdup_printf ("%s: %s", when, trimmed);
  return _xj_schedule_finish_change (store, tx, who, schedule_id, "skip", detail, error);
}

