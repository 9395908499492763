/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Photos in the runner: files dropped on an item row are imported in a
 * worker and attached; thumbnails on the row, counts on the row and in
 * the section progress; the viewer edits a caption and removes a photo;
 * the annotation editor saves a drawing; the bulk review proposes items by
 * time.  The zh_CN run looks for untranslated labels in all of them.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "xj-annotation-editor.h"
#include "xj-annotation.h"
#include "xj-application.h"
#include "xj-photo-async.h"
#include "xj-photo-review.h"
#include "xj-photo-store.h"
#include "xj-photo-viewer.h"
#include "xj-runner-private.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-photos.h"
#include "xj-test-app.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"
#include "xj-window.h"

typedef struct
{
  XJ_TEST_APP_FIELDS
  char          *camera;
  XjRunner      *runner;
  gint64         id;
} Fixture;

static gint64
find_template (XjStore *store)
{
  g_autoptr(GPtrArray) list = xj_store_list_templates (store, FALSE, NULL);

  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((XjTemplateSummary *) list->pdata[i])->uid, "xunjian:builtin:daily-patrol") == 0)
      return ((XjTemplateSummary *) list->pdata[i])->id;
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  XjInspectionStart start = { 0 };

  f->camera = xj_test_make_data_dir ();
  xj_test_app_start (XJ_TEST_APP (f));
  g_assert_true (xj_store_save_site (f->store, site, "test", &error));
  g_settings_set_string (f->settings, "inspector-name", "王芳");
  xj_test_app_show (XJ_TEST_APP (f), NULL);
  start.site_id = xj_site_get_id (site);
  start.template_id = find_template (f->store);
  start.kind = "daily";
  start.inspector = "王芳";
  f->id = xj_store_start_inspection (f->store, &start, &error);
  g_assert_no_error (error);
  g_assert_true (xj_window_open_inspection (f->window, f->id));
  xj_test_wait_until ((f->runner = XJ_RUNNER (xj_window_get_runner (f->window))) != NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  xj_test_app_tear_down (XJ_TEST_APP (f));
  xj_test_remove_tree (f->camera);
  g_free (f->camera);
}

static char *
write_photo (Fixture    *f,
             guint       n,
             const char *taken)
{
  g_autoptr(GBytes) jpeg = xj_test_make_jpeg (640, 480, 85, 40 + n, FALSE);
  /* Named as a phone might in Chinese: the zh_CN run reads the names as
   * labels and would take "IMG" or "jpg" for untranslated text. */
  g_autofree char *name = g_strdup_printf ("现场照片%04u", n);
  char *path = g_build_filename (f->camera, name, NULL);

  if (taken != NULL)
    {
      XjTestExif exif = { 1, taken, "+08:00", TRUE, 31.2304, 121.4737, "Canon", "EOS R6" };
      g_autoptr(GBytes) with_exif = xj_test_add_exif (jpeg, &exif);

      xj_test_write_bytes (path, with_exif);
    }
  else
    xj_test_write_bytes (path, jpeg);
  return path;
}

static gboolean
wait_for_photos (Fixture   *f,
                 XjItemRow *row,
                 guint      n)
{
  XjPhotoStrip *strip = xj_item_row_get_photo_strip (row);

  xj_test_wait_until (!(xj_photo_strip_get_n_shown (strip) != n));
  return xj_photo_strip_get_n_shown (strip) == n;
}

/* Drops @n generated photos on @row, as a file manager would. */
static void
drop_photos (Fixture   *f,
             XjItemRow *row,
             guint      first,
             guint      n)
{
  GSList *files = NULL;

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *path = write_photo (f, i, NULL);

      files = g_slist_append (files, g_file_new_for_path (path));
    }
  g_signal_emit_by_name (xj_item_row_get_photo_strip (row), "files", files);
  g_slist_free_full (files, g_object_unref);
}

static const char *
section_progress (Fixture *f)
{
  GtkWidget *list = xj_test_find_widget (GTK_WIDGET (f->runner), "sections_list");
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (box)));
}

