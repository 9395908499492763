/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

/* One unit of work on a store: rolled back when it goes out of scope
 * uncommitted, so an early return on error needs no hand-written ROLLBACK.
 *
 *   g_autoptr(XjTransaction) tx = xj_transaction_begin (store, error);
 *
 *   if (tx == NULL || !write_this (store, error) || !write_that (store, error))
 *     return FALSE;
 *   return xj_transaction_commit (tx, error);
 *
 * Begun while another is open on the same store, it is a savepoint inside
 * that one: its rollback undoes only its own writes, and its commit keeps
 * them until the outer transaction commits or rolls back. */
typedef struct _XjTransaction XjTransaction;

XjTransaction *xj_transaction_begin       (XjStore        *store,
                                           GError        **error);
gboolean       xj_transaction_commit      (XjTransaction  *self,
                                           GError        **error);
void           xj_transaction_free        (XjTransaction  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTransaction, xj_transaction_free)

G_END_DECLS
