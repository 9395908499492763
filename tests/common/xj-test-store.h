/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

/* A new data folder (its path in @dir, to free and remove) whose database
 * is a copy of the fixture @name from tests/fixtures (xunjian-v7.db: the
 * demo at schema v7), opened with @flags — migrated to the current
 * version.  Fails the test when it does not open. */
XjStore *xj_test_open_fixture_copy (const char        *name,
                                    XjStoreOpenFlags   flags,
                                    char             **dir);

/* Saves a new estate named @name in @store (by 王芳); its id. */
gint64   xj_test_save_site         (XjStore           *store,
                                    const char        *name);

G_END_DECLS
