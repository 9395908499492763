/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The notices board: lists with filters, counts per state, the project
 * manager's escalated list (a filter) and the reminders.  Overdue and
 * "due within 24 h" follow the rules of xj-notice-deadline.c.
 */
#define G_LOG_DOMAIN "xj-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-notice-private.h"
#include "xj-notice-store.h"

/* The project manager's list: escalated and not yet closed out.  The
 * board's count and its filter both use this one rule. */
#define ESCALATED_NOW "(n.escalated = 1 AND n.state <> 'closed')"

/* Every board filter in one statement, each test switched off by its
 * "any" value, so that the SQL stays constant and prepared once. */
#define FILTER_WHERE                                                          \
  "WHERE (?1 = 0 OR n.site_id = ?1) AND (?2 IS NULL OR n.type = ?2) "          \
  "AND (?3 IS NULL OR n.state = ?3) AND (?4 IS NULL OR n.responsible_party = ?4) " \
  "AND (?5 IS NULL OR n.severity = ?5) "                                       \
  "AND (?6 = 0 OR (n.state IN " XJ_NOTICE_OPEN_STATES " AND n.deadline < ?9)) " \
  "AND (?7 = 0 OR (n.state IN " XJ_NOTICE_OPEN_STATES                          \
  "  AND n.deadline >= ?10 AND n.deadline < ?11)) "                            \
  "AND (?8 = 0 OR " ESCALATED_NOW ") "                                          \
  "AND (?13 IS NULL OR n.site_id IN (SELECT value FROM json_each(?13))) "

void
xj_notice_filter_init (XjNoticeFilter *filter)
{
  g_return_if_fail (filter != NULL);

  *filter = (XjNoticeFilter) { .site_id = 0, .type = -1, .state = -1, .party = -1,
                               .severity = -1 };
}

/* Monday 00:00 to the next Monday 00:00 around @now, in the local zone. */
static void
local_week (gint64  now,
            gint64 *start,
            gint64 *end)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) midnight =
    g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                           g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) monday =
    g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (local));
  g_autoptr(GDateTime) next_monday = g_date_time_add_days (monday, 7);

  *start = g_date_time_to_unix (monday);
  *end = g_date_time_to_unix (next_monday);
}

static void
bind_filter (sqlite3_stmt         *stmt,
             const XjNoticeFilter *filter,
             gboolean              with_state,
             gint64                now)
{
  gint64 week_start, week_end;

  local_week (now, &week_start, &week_end);
  sqlite3_bind_int64 (stmt, 1, filter->site_id);
  if (filter->type >= 0)
    sqlite3_bind_text (stmt, 2, xj_notice_type_to_string (filter->type), -1, SQLITE_STATIC);
  if (with_state && filter->state >= 0)
    sqlite3_bind_text (stmt, 3, xj_notice_state_to_string (filter->state), -1, SQLITE_STATIC);
  if (filter->party >= 0)
    sqlite3_bind_text (stmt, 4, xj_responsible_party_to_string (filter->party), -1,
                       SQLITE_STATIC);
  if (filter->severity >= 0)
    sqlite3_bind_text (stmt, 5, xj_notice_severity_to_string (filter->severity), -1,
                       SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, filter->overdue ? 1 : 0);
  sqlite3_bind_int (stmt, 7, filter->due_this_week ? 1 : 0);
  sqlite3_bind_int (stmt, 8, filter->escalated ? 1 : 0);
  sqlite3_bind_int64 (stmt, 9, now);
  sqlite3_bind_int64 (stmt, 10, week_start);
  sqlite3_bind_int64 (stmt, 11, week_end);
  if (filter->n_site_ids > 0)
    {
      GString *json = g_string_new ("[");

      for (guint i = 0; i < filter->n_site_ids; i++)
        g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                                filter->site_ids[i]);
      g_string_append_c (json, ']');
      sqlite3_bind_text (stmt, 13, g_string_free (json, FALSE), -1, g_free);
    }
}

/**
 * xj_store_list_notices:
 * @filter: (nullable): %NULL for every notice
 * @now: the time "overdue" and "this week" are measured at
 *
 * Returns: (transfer full) (element-type XjNotice): the notices, earliest
 * deadline first, without their findings and photos (see
 * xj_store_get_notice()).
 */
