/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Progress from a worker thread to the caller's main context: the report
 * writers and the signing share it.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include "xj-progress-relay.h"

typedef struct {
  XjReportProgressFunc progress;
  gpointer             progress_data;
  double               fraction;
} ProgressUpdate;

void
_xj_progress_relay_init (XjProgressRelay      *relay,
                         XjReportProgressFunc  progress,
                         gpointer              progress_data)
{
  relay->progress = progress;
  relay->progress_data = progress_data;
  relay->context = g_main_context_ref_thread_default ();
  relay->last_percent = -1;
}

void
_xj_progress_relay_clear (XjProgressRelay *relay)
{
  g_clear_pointer (&relay->context, g_main_context_unref);
}

XjReportProgressFunc
_xj_progress_relay_get_func (const XjProgressRelay *relay)
{
  return relay->progress != NULL ? _xj_progress_relay_forward : NULL;
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  update->progress (update->fraction, update->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: whole percents are sent to the caller's main context. */
void
_xj_progress_relay_forward (double   fraction,
                            gpointer user_data)
{
  XjProgressRelay *relay = user_data;
  ProgressUpdate *update;
  int percent = (int) (fraction * 100);

  if (relay->progress == NULL || percent == relay->last_percent)
    return;
  relay->last_percent = percent;
  update = g_new (ProgressUpdate, 1);
  update->progress = relay->progress;
  update->progress_data = relay->progress_data;
  update->fraction = fraction;
  g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, deliver_progress_cb, update,
                              g_free);
}
