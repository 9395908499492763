/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview page on real widgets: three weekly checks at one site, two
 * of them failing the same item, computed in a worker while the window
 * keeps running; the charts, the table view with the same numbers, the
 * repeat finding, and a kind with nothing in it; the notice board filtered
 * by several sites, by hand and from the Overview's selection.
 */
#include "config.h"

#include <math.h>

#include "xj-demo.h"
#include "xj-demo-inspections.h"
#include "xj-clock.h"
#include "xj-notice.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-store.h"
#include "xj-notices-page.h"
#include "xj-overview-drill-dialog.h"
#include "xj-overview-mystery.h"
#include "xj-overview-page.h"
#include "xj-period-picker.h"
#include "xj-site-picker.h"
#include "xj-site.h"
#include "xj-test-app.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"
#include "xj-window.h"

typedef struct
{
  XJ_TEST_APP_FIELDS
  gint64 site_id;
  gint64 other_site_id;    /* one weekly check, nothing failing */
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
  {
    g_autoptr(XjSite) other = xj_site_new ("星河湾", XJ_SITE_KIND_ESTATE);
    XjDemoInspection spec = {
      .template_uid = "xunjian:builtin:weekly-check", .kind = "weekly",
      .fail_keys = (const char *const[]) { NULL }, .complete = TRUE,
    };

    g_assert_true (xj_store_save_site (f->store, other, "王芳", &error));
    f->other_site_id = spec.site_id = xj_site_get_id (other);
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

/* The first table that has a figure to open (a button). */
static GtkGrid *
find_table_with_figure (GtkWidget *root)
{
  if (GTK_IS_GRID (root))
    for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_BUTTON (child))
        return GTK_GRID (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkGrid *found = find_table_with_figure (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static double
text_x (GtkWidget *cell,
        GtkWidget *grid)
{
  GtkWidget *text = GTK_IS_BUTTON (cell) ? gtk_button_get_child (GTK_BUTTON (cell)) : cell;
  graphene_point_t at;

  g_assert_true (gtk_widget_compute_point (text, grid, &GRAPHENE_POINT_INIT (0, 0), &at));
  return at.x;
}

/* In the table view, a figure that opens what is behind it (a flat button)
 * starts where its column's header starts, and its row is as tall as a
 * row of plain text. */
static void
assert_figures_line_up (GtkWidget *page)
{
  GtkGrid *grid = find_table_with_figure (find_child (page, "table_box"));
  GtkWidget *button = NULL;
  int column, row, span;

  g_assert_nonnull (grid);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (grid)));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (grid)); button == NULL && child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      button = child;
  gtk_grid_query_child (grid, button, &column, &row, &span, &span);
  g_assert_cmpint (row, >, 0);
  g_assert_cmpfloat (fabs (text_x (button, GTK_WIDGET (grid))
                           - text_x (gtk_grid_get_child_at (grid, column, 0), GTK_WIDGET (grid))), <, 1);
  g_assert_cmpint (gtk_widget_get_height (button), <=,
                   gtk_widget_get_height (gtk_grid_get_child_at (grid, 0, row)) + 1);
}

static GtkWidget *nth_drawing (GtkWidget *root,
                               guint      n);

/* Pixels of @area, as it draws, below its legend (y >= 28), within a few
 * steps of the colour (@r, @g, @b) (0-255). */
static guint
count_colour_below_legend (GtkWidget *area,
                           int        r,
                           int        g,
                           int        b)
{
  int width = gtk_widget_get_width (area), height = gtk_widget_get_height (area);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  guint found = 0;

  GTK_WIDGET_GET_CLASS (area)->snapshot (area, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_surface_flush (surface);
  for (int y = 28; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface)
                                              + y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < width; x++)
        if ((row[x] >> 24) > 200 && ABS ((int) ((row[x] >> 16) & 0xff) - r) < 40
            && ABS ((int) ((row[x] >> 8) & 0xff) - g) < 40 && ABS ((int) (row[x] & 0xff) - b) < 40)
          found++;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
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
  GtkWidget *trend;

  xj_test_wait_until (!xj_overview_page_get_loading (page));
  overview = xj_overview_page_get_overview (page);
  g_assert_nonnull (overview);
  g_assert_cmpuint (overview->n_inspections, ==, 4);
  g_assert_cmpuint (overview->repeats->len, ==, 1);
  repeat = &g_array_index (overview->repeats, XjOverviewRepeat, 0);
  g_assert_cmpint (repeat->site_id, ==, f->site_id);
  g_assert_cmpstr (repeat->item_key, ==, "w-litter");
  g_assert_cmpuint (repeat->count, ==, 2);

  /* The charts, with accessible names; the repeat in its table. */
  g_assert_nonnull (xj_test_find_by_type (GTK_WIDGET (page), GTK_TYPE_DRAWING_AREA));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (page), "翠湖花园"));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (page), "2"));
  /* Every inspection is of this month: the score trend has one point per
   * site, drawn as a dot in the first site's colour (issue 12: a team's
   * first month showed empty charts). */
  trend = nth_drawing (find_child (GTK_WIDGET (page), "charts_box"), 0);
  g_assert_nonnull (trend);
  xj_test_wait_until (gtk_widget_get_width (trend) > 200);
  g_assert_cmpuint (count_colour_below_legend (trend, 28, 112, 217), >, 10);

  /* The table view holds the same numbers. */
  stack = GTK_STACK (find_child (GTK_WIDGET (page), "view_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "charts");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_child (GTK_WIDGET (page), "table_button")),
                                TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "table");
  xj_test_iterate (20);
  assert_figures_line_up (GTK_WIDGET (page));

  /* Another kind: computed again, in the worker, with nothing to show. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_child (GTK_WIDGET (page), "kind_dropdown")), 1);
  g_assert_true (xj_overview_page_get_loading (page));
  xj_test_wait_until (!xj_overview_page_get_loading (page));
  g_assert_cmpuint (xj_overview_page_get_overview (page)->n_inspections, ==, 0);
  g_assert_cmpuint (xj_overview_page_get_overview (page)->repeats->len, ==, 0);
}

/* The check button of @label in the site picker's list (the rows the
 * search leaves). */
static GtkCheckButton *
find_check (GtkWidget  *root,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) && gtk_widget_get_visible (root)
      && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return GTK_CHECK_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_check (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
wait_computed (XjOverviewPage *page)
{
  xj_test_wait_until (!xj_overview_page_get_loading (page)
                      && xj_overview_page_get_overview (page) != NULL);
}

static void
test_sites (Fixture       *f,
            gconstpointer  data)
{
  XjOverviewPage *page = find_page (f);
  GtkWidget *picker = xj_test_find_by_type (GTK_WIDGET (page), XJ_TYPE_SITE_PICKER);
  GtkMenuButton *button = GTK_MENU_BUTTON (find_child (picker, "sites_button"));
  GtkWidget *list = find_child (picker, "sites_list");
  GtkCheckButton *all = GTK_CHECK_BUTTON (find_child (picker, "all_check"));
  const XjOverview *overview;

  wait_computed (page);
  g_assert_cmpuint (xj_overview_page_get_overview (page)->sites->len, ==, 2);

  /* One site checked: only its figures, computed again in the worker. */
  gtk_menu_button_popup (button);
  xj_test_wait_until (xj_test_count_list_rows (list) == 2);
  gtk_check_button_set_active (find_check (list, "翠湖花园"), TRUE);
  g_assert_true (xj_overview_page_get_loading (page));
  g_assert_false (gtk_check_button_get_active (all));
  wait_computed (page);
  overview = xj_overview_page_get_overview (page);
  g_assert_cmpuint (overview->sites->len, ==, 1);
  g_assert_cmpint (g_array_index (overview->sites, XjOverviewSite, 0).site_id, ==, f->site_id);
  g_assert_cmpuint (overview->n_inspections, ==, 3);
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "翠湖花园");

  /* The search narrows the list; the site checked stays chosen. */
  gtk_editable_set_text (GTK_EDITABLE (find_child (picker, "search_entry")), "星河");
  xj_test_wait_until (xj_test_count_list_rows (list) == 1);
  g_assert_null (find_check (list, "翠湖花园"));
  gtk_check_button_set_active (find_check (list, "星河湾"), TRUE);
  wait_computed (page);
  overview = xj_overview_page_get_overview (page);
  g_assert_cmpuint (overview->sites->len, ==, 2);
  g_assert_cmpuint (overview->n_inspections, ==, 4);
  g_assert_cmpstr (gtk_menu_button_get_label (button), !=, "翠湖花园");

  /* Nothing found: said so. */
  gtk_editable_set_text (GTK_EDITABLE (find_child (picker, "search_entry")), "不存在");
  xj_test_wait_until (xj_test_count_list_rows (list) == 0);
  g_assert_true (gtk_widget_get_visible (find_child (picker, "no_match_label")));

  /* "All sites" clears the selection. */
  gtk_check_button_set_active (all, TRUE);
  wait_computed (page);
  g_assert_cmpuint (xj_overview_page_get_overview (page)->sites->len, ==, 2);
  g_assert_null (xj_site_picker_get_selection (XJ_SITE_PICKER (picker), &(guint) { 0 }));
  gtk_menu_button_popdown (button);
}

/* A site group (华东区) chooses its sites; a site checked by hand after it
 * makes the selection a hand-made one again. */
static void
test_group (Fixture       *f,
            gconstpointer  data)
{
  XjOverviewPage *page = find_page (f);
  GtkWidget *picker = xj_test_find_by_type (GTK_WIDGET (page), XJ_TYPE_SITE_PICKER);
  GtkMenuButton *button = GTK_MENU_BUTTON (find_child (picker, "sites_button"));
  GtkDropDown *groups = GTK_DROP_DOWN (find_child (picker, "group_drop"));
  GtkWidget *list = find_child (picker, "sites_list");
  g_autoptr(XjSite) other = xj_store_get_site (f->store, f->other_site_id, NULL);
  g_autoptr(GError) error = NULL;
  const XjOverview *overview;

  wait_computed (page);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (groups)));
  xj_site_set_group (other, "华东区");
  g_assert_true (xj_store_save_site (f->store, other, "王芳", &error));
  g_assert_no_error (error);
  xj_test_wait_until (gtk_widget_get_visible (GTK_WIDGET (groups)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (groups)), ==, 2);

  gtk_menu_button_popup (button);
  gtk_drop_down_set_selected (groups, 1);
  g_assert_true (xj_overview_page_get_loading (page));
  wait_computed (page);
  overview = xj_overview_page_get_overview (page);
  g_assert_cmpuint (overview->sites->len, ==, 1);
  g_assert_cmpint (g_array_index (overview->sites, XjOverviewSite, 0).site_id, ==,
                   f->other_site_id);
  g_assert_cmpuint (overview->n_inspections, ==, 1);
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "华东区");
  xj_test_wait_until (xj_test_count_list_rows (list) == 2);
  g_assert_true (gtk_check_button_get_active (find_check (list, "星河湾")));
  g_assert_false (gtk_check_button_get_active (find_check (list, "翠湖花园")));

  gtk_check_button_set_active (find_check (list, "翠湖花园"), TRUE);
  wait_computed (page);
  g_assert_cmpuint (xj_overview_page_get_overview (page)->sites->len, ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (groups), ==, 0);
  g_assert_cmpstr (gtk_menu_button_get_label (button), !=, "华东区");
  gtk_menu_button_popdown (button);
}

