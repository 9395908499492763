/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inspections behind an Overview figure: a heat-map cell (those of the
 * site with a scored answer in the category, as the cell adds them up) or
 * a repeat finding (those where the item failed).  The same query as the
 * figures (XJ_OVERVIEW_WHERE), so the list and the number agree.
 */
#define G_LOG_DOMAIN "xj-overview"

#include "config.h"

#include "xj-builtins.h"
#include "xj-overview-drill.h"
#include "xj-overview-private.h"
#include "xj-reader-task.h"

/* An answer of the drill: ?8 the site, ?9/?10 the item categories (NULL:
 * any), ?11 the item key (NULL: any; else failed only). */
#define DRILL_ANSWER \
  " a.inspection_id = i.id AND (?9 IS NULL OR t.category IN (?9, ?10))" \
  " AND (?11 IS NULL OR t.item_key = ?11)"

static void
inspection_clear (XjOverviewInspection *inspection)
{
  g_free (inspection->site_name);
  g_free (inspection->checklist);
  g_free (inspection->kind);
}

/**
 * xj_overview_list_inspections:
 * @query: the figures' period and kind (its sites are not needed: the
 *   drill names one)
 * @drill: the site and the category or item
 *
 * Returns: (transfer full): the inspections, or NULL with @error set
 */
GArray *
xj_overview_list_inspections (XjStore               *store,
                              const XjOverviewQuery *query,
                              const XjOverviewDrill *drill,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (XjOverviewInspection));
  const char *category = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL && drill != NULL, NULL);
  g_return_val_if_fail (drill->category < XJ_OVERVIEW_N_CATEGORIES, NULL);

  g_array_set_clear_func (list, (GDestroyNotify) inspection_clear);
  if (drill->category >= 0)
    category = xj_overview_category_to_string (drill->category);
  stmt = xj_store_prepare (store,
                           "SELECT i.id, s.name, v.name, tp.builtin, i.kind, i.started_at, "
                           "i.score, coalesce(i.failure_index, 0), "
                           "(SELECT count(*) FROM answers a JOIN template_items t "
                           "ON t.id = a.item_id WHERE" DRILL_ANSWER " AND a.outcome = 'fail') "
                           "FROM inspections i JOIN sites s ON s.id = i.site_id "
                           "JOIN template_versions v ON v.id = i.version_id "
                           "JOIN templates tp ON tp.id = v.template_id "
                           "WHERE" XJ_OVERVIEW_WHERE " AND i.site_id = ?8 "
                           "AND EXISTS (SELECT 1 FROM answers a JOIN template_items t "
                           "ON t.id = a.item_id WHERE" DRILL_ANSWER " AND (CASE WHEN ?11 IS NULL "
                           "THEN a.outcome IN ('pass', 'fail') ELSE a.outcome = 'fail' END)) "
                           "ORDER BY i.started_at DESC, i.id DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  _xj_overview_bind (stmt, query, NULL);
  sqlite3_bind_int64 (stmt, 8, drill->site_id);
  if (category != NULL)
    {
      sqlite3_bind_text (stmt, 9, category, -1, SQLITE_STATIC);
      /* Facilities count as public order, as in the heat map. */
      sqlite3_bind_text (stmt, 10, drill->category == XJ_OVERVIEW_PUBLIC_ORDER ? "facilities"
                                                                             : category,
                         -1, SQLITE_STATIC);
    }
  if (drill->item_key != NULL)
    sqlite3_bind_text (stmt, 11, drill->item_key, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjOverviewInspection row = {
        .inspection_id = sqlite3_column_int64 (stmt, 0),
        .site_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .checklist = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        .kind = g_strdup ((const char *) sqlite3_column_text (stmt, 4)),
        .started_at = sqlite3_column_int64 (stmt, 5),
        .has_score = sqlite3_column_type (stmt, 6) != SQLITE_NULL,
        .score = sqlite3_column_double (stmt, 6),
        .failure_index = sqlite3_column_double (stmt, 7),
        .n_failed = sqlite3_column_int (stmt, 8),
      };

      if (sqlite3_column_int (stmt, 3) != 0)
        xj_builtins_translate (&row.checklist);
      g_array_append_val (list, row);
      if (list->len % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _xj_overview_read_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* --- in a worker ---------------------------------------------------------- */

typedef struct {
  XjOverviewQuery  query;
  XjOverviewDrill  drill;
  char            *item_key;
} Job;

static void
job_free (Job *job)
{
  g_free (job->item_key);
  g_free (job);
}

static gpointer
list_on_reader (XjStore       *reader,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Job *job = data;

  return xj_overview_list_inspections (reader, &job->query, &job->drill, cancellable, error);
}

static const XjReaderTask list_task = {
  .run = list_on_reader,
  .job_free = (GDestroyNotify) job_free,
  .result_free = (GDestroyNotify) g_array_unref,
  .return_on_cancel = TRUE,
};

void
xj_overview_list_inspections_async (XjStore               *store,
                                    const XjOverviewQuery *query,
                                    const XjOverviewDrill *drill,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  Job *job;

  g_return_if_fail (XJ_IS_STORE (store));
  g_return_if_fail (query != NULL && drill != NULL);

  job = g_new0 (Job, 1);
  job->query = *query;
  /* One site is named: the query's selection is not needed in the worker. */
  job->query.site_ids = NULL;
  job->query.n_site_ids = 0;
  job->drill = *drill;
  job->item_key = g_strdup (drill->item_key);
  job->drill.item_key = job->item_key;
  xj_store_run_on_reader_async (store, &list_task, job, cancellable, callback, user_data);
}

GArray *
xj_overview_list_inspections_finish (XjStore       *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return xj_store_run_on_reader_finish (result, &list_task, error);
}
