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

/* The id of the checklist @uid (xunjian:builtin:weekly-check …). */
gint64   xj_test_find_template     (XjStore           *store,
                                    const char        *uid);

/* A weekly check at @site_id by @inspector (李强 of 绿城物业 along), every
 * item answered (pass, or n.a.), completed with the core: ready to sign
 * once signed by hand.  Its id. */
gint64   xj_test_complete_weekly   (XjStore           *store,
                                    gint64             site_id,
                                    const char        *inspector);

G_END_DECLS
