/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Annotations: drawn into JSON, saved through the store, loaded back,
 * rendered over the rendition; the pixels show the drawing where it was
 * drawn and nowhere else; the original and the plain rendition are never
 * changed; the report uses the annotated rendition; signed inspections
 * refuse a new drawing.
 */
#include "config.h"

#include <math.h>

#include "xj-annotation.h"
#include "xj-photo-store.h"
#include "xj-report-build.h"
#include "xj-report.h"
#include "xj-test-photos.h"
#include "xj-test-utils.h"

#define WIDTH 800
#define HEIGHT 600

typedef struct
{
  char        *dir;
  XjStore     *store;
  XjPhotoInfo *photo;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* Four flat quadrants: red, green / blue, white. */
  g_autoptr(GBytes) jpeg = xj_test_make_jpeg (WIDTH, HEIGHT, 95, 1, TRUE);
  g_autofree char *path = NULL;

  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (xj_store_exec (f->store,
    "INSERT INTO sites (id, name, created_at, updated_at) VALUES (1, '翠湖花园', 1, 1);"
    "INSERT INTO templates (id, uid, created_at) VALUES (1, 't', 1);"
    "INSERT INTO template_versions (id, template_id, version, name, created_at) "
    "  VALUES (1, 1, 1, 'T', 1);"
    "INSERT INTO template_sections (id, version_id, position, title) VALUES (1, 1, 0, 'S');"
    "INSERT INTO template_items (id, section_id, position, item_key, prompt, response_type) "
    "  VALUES (1, 1, 0, 'k1', '消防通道畅通', 'pass_fail');"
    "INSERT INTO inspections (id, site_id, version_id, kind, inspector, started_at, updated_at) "
    "  VALUES (1, 1, 1, 'daily', '王芳', 1, 1);"
    "INSERT INTO answers (id, inspection_id, item_id, value, outcome, answered_at) "
    "  VALUES (1, 1, 1, 'fail', 'fail', 10);", &error));
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "IMG_0001.jpg", NULL);
  xj_test_write_bytes (path, jpeg);
  f->photo = xj_store_import_photo (f->store, path, &error);
  g_assert_no_error (error);
  g_assert_true (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (1), f->photo->sha256, NULL,
                                        "王芳", NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->photo, xj_photo_info_free);
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* An arrow in the blue quadrant, a black rectangle in the green one and a
 * red label in the white one. */
static XjAnnotation *
make_drawing (void)
{
  XjAnnotation *annotation = xj_annotation_new ();
  XjShape *arrow = xj_shape_new (XJ_SHAPE_ARROW, XJ_ANNOTATION_RED, 0.01);
  XjShape *rectangle = xj_shape_new (XJ_SHAPE_RECTANGLE, 0x000000, 0.01);
  XjShape *label = xj_shape_new (XJ_SHAPE_TEXT, XJ_ANNOTATION_RED, 0.06);

  xj_shape_add_point (arrow, 0.05, 0.6);
  xj_shape_add_point (arrow, 0.45, 0.95);
  xj_shape_add_point (rectangle, 0.6, 0.1);
  xj_shape_add_point (rectangle, 0.9, 0.4);
  xj_shape_add_point (label, 0.55, 0.6);
  label->text = g_strdup ("漏水 leak");
  g_ptr_array_add (annotation->shapes, arrow);
  g_ptr_array_add (annotation->shapes, rectangle);
  g_ptr_array_add (annotation->shapes, label);
  return annotation;
}

typedef struct
{
  guint8 *pixels;
  int     width;
  int     height;
} Picture;

static const guint8 *
pixel_at (const Picture *picture,
          double         x,
          double         y)
{
  int px = CLAMP ((int) lround (x * picture->width), 0, picture->width - 1);
  int py = CLAMP ((int) lround (y * picture->height), 0, picture->height - 1);

  return picture->pixels + ((gsize) py * picture->width + px) * 3;
}

