/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Inspections list as a lazy model: a COUNT, then pages read in a
 * worker (see XjPagedModel), so a hundred thousand inspections never load
 * at once and never on the main loop.
 */
#define G_LOG_DOMAIN "xj-inspection-model"

#include "config.h"

#include "xj-paged-model-private.h"

#include <glib/gi18n-lib.h>

#include "xj-inspection-model.h"
#include "xj-inspection-private.h"

typedef struct {
  XjInspectionFilter filter;
  char              *kind;    /* filter.kind points here */
  gboolean           without_drafts;
} Query;

#define WHERE INSPECTION_FILTER_WHERE "AND (?6 = 0 OR i.state <> 'draft') "
/* The list's order, and its key: the rows from a key on (?11, ?12). */
#define ORDER "ORDER BY i.started_at DESC, i.id DESC "
#define FROM_KEY "AND (i.started_at, i.id) <= (?11, ?12) "

static gpointer
query_copy (gconstpointer data)
{
  const Query *query = data;
  Query *copy = g_new (Query, 1);

  *copy = *query;
  copy->kind = g_strdup (query->filter.kind);
  copy->filter.kind = copy->kind;
  return copy;
}

static void
query_free (gpointer data)
{
  Query *query = data;

  g_free (query->kind);
  g_free (query);
}

static void
bind_query (sqlite3_stmt *stmt,
            const Query  *query)
{
  _xj_inspection_bind_filter (stmt, &query->filter);
  sqlite3_bind_int (stmt, 6, query->without_drafts && query->filter.state < 0);
}

static gboolean
count (sqlite3       *db,
       gconstpointer  query,
       guint         *n_items,
       GCancellable  *cancellable,
       GError       **error)
{
  sqlite3_stmt *stmt = xj_paged_prepare (db, "SELECT count(*) FROM inspections i " WHERE,
                                         _("Could not read inspections"), error);

  if (stmt == NULL)
    return FALSE;
  bind_query (stmt, query);
  return xj_paged_count_rows (db, stmt, n_items, cancellable, _("Could not read inspections"),
                              error);
}

static sqlite3_stmt *
keys (sqlite3       *db,
      gconstpointer  query,
      GError       **error)
{
  sqlite3_stmt *stmt = xj_paged_prepare (db, "SELECT i.started_at, i.id FROM inspections i "
                                         WHERE ORDER,
                                         _("Could not read inspections"), error);

  if (stmt != NULL)
    bind_query (stmt, query);
  return stmt;
}

static XjRecord *
record_from_row (sqlite3_stmt *stmt)
{
  return xj_record_new (_xj_inspection_from_row (stmt), (GDestroyNotify) xj_inspection_free);
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
                                         ? "SELECT " INSPECTION_COLUMNS INSPECTION_FROM WHERE
                                           ORDER "LIMIT ?7 OFFSET ?8"
                                         : "SELECT " INSPECTION_COLUMNS INSPECTION_FROM WHERE
                                           FROM_KEY ORDER "LIMIT ?7 OFFSET ?8",
                                         _("Could not read inspections"), error);

  if (stmt == NULL)
    return NULL;
  bind_query (stmt, query);
  if (from != NULL)
    xj_paged_bind_key (stmt, 11, from, 2);
  sqlite3_bind_int (stmt, 7, limit);
  sqlite3_bind_int (stmt, 8, offset);
  return xj_paged_read_rows (db, stmt, record_from_row, cancellable,
                             _("Could not read inspections"), error);
}

static const XjPagedSource source = { count, keys, read_page, query_copy, query_free, 2 };

XjPagedModel *
xj_inspection_model_new (XjStore                  *store,
                         const XjInspectionFilter *filter,
                         gboolean                  without_drafts)
{
  Query query = { *filter, NULL, without_drafts };

  g_return_val_if_fail (filter != NULL, NULL);

  return xj_paged_model_new (store, &source, &query);
}

void
xj_inspection_model_set_filter (XjPagedModel             *model,
                                const XjInspectionFilter *filter,
                                gboolean                  without_drafts)
{
  Query query = { *filter, NULL, without_drafts };

  g_return_if_fail (filter != NULL);

  xj_paged_model_set_query (model, &query);
}
