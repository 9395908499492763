/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Photos in the runner: attaching to the current item from the file
 * chooser, by dropping files on a row or pasting (Ctrl+V), importing a
 * camera's folder with a review of the proposed items, and opening the
 * viewer.  Imports run in a worker (xj_photo_import_async) with progress
 * and cancel on the row; attaching is a short write on the main thread.
 */
#define G_LOG_DOMAIN "xj-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-photo-async.h"
#include "xj-photo-review.h"
#include "xj-photo-source.h"
#include "xj-photo-store.h"
#include "xj-photo-viewer.h"
#include "xj-runner-private.h"
#include "xj-window-actions.h"
#include "xj-window.h"

typedef struct
{
  XjRunner     *runner;
  XjItemRow    *row;
  GCancellable *cancellable;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->runner);
  g_clear_object (&job->row);
  g_clear_object (&job->cancellable);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_free)

/* --- helpers -------------------------------------------------------------- */

static XjStore *
get_store (XjRunner *self)
{
  return xj_application_get_store (self->application);
}

/* Attaches stored photos to @row's answer; says on the row and in a toast
 * what went wrong, file by file. */
static guint
attach_results (XjRunner  *self,
                XjItemRow *row,
                GPtrArray *results)
{
  g_autofree char *actor = xj_application_dup_actor (self->application);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 answer_id = 0;
  guint attached = 0, failed = 0;

  if (!xj_store_ensure_answer (get_store (self), self->inspection_id, xj_item_row_get_item (row),
                               &answer_id, &error))
    {
      xj_item_row_set_error (row, error->message);
      xj_toast (GTK_WIDGET (self), error->message);
      return 0;
    }
  for (guint i = 0; i < results->len; i++)
    {
      XjPhotoImportResult *result = g_ptr_array_index (results, i);
      g_autoptr(GError) local_error = NULL;

      if (result->info != NULL
          && xj_store_attach_photo (get_store (self), XJ_ANSWER_PHOTOS (answer_id),
                                    result->info->sha256, NULL, actor, NULL,
                                    &local_error))
        {
          attached++;
          continue;
        }
      failed++;
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      if (result->error != NULL)
        g_string_append (problems, result->error->message);
      else
        {
          g_autofree char *name = g_path_get_basename (result->path);

          /* Translators: a file name and why it was not attached */
          g_string_append_printf (problems, _("%s: %s"), name, local_error->message);
        }
    }
  xj_item_row_set_error (row, failed > 0 ? problems->str : NULL);
  if (failed > 0)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("%u photo could not be attached",
                                                            "%u photos could not be attached",
                                                            failed), failed);
      xj_toast (GTK_WIDGET (self), message);
    }
  return attached;
}

static void
on_import_progress_cb (guint        done,
                       guint        total,
                       const char  *path,
                       gpointer     user_data)
{
  ImportJob *job = user_data;
  g_autofree char *text = g_strdup_printf (_("Importing photo %u of %u…"), MIN (done + 1, total),
                                           total);

  xj_photo_strip_set_progress (xj_item_row_get_photo_strip (job->row),
                               total > 0 ? (double) done / total : 0, text);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ImportJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = xj_photo_import_finish (XJ_STORE (source), result, &error);
  XjPhotoStrip *strip = xj_item_row_get_photo_strip (job->row);

  xj_photo_strip_set_progress (strip, 0, NULL);
  g_object_set_data (G_OBJECT (strip), "import", NULL);
  if (results == NULL)
    {
      /* Silent on cancel: the person asked for it. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        xj_toast (GTK_WIDGET (job->runner), error->message);
      return;
    }
  if (!job->runner->read_only)
    attach_results (job->runner, job->row, results);
}

static void
on_strip_cancel_cb (XjPhotoStrip *strip)
{
  GCancellable *cancellable = g_object_get_data (G_OBJECT (strip), "import");

  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
}

/* --- attaching files ------------------------------------------------------ */

static void
_xj_runner_attach_paths (XjRunner           *self,
                         XjItemRow          *row,
                         const char * const *paths)
{
  XjPhotoStrip *strip = xj_item_row_get_photo_strip (row);
  ImportJob *job;

  if (self->read_only || paths == NULL || paths[0] == NULL)
    return;
  if (g_object_get_data (G_OBJECT (strip), "import") != NULL)
    {
      xj_toast (GTK_WIDGET (self),
                _("Photos are still being imported for this item: wait or cancel first."));
      return;
    }
  job = g_new0 (ImportJob, 1);
  job->runner = g_object_ref (self);
  job->row = g_object_ref (row);
  job->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (strip), "import", g_object_ref (job->cancellable),
                          g_object_unref);
  on_import_progress_cb (0, g_strv_length ((char **) paths), NULL, job);
  xj_photo_import_async (get_store (self), paths, on_import_progress_cb, job, NULL,
                         job->cancellable, on_import_done_cb, job);
}

static void
attach_file_list (XjRunner  *self,
                  XjItemRow *row,
                  GSList    *files)
{
  g_auto(GStrv) paths = xj_photo_source_file_paths (files);

  _xj_runner_attach_paths (self, row, (const char * const *) paths);
}

static void
on_strip_files_cb (XjPhotoStrip *strip,
                   GSList       *files,
                   XjRunner     *self)
{
  XjItemRow *row = XJ_ITEM_ROW (gtk_widget_get_ancestor (GTK_WIDGET (strip), XJ_TYPE_ITEM_ROW));

  attach_file_list (self, row, files);
}

static void
on_strip_open_cb (XjPhotoStrip *strip,
                  guint         index,
                  XjRunner     *self)
{
  XjItemRow *row = XJ_ITEM_ROW (gtk_widget_get_ancestor (GTK_WIDGET (strip), XJ_TYPE_ITEM_ROW));
  XjAnswer *answer = g_hash_table_lookup (self->answers, &xj_item_row_get_item (row)->id);
  g_autofree char *actor = xj_application_dup_actor (self->application);
  XjPhotoViewer *viewer;

  if (answer == NULL)
    return;
  viewer = xj_photo_viewer_new (get_store (self), actor, self->inspection_id, answer->answer_id,
                                xj_item_row_get_item (row)->prompt, index, self->read_only);
  xj_window_present_over (GTK_WINDOW (viewer), GTK_WIDGET (self));
}

static void
on_chosen_cb (const char * const *paths,
              gboolean            folder,
              gpointer            user_data)
{
  ImportJob *job = user_data;

  if (folder)
    _xj_runner_import_folder (job->runner, paths[0]);
  else
    _xj_runner_attach_paths (job->runner, job->row, paths);
}

/* A job for photos to come to the current item; NULL when there is none
 * or the inspection is read-only. */
static ImportJob *
import_job_new (XjRunner *self)
{
  XjItemRow *row = xj_runner_get_current_row (self);
  ImportJob *job;

  if (row == NULL || self->read_only)
    return NULL;
  job = g_new0 (ImportJob, 1);
  job->runner = g_object_ref (self);
  job->row = g_object_ref (row);
  return job;
}

/* --- the clipboard -------------------------------------------------------- */

static void
on_pasted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ImportJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GPtrArray) results = xj_photo_source_paste_finish (result, &paths, &error);

  if (error != NULL)
    xj_toast (GTK_WIDGET (job->runner), error->message);
  else if (job->runner->read_only)
    return;
  else if (results != NULL)
    attach_results (job->runner, job->row, results);
  else
    _xj_runner_attach_paths (job->runner, job->row, (const char * const *) paths);
}

