/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A photo's original, for the viewer.  A laptop that pulled the team's
 * photos has their renditions and thumbnails (what pages and reports
 * show: reports embed renditions, so signing never needs an original);
 * the original stays on the team server until someone asks for it.  Both
 * the look-up and the fetch run in workers: the window never waits on
 * the disk, the database or the network.
 */
#define G_LOG_DOMAIN "xj-photo-viewer"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "xj-photo-original.h"
#include "xj-photo.h"
#include "xj-store.h"
#include "xj-team-keyring.h"
#include "xj-team-laptop.h"
#include "xj-team-sync.h"

/* The original as the camera meant it (EXIF orientation applied, as the
 * rendition is). */
static GdkTexture *
load_turned (const char  *path,
             GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, error);
  g_autoptr(GdkPixbuf) turned = NULL;

  if (pixbuf == NULL)
    return NULL;
  turned = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  return gdk_texture_new_for_pixbuf (turned != NULL ? turned : pixbuf);
}

/* Whether this laptop is in a team (read with a store of the worker's own). */
static gboolean
in_team (const char  *data_dir,
         GError     **error)
{
  g_autoptr(XjStore) store = xj_store_open_reader (data_dir, error);
  g_autoptr(XjTeamMembership) membership = NULL;

  if (store == NULL || (membership = xj_team_get_membership (store, error)) == NULL)
    return FALSE;
  return membership->server != NULL;
}

typedef struct
{
  char            *data_dir;
  char            *sha256;
  char            *mime;
  XjOriginalWhere  where;
  GMutex           lock;
  gint64           received;
  gint64           total;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->data_dir);
  g_free (job->sha256);
  g_free (job->mime);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static Job *
job_new (const char *data_dir,
         const char *sha256,
         const char *mime)
{
  Job *job = g_new0 (Job, 1);

  job->data_dir = g_strdup (data_dir);
  job->sha256 = g_strdup (sha256);
  job->mime = g_strdup (mime);
  g_mutex_init (&job->lock);
  return job;
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autofree char *path = xj_photo_dup_original_path (job->data_dir, job->sha256, job->mime);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      gboolean team = in_team (job->data_dir, &error);

      if (error != NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      job->where = team ? XJ_ORIGINAL_ON_SERVER : XJ_ORIGINAL_MISSING;
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  job->where = XJ_ORIGINAL_HERE;
  if ((texture = load_turned (path, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/* Returns: (transfer none): the task started. */
static GTask *
start_job (Job                 *job,
           gpointer             source_tag,
           GTaskThreadFunc      thread,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, thread);
  return task;
}

void
xj_photo_original_load_async (const char          *data_dir,
                              const char          *sha256,
                              const char          *mime,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  start_job (job_new (data_dir, sha256, mime), xj_photo_original_load_async, load_thread,
             cancellable, callback, user_data);
}

/* Returns: (transfer full) (nullable): the original when it is here. */
GdkTexture *
xj_photo_original_load_finish (GAsyncResult     *result,
                               XjOriginalWhere  *where,
                               GError          **error)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  *where = job->where;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- the fetch ------------------------------------------------------------ */

static void
on_progress (gint64    received,
             gint64    total,
             gpointer  user_data)
{
  Job *job = user_data;

  g_mutex_lock (&job->lock);
  job->received = received;
  job->total = total;
  g_mutex_unlock (&job->lock);
}

static void
fetch_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(XjStore) store = NULL;
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autoptr(XjTeamConnection) connection = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = NULL;

  if ((store = xj_store_open_reader (job->data_dir, &error)) != NULL
      && (membership = xj_team_get_membership (store, &error)) != NULL
      && membership->server != NULL
      && (connection = xj_team_connect_member (membership->server, membership->user, NULL,
                                               &error)) != NULL
      && (path = xj_team_fetch_original_full (store, connection, job->sha256, cancellable,
                                              on_progress, job, &error)) != NULL)
    texture = load_turned (path, &error);
  if (texture != NULL)
    g_task_return_pointer (task, texture, g_object_unref);
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NOT_JOINED, "%s",
                             _("This laptop is in no team."));
}

/* Returns: (transfer none): the task, for xj_photo_original_fetch_get_progress(). */
GTask *
xj_photo_original_fetch_async (const char          *data_dir,
                               const char          *sha256,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  return start_job (job_new (data_dir, sha256, NULL), xj_photo_original_fetch_async,
                    fetch_thread, cancellable, callback, user_data);
}

/* Returns: whether the size of the original is known yet. */
gboolean
xj_photo_original_fetch_get_progress (GTask  *task,
                                      gint64 *received,
                                      gint64 *total)
{
  Job *job = g_task_get_task_data (task);

  g_mutex_lock (&job->lock);
  *received = job->received;
  *total = job->total;
  g_mutex_unlock (&job->lock);
  return *total > 0;
}

GdkTexture *
xj_photo_original_fetch_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
