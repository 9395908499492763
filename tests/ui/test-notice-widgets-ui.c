/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widgets of the Notices area on their own, in English and in Chinese: the
 * board at 1366 × 768, a narrow card's severity tag, the photo picker's sources (a camera's folder, the
 * clipboard) and the signature pad.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "xj-demo.h"
#include "xj-notice-card.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-store.h"
#include "xj-photo-picker.h"
#include "xj-signature-pad.h"
#include "xj-site.h"
#include "xj-test-photos.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"
#include "notices-fixture.h"

/* At 1366 × 768 the board's columns in use fit beside the sidebar; when
 * they cannot (the closed-out column shown on a smaller screen) the board
 * scrolls, and moving the focus to a card out of sight brings it in. */
static void
test_board_fits (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GtkScrolledWindow *scroller;
  GtkAdjustment *h;
  GtkWidget *card;
  GListModel *closed;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("项目 %u", i + 1);
      XjSite *site = xj_site_new (name, XJ_SITE_KIND_ESTATE);

      g_assert_true (xj_store_save_site (f->store, site, "test", &error));
      g_ptr_array_add (sites, site);
    }
  g_assert_true (xj_notice_add_demo (f->store, sites, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  /* 1366 less the window's shadow. */
  xj_test_wait_until (!(gtk_widget_get_width (GTK_WIDGET (f->window)) < 1350));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >=, 1350);
  notices_wait_for_board (f);
  xj_test_iterate (100);

  scroller = GTK_SCROLLED_WINDOW (xj_test_find_widget (GTK_WIDGET (f->page), "board_scroller"));
  h = gtk_scrolled_window_get_hadjustment (scroller);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h) + 0.5);

  /* With the closed-out column too, and a smaller window (1024 px), the
   * board must scroll. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (xj_test_find_widget (GTK_WIDGET (f->page),
                                                                        "show_closed")), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 768);
  xj_test_wait_until (!(gtk_widget_get_width (GTK_WIDGET (f->window)) > 1040));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 1040);
  notices_wait_for_board (f);
  xj_test_iterate (100);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, gtk_adjustment_get_page_size (h) + 0.5);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0);
  closed = xj_notices_page_get_column (f->page, XJ_NOTICE_STATE_CLOSED);
  g_assert_cmpuint (g_list_model_get_n_items (closed), >, 0);
  card = xj_test_find_by_type (gtk_widget_get_last_child (GTK_WIDGET (xj_test_find_widget (
                                 GTK_WIDGET (f->page), "columns"))), GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (card);
  gtk_widget_grab_focus (card);
  xj_test_wait_until (!(gtk_adjustment_get_value (h) == 0));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), >, 0);
}

/* A card as narrow as a board column on a small screen: the severity tag
 * keeps its whole text (ZG-2026-0005's was cut to "…"), and the number
 * keeps its line (found in a whole day's use, issue 12: it broke after a
 * hyphen, "ZG-2026-" above "0005"); the tag goes under it. */
static void
test_card_tag_room (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(XjNotice) notice = xj_notice_new (XJ_NOTICE_TYPE_RECTIFICATION, f->site);
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *card;
  GtkLabel *severity, *number;
  int text_width;

  xj_notice_set_description (notice, "请暂停使用健身区单杠并于期限内加固立柱");
  xj_notice_set_severity (notice, XJ_NOTICE_SEVERITY_SAFETY);
  xj_notice_set_deadline (notice, T0 + 2 * DAY);
  g_assert_true (xj_store_create_notice (f->store, notice, 30, "李娜", &error));
  g_assert_no_error (error);
  card = xj_notice_card_new (notice, T0);
  gtk_list_box_append (GTK_LIST_BOX (list), card);
  gtk_window_set_default_size (GTK_WINDOW (window), 170, 400);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  xj_test_wait_until (gtk_widget_get_width (card) > 0);
  xj_test_iterate (50);

  severity = GTK_LABEL (xj_test_find_widget (card, "severity"));
  number = GTK_LABEL (xj_test_find_widget (card, "number"));
  g_assert_cmpstr (gtk_label_get_text (number), !=, "");
  g_assert_cmpint (gtk_widget_get_width (card), <=, 170);
  /* The text's whole width inside the tag's padding. */
  pango_layout_get_pixel_size (gtk_label_get_layout (severity), &text_width, NULL);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (severity)), >=, text_width);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (severity)));
  /* The number on one line, whole, and the tag under it. */
  g_assert_cmpstr (gtk_label_get_text (number), ==, xj_notice_get_number (notice));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (number)));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (number)), ==, 1);
  pango_layout_get_pixel_size (gtk_label_get_layout (number), &text_width, NULL);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (number)), >=, text_width);
  {
    graphene_point_t tag, below;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (severity), card, &GRAPHENE_POINT_INIT (0, 0), &tag));
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (number), card,
                                             &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (GTK_WIDGET (number))),
                                             &below));
    g_assert_cmpfloat (tag.y, >=, below.y - 1);
  }
  /* The countdown whole too (it was cut to "已逾期…" beside two tags). */
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (xj_test_find_widget (card, "countdown")))));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gint64
count_photos (Fixture *f)
{
  return xj_test_query_int (xj_store_get_db (f->store), "SELECT count(*) FROM photos");
}

/* Files under @dir/@sub, at any depth. */
static guint
count_files (const char *dir,
             const char *sub)
{
  g_autofree char *path = g_build_filename (dir, sub, NULL);
  g_autoptr(GDir) entries = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += g_file_test (child, G_FILE_TEST_IS_DIR) ? count_files (path, name) : 1;
    }
  return n;
}

/* The picker's other sources: a camera's folder (only what was taken
 * after the notice was issued) and the clipboard. */
