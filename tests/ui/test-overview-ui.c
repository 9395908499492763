/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview page on real widgets: three weekly checks at one site, two
 * of them failing the same item, computed in a worker while the window
 * keeps running; the charts, the table view with the same numbers, the
 * repeat finding, and a kind with nothing in it.
 */
#include "config.h"

#include "xj-demo.h"
#include "xj-demo-inspections.h"
#include "xj-overview-page.h"
#include "xj-site.h"
#include "xj-test-app.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"
#include "xj-window.h"

typedef struct
{
  XJ_TEST_APP_FIELDS
  gint64 site_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  g_autoptr(GError) error = NULL;
  static const char *const litter[] = { "w-litter", NULL };
  static const char *const remarks[] = { "3 号楼北侧有垃圾", NULL };

  xj_test_app_start (XJ_TEST_APP (f));
  g_assert_true (xj_store_save_site (f->store, site, "王芳", &error));
  g_assert_no_error (error);
  f->site_id = xj_site_get_id (site);
  for (guint i = 0; i < 3; i++)
    {
      XjDemoInspection spec = {
        .site_id = f->site_id, .template_uid = "xunjian:builtin:weekly-check", .kind = "weekly",
        .fail_keys = i < 2 ? litter : (const char *const[]) { NULL }, .remarks = remarks,
        .complete = TRUE,
      };

      g_assert_cmpint (xj_demo_add_inspection (f->store, &spec, &error), >, 0);
      g_assert_no_error (error);
    }
  xj_test_app_show (XJ_TEST_APP (f), "overview");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  xj_test_app_tear_down (XJ_TEST_APP (f));
}

static XjOverviewPage *
find_page (Fixture *f)
{
  GtkWidget *page = xj_test_find_by_type (GTK_WIDGET (f->window), XJ_TYPE_OVERVIEW_PAGE);

  g_assert_nonnull (page);
  return XJ_OVERVIEW_PAGE (page);
}

static GtkWidget *
find_child (GtkWidget  *root,
            const char *name)
{
  GtkWidget *found = xj_test_find_widget (root, name);

  g_assert_nonnull (found);
  return found;
}

static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  XjOverviewPage *page = find_page (f);
  const XjOverview *overview;
  const XjOverviewRepeat *repeat;
  GtkStack *stack;

  xj_test_wait_until (!xj_overview_page_get_loading (page));
  overview = xj_overview_page_get_overview (page);
  g_assert_nonnull (overview);
  g_assert_cmpuint (overview->n_inspections, ==, 3);
  g_assert_cmpuint (overview->repeats->len, ==, 1);
  repeat = &g_array_index (overview->repeats, XjOverviewRepeat, 0);
  g_assert_cmpint (repeat->site_id, ==, f->site_id);
  g_assert_cmpstr (repeat->item_key, ==, "w-litter");
  g_assert_cmpuint (repeat->count, ==, 2);

  /* The charts, with accessible names; the repeat in its table. */
  g_assert_nonnull (xj_test_find_by_type (GTK_WIDGET (page), GTK_TYPE_DRAWING_AREA));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (page), "翠湖花园"));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (page), "2"));

  /* The table view holds the same numbers. */
  stack = GTK_STACK (find_child (GTK_WIDGET (page), "view_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "charts");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_child (GTK_WIDGET (page), "table_button")),
                                TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "table");

  /* Another kind: computed again, in the worker, with nothing to show. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_child (GTK_WIDGET (page), "kind_dropdown")), 1);
  g_assert_true (xj_overview_page_get_loading (page));
  xj_test_wait_until (!xj_overview_page_get_loading (page));
  g_assert_cmpuint (xj_overview_page_get_overview (page)->n_inspections, ==, 0);
  g_assert_cmpuint (xj_overview_page_get_overview (page)->repeats->len, ==, 0);
}

int
main (int argc, char **argv)
{
  xj_test_init_ui (&argc, &argv);
  g_test_add ("/xj/ui/overview/figures", Fixture, NULL, fixture_set_up, test_figures,
              fixture_tear_down);
  return g_test_run ();
}
