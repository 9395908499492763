/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Site groups (schema v8's sites.group_name): a region, 华东区, that the
 * Overview's site picker and the Excel export choose sites by.
 */
#define G_LOG_DOMAIN "xj-site"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-site.h"
#include "xj-store-private.h"

/**
 * xj_store_list_site_groups:
 *
 * Returns: (transfer full): the groups that have a site, by name, or
 * %NULL with @error set.
 */
GStrv
xj_store_list_site_groups (XjStore  *store,
                           GError  **error)
{
  g_autoptr(GStrvBuilder) groups = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  stmt = xj_store_prepare (store, "SELECT DISTINCT group_name FROM sites WHERE group_name <> '' "
                           "ORDER BY group_name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (groups, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read the sites"));
      return NULL;
    }
  return g_strv_builder_end (groups);
}

/**
 * xj_store_list_group_sites:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the sites of
 * @group (none for a group no site has), or %NULL with @error set.
 */
GArray *
xj_store_list_group_sites (XjStore     *store,
                           const char  *group,
                           GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store) && group != NULL, NULL);

  stmt = xj_store_prepare (store, "SELECT id FROM sites WHERE group_name = trim(?1) "
                           "AND group_name <> '' ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read the sites"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}
