/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The notice queries that scan, run off the main loop: the board (every
 * notice that passes the filters, and the counts) and the periodic check
 * (escalation rules, then reminders).  Each job opens a store of its own
 * in the worker (the board a reader), since a connection never crosses
 * threads; the caller's store hears nothing of the worker's writes, so the
 * caller announces the escalations (see XjNoticeCheck.n_escalated).
 */
#define G_LOG_DOMAIN "xj-notice"

#include "config.h"

#include "xj-notice-query.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-reminder.h"
#include "xj-reader-task.h"

void
xj_notice_board_free (XjNoticeBoard *board)
{
  if (board == NULL)
    return;
  g_clear_pointer (&board->notices, g_ptr_array_unref);
  g_free (board);
}

void
xj_notice_check_free (XjNoticeCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->reminders, g_ptr_array_unref);
  g_free (check);
}

/* --- the board ------------------------------------------------------------ */

typedef struct {
  XjNoticeFilter  filter;
  gint64          now;
} BoardJob;

static void
board_job_free (BoardJob *job)
{
  g_free ((gint64 *) job->filter.site_ids);
  g_free (job);
}

static gpointer
board_on_reader (XjStore       *reader,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  BoardJob *job = data;
  g_autoptr(XjNoticeBoard) board = g_new0 (XjNoticeBoard, 1);

  if ((board->notices = xj_store_list_notices (reader, &job->filter, job->now, error)) == NULL
      || !xj_store_count_notices (reader, &job->filter, job->now, &board->counts, error))
    return NULL;
  return g_steal_pointer (&board);
}

static const XjReaderTask board_task = {
  .run = board_on_reader,
  .job_free = (GDestroyNotify) board_job_free,
  .result_free = (GDestroyNotify) xj_notice_board_free,
  /* A stale board is worthless: a newer load supersedes it. */
  .return_on_cancel = TRUE,
};

/**
 * xj_notice_board_load_async:
 * @filter: copied; its state is ignored by the counts
 *
 * Loads the board in a worker thread, on a reader of @store's data folder.
 */
void
xj_notice_board_load_async (XjStore               *store,
                            const XjNoticeFilter  *filter,
                            gint64                 now,
                            GCancellable          *cancellable,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  BoardJob *job;

  g_return_if_fail (XJ_IS_STORE (store));
  g_return_if_fail (filter != NULL);

  job = g_new0 (BoardJob, 1);
  job->now = now;
  job->filter = *filter;
  job->filter.site_ids = g_memdup2 (filter->site_ids, filter->n_site_ids * sizeof (gint64));
  xj_store_run_on_reader_async (store, &board_task, job, cancellable, callback, user_data);
}

XjNoticeBoard *
xj_notice_board_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  return xj_store_run_on_reader_finish (result, &board_task, error);
}

/* --- the periodic check --------------------------------------------------- */

typedef struct {
  char    *db_dir;
  gint64   since;
  gint64   now;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_free (job->db_dir);
  g_free (job);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckJob *job = task_data;
  g_autoptr(XjNoticeCheck) check = g_new0 (XjNoticeCheck, 1);
  g_autoptr(XjStore) store = NULL;
  GError *error = NULL;

  /* Escalate first, so that the reminders see today's flags. */
  store = xj_store_open (job->db_dir, XJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL
      || !xj_notices_escalate_due (store, job->now, &check->n_escalated, &error)
      || (check->reminders = xj_notice_reminders_collect (store, job->since, job->now,
                                                          &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  check->checked_at = job->now;
  g_task_return_pointer (task, g_steal_pointer (&check), (GDestroyNotify) xj_notice_check_free);
}

/**
 * xj_notice_check_async:
 * @since: the previous check's time, 0 if none
 *
 * Applies the escalation rules (xj_notices_escalate_due()) and collects
 * the reminders (xj_notice_reminders_collect()) in a worker thread.
 */
void
xj_notice_check_async (const char          *db_dir,
                       gint64               since,
                       gint64               now,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  g_return_if_fail (db_dir != NULL);

  job = g_new0 (CheckJob, 1);
  job->db_dir = g_strdup (db_dir);
  job->since = since;
  job->now = now;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, xj_notice_check_async);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  /* The escalation writes: let it finish once started (no return on cancel). */
  g_task_run_in_thread (task, check_thread);
}

XjNoticeCheck *
xj_notice_check_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == xj_notice_check_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
