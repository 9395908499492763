/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"
#include "xj-transaction.h"

G_BEGIN_DECLS

/* Shared by xj-store.c and xj-transaction.c only. */
gboolean  _xj_store_prepare_write      (XjStore  *self,
                                        GError  **error);
guint     _xj_store_get_depth          (XjStore  *self);
void      _xj_store_set_depth          (XjStore  *self,
                                        guint     depth);

/* A transaction whose errors start with @context instead of "Could not
 * save" (an upgrade says which version it was making). */
XjTransaction *_xj_transaction_begin_for (XjStore     *store,
                                          const char  *context,
                                          GError     **error);

G_END_DECLS