static void
test_custom_period (Fixture       *f,
                    gconstpointer  data)
{
  XjOverviewPage *page = find_page (f);
  GtkWidget *picker = xj_test_find_by_type (GTK_WIDGET (page), XJ_TYPE_PERIOD_PICKER);
  GtkWidget *custom = find_child (picker, "custom_button");
  GtkEditable *from = GTK_EDITABLE (find_child (picker, "from_entry"));
  GtkEditable *to = GTK_EDITABLE (find_child (picker, "to_entry"));
  GtkWidget *apply = find_child (picker, "apply_button");
  GtkWidget *error_label = find_child (picker, "error_label");
  g_autoptr(GDateTime) now = xj_clock_now_local ();
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (now, -7);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *start = g_date_time_format (week_ago, "%Y-%m-%d");
  const XjOverview *before;

  wait_computed (page);
  before = xj_overview_page_get_overview (page);
  g_assert_false (gtk_widget_get_visible (custom));

  /* Choosing "Custom range" asks for days and shows nothing new yet. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_child (picker, "period_dropdown")),
                              XJ_PERIOD_CUSTOM);
  g_assert_true (gtk_widget_get_visible (custom));
  g_assert_false (xj_overview_page_get_loading (page));

  /* Not a date: a clear message, the figures unchanged. */
  gtk_editable_set_text (from, "2026-02-30");
  gtk_editable_set_text (to, today);
  g_signal_emit_by_name (apply, "clicked");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "2026-02-30"));
  g_assert_false (xj_overview_page_get_loading (page));
  g_assert_true (xj_overview_page_get_overview (page) == before);

  /* Backwards: refused too. */
  gtk_editable_set_text (from, today);
  gtk_editable_set_text (to, start);
  g_signal_emit_by_name (apply, "clicked");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (xj_period_picker_get_error (XJ_PERIOD_PICKER (picker)));
  g_assert_false (xj_overview_page_get_loading (page));

  /* The last week: every inspection, by week. */
  gtk_editable_set_text (from, start);
  gtk_editable_set_text (to, today);
  g_signal_emit_by_name (apply, "clicked");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_true (xj_overview_page_get_loading (page));
  wait_computed (page);
  g_assert_cmpuint (xj_overview_page_get_overview (page)->n_inspections, ==, 4);
  g_assert_nonnull (strstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (custom)), today));

  /* A range of days long past: nothing in it. */
  gtk_editable_set_text (from, "2020-01-01");
  gtk_editable_set_text (to, "2020-03-31");
  g_signal_emit_by_name (apply, "clicked");
  wait_computed (page);
  g_assert_cmpuint (xj_overview_page_get_overview (page)->n_inspections, ==, 0);
}