static void
test_photo_picker_sources (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(XjPhotoPicker) picker = g_object_ref_sink (xj_photo_picker_new (f->store));
  g_autofree char *folder = g_build_filename (f->dir, "DCIM", NULL);
  g_autofree char *before = g_build_filename (folder, "IMG_0001.jpg", NULL);
  g_autofree char *after = g_build_filename (folder, "IMG_0002.jpg", NULL);
  g_autoptr(GBytes) jpeg = xj_test_make_jpeg (640, 480, 85, 41, FALSE);
  g_autoptr(GBytes) jpeg2 = xj_test_make_jpeg (640, 480, 85, 42, FALSE);
  XjTestExif early = { .taken = "2026:03:10 09:00:00", .offset = "+08:00" };
  XjTestExif late = { .taken = "2026:03:11 15:00:00", .offset = "+08:00" };
  g_autoptr(GBytes) early_jpeg = xj_test_add_exif (jpeg, &early);
  g_autoptr(GBytes) late_jpeg = xj_test_add_exif (jpeg2, &late);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = xj_test_make_png (320, 240);
  g_autoptr(GError) error = NULL;
  g_autofree char *left_out = NULL;

  /* A folder without photos: said, nothing imported. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  xj_photo_picker_import_folder (picker, folder);
  g_assert_cmpstr (xj_photo_picker_get_message (picker), ==,
                   g_dgettext (GETTEXT_PACKAGE, "There are no photos in this folder."));
  g_assert_false (xj_photo_picker_get_busy (picker));
  g_assert_cmpuint (xj_photo_picker_get_n_photos (picker), ==, 0);

  xj_test_write_bytes (before, early_jpeg);
  xj_test_write_bytes (after, late_jpeg);
  /* T0 is 2026-03-11 10:00 +08: issued then. */
  xj_photo_picker_set_taken_after (picker, T0);
  xj_photo_picker_import_folder (picker, folder);
  notices_wait_for_picker (picker);
  g_assert_cmpuint (xj_photo_picker_get_n_photos (picker), ==, 1);
  /* Says what it left out, in the user's language. */
  left_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u photo of the folder was taken before the notice "
                                           "was issued and was left out.",
                                           "%u photos of the folder were taken before the notice "
                                           "was issued and were left out.", 1), 1);
  g_assert_cmpstr (xj_photo_picker_get_message (picker), ==, left_out);

  texture = gdk_texture_new_from_bytes (png, &error);
  g_assert_no_error (error);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (picker)), texture);
  xj_photo_picker_paste (picker);
  xj_test_wait_until (!(xj_photo_picker_get_n_photos (picker) < 2));
  g_assert_cmpuint (xj_photo_picker_get_n_photos (picker), ==, 2);
  /* The photo left out of the folder was not kept in the store. */
  g_assert_cmpint (count_photos (f), ==, 2);

  /* Removed again, or the dialog closed without saving: nothing the picker
   * imported stays behind, rows or files. */
  xj_photo_picker_remove (picker, 0);
  g_assert_cmpint (count_photos (f), ==, 1);
  g_object_run_dispose (G_OBJECT (picker));
  g_assert_cmpint (count_photos (f), ==, 0);
  g_assert_cmpuint (count_files (f->dir, "photos"), ==, 0);
}

static void
test_signature_pad (void)
{
  g_autoptr(XjSignaturePad) pad = g_object_ref_sink (XJ_SIGNATURE_PAD (xj_signature_pad_new ()));
  g_autoptr(XjSignaturePad) copy = g_object_ref_sink (XJ_SIGNATURE_PAD (xj_signature_pad_new ()));
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  g_assert_true (xj_signature_pad_get_empty (pad));
  g_assert_null (xj_signature_pad_dup_strokes_json (pad));
  for (int s = 0; s < 2; s++)
    {
      xj_signature_pad_begin_stroke (pad, 10 + s * 50, 40, 0.5);
      xj_signature_pad_extend_stroke (pad, 30 + s * 50, 20, 0.7);
      xj_signature_pad_end_stroke (pad);
    }
  g_assert_false (xj_signature_pad_get_empty (pad));
  g_assert_true (xj_signature_pad_get_can_undo (pad));
  xj_signature_pad_undo (pad);
  g_assert_true (xj_signature_pad_get_can_redo (pad));
  xj_signature_pad_redo (pad);
  g_assert_false (xj_signature_pad_get_can_redo (pad));

  json = xj_signature_pad_dup_strokes_json (pad);
  g_assert_nonnull (strstr (json, "\"strokes\":[[[10"));
  g_assert_true (xj_signature_pad_set_strokes_json (copy, json, NULL));
  again = xj_signature_pad_dup_strokes_json (copy);
  g_assert_cmpstr (again, ==, json);
  g_assert_false (xj_signature_pad_set_strokes_json (copy, "[1, 2]", NULL));

  xj_signature_pad_clear (pad);
  g_assert_true (xj_signature_pad_get_empty (pad));
  g_assert_false (xj_signature_pad_get_can_undo (pad));
}

int
main (int    argc,
      char **argv)
{
  xj_test_init_ui (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  g_test_add ("/xj/ui/notices/board-fits-1366", Fixture, NULL, notices_fixture_set_up,
              test_board_fits, notices_fixture_tear_down);
  g_test_add ("/xj/ui/notices/card-tag-room", Fixture, NULL, notices_fixture_set_up,
              test_card_tag_room, notices_fixture_tear_down);
  g_test_add ("/xj/ui/notices/photo-picker-sources", Fixture, NULL, notices_fixture_set_up,
              test_photo_picker_sources, notices_fixture_tear_down);
  g_test_add_func ("/xj/ui/notices/signature-pad", test_signature_pad);

  return g_test_run ();
}
