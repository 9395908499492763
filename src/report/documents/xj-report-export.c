/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writers in a worker thread: progress goes back to the caller's main
 * context, cancellation is checked between pages and photos.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

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
  XjReportProgressFunc  progress;
  gpointer              progress_data;
  GMainContext         *context;
  int                   last_percent;
} ExportJob;

typedef struct {
  XjReportProgressFunc progress;
  gpointer             progress_data;
  double               fraction;
} ProgressUpdate;

static void
export_job_free (ExportJob *job)
{
  job->free_data (job->data);
  g_free (job->path);
  g_main_context_unref (job->context);
  g_free (job);
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  update->progress (update->fraction, update->progress_data);
  return G_SOURCE_REMOVE;
}

/* Runs in the worker: forwards whole percents only, to keep the main loop
 * free of a flood of idle sources. */
static void
on_worker_progress_cb (double   fraction,
                       gpointer user_data)
{
  ExportJob *job = user_data;
  ProgressUpdate *update;
  int percent = (int) (fraction * 100);

  if (percent == job->last_percent)
    return;
  job->last_percent = percent;
  update = g_new (ProgressUpdate, 1);
  update->progress = job->progress;
  update->progress_data = job->progress_data;
  update->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, deliver_progress_cb, update,
                              g_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (job->write (job->data, job->path, job->progress != NULL ? on_worker_progress_cb : NULL,
                  job, cancellable, &error))
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
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  job->last_percent = -1;

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