/* The button that activates @action with @target (floating, consumed). */
static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action,
                 GVariant   *target)
{
  g_autoptr(GVariant) wanted = g_variant_ref_sink (target);
  GtkWidget *found = NULL;

  if (GTK_IS_BUTTON (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0
      && g_variant_equal (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root)), wanted))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL && found == NULL;
       child = gtk_widget_get_next_sibling (child))
    found = find_actionable (child, action, g_variant_ref (wanted));
  return found;
}

/* The @n-th drawing area under @root, depth first. */
static GtkWidget *
nth_drawing (GtkWidget *root,
             guint      n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_DRAWING_AREA (child) && n-- == 0)
      return child;
  return NULL;
}

/* A click as the chart's gesture reports it. */
static void
click_at (GtkWidget *widget,
          double     x,
          double     y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "pressed", 1, x, y);
          return;
        }
    }
  g_assert_not_reached ();
}

static XjOverviewDrillDialog *
wait_drill_dialog (void)
{
  GtkWindow *dialog = NULL;

  xj_test_wait_until ((dialog = xj_test_find_window (XJ_TYPE_OVERVIEW_DRILL_DIALOG)) != NULL
                      && !xj_overview_drill_dialog_get_loading (XJ_OVERVIEW_DRILL_DIALOG (dialog)));
  return XJ_OVERVIEW_DRILL_DIALOG (dialog);
}