static void
test_attach_view_delete (Fixture       *f,
                         gconstpointer  data)
{
  XjItemRow *row = xj_runner_get_current_row (f->runner);
  const XjTemplateItem *item = xj_item_row_get_item (row);
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  XjAnswer *answer;
  GtkWindow *window;
  XjPhotoViewer *viewer;
  GtkWidget *caption;

  drop_photos (f, row, 1, 3);
  g_assert_true (wait_for_photos (f, row, 3));
  answers = xj_store_load_answers (f->store, f->id, NULL);
  answer = g_hash_table_lookup (answers, &item->id);
  g_assert_nonnull (answer);
  g_assert_cmpuint (answer->n_photos, ==, 3);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (xj_test_find_widget (GTK_WIDGET (row), "photo_count"))),
                   ==, "3 photos");
  g_assert_nonnull (strstr (section_progress (f), "3 photos"));

  /* The same photo twice: said on the row, not attached twice. */
  drop_photos (f, row, 1, 1);
  xj_test_wait_until (!(!gtk_widget_get_visible (xj_test_find_widget (GTK_WIDGET (row), "error"))));
  g_assert_true (gtk_widget_get_visible (xj_test_find_widget (GTK_WIDGET (row), "error")));
  g_assert_cmpuint (xj_photo_strip_get_n_shown (xj_item_row_get_photo_strip (row)), ==, 3);

  /* A click on the second thumbnail opens the viewer there. */
  g_signal_emit_by_name (xj_item_row_get_photo_strip (row), "open", 1u);
  xj_test_wait_until ((window = xj_test_find_window (XJ_TYPE_PHOTO_VIEWER)) != NULL);
  viewer = XJ_PHOTO_VIEWER (window);
  g_assert_cmpuint (xj_photo_viewer_get_index (viewer), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next", NULL));
  g_assert_cmpuint (xj_photo_viewer_get_index (viewer), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL));
  g_assert_cmpfloat (xj_photo_viewer_get_zoom (viewer), >, 0);

  caption = xj_test_find_widget (GTK_WIDGET (viewer), "caption");
  gtk_editable_set_text (GTK_EDITABLE (caption), "消防通道堆放纸箱");
  g_signal_emit_by_name (caption, "activate");
  photos = xj_store_list_photos (f->store, XJ_ANSWER_PHOTOS (answer->answer_id), NULL);
  g_assert_cmpstr (((XjAttachedPhoto *) photos->pdata[2])->caption, ==, "消防通道堆放纸箱");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.delete", NULL));
  xj_test_iterate (50);
  g_clear_pointer (&photos, g_ptr_array_unref);
  photos = xj_store_list_photos (f->store, XJ_ANSWER_PHOTOS (answer->answer_id), NULL);
  g_assert_cmpuint (photos->len, ==, 2);
  g_assert_true (wait_for_photos (f, row, 2));
  g_assert_nonnull (strstr (section_progress (f), "2 photos"));
}

