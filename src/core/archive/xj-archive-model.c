/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The archive's list as a lazy model (see XjPagedModel): years of signed
 * reports are counted and read a page at a time in a worker.
 */
#define G_LOG_DOMAIN "xj-archive-model"

#include "config.h"

#include "xj-paged-model-private.h"

#include <glib/gi18n-lib.h>

#include "xj-archive-model.h"
#include "xj-archive-private.h"

typedef struct {
  XjArchiveQuery  query;      /* its strings owned below */
  char           *search;
  char           *kind;
  char           *grade;
} Query;

static gpointer
query_copy (gconstpointer data)
{
  const XjArchiveQuery *query = data;
  Query *copy = g_new0 (Query, 1);

  copy->query = *query;
  copy->query.search = copy->search = g_strdup (query->search);
  copy->query.kind = copy->kind = g_strdup (query->kind);
  copy->query.grade = copy->grade = g_strdup (query->grade);
  return copy;
}

static void
query_free (gpointer data)
{
  Query *query = data;

  g_free (query->search);
  g_free (query->kind);
  g_free (query->grade);
  g_free (query);
}

static void
bind_query (sqlite3_stmt  *stmt,
            gconstpointer  data)
{
  const Query *query = data;

  _xj_archive_bind_query (stmt, &query->query);
}

static XjRecord *
record_from_row (sqlite3_stmt *stmt)
{
  return xj_record_new (_xj_archive_entry_from_row (stmt), (GDestroyNotify) xj_archive_entry_free);
}

/* The rows from a key on (?7, ?8). */
#define FROM_KEY "AND (ifnull(i.started_at, r.created_at), r.id) <= (?7, ?8) "

/* query_copy() takes an XjArchiveQuery, or a Query whose first member is one. */
static const XjPagedSource source = {
  .count_sql = "SELECT count(*) " ARCHIVE_FROM_WHERE,
  .keys_sql = "SELECT ifnull(i.started_at, r.created_at), r.id " ARCHIVE_FROM_WHERE ARCHIVE_ORDER,
  .page_sql = "SELECT " ARCHIVE_COLUMNS ARCHIVE_FROM_WHERE ARCHIVE_ORDER "LIMIT ?9 OFFSET ?10",
  .page_from_key_sql = "SELECT " ARCHIVE_COLUMNS ARCHIVE_FROM_WHERE FROM_KEY ARCHIVE_ORDER
                       "LIMIT ?9 OFFSET ?10",
  .limit_param = 9,
  .key_param = 7,
  .n_keys = 2,
  .bind = bind_query,
  .from_row = record_from_row,
  .context = N_("Could not read the archive"),
  .copy_query = query_copy,
  .free_query = query_free,
};

XjPagedModel *
xj_archive_model_new (XjStore              *store,
                      const XjArchiveQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  return xj_paged_model_new (store, &source, query);
}

void
xj_archive_model_set_query (XjPagedModel         *model,
                            const XjArchiveQuery *query)
{
  g_return_if_fail (query != NULL);

  xj_paged_model_set_query (model, query);
}