static void
test_drill_down (Fixture       *f,
                 gconstpointer  data)
{
  XjOverviewPage *page = find_page (f);
  const XjOverview *overview;
  const XjOverviewCell *cell;
  XjOverviewDrillDialog *dialog;
  GArray *inspections;
  GtkWidget *list, *button, *board, *heat_map;
  gint64 opened;

  wait_computed (page);
  overview = xj_overview_page_get_overview (page);
  cell = xj_overview_find_cell (overview, f->site_id, XJ_OVERVIEW_CLEANING);
  g_assert_nonnull (cell);
  g_assert_cmpuint (cell->n_inspections, ==, 3);

  /* A click on the heat map's first cell: the site needing attention most
   * (翠湖花园, with its failures) and cleaning, the first column. */
  heat_map = nth_drawing (find_child (GTK_WIDGET (page), "charts_box"), 2);
  g_assert_nonnull (heat_map);
  xj_test_wait_until (gtk_widget_get_width (heat_map) > 200);
  click_at (heat_map, 180 + (gtk_widget_get_width (heat_map) - 180) / 10.0, 26 * 1.5);
  dialog = wait_drill_dialog ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "翠湖花园");
  inspections = xj_overview_drill_dialog_get_inspections (dialog);
  g_assert_cmpuint (inspections->len, ==, cell->n_inspections);
  g_assert_cmpstr (g_array_index (inspections, XjOverviewInspection, 0).site_name, ==, "翠湖花园");
  gtk_window_destroy (GTK_WINDOW (dialog));
  xj_test_wait_until (xj_test_find_window (XJ_TYPE_OVERVIEW_DRILL_DIALOG) == NULL);

  /* The repeat finding's count in the table: the two inspections where the
   * litter item failed; a row opens its inspection and the dialog goes. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_child (GTK_WIDGET (page), "table_button")),
                                TRUE);
  button = xj_test_find_button (find_child (GTK_WIDGET (page), "charts_box"), "2");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dialog = wait_drill_dialog ();
  inspections = xj_overview_drill_dialog_get_inspections (dialog);
  g_assert_cmpuint (inspections->len, ==, 2);
  for (guint i = 0; i < inspections->len; i++)
    g_assert_cmpuint (g_array_index (inspections, XjOverviewInspection, i).n_failed, ==, 1);
  opened = g_array_index (inspections, XjOverviewInspection, 0).inspection_id;
  list = find_child (GTK_WIDGET (dialog), "inspections_list");
  g_signal_emit_by_name (list, "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  xj_test_wait_until (xj_test_find_window (XJ_TYPE_OVERVIEW_DRILL_DIALOG) == NULL);
  g_assert_cmpint (xj_window_get_inspection_id (f->window), ==, opened);
  xj_window_close_inspection (f->window);

  /* A notice figure: the board, filtered the same way. */
  button = find_actionable (GTK_WIDGET (page), "win.show-notices",
                            g_variant_new ("(@axibb)", g_variant_new_fixed_array (G_VARIANT_TYPE_INT64,
                                                                                   NULL, 0, sizeof (gint64)),
                                           -1, FALSE, TRUE));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  board = xj_window_get_area (f->window, "notices");
  g_assert_true (gtk_widget_get_mapped (board));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (xj_test_find_named (board,
                                                                             "escalated-filter"))));
}

