/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing annotations with Cairo: on the editor's canvas (the UI calls
 * xj_annotation_draw) and into the annotated rendition and thumbnail
 * files, so that what the inspector drew is exactly what the report shows.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-annotation.h"
#include "xj-image.h"
#include "xj-report.h"

/* --- shapes --------------------------------------------------------------- */

static void
set_color (cairo_t *cr,
           guint32  color)
{
  cairo_set_source_rgb (cr, ((color >> 16) & 0xff) / 255.0, ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

/* Labels must show Chinese: a font chosen by language, not a toy face. */
static cairo_font_face_t *
get_font_face (void)
{
  static cairo_font_face_t *face;

  if (g_once_init_enter (&face))
    {
      FcPattern *pattern = FcNameParse ((const FcChar8 *) "sans-serif:lang=zh-cn:weight=bold");
      cairo_font_face_t *created = cairo_ft_font_face_create_for_pattern (pattern);

      FcPatternDestroy (pattern);
      g_once_init_leave (&face, created);
    }
  return face;
}

static void
draw_arrow (cairo_t            *cr,
            const XjShapePoint *tail,
            const XjShapePoint *head,
            double              line,
            double              width,
            double              height)
{
  double x0 = tail->x * width, y0 = tail->y * height;
  double x1 = head->x * width, y1 = head->y * height;
  double angle = atan2 (y1 - y0, x1 - x0);
  double length = MAX (line * 4.5, 12);

  cairo_move_to (cr, x0, y0);
  /* The shaft stops inside the head so that the tip stays sharp. */
  cairo_line_to (cr, x1 - cos (angle) * length * 0.8, y1 - sin (angle) * length * 0.8);
  cairo_stroke (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - length * cos (angle - G_PI / 7), y1 - length * sin (angle - G_PI / 7));
  cairo_line_to (cr, x1 - length * cos (angle + G_PI / 7), y1 - length * sin (angle + G_PI / 7));
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_text (cairo_t       *cr,
           const XjShape *shape,
           double         size,
           double         width,
           double         height)
{
  const XjShapePoint *at = &g_array_index (shape->points, XjShapePoint, 0);
  gboolean light = ((shape->color >> 16) & 0xff) + ((shape->color >> 8) & 0xff)
                   + (shape->color & 0xff) > 3 * 128;
  cairo_font_extents_t extents;

  if (shape->text == NULL || *shape->text == '\0')
    return;
  cairo_set_font_face (cr, get_font_face ());
  cairo_set_font_size (cr, size);
  cairo_font_extents (cr, &extents);
  cairo_move_to (cr, at->x * width, at->y * height + extents.ascent);
  cairo_text_path (cr, shape->text);
  /* A halo in the opposite tone keeps the label legible on any photo. */
  cairo_set_source_rgba (cr, light ? 0 : 1, light ? 0 : 1, light ? 0 : 1, 0.85);
  cairo_set_line_width (cr, MAX (size * 0.16, 2));
  cairo_stroke_preserve (cr);
  set_color (cr, shape->color);
  cairo_fill (cr);
}

void
xj_shape_draw (const XjShape *shape,
               cairo_t       *cr,
               double         width,
               double         height)
{
  double long_side = MAX (width, height);
  double line = MAX (shape->width * long_side, 1);
  const XjShapePoint *points = (const XjShapePoint *) shape->points->data;
  guint n = shape->points->len;

  g_return_if_fail (shape != NULL && cr != NULL);

  if (n == 0)
    return;
  cairo_save (cr);
  set_color (cr, shape->color);
  cairo_set_line_width (cr, line);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  switch (shape->kind)
    {
    case XJ_SHAPE_PEN:
      cairo_move_to (cr, points[0].x * width, points[0].y * height);
      for (guint i = 1; i < n; i++)
        cairo_line_to (cr, points[i].x * width, points[i].y * height);
      if (n == 1)
        cairo_close_path (cr);
      cairo_stroke (cr);
      break;
    case XJ_SHAPE_ARROW:
      if (n >= 2)
        draw_arrow (cr, &points[0], &points[n - 1], line, width, height);
      break;
    case XJ_SHAPE_RECTANGLE:
      if (n >= 2)
        {
          cairo_rectangle (cr, MIN (points[0].x, points[1].x) * width,
                           MIN (points[0].y, points[1].y) * height,
                           fabs (points[1].x - points[0].x) * width,
                           fabs (points[1].y - points[0].y) * height);
          cairo_stroke (cr);
        }
      break;
    case XJ_SHAPE_ELLIPSE:
      if (n >= 2)
        {
          double rx = fabs (points[1].x - points[0].x) * width / 2;
          double ry = fabs (points[1].y - points[0].y) * height / 2;

          if (rx < 0.5 || ry < 0.5)
            break;
          cairo_save (cr);
          cairo_translate (cr, (points[0].x + points[1].x) * width / 2,
                           (points[0].y + points[1].y) * height / 2);
          cairo_scale (cr, rx, ry);
          cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
          cairo_restore (cr);
          cairo_stroke (cr);
        }
      break;
    case XJ_SHAPE_TEXT:
      draw_text (cr, shape, line, width, height);
      break;
    case XJ_N_SHAPE_KINDS:
    default:
      break;
    }
  cairo_restore (cr);
}

void
xj_annotation_draw (const XjAnnotation *annotation,
                    cairo_t            *cr,
                    double              width,
                    double              height)
{
  g_return_if_fail (annotation != NULL && cr != NULL);

  for (guint i = 0; i < annotation->shapes->len; i++)
    xj_shape_draw (g_ptr_array_index (annotation->shapes, i), cr, width, height);
}

/* --- files ---------------------------------------------------------------- */

static cairo_surface_t *
surface_from_image (const XjImage *image)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, image->width,
                                                         image->height);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < image->height; y++)
    {
      const guint8 *in = image->pixels + (gsize) y * image->width * 3;
      guint32 *out = (guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < image->width; x++, in += 3)
        out[x] = 0xff000000u | (guint32) in[0] << 16 | (guint32) in[1] << 8 | in[2];
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static XjImage *
image_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  XjImage *image = xj_image_new (width, height);

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *in = (const guint32 *) (data + (gsize) y * stride);
      guint8 *out = image->pixels + (gsize) y * width * 3;

      for (int x = 0; x < width; x++, out += 3)
        {
          out[0] = (in[x] >> 16) & 0xff;
          out[1] = (in[x] >> 8) & 0xff;
          out[2] = in[x] & 0xff;
        }
    }
  return image;
}