/* The editor saves a drawing; the annotated thumbnail is then shown. */
static void
test_annotate (Fixture       *f,
               gconstpointer  data)
{
  XjItemRow *row = xj_runner_get_current_row (f->runner);
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  XjAnnotationEditor *editor;
  XjShape *arrow = xj_shape_new (XJ_SHAPE_ARROW, XJ_ANNOTATION_RED, 0.008);
  XjShape *label = xj_shape_new (XJ_SHAPE_TEXT, XJ_ANNOTATION_RED, 0.04);
  XjAnswer *answer;
  g_autofree char *thumbnail = NULL;

  drop_photos (f, row, 7, 1);
  g_assert_true (wait_for_photos (f, row, 1));
  answers = xj_store_load_answers (f->store, f->id, NULL);
  answer = g_hash_table_lookup (answers, &xj_item_row_get_item (row)->id);
  photos = xj_store_list_photos (f->store, XJ_ANSWER_PHOTOS (answer->answer_id), NULL);
  editor = xj_annotation_editor_new (f->store, "王芳", answer->answer_id, photos->pdata[0]);
  gtk_window_present (GTK_WINDOW (editor));
  xj_shape_add_point (arrow, 0.2, 0.2);
  xj_shape_add_point (arrow, 0.5, 0.5);
  xj_shape_add_point (label, 0.1, 0.6);
  label->text = g_strdup ("漏水");
  xj_annotation_canvas_add_shape (xj_annotation_editor_get_canvas (editor), arrow);
  xj_annotation_canvas_add_shape (xj_annotation_editor_get_canvas (editor), label);
  g_assert_true (xj_annotation_canvas_undo (xj_annotation_editor_get_canvas (editor)));
  g_assert_true (xj_annotation_canvas_redo (xj_annotation_editor_get_canvas (editor)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  xj_test_wait_until (xj_test_find_window (XJ_TYPE_ANNOTATION_EDITOR) == NULL);
  g_assert_null (xj_test_find_window (XJ_TYPE_ANNOTATION_EDITOR));
  g_clear_pointer (&photos, g_ptr_array_unref);
  photos = xj_store_list_photos (f->store, XJ_ANSWER_PHOTOS (answer->answer_id), NULL);
  g_assert_nonnull (((XjAttachedPhoto *) photos->pdata[0])->annotation);
  thumbnail = xj_annotation_dup_thumbnail_path (f->dir, ((XjAttachedPhoto *) photos->pdata[0])->sha256,
                                                ((XjAttachedPhoto *) photos->pdata[0])->annotation);
  g_assert_true (g_file_test (thumbnail, G_FILE_TEST_IS_REGULAR));
}

/* Attaches write_photo()'s photo @n to an inspection at 万科城 ten days
 * before this one; returns the photo's file. */
static char *
use_elsewhere (Fixture *f,
               guint    n)
{
  g_autoptr(XjSite) other_site = xj_site_new ("万科城", XJ_SITE_KIND_ESTATE);
  g_autoptr(GError) error = NULL;
  char *path = write_photo (f, n, NULL);
  g_autoptr(XjPhotoInfo) stored = NULL;
  g_autoptr(XjTemplate) tmpl = NULL;
  XjInspectionStart start = { 0 };
  XjTemplateSection *section;
  gint64 other_id, answer_id = 0;

  g_assert_true (xj_store_save_site (f->store, other_site, "test", &error));
  start.site_id = xj_site_get_id (other_site);
  start.template_id = find_template (f->store);
  start.kind = "daily";
  start.inspector = "王芳";
  start.started_at = xj_runner_get_inspection (f->runner)->started_at - 10 * 86400;
  other_id = xj_store_start_inspection (f->store, &start, &error);
  g_assert_no_error (error);
  tmpl = xj_store_load_inspection_template (f->store, other_id, &error);
  section = g_ptr_array_index (tmpl->sections, 0);
  g_assert_true (xj_store_ensure_answer (f->store, other_id, g_ptr_array_index (section->items, 0),
                                         &answer_id, &error));
  stored = xj_store_import_photo (f->store, path, &error);
  g_assert_no_error (error);
  g_assert_true (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (answer_id), stored->sha256,
                                        NULL, "王芳", NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GPtrArray **results = user_data;

  *results = xj_photo_import_finish (XJ_STORE (source), result, NULL);
}

static XjPhotoReview *
open_review (Fixture *f)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *taken = g_date_time_format (now, "%Y:%m:%d %H:%M:%S");
  g_autofree char *timed = write_photo (f, 20, taken);
  g_autofree char *untimed = write_photo (f, 21, NULL);
  const char *paths[] = { timed, untimed, NULL };
  g_autoptr(GPtrArray) results = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->runner), "runner.pass", NULL);
  xj_photo_import_async (f->store, paths, NULL, NULL, NULL, NULL, on_imported_cb, &results);
  xj_test_wait_until (!(results == NULL));
  g_assert_nonnull (results);
  return xj_photo_review_new (f->runner, results);
}

/* A photo taken as the first item was answered is proposed for it; one
 * without a time for nothing; Confirm attaches what was chosen. */
