/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sites merged by a person.  Two laptops that each made a site of the
 * same name offline end up with two sites, flagged as possible duplicates
 * (xj_site_get_possible_duplicate); merging one into the other is a
 * person's decision.  The merged site points to the one it was merged
 * into (sites.merged_into, a shared field that syncs with the site) and
 * leaves every list; its schedules and notices (shared records) are
 * re-pointed; its inspections keep their site, signed ones being locked
 * for ever, and are shown and counted under the surviving site
 * (XJ_SITE_OF).  Each merge is one transaction with an audit entry.
 *
 * Merges made on two laptops at once settle to one answer on every
 * laptop (xj_store_settle_site_merges, after each pull): a chain A → B → C
 * becomes A → C, and a cycle (A into B here, B into A there) keeps the
 * site with the smallest UUID, the others merged into it.  Every laptop
 * computes the same answer from the same records, so they agree without
 * a conflict.
 */
#define G_LOG_DOMAIN "xj-site"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "xj-clock.h"
#include "xj-schedule-private.h"
#include "xj-site-merge.h"
#include "xj-store-private.h"

/* --- reading -------------------------------------------------------------- */

static gboolean
query_count (XjStore     *store,
             const char  *sql,
             gint64       site_id,
             guint       *count,
             GError     **error)
{
  gint64 value = 0;

  if (!xj_store_query_int64 (store, sql, site_id, &value, NULL, _("Could not read sites"), error))
    return FALSE;
  *count = (guint) value;
  return TRUE;
}

/**
 * xj_store_find_site:
 * @id_or_uuid: a site's local ID or its UUID (the same on every laptop)
 *
 * Returns: (transfer full): the site, merged or not, or %NULL with
 *   %XJ_SITE_ERROR_NOT_FOUND.
 */
