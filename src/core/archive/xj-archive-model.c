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

static GPtrArray *
read_page (sqlite3       *db,
           gconstpointer  data,
           guint          offset,
           guint          limit,
           GCancellable  *cancellable,
           GError       **error)
{
  const Query *query = data;
  XjArchiveQuery page = query->query;
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *records;

  page.offset = offset;
  page.limit = limit;
  entries = xj_archive_list (db, &page, cancellable, error);
  if (entries == NULL)
    return NULL;
  records = g_ptr_array_new_full (entries->len, g_object_unref);
  g_ptr_array_set_free_func (entries, NULL);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (records, xj_record_new (entries->pdata[i],
                                             (GDestroyNotify) xj_archive_entry_free));
  return records;
}

/* query_copy() takes an XjArchiveQuery, or a Query whose first member is one. */
static const XjPagedSource source = { count, read_page, query_copy, query_free };

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