static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  const XjTemplate *tmpl = xj_runner_get_template (f->runner);
  XjTemplateSection *section = g_ptr_array_index (tmpl->sections, 0);
  XjTemplateItem *first = g_ptr_array_index (section->items, 0);
  XjTemplateItem *third = g_ptr_array_index (section->items, 2);
  XjPhotoReview *review = open_review (f);
  g_autoptr(GHashTable) answers = NULL;

  gtk_window_present (GTK_WINDOW (review));
  g_assert_cmpuint (xj_photo_review_get_n_photos (review), ==, 2);
  g_assert_cmpint (xj_photo_review_get_item (review, 0), ==, first->id);
  g_assert_cmpint (xj_photo_review_get_item (review, 1), ==, 0);
  xj_photo_review_set_item (review, 1, third->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.confirm", NULL));
  xj_test_wait_until ((xj_test_find_window (XJ_TYPE_PHOTO_REVIEW)) == NULL);
  answers = xj_store_load_answers (f->store, f->id, NULL);
  g_assert_cmpuint (((XjAnswer *) g_hash_table_lookup (answers, &first->id))->n_photos, ==, 1);
  g_assert_cmpuint (((XjAnswer *) g_hash_table_lookup (answers, &third->id))->n_photos, ==, 1);
}

static gint64
count_photo_rows (Fixture *f)
{
  return xj_test_query_int (xj_store_get_db (f->store), "SELECT count(*) FROM photos");
}

static XjPhotoReview *
wait_for_review (void)
{
  xj_test_wait_until (!(xj_test_find_window (XJ_TYPE_PHOTO_REVIEW) == NULL));
  return XJ_PHOTO_REVIEW (xj_test_find_window (XJ_TYPE_PHOTO_REVIEW));
}

/* A phone's folder through the runner's import: the iPhone's HEIC and a
 * CMYK JPEG are imported, a WebP is named with what to do; closing the
 * review without attaching leaves no photo behind.  Then the HEIC dropped
 * on a row is attached. */
static void
test_folder_formats (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->camera, "手机导出", NULL);
  g_autofree char *heic_path = g_build_filename (folder, "现场照片0001.heic", NULL);
  g_autofree char *cmyk_path = g_build_filename (folder, "现场照片0002.jpg", NULL);
  g_autofree char *webp_path = g_build_filename (folder, "现场照片0003.webp", NULL);
  g_autoptr(GBytes) heic = xj_test_make_heic (640, 480, 1, NULL);
  g_autoptr(GBytes) cmyk = xj_test_make_cmyk_jpeg (640, 480, TRUE);
  g_autoptr(GBytes) webp = g_bytes_new_static ("RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0", 20);
  XjItemRow *row = xj_runner_get_current_row (f->runner);
  XjPhotoReview *review;
  GSList *files = NULL;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  xj_test_write_bytes (heic_path, heic);
  xj_test_write_bytes (cmyk_path, cmyk);
  xj_test_write_bytes (webp_path, webp);

  _xj_runner_import_folder (f->runner, folder);
  review = wait_for_review ();
  g_assert_nonnull (review);
  xj_test_wait_until ((xj_photo_review_get_n_photos (review)) == (2));
  g_assert_cmpint (count_photo_rows (f), ==, 2);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (review), "Not Imported"));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (review), "现场照片0003.webp” is a WebP image"));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (review), "save it as JPEG"));

  /* Cancel: nothing attached, nothing left in the photo store. */
  gtk_widget_activate_action (GTK_WIDGET (review), "window.close", NULL);
  xj_test_wait_until (xj_test_find_window (XJ_TYPE_PHOTO_REVIEW) == NULL);
  g_assert_null (xj_test_find_window (XJ_TYPE_PHOTO_REVIEW));
  g_assert_cmpint (count_photo_rows (f), ==, 0);
  g_assert_cmpuint (xj_test_count_stored_files (f->dir), ==, 0);

  /* Dropped on the row, the HEIC is attached like any photo. */
  files = g_slist_append (files, g_file_new_for_path (heic_path));
  g_signal_emit_by_name (xj_item_row_get_photo_strip (row), "files", files);
  g_slist_free_full (files, g_object_unref);
  g_assert_true (wait_for_photos (f, row, 1));
  g_assert_cmpint (xj_test_query_int (xj_store_get_db (f->store),
                                      "SELECT count(*) FROM answer_photos ap JOIN photos p "
                                      "USING (sha256) WHERE p.mime = 'image/heic'"), ==, 1);
}

