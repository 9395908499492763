/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a sync brought that the member should hear of: notices issued by
 * colleagues.  Notices are addressed to the member's role: liaisons,
 * managers and administrators, whose work they are, hear of every notice;
 * an inspector of the notices raised on their own inspections.  Whoever
 * follows a site (the UI keeps the followed sites' UUIDs, per user) also
 * hears of every notice raised on it.
 *
 * The same members hear of what happens to those notices afterwards: a
 * step someone else made (acknowledged, rectified, verified, closed, sent
 * back) or an escalation, that came with the sync.  The steps are those
 * taken in after the last one here before the sync, by someone other than
 * the member (their own steps, from another laptop too, are no news), and
 * not waiting to be sent from here.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <json-glib/json-glib.h>
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

/* A notice n (sites s, inspections i joined) addressed to this member's
 * role, or on a site in the JSON array ?2 of followed sites. */
#define CONCERNS_MEMBER \
  "((SELECT value FROM team_settings WHERE key = 'role') IN ('liaison', 'manager', 'admin')" \
  "  OR (i.id IS NOT NULL AND (i.owner IS NULL OR i.owner =" \
  "      (SELECT value FROM team_settings WHERE key = 'user')))" \
  "  OR s.uuid IN (SELECT value FROM json_each(?2)))"

struct _XjTeamNoticeWatch
{
  gint64      last_event;   /* the newest step here */
  GHashTable *escalated;    /* ids of the notices escalated already */
};

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

/* The UUIDs as a JSON array, for json_each(). */
static char *
uuids_json (const char *const *uuids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; uuids != NULL && uuids[i] != NULL; i++)
    json_builder_add_string_value (builder, uuids[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * xj_team_list_arrived_notices:
 * @followed: (nullable) (array zero-terminated=1): UUIDs of the sites the
 *   member follows
 *
 * Returns: (transfer full) (element-type XjTeamArrival): the notices after
 *   @after_id, issued (not drafts), addressed to this member's role or
 *   raised on a site they follow, oldest first
 */
GPtrArray *
xj_team_list_arrived_notices (XjStore            *store,
                              gint64              after_id,
                              const char *const  *followed,
                              GError            **error)
{
  g_autoptr(GPtrArray) arrived = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_team_arrival_free);
  g_autofree char *sites = uuids_json (followed);
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT n.id, n.number, s.name,"
                           "  s.uuid IN (SELECT value FROM json_each(?2)) FROM notices n"
                           " JOIN sites s ON s.id = n.site_id"
                           " LEFT JOIN inspections i ON i.id = n.inspection_id"
                           " WHERE n.id > ?1 AND n.state <> 'draft' AND " CONCERNS_MEMBER
                           " ORDER BY n.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_text (stmt, 2, sites, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjTeamArrival *arrival = g_new0 (XjTeamArrival, 1);

      arrival->id = sqlite3_column_int64 (stmt, 0);
      arrival->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      arrival->site = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      arrival->followed = sqlite3_column_int (stmt, 3) != 0;
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

/* Returns: (transfer full) (nullable): the site's UUID (what travels and
 *   what a follow is kept by), NULL with @error when there is none */
char *
xj_team_dup_site_uuid (XjStore  *store,
                       gint64    site_id,
                       GError  **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT uuid FROM sites WHERE id = ?1", error);
  g_autofree char *uuid = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, site_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (!xj_store_step_done (store, stmt, error))
    return NULL;
  if (uuid == NULL)
    g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_NOT_FOUND, "site %" G_GINT64_FORMAT,
                 site_id);
  return g_steal_pointer (&uuid);
}

/**
 * xj_team_list_followed_sites:
 * @followed: (nullable) (array zero-terminated=1): UUIDs of followed sites
 *
 * Returns: (transfer full): the ids (gint64 *) of this laptop's sites among
 *   @followed, a set; NULL with @error when the store could not be read
 */
GHashTable *
xj_team_list_followed_sites (XjStore            *store,
                             const char *const  *followed,
                             GError            **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *sites = uuids_json (followed);
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store, "SELECT id FROM sites WHERE uuid IN"
                                  " (SELECT value FROM json_each(?1))", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sites, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, "sites");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

void
xj_team_update_free (XjTeamUpdate *update)
{
  if (update == NULL)
    return;
  g_free (update->number);
  g_free (update->site);
  g_free (update->to_state);
  g_free (update->actor);
  g_free (update);
}

void
xj_team_notice_watch_free (XjTeamNoticeWatch *watch)
{
  if (watch == NULL)
    return;
  g_clear_pointer (&watch->escalated, g_hash_table_unref);
  g_free (watch);
}

/* Before a sync: the newest step here and the notices escalated already. */
XjTeamNoticeWatch *
xj_team_watch_notices (XjStore  *store,
                       GError  **error)
{
  g_autoptr(XjTeamNoticeWatch) watch = g_new0 (XjTeamNoticeWatch, 1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  watch->escalated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  stmt = xj_store_prepare (store, "SELECT coalesce(max(id), 0) FROM notice_events", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    watch->last_event = sqlite3_column_int64 (stmt, 0);
  if (!xj_store_step_done (store, stmt, error)
      || (stmt = xj_store_prepare (store, "SELECT id FROM notices WHERE escalated = 1",
                                   error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (watch->escalated, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, "notices");
      return NULL;
    }
  return g_steal_pointer (&watch);
}

static XjTeamUpdate *
read_update (sqlite3_stmt *stmt)
{
  XjTeamUpdate *update = g_new0 (XjTeamUpdate, 1);

  update->id = sqlite3_column_int64 (stmt, 0);
  update->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  update->site = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  update->followed = sqlite3_column_int (stmt, 3) != 0;
  update->to_state = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  update->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  update->escalated = sqlite3_column_int (stmt, 6) != 0;
  return update;
}

/**
 * xj_team_list_notice_updates:
 * @watch: what the notices looked like before the sync
 * @after_id: the newest notice before the sync (the notices after it are
 *   announced as arrivals, not as updates)
 * @followed: (nullable) (array zero-terminated=1): UUIDs of followed sites
 * @me: (nullable): the member's name, as their steps record it
 *
 * Returns: (transfer full) (element-type XjTeamUpdate): one entry per
 *   notice that concerns the member and moved with the sync (its newest
 *   step by someone else, or its escalation), oldest first
 */
GPtrArray *
xj_team_list_notice_updates (XjStore            *store,
                             XjTeamNoticeWatch  *watch,
                             gint64              after_id,
                             const char *const  *followed,
                             const char         *me,
                             GError            **error)
{
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_team_update_free);
  g_autofree char *sites = uuids_json (followed);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (watch != NULL, NULL);

  /* The newest step of each notice taken in (by someone else, not waiting
   * here to be sent), else NULL; escalated: escalated now. */
  stmt = xj_store_prepare (store,
                           "SELECT n.id, n.number, s.name, s.uuid IN (SELECT value FROM json_each(?2)),"
                           "  e.to_state, e.actor, n.escalated FROM notices n"
                           " JOIN sites s ON s.id = n.site_id"
                           " LEFT JOIN inspections i ON i.id = n.inspection_id"
                           " LEFT JOIN notice_events e ON e.id = (SELECT max(x.id) FROM notice_events x"
                           "   WHERE x.notice_id = n.id AND x.id > ?3 AND x.actor IS NOT ?4"
                           "   AND NOT EXISTS (SELECT 1 FROM team_outbox o"
                           "     WHERE o.table_name = 'notice_events' AND o.record = x.uuid))"
                           " WHERE n.id <= ?1 AND n.state <> 'draft' AND " CONCERNS_MEMBER
                           " AND (e.id IS NOT NULL OR n.escalated = 1)"
                           " ORDER BY coalesce(e.id, 0), n.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_text (stmt, 2, sites, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, watch->last_event);
  if (me != NULL)
    sqlite3_bind_text (stmt, 4, me, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(XjTeamUpdate) update = read_update (stmt);

      /* Escalated before the sync already: no news (unless a step is). */
      update->escalated = update->escalated && !g_hash_table_contains (watch->escalated,
                                                                       &update->id);
      if (update->to_state == NULL && !update->escalated)
        continue;
      g_ptr_array_add (updates, g_steal_pointer (&update));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, "notices");
      return NULL;
    }
  return g_steal_pointer (&updates);
}