static guint
count_drawings (GtkWidget *root)
{
  guint n = GTK_IS_DRAWING_AREA (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_drawings (child);
  return n;
}

/* Three store visits at a store, one where greeting took 54 s (the demo's
 * failing stopwatch value: 1.8 × the 30 s limit; passing is 0.6 × 30). */
static void
test_mystery (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(XjSite) store = xj_site_new ("湖滨银泰旗舰店", XJ_SITE_KIND_STORE);
  g_autoptr(GError) error = NULL;
  XjOverviewPage *page = find_page (f);
  const XjOverview *overview;
  const XjOverviewHard *approach = NULL;
  XjHardBins bins;
  GtkWidget *charts, *tables;

  g_assert_true (xj_store_save_site (f->store, store, "王芳", &error));
  for (guint i = 0; i < 3; i++)
    {
      XjDemoInspection spec = {
        .site_id = xj_site_get_id (store), .template_uid = "xunjian:builtin:mystery-store-visit",
        .kind = "mystery_visit", .complete = TRUE,
        .fail_keys = i == 0 ? (const char *const[]) { "v-approach", "v-greeted", NULL }
                            : (const char *const[]) { NULL },
        .remarks = (const char *const[]) { "进店 54 秒无人接待", "无人招呼", NULL },
      };

      g_assert_cmpint (xj_demo_add_inspection (f->store, &spec, &error), >, 0);
      g_assert_no_error (error);
    }
  wait_computed (page);
  charts = find_child (GTK_WIDGET (page), "charts_box");
  tables = find_child (GTK_WIDGET (page), "table_box");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_child (GTK_WIDGET (page), "kind_dropdown")),
                              XJ_OVERVIEW_MYSTERY_VISITS);
  wait_computed (page);
  overview = xj_overview_page_get_overview (page);
  g_assert_cmpuint (overview->n_inspections, ==, 3);

  /* The steps of the flow: the greeting's three items in three visits,
   * one failed. */
  for (guint i = 0; i < overview->steps->len; i++)
    {
      const XjOverviewStep *step = &g_array_index (overview->steps, XjOverviewStep, i);

      if (step->position == 1)
        {
          g_assert_cmpuint (step->n_fail, ==, 1);
          g_assert_cmpuint (step->n_pass, ==, 8);
        }
    }
  for (guint i = 0; i < overview->hard->len; i++)
    if (g_str_equal (((XjOverviewHard *) g_ptr_array_index (overview->hard, i))->item_key,
                     "v-approach"))
      approach = g_ptr_array_index (overview->hard, i);
  g_assert_nonnull (approach);
  g_assert_cmpuint (approach->values->len, ==, 3);
  g_assert_cmpuint (approach->n_fail, ==, 1);

  /* Its histogram: bins of 5 s with the 30 s limit on an edge; 18 s twice
   * in (15, 20], 54 s in (50, 55], failing. */
  xj_overview_hard_bins (approach, &bins);
  g_assert_false (bins.per_value);
  g_assert_cmpfloat (bins.width, ==, 5);
  g_assert_cmpuint (bins.counts->len, ==, 11);
  g_assert_cmpuint (g_array_index (bins.counts, guint, 3), ==, 2);
  g_assert_cmpuint (g_array_index (bins.counts, guint, 10), ==, 1);
  g_assert_true (xj_overview_hard_bin_passes (approach, &bins, 5));
  g_assert_false (xj_overview_hard_bin_passes (approach, &bins, 6));
  g_array_unref (bins.counts);

  /* Drawn: the store's steps and a histogram per hard standard; and the
   * same numbers in the table view. */
  g_assert_cmpuint (count_drawings (charts), >=, 1 + overview->hard->len);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_child (GTK_WIDGET (page), "table_button")),
                                TRUE);
  g_assert_true (xj_test_label_shown (tables, "湖滨银泰旗舰店"));
  g_assert_true (xj_test_label_shown (tables, "50–55"));
  g_assert_true (xj_test_label_shown (tables, "89 % (8/9)"));
}