/* Photos of @minutes before the inspection began, in a fresh folder. */
static char *
write_visit_photos (Fixture     *f,
                    const char  *name,
                    const int   *minutes,
                    guint        n)
{
  char *folder = g_build_filename (f->camera, name, NULL);
  gint64 start = xj_runner_get_inspection (f->runner)->started_at;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (start - minutes[i] * 60);
      g_autofree char *taken = g_date_time_format (when, "%Y:%m:%d %H:%M:%S");
      XjTestExif exif = { 1, taken, NULL, FALSE, 0, 0, "Apple", "iPhone 15" };
      g_autoptr(GBytes) plain = xj_test_make_jpeg (320, 240, 85, 600 + minutes[i], FALSE);
      g_autoptr(GBytes) jpeg = xj_test_add_exif (plain, &exif);
      g_autofree char *file = g_strdup_printf ("现场照片%04u.jpg", i);
      g_autofree char *path = g_build_filename (folder, file, NULL);

      xj_test_write_bytes (path, jpeg);
    }
  return folder;
}

/* A mystery shopper photographs during the visit and fills the form in
 * afterwards: photos go to the failed items in checklist order; four
 * photos evenly spaced for two failures are a tie left to the person; the
 * failed items are marked in the list of targets. */
static void
test_review_by_order (Fixture       *f,
                      gconstpointer  data)
{
  const XjTemplate *tmpl = xj_runner_get_template (f->runner);
  XjTemplateSection *section = g_ptr_array_index (tmpl->sections, 0);
  XjTemplateItem *items[4];
  const int even[] = { 40, 30, 20, 10 };
  const int pair[] = { 25, 5 };
  g_autofree char *even_folder = NULL;
  g_autofree char *pair_folder = NULL;
  XjPhotoReview *review;
  GtkDropDown *chooser;
  GListModel *targets;

  for (guint i = 0; i < 4; i++)
    items[i] = g_ptr_array_index (section->items, i);
  even_folder = write_visit_photos (f, "偶数", even, G_N_ELEMENTS (even));
  pair_folder = write_visit_photos (f, "两张", pair, G_N_ELEMENTS (pair));
  /* Answered after the photos: item 1 passes, items 2 and 4 fail. */
  xj_runner_jump_to_item (f->runner, items[0]->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->runner), "runner.pass", NULL));
  xj_runner_jump_to_item (f->runner, items[1]->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->runner), "runner.fail", NULL));
  xj_runner_jump_to_item (f->runner, items[3]->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->runner), "runner.fail", NULL));
  xj_test_iterate (30);

  _xj_runner_import_folder (f->runner, even_folder);
  review = wait_for_review ();
  g_assert_nonnull (review);
  xj_test_iterate (30);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (xj_photo_review_get_item (review, i), ==, 0);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (review),
                                      "4 photos for 2 failed items cannot be paired up by order"));
  chooser = GTK_DROP_DOWN (xj_test_find_by_type (GTK_WIDGET (review), GTK_TYPE_DROP_DOWN));
  targets = gtk_drop_down_get_model (chooser);
  g_assert_true (g_str_has_suffix (gtk_string_list_get_string (GTK_STRING_LIST (targets), 2),
                                   "— failed"));
  g_assert_true (g_str_has_suffix (gtk_string_list_get_string (GTK_STRING_LIST (targets), 4),
                                   "— failed"));
  g_assert_false (g_str_has_suffix (gtk_string_list_get_string (GTK_STRING_LIST (targets), 1),
                                    "— failed"));
  gtk_window_destroy (GTK_WINDOW (review));
  xj_test_iterate (30);

  _xj_runner_import_folder (f->runner, pair_folder);
  review = wait_for_review ();
  g_assert_nonnull (review);
  xj_test_wait_until ((xj_photo_review_get_item (review, 0)) == (items[1]->id));
  g_assert_cmpint (xj_photo_review_get_item (review, 1), ==, items[3]->id);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (review), "proposed by the order of the failed items"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.confirm", NULL));
  g_assert_true (wait_for_photos (f, xj_runner_get_row (f->runner, items[3]->id), 1));
  g_assert_true (wait_for_photos (f, xj_runner_get_row (f->runner, items[1]->id), 1));
}

