/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One row of a list read from the store, as a GObject so that it can sit
 * in a GListModel.  The row itself is plain data owned by the record; a
 * record without data is a placeholder for a row still being read: when
 * the row is there, the same record takes it and emits "filled", so that
 * a list showing the placeholder updates the one row instead of the model
 * announcing a change (which makes a list view build its rows anew). */
#define XJ_TYPE_RECORD (xj_record_get_type ())
G_DECLARE_FINAL_TYPE (XjRecord, xj_record, XJ, RECORD, GObject)

XjRecord *xj_record_new            (gpointer        data,
                                    GDestroyNotify  free_func);
XjRecord *xj_record_new_placeholder (void);
gpointer  xj_record_get_data       (XjRecord       *self);
gboolean  xj_record_is_placeholder (XjRecord       *self);
void      xj_record_take_data      (XjRecord       *self,
                                    XjRecord       *from);

G_END_DECLS