/* The rows of each sheet of @path, as openpyxl (as Excel) reads them. */
static char *
read_workbook (const char *path)
{
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "ws = wb.worksheets[0]\n"
    "assert ws.freeze_panes == 'A2'\n"
    "sites = sorted({r[1] for r in ws.iter_rows(min_row=2, values_only=True)})\n"
    "print(' '.join(str(w.max_row - 1) for w in wb.worksheets), ','.join(sites))\n",
    path, NULL,
  };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (out);
}

static void
export_and_wait (XjOverviewPage *page,
                 const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (gtk_widget_is_sensitive (find_child (GTK_WIDGET (page), "export_button")));
  xj_overview_page_export_file (page, file);
  g_assert_true (xj_overview_page_get_exporting (page));
  g_assert_false (gtk_widget_is_sensitive (find_child (GTK_WIDGET (page), "export_button")));
  xj_test_wait_until (!xj_overview_page_get_exporting (page));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* "Export to Excel" writes what is on screen: its period, sites and kind. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  XjOverviewPage *page = find_page (f);
  GtkWidget *picker = xj_test_find_by_type (GTK_WIDGET (page), XJ_TYPE_SITE_PICKER);
  g_autofree char *all = g_build_filename (f->dir, "all.xlsx", NULL);
  g_autofree char *one = g_build_filename (f->dir, "one.xlsx", NULL);
  g_autofree char *visits = g_build_filename (f->dir, "visits.xlsx", NULL);
  g_autofree char *rows = NULL;

  wait_computed (page);
  export_and_wait (page, all);
  /* Four checks (three at 翠湖花园, one at 星河湾) with every answer, no
   * notice, no schedule. */
  rows = read_workbook (all);
  g_assert_true (g_str_has_prefix (rows, "4 "));
  g_assert_true (g_str_has_suffix (rows, " 星河湾,翠湖花园"));
  g_clear_pointer (&rows, g_free);

  gtk_menu_button_popup (GTK_MENU_BUTTON (find_child (picker, "sites_button")));
  xj_test_wait_until (find_check (find_child (picker, "sites_list"), "星河湾") != NULL);
  gtk_check_button_set_active (find_check (find_child (picker, "sites_list"), "星河湾"), TRUE);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (find_child (picker, "sites_button")));
  wait_computed (page);
  export_and_wait (page, one);
  rows = read_workbook (one);
  g_assert_true (g_str_has_prefix (rows, "1 "));
  g_assert_true (g_str_has_suffix (rows, " 星河湾"));
  g_clear_pointer (&rows, g_free);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_child (GTK_WIDGET (page), "kind_dropdown")),
                              XJ_OVERVIEW_MYSTERY_VISITS);
  wait_computed (page);
  export_and_wait (page, visits);
  rows = read_workbook (visits);
  g_assert_cmpstr (rows, ==, "0 0 0 0 0");
}

