/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Inspections page of a data folder the size of five years of two
 * hundred sites (295 000 inspections, written in bulk as `demo --years`
 * writes them): the list jumps to its end, as a person dragging the
 * scroll bar to the bottom does, and shows the real rows there (the
 * oldest inspections) in a few seconds: the deep pages are read by key,
 * not by an OFFSET that walks three hundred thousand rows each time.
 * The data folder's database is made once into the build folder (a
 * minute) and copied for each run.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "xj-builtins.h"
#include "xj-inspection-bulk.h"
#include "xj-list-row.h"
#include "xj-paged-model.h"
#include "xj-schedule.h"
#include "xj-record-rows-private.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-app.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"

#define N_INSPECTIONS 295000
#define N_SITES 20
#define T0 1640995200           /* 2022-01-01 */
#define STEP 510                /* seconds between two inspections: five years */

typedef struct {
  XJ_TEST_APP_FIELDS
  char *site_names[N_SITES];
  char *template_name;
} Fixture;

/* Inspection @i (0: the oldest) is at site i % N_SITES. */
static void
fill_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjStore) store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(XjInspectionBulk) bulk = NULL;
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  XjGradeBands bands = XJ_GRADE_BANDS_DEFAULT;
  XjTemplateSummary *summary;
  XjScore *score;
  gint64 sites[N_SITES];
  gint64 schedules[N_SITES];
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_assert_true (xj_templates_install_builtins (store, &error));
  g_assert_no_error (error);
  templates = xj_store_list_templates (store, FALSE, &error);
  g_assert_no_error (error);
  summary = templates->pdata[0];
  tmpl = xj_store_load_template_version (store, summary->version_id, &error);
  g_assert_no_error (error);
  score = xj_score_compute_for_values (tmpl, values, &bands);
  for (guint i = 0; i < N_SITES; i++)
    {
      g_autoptr(XjSite) site = NULL;
      g_autoptr(XjSchedule) schedule = NULL;
      XjScheduleSpec spec;

      g_autofree char *name = g_strdup_printf ("滨江花园 %u 期", i + 1);

      site = xj_site_new (name, XJ_SITE_KIND_ESTATE);
      g_assert_true (xj_store_save_site (store, site, "王芳", &error));
      g_assert_no_error (error);
      sites[i] = xj_site_get_id (site);
      g_assert_true (xj_schedule_spec_parse (XJ_SCHEDULE_RULE_DAILY,
                                             "{\"from\": \"08:00\", \"to\": \"18:00\"}", &spec,
                                             &error));
      g_assert_no_error (error);
      schedule = xj_schedule_new (sites[i], summary->id, "daily", &spec, T0);
      g_assert_true (xj_store_save_schedule (store, schedule, "王芳", &error));
      g_assert_no_error (error);
      schedules[i] = xj_schedule_get_id (schedule);
    }

  bulk = xj_inspection_bulk_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_INSPECTIONS; i++)
    {
      XjPastInspection past = {
        .site_id = sites[i % N_SITES], .version_id = summary->version_id, .kind = "daily",
        .inspector = "王芳", .rep_name = "", .rep_company = "",
        .schedule_id = schedules[i % N_SITES], .occurrence_at = T0 + (gint64) i * STEP,
        .started_at = T0 + (gint64) i * STEP, .completed_at = T0 + (gint64) i * STEP + 1800,
        .score = score,
      };

      gint64 id = xj_inspection_bulk_add (bulk, &past, NULL, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
    }
  g_assert_true (xj_inspection_bulk_commit (bulk, &error));
  g_assert_no_error (error);
  xj_score_free (score);
  g_test_message ("%u inspections written in %.1f s", N_INSPECTIONS,
                  (g_get_monotonic_time () - start) / 1e6);
}

/* A data folder holding a copy of the database made once (by schema
 * version, so that a newer schema makes it again). */
static char *
make_data_dir (void)
{
  const char *cache = g_getenv ("XJ_TEST_CACHE");
  g_autofree char *name = g_strdup_printf ("long-list-%u-v%u.db", N_INSPECTIONS,
                                           xj_store_get_schema_version ());
  g_autofree char *cached = g_build_filename (cache != NULL ? cache : g_get_tmp_dir (), name, NULL);
  g_autofree char *db = NULL;
  char *dir = xj_test_make_data_dir ();

  if (!g_file_test (cached, G_FILE_TEST_EXISTS))
    {
      g_autofree char *making = xj_test_make_data_dir ();
      g_autofree char *made = g_build_filename (making, "xunjian.db", NULL);
      g_autofree char *partial = g_strconcat (cached, ".partial", NULL);

      fill_store (making);
      xj_test_copy_file (made, partial);
      g_assert_cmpint (g_rename (partial, cached), ==, 0);
      xj_test_remove_tree (making);
    }
  db = g_build_filename (dir, "xunjian.db", NULL);
  xj_test_copy_file (cached, db);
  return dir;
}

/* The names in the rows' titles: the sites', and the checklist's of
 * every inspection (a built-in one, named in the language of the run). */