/* Cancelled while it runs: no review, and none of its photos stay. */
static void
test_folder_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->camera, "相机", NULL);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(GBytes) jpeg = xj_test_make_jpeg (2400, 1800, 90, 70 + i, FALSE);
      g_autofree char *name = g_strdup_printf ("现场照片%04u.jpg", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      xj_test_write_bytes (path, jpeg);
    }
  _xj_runner_import_folder (f->runner, folder);
  g_assert_nonnull (f->runner->folder_import);
  /* Let a photo or two in first. */
  xj_test_wait_until (!(count_photo_rows (f) == 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->runner), "runner.cancel-import", NULL));
  xj_test_wait_until (f->runner->folder_import == NULL);
  g_assert_null (f->runner->folder_import);
  xj_test_wait_until ((xj_test_find_window (XJ_TYPE_PHOTO_REVIEW)) == NULL);
  g_assert_cmpint (count_photo_rows (f), ==, 0);
  g_assert_cmpuint (xj_test_count_stored_files (f->dir), ==, 0);
}

/* Attach and import-folder share one action callback: each opens its own
 * kind of chooser. */
static GtkFileChooserAction
chooser_action_of (Fixture    *f,
                   const char *action)
{
  GtkWindow *chooser;
  GtkFileChooserAction kind;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->runner), action, NULL));
  xj_test_wait_until (xj_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL);
  chooser = xj_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  kind = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  xj_test_wait_until (xj_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
  return kind;
}

static void
test_choosers (Fixture       *f,
               gconstpointer  data)
{
  g_assert_cmpint (chooser_action_of (f, "runner.attach-photos"), ==,
                   GTK_FILE_CHOOSER_ACTION_OPEN);
  g_assert_cmpint (chooser_action_of (f, "runner.import-folder"), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  g_assert_cmpint (count_photo_rows (f), ==, 0);
}

/* A photo handed in ten days ago at another estate, and one taken the day
 * before yesterday: flagged in the review with the site, date and capture
 * time, and on the item row once attached. */
static void
test_flags (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->camera, "导入", NULL);
  g_autofree char *reused_path = g_build_filename (folder, "现场照片0001.jpg", NULL);
  g_autofree char *old_path = g_build_filename (folder, "现场照片0002.jpg", NULL);
  /* 38 hours before the start to the second, whatever the clock says now. */
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (xj_runner_get_inspection (f->runner)->started_at);
  g_autoptr(GDateTime) old_time = g_date_time_add_hours (now, -38);
  g_autoptr(GDateTime) other_time = g_date_time_add_days (now, -10);
  g_autofree char *old_exif = g_date_time_format (old_time, "%Y:%m:%d %H:%M:%S");
  g_autofree char *old_text = g_date_time_format (old_time, "%Y-%m-%d %H:%M");
  g_autofree char *other_date = g_date_time_format (other_time, "%Y-%m-%d");
  g_autofree char *reused_flag = g_strdup_printf ("Already used in the inspection at 万科城 on %s.",
                                                  other_date);
  g_autofree char *old_flag = g_strdup_printf ("Taken %s, 38 hours before the inspection.",
                                               old_text);
  g_autofree char *used_path = NULL;
  g_autoptr(GBytes) reused = NULL;
  g_autoptr(GBytes) old_plain = xj_test_make_jpeg (640, 480, 85, 502, FALSE);
  XjTestExif exif = { 1, old_exif, NULL, FALSE, 0, 0, "Apple", "iPhone 15" };
  g_autoptr(GBytes) old = xj_test_add_exif (old_plain, &exif);
  XjItemRow *row = xj_runner_get_current_row (f->runner);
  const XjTemplateItem *item = xj_item_row_get_item (row);
  XjPhotoReview *review;

  /* The same bytes under the phone's name. */
  used_path = use_elsewhere (f, 30);
  reused = xj_test_read_bytes (used_path);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  xj_test_write_bytes (reused_path, reused);
  xj_test_write_bytes (old_path, old);

  _xj_runner_import_folder (f->runner, folder);
  review = wait_for_review ();
  g_assert_nonnull (review);
  xj_test_wait_until ((xj_photo_review_get_n_photos (review)) == (2));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (review), reused_flag));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (review), old_flag));
  g_assert_false (xj_test_label_shown (GTK_WIDGET (review), "inspection 1"));

  xj_photo_review_set_item (review, 0, item->id);
  xj_photo_review_set_item (review, 1, item->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.confirm", NULL));
  g_assert_true (wait_for_photos (f, row, 2));
  xj_test_iterate (30);
  {
    g_autofree char *first = g_strdup_printf ("⚠ Photo 1: %s", reused_flag);
    g_autofree char *second = g_strdup_printf ("⚠ Photo 2: %s", old_flag);

    g_assert_true (xj_test_label_shown (GTK_WIDGET (row), first));
    g_assert_true (xj_test_label_shown (GTK_WIDGET (row), second));
  }
}

