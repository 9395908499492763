/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a sync brought that the member should hear of: notices issued by
 * colleagues.  Liaisons, managers and administrators follow every notice;
 * an inspector follows the notices raised on their own inspections.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <sqlite3.h>

#include "xj-team-news.h"

void
xj_team_arrival_free (XjTeamArrival *arrival)
{
  if (arrival == NULL)
    return;
  g_free (arrival->number);
  g_free (arrival->site);
  g_free (arrival);
}

/* The newest notice here before a sync: those after it came with it. */
gint64
xj_team_get_last_notice_id (XjStore  *store,
                            GError  **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT coalesce(max(id), 0) FROM notices", error);
  gint64 last = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  if (!xj_store_step_done (store, stmt, error))
    return -1;
  return last;
}

/**
 * xj_team_list_arrived_notices:
 *
 * Returns: (transfer full) (element-type XjTeamArrival): the notices after
 *   @after_id, issued (not drafts), that this member follows, oldest first
 */
GPtrArray *
xj_team_list_arrived_notices (XjStore  *store,
                              gint64    after_id,
                              GError  **error)
{
  g_autoptr(GPtrArray) arrived = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_team_arrival_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT n.id, n.number, s.name FROM notices n"
                           " JOIN sites s ON s.id = n.site_id"
                           " LEFT JOIN inspections i ON i.id = n.inspection_id"
                           " WHERE n.id > ?1 AND n.state <> 'draft'"
                           " AND ((SELECT value FROM team_settings WHERE key = 'role')"
                           "        IN ('liaison', 'manager', 'admin')"
                           "      OR (i.id IS NOT NULL AND (i.owner IS NULL OR i.owner ="
                           "          (SELECT value FROM team_settings WHERE key = 'user'))))"
                           " ORDER BY n.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjTeamArrival *arrival = g_new0 (XjTeamArrival, 1);

      arrival->id = sqlite3_column_int64 (stmt, 0);
      arrival->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      arrival->site = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (arrived, arrival);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, "notices");
      return NULL;
    }
  return g_steal_pointer (&arrived);
}