static void
read_names (Fixture     *f,
            GtkListView *view)
{
  const XjInspection *newest;

  xj_test_wait_until_ms (_xj_record_rows_get_data (view, 0) != NULL, 60000);
  newest = _xj_record_rows_get_data (view, 0);
  f->template_name = g_strdup (newest->template_name);
  for (guint i = 0; i < N_SITES; i++)
    f->site_names[i] = g_strdup_printf ("滨江花园 %u 期", i + 1);
}

/* The title of the list's row at @position (0: the newest). */
static char *
expected_title (Fixture *f,
                guint    position)
{
  guint i = N_INSPECTIONS - 1 - position;

  return g_strdup_printf ("%s · %s", f->site_names[i % N_SITES], f->template_name);
}

/* The rows on screen, all with their text (none still being read), and
 * among them one titled @title. */
static gboolean
rows_shown (GtkListView *view,
            const char  *title)
{
  graphene_rect_t bounds;
  gboolean found = FALSE;
  guint n = 0;

  if (!gtk_widget_compute_bounds (GTK_WIDGET (view), GTK_WIDGET (view), &bounds))
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      graphene_rect_t area;

      /* On screen: inside the list's own area. */
      if (row == NULL || !gtk_widget_get_mapped (child)
          || !gtk_widget_compute_bounds (child, GTK_WIDGET (view), &area)
          || !graphene_rect_intersection (&area, &bounds, NULL))
        continue;
      if (_xj_record_row_is_placeholder (row))
        return FALSE;
      found = found || g_strcmp0 (xj_list_row_get_title (XJ_LIST_ROW (row)), title) == 0;
      n++;
    }
  return n > 0 && found;
}

static void
test_jump_to_the_end (void)
{
  Fixture f = { 0 };
  GtkListView *view;
  XjPagedModel *model;
  GtkAdjustment *adjustment;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  gint64 start;
  guint n;

  f.dir = make_data_dir ();
  xj_test_app_start (XJ_TEST_APP (&f));
  xj_test_app_show (XJ_TEST_APP (&f), "inspections");
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1366, 768);
  view = xj_test_find_page_list (xj_window_get_area (f.window, "inspections"));
  g_assert_nonnull (view);
  model = XJ_PAGED_MODEL (_xj_record_rows_get_model (view));
  read_names (&f, view);

  /* Opened at the top: the newest. */
  first = expected_title (&f, 0);
  xj_test_wait_until_ms (rows_shown (view, first), 60000);
  xj_test_wait_until_ms (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view)))
                         == N_INSPECTIONS, 60000);

  /* Dragged to the bottom: the oldest, read from the kept keys. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  start = g_get_monotonic_time ();
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                        - gtk_adjustment_get_page_size (adjustment));
  last = expected_title (&f, N_INSPECTIONS - 1);
  xj_test_wait_until_ms (rows_shown (view, last)
                         && _xj_record_rows_get_data (view, N_INSPECTIONS - 1) != NULL, 30000);
  g_test_message ("the end of %u inspections shown %.0f ms after the jump", N_INSPECTIONS,
                  (g_get_monotonic_time () - start) / 1e3);
  g_assert_true (xj_paged_model_get_keyed (model));
  g_assert_null (xj_paged_model_get_error (model));
  /* The rows there are the oldest, in order. */
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, N_INSPECTIONS);
  for (guint position = n - 20; position < n; position++)
    {
      const XjInspection *inspection = _xj_record_rows_get_data (view, position);
      g_autofree char *title = expected_title (&f, position);
      g_autofree char *shown = NULL;

      g_assert_nonnull (inspection);
      shown = g_strdup_printf ("%s · %s", inspection->site_name, inspection->template_name);
      g_assert_cmpstr (shown, ==, title);
      g_assert_cmpint (inspection->started_at, ==, T0 + (gint64) (n - 1 - position) * STEP);
    }

  /* Halfway up, another jump: the rows of the middle. */
  {
    g_autofree char *middle = NULL;
    double value = (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)) / 2;
    const XjInspection *inspection;
    guint position;

    gtk_adjustment_set_value (adjustment, value);
    /* The row at the top of the screen is about upper / n per row down. */
    position = (guint) (value / gtk_adjustment_get_upper (adjustment) * n);
    middle = expected_title (&f, position + 3);
    /* Titles repeat every N_SITES rows, so the rows still on screen from
     * before the jump may already show one: wait for the row itself. */
    xj_test_wait_until_ms (rows_shown (view, middle)
                           && _xj_record_rows_get_data (view, position + 3) != NULL, 30000);
    inspection = _xj_record_rows_get_data (view, position + 3);
    g_assert_nonnull (inspection);
    g_assert_cmpint (inspection->started_at, ==, T0 + (gint64) (n - 4 - position) * STEP);
  }

  xj_test_app_tear_down (XJ_TEST_APP (&f));
  g_free (f.template_name);
  for (guint i = 0; i < N_SITES; i++)
    g_free (f.site_names[i]);
}

int
main (int    argc,
      char **argv)
{
  xj_test_init_ui (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/xj/ui/long-list/jump-to-the-end", test_jump_to_the_end);
  return g_test_run ();
}
