/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-report.h"

G_BEGIN_DECLS

/* Progress of work in a worker thread, told to the caller on the caller's
 * thread-default main context (where the relay was set up), in whole
 * percents only, so that the main loop gets no flood of sources.  Set up
 * on the calling thread; _xj_progress_relay_forward() is the worker's
 * XjReportProgressFunc, with the relay as its data. */
typedef struct {
  XjReportProgressFunc  progress;        /* (nullable): the caller's */
  gpointer              progress_data;
  GMainContext         *context;
  int                   last_percent;
} XjProgressRelay;

void                  _xj_progress_relay_init    (XjProgressRelay      *relay,
                                                  XjReportProgressFunc  progress,
                                                  gpointer              progress_data);
void                  _xj_progress_relay_clear   (XjProgressRelay      *relay);
/* For the worker: _xj_progress_relay_forward, or NULL when no one listens. */
XjReportProgressFunc  _xj_progress_relay_get_func (const XjProgressRelay *relay);
void                  _xj_progress_relay_forward (double                fraction,
                                                  gpointer              relay);

G_END_DECLS
