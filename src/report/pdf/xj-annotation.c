/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Annotations as data: shapes, their JSON (the schema is in
 * xj-annotation.h) and the names of the annotated files.  Drawing is in
 * xj-annotation-draw.c.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "xj-annotation.h"
#include "xj-photo.h"
#include "xj-report.h"

#define MAX_SHAPES 500
#define MAX_POINTS 20000

static const char *const kind_names[XJ_N_SHAPE_KINDS] = {
  [XJ_SHAPE_PEN] = "pen",
  [XJ_SHAPE_ARROW] = "arrow",
  [XJ_SHAPE_ELLIPSE] = "ellipse",
  [XJ_SHAPE_RECTANGLE] = "rectangle",
  [XJ_SHAPE_TEXT] = "text",
};

/* --- shapes --------------------------------------------------------------- */

XjShape *
xj_shape_new (XjShapeKind kind,
              guint32     color,
              double      width)
{
  XjShape *shape = g_new0 (XjShape, 1);

  shape->kind = kind;
  shape->color = color & 0xffffff;
  shape->width = width;
  shape->points = g_array_new (FALSE, FALSE, sizeof (XjShapePoint));
  return shape;
}

static XjShape *
xj_shape_copy (const XjShape *shape)
{
  XjShape *copy = xj_shape_new (shape->kind, shape->color, shape->width);

  g_array_append_vals (copy->points, shape->points->data, shape->points->len);
  copy->text = g_strdup (shape->text);
  return copy;
}

void
xj_shape_free (XjShape *shape)
{
  if (shape == NULL)
    return;
  g_array_unref (shape->points);
  g_free (shape->text);
  g_free (shape);
}

void
xj_shape_add_point (XjShape *shape,
                    double   x,
                    double   y)
{
  XjShapePoint point = { x, y };

  g_array_append_val (shape->points, point);
}

/* --- annotations ---------------------------------------------------------- */

XjAnnotation *
xj_annotation_new (void)
{
  XjAnnotation *annotation = g_new0 (XjAnnotation, 1);

  annotation->shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_shape_free);
  return annotation;
}

XjAnnotation *
xj_annotation_copy (const XjAnnotation *annotation)
{
  XjAnnotation *copy = xj_annotation_new ();

  for (guint i = 0; i < annotation->shapes->len; i++)
    g_ptr_array_add (copy->shapes, xj_shape_copy (g_ptr_array_index (annotation->shapes, i)));
  return copy;
}

void
xj_annotation_free (XjAnnotation *annotation)
{
  if (annotation == NULL)
    return;
  g_ptr_array_unref (annotation->shapes);
  g_free (annotation);
}

static gboolean
parse_color (const char *text,
             guint32    *color)
{
  guint64 value;

  if (text == NULL || text[0] != '#' || strlen (text) != 7
      || !g_ascii_string_to_unsigned (text + 1, 16, 0, 0xffffff, &value, NULL))
    return FALSE;
  *color = (guint32) value;
  return TRUE;
}

static XjShape *
shape_from_json (JsonObject *object)
{
  const char *kind_name = json_object_get_string_member_with_default (object, "kind", "");
  guint32 color = XJ_ANNOTATION_RED;
  double width = json_object_get_double_member_with_default (object, "width", 0.005);
  JsonArray *points = json_object_has_member (object, "points")
                      ? json_object_get_array_member (object, "points") : NULL;
  g_autoptr(XjShape) shape = NULL;
  int kind = -1;

  for (int k = 0; k < XJ_N_SHAPE_KINDS; k++)
    if (strcmp (kind_name, kind_names[k]) == 0)
      kind = k;
  if (kind < 0 || points == NULL || json_array_get_length (points) > MAX_POINTS
      || !parse_color (json_object_get_string_member_with_default (object, "color", "#e01b24"),
                       &color)
      || !isfinite (width) || width <= 0 || width > 0.5)
    return NULL;
  shape = xj_shape_new (kind, color, width);
  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonArray *pair = json_array_get_array_element (points, i);
      double x, y;

      if (pair == NULL || json_array_get_length (pair) != 2)
        return NULL;
      x = json_array_get_double_element (pair, 0);
      y = json_array_get_double_element (pair, 1);
      if (!isfinite (x) || !isfinite (y) || fabs (x) > 10 || fabs (y) > 10)
        return NULL;
      xj_shape_add_point (shape, x, y);
    }
  if (shape->points->len == 0)
    return NULL;
  if (kind == XJ_SHAPE_TEXT)
    shape->text = g_strdup (json_object_get_string_member_with_default (object, "text", ""));
  return g_steal_pointer (&shape);
}

