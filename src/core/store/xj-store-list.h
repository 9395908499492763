/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "xj-store.h"

G_BEGIN_DECLS

/* A short list read whole from the store (sites, checklists) as a
 * GListModel that reads itself again when its table changes. */
typedef GPtrArray *(*XjStoreListLoadFunc) (XjStore   *store,
                                           gpointer   user_data,
                                           GError   **error);
/* Whether two items show the same: a reload announces only what differs. */
typedef gboolean   (*XjStoreListEqualFunc) (gpointer   a,
                                            gpointer   b);

#define XJ_TYPE_STORE_LIST (xj_store_list_get_type ())
G_DECLARE_FINAL_TYPE (XjStoreList, xj_store_list, XJ, STORE_LIST, GObject)

XjStoreList  *xj_store_list_new       (XjStore             *store,
                                       const char          *table,
                                       GType                item_type,
                                       XjStoreListLoadFunc  load,
                                       XjStoreListEqualFunc equal,
                                       gpointer             user_data);
gboolean      xj_store_list_reload    (XjStoreList         *self);
const GError *xj_store_list_get_error (XjStoreList         *self);

G_END_DECLS
