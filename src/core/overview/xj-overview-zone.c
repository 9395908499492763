/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Following the time zone.  The Overview's stored figures are in local
 * time: the monthly sums (local months) and the schedules' outcomes (the
 * occurrences are planned in local wall time), each naming the zone it
 * was computed in and used only there.  Started in another zone (a
 * laptop taken on a journey, a changed setting), the Overview matched
 * every schedule and read every inspection itself (2.5 s on five years of
 * two hundred sites) until the next write added them up again, in that
 * write's transaction.  xj_overview_follow_zone_async() does it at the
 * start instead, in a worker with a connection of its own: the monthly
 * sums in one transaction, then the schedules a few at a time, about
 * 20 ms a transaction with a pause between two, so that a write of the
 * window gets in.  Until then the Overview reads what is not yet in this
 * zone the slow way, and the figures are the same.  Nothing is written
 * when everything is in this zone already.
 */
#define G_LOG_DOMAIN "xj-overview"

#include "config.h"

#include "xj-clock.h"
#include "xj-overview-private.h"
#include "xj-schedule-private.h"
#include "xj-store-private.h"

/**
 * xj_overview_follow_zone:
 *
 * Adds up the monthly sums and matches the schedules' outcomes again
 * where they were computed in another time zone than the one of now
 * (cheap when none was).  Commits as it goes: run it on a store of its
 * own, not inside a transaction.
 */
gboolean
xj_overview_follow_zone (XjStore       *store,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *zone = xj_clock_dup_zone_name ();
  g_autofree char *months_zone = NULL;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  /* Nothing written (no write lock taken) when all is in this zone. */
  if (!_xj_overview_read_months_zone (store, &months_zone, error))
    return FALSE;
  if (g_strcmp0 (months_zone, zone) != 0)
    {
      g_autoptr(XjTransaction) tx = xj_transaction_begin (store, error);

      if (tx == NULL || !_xj_overview_refresh_months (store, error)
          || !xj_transaction_commit (tx, error))
        return FALSE;
    }
  if (!_xj_schedule_outcomes_refresh_each (store, cancellable, error))
    return FALSE;
  g_debug ("overview: time zone followed in %.1f ms", (g_get_monotonic_time () - start) / 1e3);
  return TRUE;
}

/* Workers still at it. */
static gint n_running;

/**
 * xj_overview_follow_zone_get_n_running:
 *
 * Returns: how many xj_overview_follow_zone_async() workers still run
 * (they open the data folder's database).
 */
guint
xj_overview_follow_zone_get_n_running (void)
{
  return (guint) g_atomic_int_get (&n_running);
}

static void
follow_zone_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(XjStore) store = NULL;
  GError *error = NULL;

  store = xj_store_open (task_data, XJ_STORE_OPEN_DEFAULT, &error);
  if (store != NULL)
    (void) xj_overview_follow_zone (store, cancellable, &error);
  /* Closed before anyone hears it is done. */
  g_clear_object (&store);
  (void) g_atomic_int_dec_and_test (&n_running);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* xj_overview_follow_zone() in a worker, on a store of its own over
 * @store's data folder. */
void
xj_overview_follow_zone_async (XjStore             *store,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (XJ_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, xj_overview_follow_zone_async);
  g_task_set_task_data (task, g_strdup (xj_store_get_data_dir (store)), g_free);
  g_atomic_int_inc (&n_running);
  g_task_run_in_thread (task, follow_zone_thread);
}

gboolean
xj_overview_follow_zone_finish (XjStore       *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == xj_overview_follow_zone_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