gboolean
xj_annotation_render (const char  *json,
                      const char  *source_path,
                      const char  *target_path,
                      int          max_long_side,
                      int          quality,
                      GError     **error)
{
  g_autoptr(XjAnnotation) annotation = NULL;
  g_autoptr(XjImage) source = NULL;
  g_autoptr(XjImage) drawn = NULL;
  g_autoptr(XjImage) scaled = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gsize length = 0;

  g_return_val_if_fail (json != NULL && source_path != NULL && target_path != NULL, FALSE);

  if ((annotation = xj_annotation_from_json (json, error)) == NULL)
    return FALSE;
  if (!g_file_get_contents (source_path, &contents, &length, &local_error)
      || (source = xj_image_decode (XJ_IMAGE_FORMAT_JPEG, (const guint8 *) contents, length, G_MAXINT,
                                    &local_error)) == NULL)
    {
      g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_IMAGE,
                   _("The photo “%s” could not be read to draw on it: %s"), source_path,
                   local_error->message);
      return FALSE;
    }

  surface = surface_from_image (source);
  cr = cairo_create (surface);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_GOOD);
  xj_annotation_draw (annotation, cr, source->width, source->height);
  cairo_destroy (cr);
  drawn = image_from_surface (surface);
  cairo_surface_destroy (surface);

  if (max_long_side > 0 && MAX (drawn->width, drawn->height) > max_long_side)
    scaled = xj_image_scale_to_fit (drawn, max_long_side);
  jpeg = xj_image_encode_jpeg (scaled != NULL ? scaled : drawn, quality, &local_error);
  if (jpeg == NULL
      || !g_file_set_contents (target_path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                               &local_error))
    {
      g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_WRITE,
                   _("The annotated photo “%s” could not be written: %s"), target_path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
