/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test stores made from the fixtures (demo databases of each shipped
 * schema version).
 */
#include "config.h"

#include "xj-inspection.h"
#include "xj-site.h"
#include "xj-template-store.h"
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

gint64
xj_test_find_template (XjStore    *store,
                       const char *uid)
{
  g_autoptr(GPtrArray) list = xj_store_list_templates (store, FALSE, NULL);

  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    {
      XjTemplateSummary *summary = g_ptr_array_index (list, i);

      if (g_strcmp0 (summary->uid, uid) == 0)
        return summary->id;
    }
  g_assert_not_reached ();
}

gint64
xj_test_complete_weekly (XjStore    *store,
                         gint64      site_id,
                         const char *inspector)
{
  XjInspectionStart start = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(XjTemplate) tmpl = NULL;
  gint64 id;

  start.site_id = site_id;
  start.template_id = xj_test_find_template (store, "xunjian:builtin:weekly-check");
  start.kind = "weekly";
  start.inspector = inspector;
  start.rep_name = "李强";
  start.rep_company = "绿城物业";
  id = xj_store_start_inspection (store, &start, &error);
  g_assert_no_error (error);
  tmpl = xj_store_load_inspection_template (store, id, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          g_assert_true (xj_store_set_answer (store, id, item,
                                              item->type == XJ_RESPONSE_PASS_FAIL ? "pass" : "na",
                                              &error));
          g_assert_no_error (error);
        }
    }
  g_assert_true (xj_store_complete_inspection (store, id, inspector, &error));
  g_assert_no_error (error);
  return id;
}