GPtrArray *
xj_store_list_notices (XjStore               *store,
                       const XjNoticeFilter  *filter,
                       gint64                 now,
                       GError               **error)
{
  XjNoticeFilter any;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  if (filter == NULL)
    {
      xj_notice_filter_init (&any);
      filter = &any;
    }
  stmt = xj_store_prepare (store,
                           "SELECT " XJ_NOTICE_COLUMNS FILTER_WHERE
                           "ORDER BY n.deadline IS NULL, n.deadline, n.id", error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter, TRUE, now);
  return _xj_notice_collect (store, stmt, error);
}

/**
 * xj_store_count_notices:
 * @filter: (nullable): the board's filters; its state is ignored, since
 *   the counts are per state
 *
 * The numbers on the board's columns and badges.
 */
gboolean
xj_store_count_notices (XjStore               *store,
                        const XjNoticeFilter  *filter,
                        gint64                 now,
                        XjNoticeCounts        *counts,
                        GError               **error)
{
  XjNoticeFilter any;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  if (filter == NULL)
    {
      xj_notice_filter_init (&any);
      filter = &any;
    }
  *counts = (XjNoticeCounts) { 0 };
  stmt = xj_store_prepare (store,
                           "SELECT n.state, count(*), "
                           "total(n.state IN " XJ_NOTICE_OPEN_STATES " AND n.deadline < ?9), "
                           "total(n.state IN " XJ_NOTICE_OPEN_STATES
                           "  AND n.deadline >= ?9 "
                           "  AND n.deadline <= ?9 + ?12), "
                           "total(" ESCALATED_NOW ") FROM notices n " FILTER_WHERE
                           "GROUP BY n.state", error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, filter, FALSE, now);
  sqlite3_bind_int64 (stmt, 12, XJ_NOTICE_DUE_SOON_SECONDS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjNoticeState state;
      guint n = (guint) sqlite3_column_int64 (stmt, 1);

      if (!xj_notice_state_from_string ((const char *) sqlite3_column_text (stmt, 0), &state))
        continue;
      counts->by_state[state] = n;
      counts->total += n;
      counts->overdue += (guint) sqlite3_column_int64 (stmt, 2);
      counts->due_soon += (guint) sqlite3_column_int64 (stmt, 3);
      counts->escalated += (guint) sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _xj_notice_read_error (store, rc, error);
  return TRUE;
}

/**
 * xj_store_list_notice_reminders:
 * @since: when the previous reminders were posted (0 at the first start)
 * @due_soon: (out) (transfer full): open notices due within 24 h of @now
 * @newly_overdue: (out) (transfer full): open notices whose deadline passed
 *   after @since and by @now, i.e. that became overdue in between
 *
 * What the hourly reminder posts.  Both lists use the rules of
 * xj-notice-deadline.c, so a deadline is in exactly one of them across two
 * consecutive calls.
 */
gboolean
xj_store_list_notice_reminders (XjStore     *store,
                                gint64       since,
                                gint64       now,
                                GPtrArray  **due_soon,
                                GPtrArray  **newly_overdue,
                                GError     **error)
{
  g_autoptr(GPtrArray) soon = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  const char *sql = "SELECT " XJ_NOTICE_COLUMNS
                    "WHERE n.state IN " XJ_NOTICE_OPEN_STATES
                    " AND n.deadline BETWEEN ?1 AND ?2 ORDER BY n.deadline, n.id";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (due_soon != NULL && newly_overdue != NULL, FALSE);

  if ((stmt = xj_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, now + XJ_NOTICE_DUE_SOON_SECONDS);
  if ((soon = _xj_notice_collect (store, stmt, error)) == NULL)
    return FALSE;

  if ((stmt = xj_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, now - 1);
  if ((overdue = _xj_notice_collect (store, stmt, error)) == NULL)
    return FALSE;

  *due_soon = g_steal_pointer (&soon);
  *newly_overdue = g_steal_pointer (&overdue);
  return TRUE;
}