/* A third site, 湖滨花园, and an issued notice at each of the three; the
 * third site's id in @third. */
static void
add_three_notices (Fixture *f,
                   gint64  *third)
{
  g_autoptr(XjSite) site = xj_site_new ("湖滨花园", XJ_SITE_KIND_ESTATE);
  g_autoptr(GError) error = NULL;

  g_assert_true (xj_store_save_site (f->store, site, "王芳", &error));
  g_assert_no_error (error);
  *third = xj_site_get_id (site);
  for (guint i = 0; i < 3; i++)
    {
      gint64 site_id = i == 0 ? f->site_id : i == 1 ? f->other_site_id : *third;
      g_autoptr(XjNotice) notice = xj_notice_new (XJ_NOTICE_TYPE_RECTIFICATION, site_id);

      xj_notice_set_description (notice, "消防通道堆放杂物");
      xj_notice_set_deadline (notice, xj_clock_now () + 3 * 86400);
      g_assert_true (xj_store_create_notice (f->store, notice, 90, "李娜", &error));
      g_assert_true (xj_store_take_notice_step (f->store, xj_notice_get_id (notice), XJ_NOTICE_ACTION_ISSUE,
                                                &(XjNoticeStepOptions) { .by = "李娜" }, &error));
      g_assert_no_error (error);
    }
}

/* The board, once loaded, shows two issued notices: one at @a, one at @b. */
static void
assert_board_sites (XjNoticesPage *board,
                    gint64         a,
                    gint64         b)
{
  GListModel *issued;
  gint64 seen[2] = { 0 };

  xj_test_wait_until (!xj_notices_page_is_loading (board)
                      && xj_notices_page_get_counts (board)->total == 2);
  issued = xj_notices_page_get_column (board, XJ_NOTICE_STATE_ISSUED);
  g_assert_cmpuint (g_list_model_get_n_items (issued), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(XjNotice) notice = g_list_model_get_item (issued, i);

      seen[i] = xj_notice_get_site_id (notice);
      g_assert_true (seen[i] == a || seen[i] == b);
    }
  g_assert_cmpint (seen[0], !=, seen[1]);
}

/* Checks the sites named in @names in @picker's popover. */
static void
check_sites (GtkWidget          *picker,
             const char * const *names)
{
  GtkWidget *list = find_child (picker, "sites_list");

  gtk_menu_button_popup (GTK_MENU_BUTTON (find_child (picker, "sites_button")));
  for (guint i = 0; names[i] != NULL; i++)
    {
      xj_test_wait_until (find_check (list, names[i]) != NULL);
      gtk_check_button_set_active (find_check (list, names[i]), TRUE);
    }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (find_child (picker, "sites_button")));
}

/* The board with three sites: two chosen in its site picker, only their
 * notices are shown; all sites again, all three. */
