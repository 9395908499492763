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
bind_query (sqlite3_stmt  *stmt,
            gconstpointer  data)
{
  const Query *query = data;

  _xj_inspection_bind_filter (stmt, &query->filter);
  sqlite3_bind_int (stmt, 6, query->without_drafts && query->filter.state < 0);
}

static XjRecord *
record_from_row (sqlite3_stmt *stmt)
{
  return xj_record_new (_xj_inspection_from_row (stmt), (GDestroyNotify) xj_inspection_free);
}

static const XjPagedSource source = {
  .count_sql = "SELECT count(*) FROM inspections i " WHERE,
  .keys_sql = "SELECT i.started_at, i.id FROM inspections i " WHERE ORDER,
  .page_sql = "SELECT " INSPECTION_COLUMNS INSPECTION_FROM WHERE ORDER "LIMIT ?7 OFFSET ?8",
  .page_from_key_sql = "SELECT " INSPECTION_COLUMNS INSPECTION_FROM WHERE FROM_KEY ORDER
                       "LIMIT ?7 OFFSET ?8",
  .limit_param = 7,
  .key_param = 11,
  .n_keys = 2,
  .bind = bind_query,
  .from_row = record_from_row,
  .context = N_("Could not read inspections"),
  .copy_query = query_copy,
  .free_query = query_free,
};

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
