/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test stores made from the fixtures (demo databases of each shipped
 * schema version).
 */
#include "config.h"

#include "xj-site.h"
#include "xj-test-store.h"
#include "xj-test-utils.h"

XjStore *
xj_test_open_fixture_copy (const char        *name,
                           XjStoreOpenFlags   flags,
                           char             **dir)
{
  g_autofree char *fixture = g_build_filename (FIXTURES_DIR, name, NULL);
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;

  g_assert_nonnull (dir);
  *dir = xj_test_make_data_dir ();
  target = g_build_filename (*dir, "xunjian.db", NULL);
  xj_test_copy_file (fixture, target);
  store = xj_store_open (*dir, flags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

gint64
xj_test_save_site (XjStore    *store,
                   const char *name)
{
  g_autoptr(XjSite) site = xj_site_new (name, XJ_SITE_KIND_ESTATE);
  g_autoptr(GError) error = NULL;

  g_assert_true (xj_store_save_site (store, site, "王芳", &error));
  g_assert_no_error (error);
  return xj_site_get_id (site);
}
