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

static gboolean
count (sqlite3       *db,
       gconstpointer  data,
       guint         *n_items,
       GCancellable  *cancellable,
       GError       **error)
{
  const Query *query = data;
  sqlite3_stmt *stmt = xj_paged_prepare (db, "SELECT count(*) " ARCHIVE_FROM_WHERE,
                                         _("Could not read the archive"), error);

  if (stmt == NULL)
    return FALSE;
  _xj_archive_bind_query (stmt, &query->query);
  return xj_paged_count_rows (db, stmt, n_items, cancellable, _("Could not read the archive"),
                              error);
}

/* The rows from a key on (?7, ?8). */
#define FROM_KEY "AND (ifnull(i.started_at, r.created_at), r.id) <= (?7, ?8) "

static sqlite3_stmt *
keys (sqlite3       *db,
      gconstpointer  data,
      GError       **error)
{
  const Query *query = data;
  sqlite3_stmt *stmt = xj_paged_prepare (db, "SELECT ifnull(i.started_at, r.created_at), r.id "
                                         ARCHIVE_FROM_WHERE ARCHIVE_ORDER,
                                         _("Could not read the archive"), error);

  if (stmt != NULL)
    _xj_archive_bind_query (stmt, &query->query);
  return stmt;
}

static XjRecord *
record_from_row (sqlite3_stmt *stmt)
{
  return xj_record_new (_xj_archive_entry_from_row (stmt), (GDestroyNotify) xj_archive_entry_free);
}

static GPtrArray *
read_page (sqlite3        *db,
           gconstpointer   data,
           sqlite3_value **from,
           guint           offset,
           guint           limit,
           GCancellable   *cancellable,
           GError        **error)
{
  const Query *query = data;
  sqlite3_stmt *stmt = xj_paged_prepare (db,
                                         from == NULL
                                         ? "SELECT " ARCHIVE_COLUMNS ARCHIVE_FROM_WHERE ARCHIVE_ORDER
                                           "LIMIT ?9 OFFSET ?10"
                                         : "SELECT " ARCHIVE_COLUMNS ARCHIVE_FROM_WHERE FROM_KEY
                                           ARCHIVE_ORDER "LIMIT ?9 OFFSET ?10",
                                         _("Could not read the archive"), error);

  if (stmt == NULL)
    return NULL;
  _xj_archive_bind_query (stmt, &query->query);
  if (from != NULL)
    xj_paged_bind_key (stmt, 7, from, 2);
  sqlite3_bind_int (stmt, 9, limit);
  sqlite3_bind_int (stmt, 10, offset);
  return xj_paged_read_rows (db, stmt, record_from_row, cancellable,
                             _("Could not read the archive"), error);
}

/* query_copy() takes an XjArchiveQuery, or a Query whose first member is one. */
static const XjPagedSource source = { count, keys, read_page, query_copy, query_free, 2 };

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
