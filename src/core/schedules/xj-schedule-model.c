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

static void
bind_query (sqlite3_stmt  *stmt,
            gconstpointer  query)
{
  sqlite3_bind_int64 (stmt, 1, *(const gint64 *) query);
}

static XjRecord *
record_from_row (sqlite3_stmt *stmt)
{
  return xj_record_new (_xj_schedule_from_row (stmt), g_object_unref);
}

static const XjPagedSource source = {
  .count_sql = "SELECT count(*) FROM schedules s" WHERE,
  .keys_sql = "SELECT si.name, s.id FROM schedules s JOIN sites si ON si.id = s.site_id"
              WHERE ORDER,
  .page_sql = "SELECT " SCHEDULE_COLUMNS SCHEDULE_FROM WHERE ORDER "LIMIT ?2 OFFSET ?3",
  .page_from_key_sql = "SELECT " SCHEDULE_COLUMNS SCHEDULE_FROM WHERE FROM_KEY ORDER
                       "LIMIT ?2 OFFSET ?3",
  .limit_param = 2,
  .key_param = 4,
  .n_keys = 2,
  .bind = bind_query,
  .from_row = record_from_row,
  .context = N_("Could not read schedules"),
  .copy_query = query_copy,
  .free_query = g_free,
};

XjPagedModel *
xj_schedule_model_new (XjStore *store,
                       gint64   site_id)
{
  return xj_paged_model_new (store, &source, &site_id);
}
