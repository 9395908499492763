/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing a list of photos in a worker thread with its own SQLite
 * connection: the main loop only sees progress and the result.  One bad
 * file does not stop the others; cancelling stops before the next file and
 * takes back what the import stored, so that no photo is left behind that
 * nothing refers to.
 */
#define G_LOG_DOMAIN "xj-photo"

#include "config.h"

#include "xj-photo-async.h"

typedef struct
{
  char                *data_dir;
  char                *db_path;
  char               **paths;
  XjPhotoProgressFunc  progress;
  gpointer             progress_data;
  GDestroyNotify       progress_destroy;
} ImportJob;

typedef struct
{
  XjPhotoProgressFunc  progress;
  gpointer             progress_data;
  guint                done;
  guint                total;
  char                *path;
} Progress;

void
xj_photo_import_result_free (XjPhotoImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->path);
  xj_photo_info_free (result->info);
  g_clear_error (&result->error);
  g_free (result);
}

static void
import_job_free (ImportJob *job)
{
  g_free (job->data_dir);
  g_free (job->db_path);
  g_strfreev (job->paths);
  if (job->progress_destroy != NULL)
    job->progress_destroy (job->progress_data);
  g_free (job);
}

static gboolean
report_progress_cb (gpointer data)
{
  Progress *progress = data;

  progress->progress (progress->done, progress->total, progress->path, progress->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_free (progress->path);
  g_free (progress);
}

static XjPhotoImportResult *
import_one (ImportJob     *job,
            sqlite3       *db,
            const char    *path,
            GCancellable  *cancellable)
{
  XjPhotoImportResult *result = g_new0 (XjPhotoImportResult, 1);

  result->path = g_strdup (path);
  result->info = xj_photo_import_file (job->data_dir, path, cancellable, &result->error);
  if (result->info != NULL && !xj_photo_info_insert (result->info, db, &result->error))
    {
      xj_photo_info_discard_files (result->info);
      g_clear_pointer (&result->info, xj_photo_info_free);
    }
  return result;
}

/* Rows and files of every photo that @results added and nothing uses. */
static void
discard_results (GPtrArray *results,
                 sqlite3   *db)
{
  for (guint i = 0; i < results->len; i++)
    {
      XjPhotoImportResult *result = g_ptr_array_index (results, i);
      g_autoptr(GError) error = NULL;

      if (result->info != NULL && !xj_photo_info_discard (result->info, db, &error))
        g_warning ("Could not take back the photo %s: %s", result->path, error->message);
    }
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_photo_import_result_free);
  GError *error = NULL;
  guint total = g_strv_length (job->paths);
  sqlite3 *db = xj_store_open_connection (job->db_path, FALSE, &error);

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < total; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        break;
      g_ptr_array_add (results, import_one (job, db, job->paths[i], cancellable));
      if (job->progress != NULL)
        {
          Progress *progress = g_new0 (Progress, 1);

          progress->progress = job->progress;
          progress->progress_data = job->progress_data;
          progress->done = i + 1;
          progress->total = total;
          progress->path = g_strdup (job->paths[i]);
          g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                                      report_progress_cb, progress, progress_free);
        }
    }
  if (error != NULL)
    discard_results (results, db);
  sqlite3_close (db);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * xj_photo_import_async:
 * @paths: files to import, in the order to report them
 * @progress: (nullable): told after each file, on the calling thread's
 *   main context
 *
 * Imports @paths (see xj_photo_import_file()) and records them, off the
 * main loop.  The store is only used here and in the finish call, on the
 * calling thread.
 */
void
xj_photo_import_async (XjStore              *store,
                       const char * const   *paths,
                       XjPhotoProgressFunc   progress,
                       gpointer              progress_data,
                       GDestroyNotify        progress_destroy,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (XJ_IS_STORE (store));
  g_return_if_fail (paths != NULL);

  job = g_new0 (ImportJob, 1);
  job->data_dir = g_strdup (xj_store_get_data_dir (store));
  job->db_path = g_strdup (xj_store_get_db_path (store));
  job->paths = g_strdupv ((char **) paths);
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_destroy = progress_destroy;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, xj_photo_import_async);
  /* The results always reach the finish call, which takes them back when
   * the import was cancelled after the last file. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * xj_photo_import_finish:
 *
 * Emits "changed::photos" on @store when the import ran.
 *
 * Returns: (transfer full) (element-type XjPhotoImportResult): one result
 * per path, or %NULL when the database could not be opened or the import
 * was cancelled (%G_IO_ERROR_CANCELLED: then nothing stays stored).
 */
GPtrArray *
xj_photo_import_finish (XjStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_autoptr(GPtrArray) results = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == xj_photo_import_async, NULL);

  results = g_task_propagate_pointer (G_TASK (result), error);
  if (results != NULL && g_cancellable_set_error_if_cancelled (g_task_get_cancellable (G_TASK (result)),
                                                                error))
    {
      discard_results (results, xj_store_get_db (store));
      g_clear_pointer (&results, g_ptr_array_unref);
    }
  xj_store_emit_changed (store, "photos");
  return g_steal_pointer (&results);
}
