/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading in a worker: one GTask skeleton for every job that opens a reader
 * connection on the store's data folder, runs, and hands a result back to
 * the calling thread.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include "xj-reader-task.h"

typedef struct {
  const XjReaderTask *kind;
  char               *data_dir;
  gpointer            job;
} ReaderTask;

static void
reader_task_free (ReaderTask *task)
{
  if (task->kind->job_free != NULL && task->job != NULL)
    task->kind->job_free (task->job);
  g_free (task->data_dir);
  g_free (task);
}

static void
reader_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReaderTask *reader_task = task_data;
  g_autoptr(XjStore) reader = NULL;
  GError *error = NULL;
  gpointer result;

  /* A reader's connection neither checks nor sets up the file, and never
   * waits for a writer. */
  reader = xj_store_open_reader (reader_task->data_dir, &error);
  if (reader == NULL
      || (result = reader_task->kind->run (reader, reader_task->job, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, reader_task->kind->result_free);
}

/**
 * xj_store_run_on_reader_async:
 * @kind: (not nullable): a static constant; tags the task
 * @job: (transfer full): handed to @kind's run in the worker, freed with
 *   its job_free when the task goes
 *
 * Runs @kind's work on @job in a worker thread, on a reader connection to
 * @store's data folder.
 */
void
xj_store_run_on_reader_async (XjStore             *store,
                              const XjReaderTask  *kind,
                              gpointer             job,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReaderTask *reader_task;

  g_return_if_fail (XJ_IS_STORE (store));
  g_return_if_fail (kind != NULL && kind->run != NULL);

  reader_task = g_new0 (ReaderTask, 1);
  reader_task->kind = kind;
  reader_task->data_dir = g_strdup (xj_store_get_data_dir (store));
  reader_task->job = job;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) kind);
  g_task_set_task_data (task, reader_task, (GDestroyNotify) reader_task_free);
  g_task_set_return_on_cancel (task, kind->return_on_cancel);
  g_task_run_in_thread (task, reader_thread);
}

/**
 * xj_store_run_on_reader_finish:
 * @kind: the one the task was started with
 *
 * Returns: (transfer full): the result of @kind's run (owned by the job
 * when @kind has no result_free), or %NULL with @error set
 */
gpointer
xj_store_run_on_reader_finish (GAsyncResult        *result,
                               const XjReaderTask  *kind,
                               GError             **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kind, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
