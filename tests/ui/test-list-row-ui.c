/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The light row of the long lists: one height whatever its text, the text
 * laid out only when drawn and told to assistive technologies, buttons
 * placed at the end inside the row, and the list pages built from it:
 * a screenful of rows first and a few more a frame, rows of records still
 * being read filled in place.
 */
#include "config.h"

#include <adwaita.h>

#include "xj-list-row.h"
#include "xj-record.h"
#include "xj-record-rows-private.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"

static const char long_title[] =
  "阳光花园小区 · 日常巡检（保洁、绿化、秩序维护、消防控制室）· 第一期 · 东区一号楼至十二号楼";

static GtkWidget *
show_in_window (GtkWidget *child,
                int        width)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, -1);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  xj_test_wait_until (gtk_widget_get_mapped (child) && gtk_widget_get_width (child) > 0);
  xj_test_iterate (50);
  return window;
}

static int
height_of (GtkWidget *row,
           int        width)
{
  int height = 0;

  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  return height;
}

/* The height is the same for no text, short and very long text: the list
 * never lays out text to know where rows go. */
static void
test_height_does_not_depend_on_text (void)
{
  GtkWidget *row = xj_list_row_new ();
  GtkWidget *window = show_in_window (row, 400);
  int blank = height_of (row, 400);

  g_assert_cmpint (blank, >=, 50);
  xj_list_row_set_text (XJ_LIST_ROW (row), "A", "b", "1");
  g_assert_cmpint (height_of (row, 400), ==, blank);
  xj_list_row_set_text (XJ_LIST_ROW (row), long_title, long_title, "已签名 · 98.5 % · 优");
  g_assert_cmpint (height_of (row, 400), ==, blank);
  g_assert_cmpint (height_of (row, 200), ==, blank);

  /* The natural width does not grow with the text either: it is ellipsized. */
  {
    int natural = 0;

    gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
    g_assert_cmpint (natural, <, 800);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Getters, the accessible name and the tooltip of shortened text. */
static void
test_text_is_told (void)
{
  GtkWidget *row = xj_list_row_new ();
  GtkWidget *window = show_in_window (row, 300);

  xj_list_row_set_text (XJ_LIST_ROW (row), long_title, "日检 · 2026-03-02 10:30 · 王芳", "92.0 %");
  g_assert_cmpstr (xj_list_row_get_title (XJ_LIST_ROW (row)), ==, long_title);
  g_assert_cmpstr (xj_list_row_get_subtitle (XJ_LIST_ROW (row)), ==, "日检 · 2026-03-02 10:30 · 王芳");
  g_assert_cmpstr (xj_list_row_get_tail (XJ_LIST_ROW (row)), ==, "92.0 %");
  g_assert_true (xj_test_label_shown (window, "王芳"));
  g_assert_true (xj_test_label_shown (window, "92.0 %"));
  g_assert_false (xj_test_label_shown (window, "张伟"));

  /* NULL text is empty text, and a blank row is not found. */
  xj_list_row_set_text (XJ_LIST_ROW (row), NULL, NULL, NULL);
  g_assert_cmpstr (xj_list_row_get_title (XJ_LIST_ROW (row)), ==, "");
  g_assert_false (xj_test_label_shown (window, "王芳"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Buttons at the end, a tag at the start, all inside the row and in order;
 * the text keeps what is left. */
static void
test_children_are_placed (void)
{
  GtkWidget *row = xj_list_row_new ();
  GtkWidget *tag = gtk_label_new ("暂停");
  GtkWidget *first = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *second = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *window;
  graphene_rect_t tag_box, first_box, second_box;

  xj_list_row_add_prefix (XJ_LIST_ROW (row), tag);
  xj_list_row_add_suffix (XJ_LIST_ROW (row), first);
  xj_list_row_add_suffix (XJ_LIST_ROW (row), second);
  xj_list_row_set_child_tooltip (first, "编辑");
  xj_list_row_set_text (XJ_LIST_ROW (row), long_title, long_title, NULL);
  window = show_in_window (row, 500);

  g_assert_true (gtk_widget_compute_bounds (tag, row, &tag_box));
  g_assert_true (gtk_widget_compute_bounds (first, row, &first_box));
  g_assert_true (gtk_widget_compute_bounds (second, row, &second_box));
  g_assert_cmpfloat (tag_box.origin.x, >=, 0);
  g_assert_cmpfloat (tag_box.origin.x + tag_box.size.width, <, first_box.origin.x);
  g_assert_cmpfloat (first_box.origin.x + first_box.size.width, <=, second_box.origin.x);
  g_assert_cmpfloat (second_box.origin.x + second_box.size.width, <=, gtk_widget_get_width (row));
  g_assert_cmpfloat (second_box.origin.y, >=, 0);
  g_assert_cmpfloat (second_box.origin.y + second_box.size.height, <=, gtk_widget_get_height (row));
  g_assert_true (gtk_widget_get_has_tooltip (first));

  /* A hidden child takes no room: the next one moves to the end. */
  gtk_widget_set_visible (second, FALSE);
  xj_test_iterate (50);
  g_assert_true (gtk_widget_compute_bounds (first, row, &first_box));
  g_assert_cmpfloat (first_box.origin.x + first_box.size.width, >, second_box.origin.x);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Mirrored in a right-to-left locale: buttons on the left. */
static void
test_right_to_left (void)
{
  GtkWidget *row = xj_list_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");
  GtkWidget *window;
  graphene_rect_t box;

  gtk_widget_set_direction (row, GTK_TEXT_DIR_RTL);
  xj_list_row_add_suffix (XJ_LIST_ROW (row), button);
  xj_list_row_set_text (XJ_LIST_ROW (row), "عنوان", "", "");
  window = show_in_window (row, 400);
  g_assert_true (gtk_widget_compute_bounds (button, row, &box));
  g_assert_cmpfloat (box.origin.x + box.size.width, <, gtk_widget_get_width (row) / 2.0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
create_plain_row (gpointer user_data)
{
  return xj_list_row_new ();
}

static void
update_plain_row (GtkWidget *row,
                  gpointer   data,
                  gpointer   user_data)
{
  if (data == NULL)
    _xj_record_row_show_blank (row);
  else
    xj_list_row_set_text (XJ_LIST_ROW (row), data, "", NULL);
}

static guint
count_rows (GtkWidget *view)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* A list of thousands shows a screenful first (a list view of GTK 4.8
 * would build two hundred rows in the first frame), then grows a few rows
 * a frame to the whole list; a row whose record was still being read is
 * filled in place, the same widget, not built again. */
static void
test_long_list_grows_and_fills (void)
{
  g_autoptr(GListStore) store = g_list_store_new (XJ_TYPE_RECORD);
  g_autoptr(GPtrArray) placeholders = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *view = gtk_list_view_new (NULL, NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *window;
  guint filled = 0;

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(XjRecord) record = i < 50 ? xj_record_new (g_strdup_printf ("第 %u 行", i), g_free)
                                          : xj_record_new_placeholder ();

      g_list_store_append (store, record);
      if (i >= 50 && i < 100)
        g_ptr_array_add (placeholders, record);
    }
  gtk_widget_set_size_request (scroller, 400, 600);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  _xj_record_rows_bind (GTK_LIST_VIEW (view), G_LIST_MODEL (store), create_plain_row,
                        update_plain_row, NULL);
  g_assert_true (_xj_record_rows_get_model (GTK_LIST_VIEW (view)) == G_LIST_MODEL (store));
  g_assert_cmpuint (count_rows (view), <=, 30);

  window = show_in_window (scroller, 400);
  xj_test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
                        GTK_LIST_VIEW (view)))) == 5000);
  /* GTK 4.8 builds rows for 200 items from the top, and two more. */
  g_assert_cmpuint (count_rows (view), >=, 200);
  g_assert_cmpuint (count_rows (view), <=, 210);
  g_assert_true (xj_test_label_shown (view, "第 0 行"));

  /* The rows in the order of the list (off screen, rows are not mapped). */
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (rows, gtk_widget_get_first_child (child));
  g_assert_cmpstr (xj_list_row_get_title (rows->pdata[49]), ==, "第 49 行");
  g_assert_cmpstr (xj_list_row_get_title (rows->pdata[60]), ==, "");
  g_assert_cmpuint (_xj_record_rows_count_built (GTK_LIST_VIEW (view)), ==, 50);
  for (guint i = 0; i < placeholders->len; i++)
    {
      g_autoptr(XjRecord) read = xj_record_new (g_strdup_printf ("第 %u 行", 50 + i), g_free);

      xj_record_take_data (placeholders->pdata[i], read);
      g_assert_true (xj_record_is_placeholder (read));
    }
  g_assert_cmpuint (_xj_record_rows_count_built (GTK_LIST_VIEW (view)), ==, 100);
  g_assert_cmpstr (xj_list_row_get_title (rows->pdata[60]), ==, "第 60 行");
  g_assert_cmpstr (xj_list_row_get_title (rows->pdata[100]), ==, "");
  /* The same row widgets, in the same places. */
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_assert_true (gtk_widget_get_first_child (child) == rows->pdata[filled++]);
  g_assert_cmpuint (filled, ==, rows->len);

  /* All rows new (a recount) at the top: a screenful again, then more. */
  {
    GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < 5000; i++)
      g_ptr_array_add (items, xj_record_new (g_strdup_printf ("新 %u", i), g_free));
    g_list_store_splice (store, 0, 5000, items->pdata, items->len);
    g_assert_cmpuint (g_list_model_get_n_items (shown), <, 30);
    xj_test_wait_until (g_list_model_get_n_items (shown) == 5000);

    /* Scrolled down, the list view keeps its place only if told of all. */
    gtk_adjustment_set_value (adjustment, 100000);
    xj_test_iterate (50);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 50000);
    g_list_store_splice (store, 0, 5000, items->pdata, items->len);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 5000);
    xj_test_iterate (50);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 50000);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  xj_test_init_ui (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/xj/ui/list-row/height", test_height_does_not_depend_on_text);
  g_test_add_func ("/xj/ui/list-row/text", test_text_is_told);
  g_test_add_func ("/xj/ui/list-row/children", test_children_are_placed);
  g_test_add_func ("/xj/ui/list-row/right-to-left", test_right_to_left);
  g_test_add_func ("/xj/ui/list-row/long-list", test_long_list_grows_and_fills);
  return g_test_run ();
}
