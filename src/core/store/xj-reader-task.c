/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading in a worker: one GTask skeleton for every job that takes a reader
 * connection from the store's pool (xj-reader-pool.c), runs, gives it back
 * and hands a result back to the calling thread.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include "xj-reader-pool-private.h"
#include "xj-reader-task.h"

typedef struct {
  const XjReaderTask *kind;
  XjReaderPool       *readers;
  gpointer            job;
} ReaderTask;

static void
reader_task_free (ReaderTask *task)
{
  if (task->kind->job_free != NULL && task->job != NULL)
    task->kind->job_free (task->job);
  _xj_reader_pool_unref (task->readers);
  g_free (task);
}

static void
reader_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReaderTask *reader_task = task_data;
  XjStore *reader;
  GError *error = NULL;
  gpointer result;

  /* A reader's connection neither checks nor sets up the file, and never
   * waits for a writer. */
  reader = _xj_reader_pool_take (reader_task->readers, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = reader_task->kind->run (reader, reader_task->job, cancellable, &error);
  _xj_reader_pool_give (reader_task->readers, reader);
  if (result == NULL)
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
 * @store's data folder, taken from the readers @store keeps.
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
  reader_task->readers = _xj_reader_pool_ref (_xj_store_get_reader_pool (store));
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
