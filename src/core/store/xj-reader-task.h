/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

/* Work that reads in a worker thread, through a reader connection of its
 * own (xj_store_open_reader()): a `sqlite3 *` never crosses threads.
 * Returns the result, or %NULL with @error set.  Work with nothing to hand
 * back returns a pointer it owns (its job, say), with no result_free. */
typedef gpointer (*XjReaderFunc) (XjStore       *reader,
                                  gpointer       job,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* One kind of work: a static constant per caller, which also tags its tasks. */
typedef struct {
  XjReaderFunc    run;
  GDestroyNotify  job_free;          /* nullable */
  GDestroyNotify  result_free;       /* nullable: a result the job owns */
  /* A stale answer is worthless: on cancelling, the callback comes at once
   * and the worker's answer is dropped.  Off for work that writes a file. */
  gboolean        return_on_cancel;
} XjReaderTask;

void      xj_store_run_on_reader_async  (XjStore             *store,
                                         const XjReaderTask  *kind,
                                         gpointer             job,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gpointer  xj_store_run_on_reader_finish (GAsyncResult        *result,
                                         const XjReaderTask  *kind,
                                         GError             **error);

G_END_DECLS