void
_xj_runner_paste (XjRunner *self)
{
  ImportJob *job = import_job_new (self);

  if (job != NULL)
    xj_photo_source_paste_async (GTK_WIDGET (self), get_store (self), on_pasted_cb, job);
}

/* --- a camera's folder ---------------------------------------------------- */

static void
on_folder_imported_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(XjRunner) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = xj_photo_import_finish (XJ_STORE (source), result, &error);
  XjPhotoReview *review;

  gtk_widget_set_visible (GTK_WIDGET (self->import_bar), FALSE);
  g_clear_object (&self->folder_import);
  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  if (self->read_only)
    return;
  review = xj_photo_review_new (self, results);
  xj_window_present_over (GTK_WINDOW (review), GTK_WIDGET (self));
}

static void
on_folder_progress_cb (guint        done,
                       guint        total,
                       const char  *path,
                       gpointer     user_data)
{
  XjRunner *self = user_data;

  xj_photo_show_import_progress (self->import_progress, done, total);
}

/* Imports every photo of @folder in a worker, then shows the review. */
void
_xj_runner_import_folder (XjRunner   *self,
                          const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;

  if (self->read_only || self->folder_import != NULL)
    return;
  if ((paths = xj_photo_source_folder_paths (folder, &error)) == NULL)
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  self->folder_import = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->import_bar), TRUE);
  on_folder_progress_cb (0, g_strv_length (paths), NULL, self);
  xj_photo_import_async (get_store (self), (const char * const *) paths,
                         on_folder_progress_cb, g_object_ref (self), g_object_unref,
                         self->folder_import, on_folder_imported_cb, g_object_ref (self));
}

void
_xj_runner_cancel_folder_import (XjRunner *self)
{
  if (self->folder_import != NULL)
    g_cancellable_cancel (self->folder_import);
}

/* --- rows and actions ----------------------------------------------------- */

void
_xj_runner_setup_photos (XjRunner  *self,
                         XjItemRow *row)
{
  XjPhotoStrip *strip = xj_item_row_get_photo_strip (row);

  g_signal_connect_object (strip, "open", G_CALLBACK (on_strip_open_cb), self, 0);
  g_signal_connect_object (strip, "files", G_CALLBACK (on_strip_files_cb), self, 0);
  g_signal_connect (strip, "cancel", G_CALLBACK (on_strip_cancel_cb), NULL);
}

/* Thumbnails of the rows whose photos may have changed. */
void
_xj_runner_reload_photos (XjRunner *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      XjItemRow *row = g_ptr_array_index (self->rows, i);
      XjAnswer *answer = g_hash_table_lookup (self->answers, &xj_item_row_get_item (row)->id);
      XjPhotoStrip *strip = xj_item_row_get_photo_strip (row);
      guint n = answer != NULL ? answer->n_photos : 0;

      if (n > 0 || xj_photo_strip_get_n_shown (strip) > 0)
        xj_photo_strip_load (strip, get_store (self), self->inspection,
                             answer != NULL ? answer->answer_id : 0);
    }
}

void
_xj_runner_choose_photos (XjRunner *self,
                          gboolean  folder)
{
  ImportJob *job = import_job_new (self);

  if (job != NULL)
    xj_photo_source_choose (GTK_WIDGET (self), folder, on_chosen_cb, job,
                            (GDestroyNotify) import_job_free);
}
