/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writers in a worker thread: progress goes back to the caller's main
 * context, cancellation is checked between pages and photos.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include "xj-progress-relay.h"
#include "xj-report.h"

typedef gboolean (*WriteFunc) (gconstpointer          data,
                               const char            *path,
                               XjReportProgressFunc   progress,
                               gpointer               progress_data,
                               GCancellable          *cancellable,
                               GError               **error);

typedef struct {
  WriteFunc             write;
  gpointer              data;
  GDestroyNotify        free_data;
  char                 *path;
  XjProgressRelay       progress;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  job->free_data (job->data);
  g_free (job->path);
  _xj_progress_relay_clear (&job->progress);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (job->write (job->data, job->path, _xj_progress_relay_get_func (&job->progress),
                  &job->progress, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
write_inspection (gconstpointer          data,
                  const char            *path,
                  XjReportProgressFunc   progress,
                  gpointer               progress_data,
                  GCancellable          *cancellable,
                  GError               **error)
{
  return xj_report_write_inspection (data, path, progress, progress_data, cancellable, error);
}

static gboolean
write_notice (gconstpointer          data,
              const char            *path,
              XjReportProgressFunc   progress,
              gpointer               progress_data,
              GCancellable          *cancellable,
              GError               **error)
{
  return xj_report_write_notice (data, path, progress, progress_data, cancellable, error);
}

static void
export_async (WriteFunc            write,
              gpointer             data,
              GDestroyNotify       free_data,
              const char          *path,
              XjReportProgressFunc progress,
              gpointer             progress_data,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportJob *job = g_new0 (ExportJob, 1);

  job->write = write;
  job->data = data;
  job->free_data = free_data;
  job->path = g_strdup (path);
  _xj_progress_relay_init (&job->progress, progress, progress_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static gboolean
export_finish (GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
xj_report_write_inspection_async (XjReportData        *data,
                                  const char          *path,
                                  XjReportProgressFunc progress,
                                  gpointer             progress_data,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (path != NULL);

  export_async (write_inspection, data,
                (GDestroyNotify) xj_report_data_free, path, progress, progress_data,
                cancellable, callback, user_data, xj_report_write_inspection_async);
}

gboolean
xj_report_write_inspection_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return export_finish (result, xj_report_write_inspection_async, error);
}

void
xj_report_write_notice_async (XjNoticeReportData  *data,
                              const char          *path,
                              XjReportProgressFunc progress,
                              gpointer             progress_data,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (path != NULL);

  export_async (write_notice, data,
                (GDestroyNotify) xj_notice_report_data_free, path, progress, progress_data,
                cancellable, callback, user_data, xj_report_write_notice_async);
}

gboolean
xj_report_write_notice_finish (GAsyncResult  *result,
                               GError       **error)
{
  return export_finish (result, xj_report_write_notice_async, error);
}