/* The viewer, the annotation editor and the review, in Chinese. */
static void
test_chinese (void)
{
  Fixture f = { 0 };
  XjItemRow *row;
  GtkWindow *viewer;
  XjAnnotationEditor *editor;
  XjPhotoReview *review;
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  XjAnswer *answer;

  fixture_set_up (&f, NULL);
  row = xj_runner_get_current_row (f.runner);
  drop_photos (&f, row, 1, 2);
  g_assert_true (wait_for_photos (&f, row, 2));
  xj_test_assert_translated (GTK_WIDGET (f.window));

  g_signal_emit_by_name (xj_item_row_get_photo_strip (row), "open", 0u);
  xj_test_wait_until ((viewer = xj_test_find_window (XJ_TYPE_PHOTO_VIEWER)) != NULL);
  xj_test_assert_translated (GTK_WIDGET (viewer));

  answers = xj_store_load_answers (f.store, f.id, NULL);
  answer = g_hash_table_lookup (answers, &xj_item_row_get_item (row)->id);
  photos = xj_store_list_photos (f.store, XJ_ANSWER_PHOTOS (answer->answer_id), NULL);
  editor = xj_annotation_editor_new (f.store, "王芳", answer->answer_id, photos->pdata[0]);
  gtk_window_present (GTK_WINDOW (editor));
  xj_annotation_editor_set_tool (editor, XJ_SHAPE_TEXT);
  xj_test_iterate (30);
  xj_test_assert_translated (GTK_WIDGET (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (viewer);

  /* The review's second photo was handed in at another estate before:
   * its flag is in Chinese too. */
  g_free (use_elsewhere (&f, 21));
  review = open_review (&f);
  gtk_window_present (GTK_WINDOW (review));
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (review), "已用于 万科城 "));
  xj_test_assert_translated (GTK_WIDGET (review));
  fixture_tear_down (&f, NULL);
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

  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN"))
    {
      g_test_add_func ("/xj/ui/zh/photos-translated", test_chinese);
      return g_test_run ();
    }
  g_test_add ("/xj/ui/photos/attach-view-delete", Fixture, NULL, fixture_set_up,
              test_attach_view_delete, fixture_tear_down);
  g_test_add ("/xj/ui/photos/annotate", Fixture, NULL, fixture_set_up, test_annotate,
              fixture_tear_down);
  g_test_add ("/xj/ui/photos/review", Fixture, NULL, fixture_set_up, test_review,
              fixture_tear_down);
  g_test_add ("/xj/ui/photos/folder-formats", Fixture, NULL, fixture_set_up, test_folder_formats,
              fixture_tear_down);
  g_test_add ("/xj/ui/photos/review-by-order", Fixture, NULL, fixture_set_up,
              test_review_by_order, fixture_tear_down);
  g_test_add ("/xj/ui/photos/flags", Fixture, NULL, fixture_set_up, test_flags,
              fixture_tear_down);
  g_test_add ("/xj/ui/photos/folder-cancel", Fixture, NULL, fixture_set_up, test_folder_cancel,
              fixture_tear_down);
  g_test_add ("/xj/ui/photos/choosers", Fixture, NULL, fixture_set_up, test_choosers,
              fixture_tear_down);
  return g_test_run ();
}