static gboolean
is_color (const guint8 *rgb,
          int           r,
          int           g,
          int           b)
{
  return abs (rgb[0] - r) < 60 && abs (rgb[1] - g) < 60 && abs (rgb[2] - b) < 60;
}

static char *
file_hash (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(XjAnnotation) drawn = make_drawing ();
  g_autofree char *json = xj_annotation_to_json (drawn);
  g_autofree char *plain = xj_photo_dup_rendition_path (f->dir, f->photo->sha256);
  g_autofree char *original = xj_photo_dup_original_path (f->dir, f->photo->sha256, "image/jpeg");
  g_autofree char *plain_hash = file_hash (plain);
  g_autofree char *original_hash = file_hash (original);
  g_autofree char *rendition = NULL;
  g_autofree char *thumbnail = NULL;
  g_autofree char *again = NULL;
  g_autofree char *plain_after = NULL;
  g_autofree char *original_after = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(XjAnnotation) loaded = NULL;
  g_autoptr(GError) error = NULL;
  XjAttachedPhoto *photo;
  Picture picture = { 0 };
  guint red_in_label = 0;

  g_assert_true (xj_store_set_answer_photo_annotation (f->store, 1, f->photo->sha256, json, "王芳",
                                                       &error));
  g_assert_no_error (error);
  g_assert_cmpint (xj_test_query_int (xj_store_get_db (f->store),
                                      "SELECT count(*) FROM audit_log WHERE action = 'annotate-photo'"),
                   ==, 1);

  /* Loaded back: the same drawing, shape for shape. */
  photos = xj_store_list_photos (f->store, XJ_ANSWER_PHOTOS (1), &error);
  g_assert_no_error (error);
  photo = g_ptr_array_index (photos, 0);
  g_assert_nonnull (photo->annotation);
  loaded = xj_annotation_from_json (photo->annotation, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->shapes->len, ==, 3);
  g_assert_cmpint (((XjShape *) loaded->shapes->pdata[0])->kind, ==, XJ_SHAPE_ARROW);
  g_assert_cmpint (((XjShape *) loaded->shapes->pdata[1])->kind, ==, XJ_SHAPE_RECTANGLE);
  g_assert_cmpstr (((XjShape *) loaded->shapes->pdata[2])->text, ==, "漏水 leak");
  g_assert_cmphex (((XjShape *) loaded->shapes->pdata[1])->color, ==, 0x000000);
  again = xj_annotation_to_json (loaded);
  g_assert_cmpstr (again, ==, json);

  /* Re-rendered: the colour is on the drawing and only there. */
  g_assert_true (xj_annotation_render_files (f->dir, photo->sha256, photo->annotation, &error));
  g_assert_no_error (error);
  rendition = xj_annotation_dup_rendition_path (f->dir, photo->sha256, photo->annotation);
  thumbnail = xj_annotation_dup_thumbnail_path (f->dir, photo->sha256, photo->annotation);
  g_assert_true (g_str_has_suffix (rendition, ".jpg"));
  g_assert_true (strstr (rendition, photo->sha256) != NULL);
  picture.pixels = xj_test_decode_jpeg (rendition, &picture.width, &picture.height);
  g_assert_cmpint (picture.width, ==, WIDTH);
  g_assert_cmpint (picture.height, ==, HEIGHT);
  /* On the arrow’s shaft, red; beside it, the blue quadrant. */
  g_assert_true (is_color (pixel_at (&picture, 0.25, 0.775), 0xe0, 0x1b, 0x24));
  g_assert_true (is_color (pixel_at (&picture, 0.1, 0.9), 0, 0, 255));
  g_assert_true (is_color (pixel_at (&picture, 0.4, 0.6), 0, 0, 255));
  /* On the rectangle's edge, black; inside it, still green. */
  g_assert_true (is_color (pixel_at (&picture, 0.6, 0.25), 0, 0, 0));
  g_assert_true (is_color (pixel_at (&picture, 0.75, 0.25), 0, 255, 0));
  /* The label: red strokes in its box in the white quadrant. */
  for (double y = 0.6; y < 0.68; y += 0.005)
    for (double x = 0.55; x < 0.8; x += 0.005)
      red_in_label += is_color (pixel_at (&picture, x, y), 0xe0, 0x1b, 0x24);
  g_assert_cmpuint (red_in_label, >, 20);
  g_assert_true (is_color (pixel_at (&picture, 0.8, 0.9), 255, 255, 255));
  /* Nothing red in the green quadrant. */
  g_assert_false (is_color (pixel_at (&picture, 0.9, 0.05), 0xe0, 0x1b, 0x24));
  g_free (picture.pixels);

  picture.pixels = xj_test_decode_jpeg (thumbnail, &picture.width, &picture.height);
  g_assert_cmpint (MAX (picture.width, picture.height), ==, XJ_PHOTO_THUMBNAIL_SIZE);
  /* A line of two or three pixels there: darker than the green around it. */
  g_assert_cmpint (pixel_at (&picture, 0.6, 0.25)[1], <, 150);
  g_assert_true (is_color (pixel_at (&picture, 0.75, 0.25), 0, 255, 0));
  g_free (picture.pixels);

  /* The evidence itself is untouched. */
  plain_after = file_hash (plain);
  original_after = file_hash (original);
  g_assert_cmpstr (plain_after, ==, plain_hash);
  g_assert_cmpstr (original_after, ==, original_hash);

  /* The report shows the annotated rendition. */
  {
    g_autoptr(XjReportData) report = xj_report_data_from_inspection (f->store, 1, "测试", NULL, &error);
    XjReportSection *section;
    XjReportAnswer *answer;

    g_assert_no_error (error);
    section = g_ptr_array_index (report->sections, 0);
    answer = g_ptr_array_index (section->answers, 0);
    g_assert_cmpuint (answer->photos->len, ==, 1);
    g_assert_cmpstr (((XjReportPhoto *) answer->photos->pdata[0])->path, ==, rendition);
  }

  /* Removing the drawing gives the plain photo back. */
  g_assert_true (xj_store_set_answer_photo_annotation (f->store, 1, f->photo->sha256, NULL, "王芳",
                                                       &error));
  g_clear_pointer (&photos, g_ptr_array_unref);
  photos = xj_store_list_photos (f->store, XJ_ANSWER_PHOTOS (1), &error);
  g_assert_null (((XjAttachedPhoto *) photos->pdata[0])->annotation);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(XjAnnotation) drawn = make_drawing ();
  g_autofree char *json = xj_annotation_to_json (drawn);
  g_autoptr(GError) error = NULL;
  static const char *const damaged[] = {
    "{}", "[]", "{\"version\": 2, \"shapes\": []}",
    "{\"version\": 1, \"shapes\": [{\"kind\": \"star\", \"points\": [[0, 0]]}]}",
    "{\"version\": 1, \"shapes\": [{\"kind\": \"pen\", \"color\": \"red\", \"points\": [[0, 0]]}]}",
    "{\"version\": 1, \"shapes\": [{\"kind\": \"pen\", \"points\": [[0]]}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(XjAnnotation) annotation = xj_annotation_from_json (damaged[i], &error);

      g_assert_null (annotation);
      g_assert_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_FAILED);
      g_clear_error (&error);
    }
  g_assert_false (xj_store_set_answer_photo_annotation (f->store, 1, f->photo->sha256, "not json",
                                                        "王芳", &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Signed: locked by the database itself. */
  g_assert_true (xj_store_exec (f->store, "UPDATE inspections SET state = 'signed', "
                                          "completed_at = 5, signed_at = 6 WHERE id = 1", &error));
  g_assert_false (xj_store_set_answer_photo_annotation (f->store, 1, f->photo->sha256, json, "王芳",
                                                        &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_LOCKED);
  g_assert_cmpint (xj_test_query_int (xj_store_get_db (f->store),
                                      "SELECT count(*) FROM answer_photos WHERE annotation IS NOT NULL"),
                   ==, 0);
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

  g_test_add ("/xj/annotation/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/xj/annotation/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  return g_test_run ();
}