static void
test_board_sites (Fixture       *f,
                  gconstpointer  data)
{
  static const char *const two[] = { "翠湖花园", "湖滨花园", NULL };
  XjNoticesPage *board;
  GtkWidget *picker;
  gint64 third;

  add_three_notices (f, &third);
  xj_window_show_area (f->window, "notices");
  board = XJ_NOTICES_PAGE (xj_window_get_area (f->window, "notices"));
  xj_test_wait_until (!xj_notices_page_is_loading (board)
                      && xj_notices_page_get_counts (board)->total == 3);
  picker = xj_test_find_by_type (GTK_WIDGET (board), XJ_TYPE_SITE_PICKER);
  g_assert_nonnull (picker);
  check_sites (picker, two);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (find_child (picker, "sites_button"))),
                   ==, "2 sites");
  assert_board_sites (board, f->site_id, third);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_child (picker, "all_check")), TRUE);
  xj_test_wait_until (xj_notices_page_get_counts (board)->total == 3);
}

/* Two sites chosen on the Overview as their group (华东区): its Open
 * figure opens the board with the same two sites chosen, named by the
 * group, and only their notices. */
static void
test_board_from_overview (Fixture       *f,
                          gconstpointer  data)
{
  XjOverviewPage *page = find_page (f);
  GtkWidget *picker = xj_test_find_by_type (GTK_WIDGET (page), XJ_TYPE_SITE_PICKER);
  GtkWidget *groups = find_child (picker, "group_drop");
  gint64 ids[2], third;
  const gint64 *board_ids;
  guint n_board_ids;
  GtkWidget *button, *board, *board_picker;

  add_three_notices (f, &third);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(XjSite) site = xj_store_get_site (f->store, i == 0 ? f->other_site_id : third,
                                                  NULL);

      xj_site_set_group (site, "华东区");
      g_assert_true (xj_store_save_site (f->store, site, "王芳", NULL));
    }
  wait_computed (page);
  xj_test_wait_until (gtk_widget_get_visible (groups));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (groups), 1);
  wait_computed (page);
  ids[0] = MIN (f->other_site_id, third);
  ids[1] = MAX (f->other_site_id, third);
  button = find_actionable (GTK_WIDGET (page), "win.show-notices",
                            g_variant_new ("(@axibb)",
                                           g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids, 2,
                                                                      sizeof (gint64)),
                                           -1, FALSE, FALSE));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  board = xj_window_get_area (f->window, "notices");
  g_assert_true (gtk_widget_get_mapped (board));
  board_picker = xj_test_find_by_type (board, XJ_TYPE_SITE_PICKER);
  board_ids = xj_site_picker_get_selection (XJ_SITE_PICKER (board_picker), &n_board_ids);
  g_assert_cmpuint (n_board_ids, ==, 2);
  g_assert_cmpint (board_ids[0], ==, ids[0]);
  g_assert_cmpint (board_ids[1], ==, ids[1]);
  xj_test_wait_until (g_strcmp0 (gtk_menu_button_get_label (
                        GTK_MENU_BUTTON (find_child (board_picker, "sites_button"))),
                      "华东区") == 0);
  assert_board_sites (XJ_NOTICES_PAGE (board), ids[0], ids[1]);
}

int
main (int argc, char **argv)
{
  xj_test_init_ui (&argc, &argv);
  g_test_add ("/xj/ui/overview/figures", Fixture, NULL, fixture_set_up, test_figures,
              fixture_tear_down);
  g_test_add ("/xj/ui/overview/sites", Fixture, NULL, fixture_set_up, test_sites,
              fixture_tear_down);
  g_test_add ("/xj/ui/overview/group", Fixture, NULL, fixture_set_up, test_group,
              fixture_tear_down);
  g_test_add ("/xj/ui/overview/custom-period", Fixture, NULL, fixture_set_up,
              test_custom_period, fixture_tear_down);
  g_test_add ("/xj/ui/overview/drill-down", Fixture, NULL, fixture_set_up, test_drill_down,
              fixture_tear_down);
  g_test_add ("/xj/ui/overview/mystery", Fixture, NULL, fixture_set_up, test_mystery,
              fixture_tear_down);
  g_test_add ("/xj/ui/overview/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);
  g_test_add ("/xj/ui/overview/board-sites", Fixture, NULL, fixture_set_up, test_board_sites,
              fixture_tear_down);
  g_test_add ("/xj/ui/overview/board-from-overview", Fixture, NULL, fixture_set_up,
              test_board_from_overview, fixture_tear_down);
  return g_test_run ();
}
