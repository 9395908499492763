/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader connections a store keeps for its workers (xj-reader-pool.c).
 * Private to src/core.
 */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

typedef struct _XjReaderPool XjReaderPool;

XjReaderPool *_xj_reader_pool_new          (const char    *data_dir);
XjReaderPool *_xj_reader_pool_ref          (XjReaderPool  *pool);
void          _xj_reader_pool_unref        (XjReaderPool  *pool);
void          _xj_reader_pool_close        (XjReaderPool  *pool);
XjStore      *_xj_reader_pool_take         (XjReaderPool  *pool,
                                            GError       **error);
void          _xj_reader_pool_give         (XjReaderPool  *pool,
                                            XjStore       *reader);
guint         _xj_reader_pool_get_n_opened (XjReaderPool  *pool);

/* The pool of @store (made on first use). */
XjReaderPool *_xj_store_get_reader_pool    (XjStore       *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjReaderPool, _xj_reader_pool_unref)

G_END_DECLS