XjSite *
xj_store_find_site (XjStore     *store,
                    const char  *id_or_uuid,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  guint64 id = 0;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (id_or_uuid != NULL, NULL);

  if (g_ascii_string_to_unsigned (id_or_uuid, 10, 1, G_MAXINT64, &id, NULL))
    return xj_store_get_site (store, (gint64) id, error);
  if ((stmt = xj_store_prepare (store, "SELECT id FROM sites WHERE uuid = lower(?1)", error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id_or_uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = (guint64) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return xj_store_get_site (store, (gint64) id, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NOT_FOUND,
                 _("There is no site “%s”."), id_or_uuid);
  else
    xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read sites"));
  return NULL;
}

/**
 * xj_store_count_site_merge:
 *
 * What merging @from_id into another site moves: the inspections shown
 * under it, its schedules and its notices.
 */
gboolean
xj_store_count_site_merge (XjStore            *store,
                           gint64              from_id,
                           XjSiteMergeCounts  *counts,
                           GError            **error)
{
  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  return query_count (store, "SELECT count(*) FROM inspections WHERE "
                      XJ_SITE_OF ("inspections.site_id") " = ?1", from_id,
                      &counts->inspections, error)
         && query_count (store, "SELECT count(*) FROM schedules WHERE site_id = ?1", from_id,
                         &counts->schedules, error)
         && query_count (store, "SELECT count(*) FROM notices WHERE site_id = ?1", from_id,
                         &counts->notices, error);
}

/**
 * xj_store_list_site_duplicates:
 *
 * Returns: (transfer full) (element-type XjSite): the sites in the lists
 *   (active or not) whose normalised name is @site's, @site left out.
 */
GPtrArray *
xj_store_list_site_duplicates (XjStore  *store,
                               XjSite   *site,
                               GError  **error)
{
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *key = NULL;

  g_return_val_if_fail (XJ_IS_SITE (site), NULL);

  if ((sites = xj_store_list_sites (store, TRUE, error)) == NULL)
    return NULL;
  key = xj_site_normalise_name (xj_site_get_name (site));
  for (guint i = 0; i < sites->len; i++)
    {
      XjSite *other = g_ptr_array_index (sites, i);
      g_autofree char *other_key = xj_site_normalise_name (xj_site_get_name (other));

      if (xj_site_get_id (other) != xj_site_get_id (site) && g_str_equal (key, other_key))
        g_ptr_array_add (found, g_object_ref (other));
    }
  return g_steal_pointer (&found);
}

/**
 * xj_store_read_site_merges:
 *
 * Returns: (transfer full): the local ID of each merged site (gint64 *) to
 *   that of the site it was merged into, for scans that count by site
 *   (xj_site_merges_resolve()).
 */
GHashTable *
xj_store_read_site_merges (XjStore  *store,
                           GError  **error)
{
  g_autoptr(GHashTable) merges = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                        g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  stmt = xj_store_prepare (store, "SELECT f.id, m.id FROM sites f"
                           " JOIN sites m ON m.uuid = f.merged_into", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 from = sqlite3_column_int64 (stmt, 0);
      gint64 into = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (merges, g_memdup2 (&from, sizeof from), g_memdup2 (&into, sizeof into));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read sites"));
      return NULL;
    }
  return g_steal_pointer (&merges);
}

/* The site @site_id is shown and counted under. */
gint64
xj_site_merges_resolve (GHashTable *merges,
                        gint64      site_id)
{
  gint64 *into = merges != NULL ? g_hash_table_lookup (merges, &site_id) : NULL;

  return into != NULL ? *into : site_id;
}

void
xj_site_event_free (XjSiteEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->actor);
  g_free (event->action);
  g_free (event->detail);
  g_free (event);
}

/**
 * xj_store_list_site_history:
 *
 * Returns: (transfer full) (element-type XjSiteEvent): the site's audit
 *   entries, oldest first, those made on other laptops of the team too.
 */
GPtrArray *
xj_store_list_site_history (XjStore  *store,
                            gint64    site_id,
                            GError  **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_site_event_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  stmt = xj_store_prepare (store, "SELECT at, actor, action, detail FROM audit_log"
                           " WHERE entity = 'site' AND entity_id = ?1 ORDER BY at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, site_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjSiteEvent *event = g_new0 (XjSiteEvent, 1);

      event->at = sqlite3_column_int64 (stmt, 0);
      event->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      event->action = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      event->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read sites"));
      return NULL;
    }
  return g_steal_pointer (&events);
}

/* --- settling ------------------------------------------------------------- */

/* Where a merged site ends: the end of its chain, or in a cycle the
 * smallest UUID of the cycle (NULL when that is the site itself). */
static const char *
final_target (GHashTable *merged,
              const char *uuid)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  const char *at = uuid;

  while (at != NULL && !g_ptr_array_find_with_equal_func (path, at, g_str_equal, NULL))
    {
      g_ptr_array_add (path, (gpointer) at);
      at = g_hash_table_lookup (merged, at);
    }
  if (at == NULL)
    return g_ptr_array_index (path, path->len - 1);
  {
    guint start = 0;
    const char *smallest = at;

    g_ptr_array_find_with_equal_func (path, at, g_str_equal, &start);
    for (guint i = start; i < path->len; i++)
      if (strcmp (g_ptr_array_index (path, i), smallest) < 0)
        smallest = g_ptr_array_index (path, i);
    /* Sites before the cycle go to its survivor too. */
    return g_str_equal (smallest, uuid) ? NULL : smallest;
  }
}

static GHashTable *
read_merged (XjStore  *store,
             GError  **error)
{
  g_autoptr(GHashTable) merged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT uuid, merged_into FROM sites"
                                         " WHERE merged_into IS NOT NULL", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (merged, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read sites"));
      return NULL;
    }
  return g_steal_pointer (&merged);
}

/* Schedules and notices of a merged site go to the site it was merged into
 * (those made meanwhile on a laptop that had not seen the merge too). */
static const char *const repoint[] = {
  "UPDATE schedules SET site_id = (SELECT m.id FROM sites f JOIN sites m"
  "  ON m.uuid = f.merged_into WHERE f.id = schedules.site_id)"
  " WHERE site_id IN (SELECT f.id FROM sites f JOIN sites m ON m.uuid = f.merged_into)",
  "UPDATE notices SET site_id = (SELECT m.id FROM sites f JOIN sites m"
  "  ON m.uuid = f.merged_into WHERE f.id = notices.site_id)"
  " WHERE site_id IN (SELECT f.id FROM sites f JOIN sites m ON m.uuid = f.merged_into)",
};

/**
 * xj_store_settle_site_merges:
 * @changed: (out): how many records it changed
 *
 * Brings the merges to one answer: chains shortened, cycles broken at the
 * smallest UUID, schedules and notices of merged sites re-pointed.  The
 * changes are captured for the next push like any other.  Run after each
 * pull and by every merge.
 */
gboolean
xj_store_settle_site_merges (XjStore  *store,
                             guint    *changed,
                             GError  **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(GHashTable) merged = NULL;
  GHashTableIter iter;
  gpointer uuid, into;
  guint count = 0;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if ((tx = xj_transaction_begin (store, error)) == NULL
      || (merged = read_merged (store, error)) == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, merged);
  while (g_hash_table_iter_next (&iter, &uuid, &into))
    {
      const char *target = final_target (merged, uuid);
      sqlite3_stmt *stmt;

      if (g_strcmp0 (target, into) == 0)
        continue;
      stmt = xj_store_prepare (store, "UPDATE sites SET merged_into = ?1 WHERE uuid = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, target, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
      if (!xj_store_step_done (store, stmt, error))
        return FALSE;
      count++;
    }
  for (guint i = 0; i < G_N_ELEMENTS (repoint); i++)
    {
      if (!xj_store_exec (store, repoint[i], error))
        return FALSE;
      count += (guint) sqlite3_changes (xj_store_get_db (store));
    }
  /* The schedules that moved are matched with their new site's
   * inspections (schema v10's stored outcomes). */
  if (!_xj_schedule_outcomes_refresh (store, error) || !xj_transaction_commit (tx, error))
    return FALSE;
  if (changed != NULL)
    *changed = count;
  return TRUE;
}

/* --- merging -------------------------------------------------------------- */

/**
 * xj_store_merge_sites:
 *
 * Merges @from_id into @into_id: @from_id leaves the lists, its schedules
 * and notices move, its inspections are shown under @into_id.  Refused,
 * changing nothing, for a site merged into itself, a site already merged,
 * or into a merged site.
 */
gboolean
xj_store_merge_sites (XjStore     *store,
                      gint64       from_id,
                      gint64       into_id,
                      const char  *actor,
                      GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(XjSite) from = NULL;
  g_autoptr(XjSite) into = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if (from_id == into_id)
    {
      g_set_error_literal (error, XJ_SITE_ERROR, XJ_SITE_ERROR_MERGE_SELF,
                           _("A site cannot be merged into itself: choose another site."));
      return FALSE;
    }
  if ((tx = xj_transaction_begin (store, error)) == NULL
      || (from = xj_store_get_site (store, from_id, error)) == NULL
      || (into = xj_store_get_site (store, into_id, error)) == NULL)
    return FALSE;
  if (xj_site_get_merged_into (from) != NULL)
    {
      g_set_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_MERGED,
                   _("“%s” was already merged into another site."), xj_site_get_name (from));
      return FALSE;
    }
  if (xj_site_get_merged_into (into) != NULL)
    {
      g_set_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_MERGED,
                   _("“%s” was merged into another site: merge into that one instead."),
                   xj_site_get_name (into));
      return FALSE;
    }

  stmt = xj_store_prepare (store, "UPDATE sites SET merged_into = ?1, updated_at = ?2"
                           " WHERE id = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, xj_site_get_uuid (into), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, xj_clock_now ());
  sqlite3_bind_int64 (stmt, 3, from_id);
  /* Who, when, from (the entry's site) and into: the audit entry. */
  detail = g_strdup_printf ("%s → %s (%s)", xj_site_get_name (from), xj_site_get_name (into),
                            xj_site_get_uuid (into));
  if (!xj_store_step_done (store, stmt, error)
      || !xj_store_audit (store, actor, "site", from_id, "merge", detail, error)
      || !xj_store_settle_site_merges (store, NULL, error)
      || !xj_transaction_commit (tx, error))
    return FALSE;

  xj_store_emit_changed (store, "sites");
  xj_store_emit_changed (store, "schedules");
  xj_store_emit_changed (store, "notices");
  xj_store_emit_changed (store, "inspections");
  return TRUE;
}
