/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Schedules list as a lazy model (see XjPagedModel): two hundred sites
 * with several schedules each are counted and read a page at a time in a
 * worker, not all at once on the main loop.
 */
#define G_LOG_DOMAIN "xj-schedule-model"

#include "config.h"

#include "xj-paged-model-private.h"

#include <glib/gi18n-lib.h>

#include "xj-schedule-model.h"
#include "xj-schedule-private.h"

#define WHERE " WHERE (?1 = 0 OR s.site_id = ?1) "
/* The list's order, and its key: the rows from a key on (?4, ?5). */
#define ORDER "ORDER BY si.name COLLATE LOCALE, s.id "
#define FROM_KEY "AND (si.name COLLATE LOCALE, s.id) >= (?4, ?5) "

static gpointer
query_copy (gconstpointer data)
{
  return g_memdup2 (data, sizeof (gint64));
}

static gboolean
count (sqlite3       *db,
       gconstpointer  query,
       guint         *n_items,
       GCancellable  *cancellable,
       GError       **error)
{
  sqlite3_stmt *stmt = xj_paged_prepare (db,
                                         "SELECT count(*) FROM schedules s" WHERE,
                                         _("Could not read schedules"), error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *(const gint64 *) query);
  return xj_paged_count_rows (db, stmt, n_items, cancellable, _("Could not read schedules"),
                              error);
}

static sqlite3_stmt *
keys (sqlite3       *db,
      gconstpointer  query,
      GError       **error)
{
  sqlite3_stmt *stmt = xj_paged_prepare (db, "SELECT si.name, s.id FROM schedules s "
                                         "JOIN sites si ON si.id = s.site_id" WHERE ORDER,
                                         _("Could not read schedules"), error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, *(const gint64 *) query);
  return stmt;
}

static XjRecord *
record_from_row (sqlite3_stmt *stmt)
{
  return xj_record_new (_xj_schedule_from_row (stmt), g_object_unref);
}

static GPtrArray *
read_page (sqlite3        *db,
           gconstpointer   query,
           sqlite3_value **from,
           guint           offset,
           guint           limit,
           GCancellable   *cancellable,
           GError        **error)
{
  sqlite3_stmt *stmt = xj_paged_prepare (db,
                                         from == NULL
                                         ? "SELECT " SCHEDULE_COLUMNS SCHEDULE_FROM WHERE ORDER
                                           "LIMIT ?2 OFFSET ?3"
                                         : "SELECT " SCHEDULE_COLUMNS SCHEDULE_FROM WHERE FROM_KEY
                                           ORDER "LIMIT ?2 OFFSET ?3",
                                         _("Could not read schedules"), error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, *(const gint64 *) query);
  if (from != NULL)
    xj_paged_bind_key (stmt, 4, from, 2);
  sqlite3_bind_int (stmt, 2, limit);
  sqlite3_bind_int (stmt, 3, offset);
  return xj_paged_read_rows (db, stmt, record_from_row, cancellable,
                             _("Could not read schedules"), error);
}

static const XjPagedSource source = { count, keys, read_page, query_copy, g_free, 2 };

XjPagedModel *
xj_schedule_model_new (XjStore *store,
                       gint64   site_id)
{
  return xj_paged_model_new (store, &source, &site_id);
}
