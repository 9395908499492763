/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Questions asked across inspections: the same items' earlier answers at
 * the same site ("last time: fail, 3 weeks ago", repeat findings), the
 * team's frequent remarks, the stopwatches still running.
 */
#define G_LOG_DOMAIN "xj-inspection"

#include "config.h"

#include "xj-inspection.h"
#include "xj-inspection-private.h"

/* How far back previous answers are looked for (newest first). */
#define PREVIOUS_ANSWERS_ROWS 5000

/**
 * xj_store_load_previous_answers:
 *
 * The latest earlier answer of each item (by item key) at the same site
 * with the same checklist, for "last time: fail, 3 weeks ago".
 * Returns: (transfer full) (element-type utf8 XjPreviousAnswer)
 */
GHashTable *
xj_store_load_previous_answers (XjStore  *store,
                                gint64    inspection_id,
                                GError  **error)
{
  g_autoptr(GHashTable) previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) xj_previous_answer_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT t.item_key, a.value, a.outcome, a.answered_at, p.id "
                           "FROM inspections cur "
                           "JOIN template_versions cv ON cv.id = cur.version_id "
                           /* Earlier inspections of a site merged into this one count. */
                           "JOIN inspections p ON " XJ_SITE_IN ("p.site_id", "cur.site_id")
                           "  AND p.started_at <= cur.started_at AND p.id <> cur.id "
                           "JOIN template_versions pv ON pv.id = p.version_id "
                           "  AND pv.template_id = cv.template_id "
                           "JOIN answers a ON a.inspection_id = p.id "
                           "  AND a.outcome NOT IN ('unanswered') "
                           "JOIN template_items t ON t.id = a.item_id "
                           "WHERE cur.id = ?1 ORDER BY p.started_at DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_int (stmt, 2, PREVIOUS_ANSWERS_ROWS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *outcome = (const char *) sqlite3_column_text (stmt, 2);
      XjPreviousAnswer *answer;

      /* Newest first: the first row of a key is its last answer; later
       * rows may still hold its last failure. */
      answer = g_hash_table_lookup (previous, key);
      if (answer == NULL)
        {
          answer = g_new0 (XjPreviousAnswer, 1);
          answer->value = xj_store_column_dup (stmt, 1);
          answer->outcome = _xj_inspection_outcome_from_string (outcome);
          answer->answered_at = sqlite3_column_int64 (stmt, 3);
          answer->inspection_id = sqlite3_column_int64 (stmt, 4);
          g_hash_table_insert (previous, g_strdup (key), answer);
        }
      if (answer->failed_at == 0 && _xj_inspection_outcome_from_string (outcome) == XJ_OUTCOME_FAIL)
        answer->failed_at = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _xj_inspection_sqlite_failed (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&previous);
}

/* --- frequent remarks ----------------------------------------------------- */

/**
 * xj_store_list_frequent_remarks:
 *
 * Returns: (transfer full) (element-type utf8): the team's remarks, most
 * used first.
 */
GPtrArray *
xj_store_list_frequent_remarks (XjStore  *store,
                                guint     limit,
                                GError  **error)
{
  g_autoptr(GPtrArray) remarks = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "SELECT text FROM frequent_remarks "
                                         "ORDER BY uses DESC, last_used DESC LIMIT ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (remarks, xj_store_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _xj_inspection_sqlite_failed (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&remarks);
}

gboolean
xj_store_forget_frequent_remark (XjStore     *store,
                                 const char  *text,
                                 GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "DELETE FROM frequent_remarks WHERE text = ?1",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  xj_store_emit_changed (store, "frequent_remarks");
  return TRUE;
}

/* Stopwatches running in drafts: quitting asks first. */
guint
xj_store_count_running_timers (XjStore  *store,
                               GError  **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), 0);

  stmt = xj_store_prepare (store,
                           "SELECT count(*) FROM answers a JOIN inspections i "
                           "ON i.id = a.inspection_id WHERE a.timer_started_ms IS NOT NULL "
                           "AND i.state = 'draft'", error);
  if (stmt == NULL)
    return 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    _xj_inspection_sqlite_failed (store, rc, error);
  return n;
}
