/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stored totals of each inspection the Overview adds up (schema v8:
 * inspection_totals, inspection_failures).  Triggers mark an inspection
 * stale when what it adds up may have changed; xj_overview_refresh_totals()
 * scores the stale ones with the one scoring rule (xj_inspection_score(),
 * against the checklist and against the same items regrouped by heat-map
 * category) and stores the result in the caller's transaction.
 */
#define G_LOG_DOMAIN "xj-overview"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-overview-private.h"
#include "xj-schedule-private.h"
#include "xj-schema-private.h"
#include "xj-scoring.h"
#include "xj-store-private.h"
#include "xj-template-store.h"
#include "xj-transaction.h"

typedef struct {
  gint64  id;
  gint64  version_id;
  gboolean gone;          /* deleted, or a draft again */
} Stale;

typedef struct {
  XjTemplate *tmpl;
  XjTemplate *by_category;
} Version;

static void
version_free (Version *version)
{
  g_clear_pointer (&version->tmpl, xj_template_free);
  g_clear_pointer (&version->by_category, xj_template_free);
  g_free (version);
}

static GArray *
read_stale (XjStore  *store,
            GError  **error)
{
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (Stale));
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT s.inspection_id, i.version_id, "
                           "i.id IS NULL OR i.state = 'draft' "
                           "FROM inspection_totals_stale s "
                           "LEFT JOIN inspections i ON i.id = s.inspection_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Stale entry = {
        .id = sqlite3_column_int64 (stmt, 0),
        .version_id = sqlite3_column_int64 (stmt, 1),
        .gone = sqlite3_column_int (stmt, 2) != 0,
      };

      g_array_append_val (stale, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _xj_overview_read_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&stale);
}

static Version *
get_version (XjStore     *store,
             GHashTable  *versions,
             gint64       version_id,
             GError     **error)
{
  Version *version = g_hash_table_lookup (versions, &version_id);
  XjTemplate *tmpl;

  if (version != NULL)
    return version;
  if ((tmpl = xj_store_load_template_version (store, version_id, error)) == NULL)
    return NULL;
  version = g_new0 (Version, 1);
  version->tmpl = tmpl;
  version->by_category = _xj_overview_regroup_by_category (tmpl);
  g_hash_table_insert (versions, g_memdup2 (&version_id, sizeof version_id), version);
  return version;
}

static gboolean
store_totals (XjStore  *store,
              gint64    inspection_id,
              Version  *version,
              GError  **error)
{
  g_autoptr(GHashTable) answers = xj_store_load_answers (store, inspection_id, error);
  g_autoptr(XjScore) score = NULL;
  g_autoptr(XjScore) by_category = NULL;
  sqlite3_stmt *stmt;

  if (answers == NULL)
    return FALSE;
  score = xj_inspection_score (version->tmpl, answers);
  by_category = xj_inspection_score (version->by_category, answers);
  stmt = xj_store_prepare (store,
                           "INSERT INTO inspection_totals SELECT started_at, id, site_id, kind, "
                           "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14 "
                           "FROM inspections WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_double (stmt, 2, score->earned);
  sqlite3_bind_double (stmt, 3, score->possible);
  sqlite3_bind_double (stmt, 4, score->failure_index);
  for (guint c = 0; c < XJ_OVERVIEW_N_CATEGORIES; c++)
    {
      const XjSectionScore *section = g_ptr_array_index (by_category->sections, c);

      sqlite3_bind_double (stmt, 5 + 2 * c, section->earned);
      sqlite3_bind_double (stmt, 6 + 2 * c, section->possible);
    }
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  /* The repeat findings count the failures as stored, as the answers
   * list shows them. */
  stmt = xj_store_prepare (store,
                           "INSERT INTO inspection_failures SELECT i.started_at, i.id, a.item_id, "
                           "i.site_id, i.kind, t.item_key FROM answers a "
                           "JOIN inspections i ON i.id = a.inspection_id "
                           "JOIN template_items t ON t.id = a.item_id "
                           "WHERE a.inspection_id = ?1 AND a.outcome = 'fail'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  return xj_store_step_done (store, stmt, error);
}

static gboolean
forget_stale (XjStore  *store,
              gint64    inspection_id,
              GError  **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "DELETE FROM inspection_totals_stale "
                                         "WHERE inspection_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  return xj_store_step_done (store, stmt, error);
}

/* The zone the monthly sums were added up in (NULL: none yet). */
gboolean
_xj_overview_read_months_zone (XjStore  *store,
                               char    **zone,
                               GError  **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT zone FROM overview_zone", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *zone = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || _xj_overview_read_error (store, rc, error);
}

/**
 * _xj_overview_refresh_months:
 *
 * The monthly sums of the stored totals and failures (schema v10) are
 * kept by triggers in the local time zone they were added up in; in
 * another one they are added up again (in the caller's transaction).
 */
gboolean
_xj_overview_refresh_months (XjStore  *store,
                             GError  **error)
{
  g_autofree char *zone = xj_clock_dup_zone_name ();
  g_autofree char *stored = NULL;
  sqlite3_stmt *stmt;

  if (!_xj_overview_read_months_zone (store, &stored, error))
    return FALSE;
  if (g_strcmp0 (stored, zone) == 0)
    return TRUE;
  g_debug ("overview: monthly sums added up again in %s (were in %s)", zone,
           stored != NULL ? stored : "none");
  if (!xj_store_exec (store, _xj_schema_months_rebuild, error)
      || !xj_store_exec (store, "DELETE FROM overview_zone", error)
      || (stmt = xj_store_prepare (store, "INSERT INTO overview_zone (zone) VALUES (?1)",
                                   error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, zone, -1, SQLITE_STATIC);
  return xj_store_step_done (store, stmt, error);
}

/**
 * xj_overview_refresh_totals:
 *
 * Scores every inspection marked stale and stores its totals and
 * failures, and the outcomes of the schedules marked stale
 * (_xj_schedule_outcomes_refresh()), in the caller's transaction if there
 * is one.  Cheap when nothing is stale (two lookups).
 */
gboolean
xj_overview_refresh_totals (XjStore  *store,
                            GError  **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(GArray) stale = NULL;
  g_autoptr(GHashTable) versions = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if ((tx = xj_transaction_begin (store, error)) == NULL
      || (stale = read_stale (store, error)) == NULL)
    return FALSE;
  versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) version_free);
  for (guint i = 0; i < stale->len; i++)
    {
      const Stale *entry = &g_array_index (stale, Stale, i);
      Version *version = NULL;

      if (!entry->gone
          && ((version = get_version (store, versions, entry->version_id, error)) == NULL
              || !store_totals (store, entry->id, version, error)))
        return FALSE;
      if (!forget_stale (store, entry->id, error))
        return FALSE;
    }
  /* Schedule compliance too (schema v10): an inspection that changed may
   * do an occurrence, or no longer. */
  return _xj_schedule_outcomes_refresh (store, error)
         && _xj_overview_refresh_months (store, error)
         && xj_transaction_commit (tx, error);
}