/**
 * xj_annotation_from_json:
 *
 * Returns: (transfer full): the drawing, or %NULL with
 * %XJ_REPORT_ERROR_FAILED when @json does not follow the schema.
 */
XjAnnotation *
xj_annotation_from_json (const char  *json,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(XjAnnotation) annotation = xj_annotation_new ();
  JsonNode *root;
  JsonArray *shapes;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser))
      || json_object_get_int_member_with_default (json_node_get_object (root), "version", 0) != 1
      || !json_object_has_member (json_node_get_object (root), "shapes")
      || (shapes = json_object_get_array_member (json_node_get_object (root), "shapes")) == NULL
      || json_array_get_length (shapes) > MAX_SHAPES)
    goto bad;
  for (guint i = 0; i < json_array_get_length (shapes); i++)
    {
      JsonObject *object = json_array_get_object_element (shapes, i);
      XjShape *shape = object != NULL ? shape_from_json (object) : NULL;

      if (shape == NULL)
        goto bad;
      g_ptr_array_add (annotation->shapes, shape);
    }
  return g_steal_pointer (&annotation);

bad:
  g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_FAILED,
               _("The drawing over the photo is damaged and cannot be shown (at most %d shapes "
                 "of known kinds are allowed)."), MAX_SHAPES);
  return NULL;
}

char *
xj_annotation_to_json (const XjAnnotation *annotation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (annotation != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "shapes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < annotation->shapes->len; i++)
    {
      const XjShape *shape = g_ptr_array_index (annotation->shapes, i);
      g_autofree char *color = g_strdup_printf ("#%06x", shape->color);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, kind_names[shape->kind]);
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, color);
      json_builder_set_member_name (builder, "width");
      json_builder_add_double_value (builder, shape->width);
      json_builder_set_member_name (builder, "points");
      json_builder_begin_array (builder);
      for (guint p = 0; p < shape->points->len; p++)
        {
          const XjShapePoint *point = &g_array_index (shape->points, XjShapePoint, p);

          /* Four decimals: a tenth of a pixel on a 1600 px rendition. */
          json_builder_begin_array (builder);
          json_builder_add_double_value (builder, round (point->x * 1e4) / 1e4);
          json_builder_add_double_value (builder, round (point->y * 1e4) / 1e4);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
      if (shape->kind == XJ_SHAPE_TEXT)
        {
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, shape->text != NULL ? shape->text : "");
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* --- files ---------------------------------------------------------------- */

static char *
annotated_path (const char *plain,
                const char *json)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
  g_autofree char *stem = g_strndup (plain, strlen (plain) - strlen (".jpg"));

  return g_strdup_printf ("%s-%.16s.jpg", stem, hash);
}

char *
xj_annotation_dup_rendition_path (const char *data_dir,
                                  const char *sha256,
                                  const char *json)
{
  g_autofree char *plain = xj_photo_dup_rendition_path (data_dir, sha256);

  g_return_val_if_fail (plain != NULL && json != NULL, NULL);
  return annotated_path (plain, json);
}

char *
xj_annotation_dup_thumbnail_path (const char *data_dir,
                                  const char *sha256,
                                  const char *json)
{
  g_autofree char *plain = xj_photo_dup_thumbnail_path (data_dir, sha256);

  g_return_val_if_fail (plain != NULL && json != NULL, NULL);
  return annotated_path (plain, json);
}

/**
 * xj_annotation_render_files:
 *
 * Makes the annotated rendition (from the plain rendition) and thumbnail
 * of a stored photo.  The names carry the drawing's hash, so a file that
 * exists is already right and is left alone.
 */
gboolean
xj_annotation_render_files (const char  *data_dir,
                            const char  *sha256,
                            const char  *json,
                            GError     **error)
{
  g_autofree char *plain = xj_photo_dup_rendition_path (data_dir, sha256);
  g_autofree char *rendition = xj_annotation_dup_rendition_path (data_dir, sha256, json);
  g_autofree char *thumbnail = xj_annotation_dup_thumbnail_path (data_dir, sha256, json);

  if (!g_file_test (rendition, G_FILE_TEST_IS_REGULAR)
      && !xj_annotation_render (json, plain, rendition, 0, XJ_PHOTO_RENDITION_QUALITY, error))
    return FALSE;
  if (!g_file_test (thumbnail, G_FILE_TEST_IS_REGULAR)
      && !xj_annotation_render (json, plain, thumbnail, XJ_PHOTO_THUMBNAIL_SIZE,
                                XJ_PHOTO_THUMBNAIL_QUALITY, error))
    return FALSE;
  return TRUE;
}
