/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report of an inspection before it is signed, in any state (a draft
 * too): the same data and the same renderer as signing, unsigned, and
 * marked as a preview across every page so that it cannot pass for the
 * archived report.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include "xj-reader-task.h"
#include "xj-report-build.h"
#include "xj-report-preview.h"
#include "xj-report.h"

typedef struct {
  gint64  inspection_id;
  char   *organisation;
  char   *logo_path;
  char   *path;
} PreviewJob;

static void
preview_job_free (PreviewJob *job)
{
  g_free (job->organisation);
  g_free (job->logo_path);
  g_free (job->path);
  g_free (job);
}

/**
 * xj_inspection_write_preview:
 * @organisation: printed at the top of the report (preferences)
 * @logo_path: (nullable): the organisation's logo
 * @path: the PDF to write (a temporary file beside it, then a rename)
 *
 * Writes the report of the inspection as it stands, unsigned and marked
 * as a preview.  Nothing in the store changes.
 */
gboolean
xj_inspection_write_preview (XjStore       *store,
                             gint64         inspection_id,
                             const char    *organisation,
                             const char    *logo_path,
                             const char    *path,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(XjReportData) data = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = xj_report_data_from_inspection (store, inspection_id, organisation, logo_path, error);
  if (data == NULL)
    return FALSE;
  data->preview = TRUE;
  return xj_report_write_inspection (data, path, NULL, NULL, cancellable, error);
}

/* Returns the job, which has nothing else to hand back. */
static gpointer
preview_on_reader (XjStore       *reader,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  PreviewJob *job = data;

  return xj_inspection_write_preview (reader, job->inspection_id, job->organisation,
                                      job->logo_path, job->path, cancellable, error) ? job
                                                                                     : NULL;
}

static const XjReaderTask preview_task = {
  .run = preview_on_reader,
  .job_free = (GDestroyNotify) preview_job_free,
};

/* xj_inspection_write_preview() in a worker, reading through its own
 * connection to @store's data folder. */
void
xj_inspection_write_preview_async (XjStore             *store,
                                   gint64               inspection_id,
                                   const char          *organisation,
                                   const char          *logo_path,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  PreviewJob *job;

  g_return_if_fail (XJ_IS_STORE (store));
  g_return_if_fail (path != NULL);

  job = g_new0 (PreviewJob, 1);
  job->inspection_id = inspection_id;
  job->organisation = g_strdup (organisation);
  job->logo_path = g_strdup (logo_path);
  job->path = g_strdup (path);
  xj_store_run_on_reader_async (store, &preview_task, job, cancellable, callback, user_data);
}

gboolean
xj_inspection_write_preview_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return xj_store_run_on_reader_finish (result, &preview_task, error) != NULL;
}
