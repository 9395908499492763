/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The section score chart: bars drawn with Cairo at print resolution and
 * embedded as a flate-compressed raster; the labels are PDF text on top,
 * so that they stay sharp, searchable and in the embedded font.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <cairo.h>

#include "xj-report-private.h"

#define ROW_HEIGHT   17.0
#define BAR_HEIGHT   10.0
#define LABEL_SHARE  0.32
#define VALUE_WIDTH  40.0
#define AXIS_HEIGHT  14.0
#define DPI          200.0

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* The first line of text that fits width, with an ellipsis if cut. */
static char *
ellipsize (XjReportRenderer    *self,
           const char          *text,
           const XjReportStyle *style,
           double               width)
{
  double ellipsis = _xj_report_renderer_width (self, "…", style);
  g_auto(GStrv) lines = _xj_report_renderer_wrap (self, text, style, width);
  g_auto(GStrv) shorter = NULL;

  if (g_strv_length (lines) <= 1)
    return g_strdup (lines[0]);
  shorter = _xj_report_renderer_wrap (self, text, style, width - ellipsis);
  return g_strconcat (shorter[0], "…", NULL);
}

/* Cairo's ARGB32 rows as the packed RGB that PDF images want. */
static guint8 *
surface_to_rgb (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint8 *rgb = g_malloc ((gsize) width * height * 3);

  for (int row = 0; row < height; row++)
    {
      const guint32 *pixel = (const guint32 *) (data + (gsize) row * stride);
      guint8 *out = rgb + (gsize) row * width * 3;

      for (int col = 0; col < width; col++, out += 3)
        {
          out[0] = (pixel[col] >> 16) & 0xff;
          out[1] = (pixel[col] >> 8) & 0xff;
          out[2] = pixel[col] & 0xff;
        }
    }
  return rgb;
}

static cairo_surface_t *
draw_bars (const double *values,
           guint         n,
           double        width,
           double        height)
{
  double scale = DPI / 72.0;
  cairo_surface_t *surface;
  g_autoptr(cairo_t) cr = NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * scale),
                                        (int) (height * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  cairo_set_line_width (cr, 0.5);
  for (int tick = 0; tick <= 4; tick++)
    {
      double x = 0.5 + (width - 1) * tick / 4.0;

      set_rgb (cr, XJ_REPORT_RULE);
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, height);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < n; i++)
    {
      double y = i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;

      set_rgb (cr, XJ_REPORT_SHADE);
      cairo_rectangle (cr, 0, y, width, BAR_HEIGHT);
      cairo_fill (cr);
      if (values[i] < 0)
        continue;
      set_rgb (cr, values[i] < 60 ? XJ_REPORT_FAIL : XJ_REPORT_ACCENT);
      cairo_rectangle (cr, 0, y, width * CLAMP (values[i], 0, 100) / 100, BAR_HEIGHT);
      cairo_fill (cr);
    }
  cairo_surface_flush (surface);
  return surface;
}

/* Under a caption, a horizontal bar per label with its percentage;
 * negative values have no score and show a dash. */
gboolean
_xj_report_chart_bars (XjReportRenderer    *self,
                       const char          *caption,
                       const char * const  *labels,
                       const double        *values,
                       guint                n,
                       GError             **error)
{
  const XjReportStyle *style = &xj_report_style_body;
  double content = self->right - self->left;
  double label_width = content * LABEL_SHARE;
  double bar_x = self->left + label_width;
  double bar_width = content - label_width - VALUE_WIDTH;
  double height = n * ROW_HEIGHT;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autofree guint8 *rgb = NULL;
  HPDF_Image image;

  if (n == 0)
    return TRUE;
  if (!_xj_report_renderer_ensure (self, height + AXIS_HEIGHT + 26, error))
    return FALSE;
  self->y -= 4;
  _xj_report_renderer_text (self, self->left, _xj_report_baseline (self->y, &xj_report_style_bold),
                            caption, &xj_report_style_bold, XJ_REPORT_ALIGN_LEFT);
  self->y -= _xj_report_renderer_leading (&xj_report_style_bold) + 4;

  surface = draw_bars (values, n, bar_width, height);
  rgb = surface_to_rgb (surface);
  image = HPDF_LoadRawImageFromMem (self->doc, rgb, cairo_image_surface_get_width (surface),
                                    cairo_image_surface_get_height (surface),
                                    HPDF_CS_DEVICE_RGB, 8);
  if (image == NULL)
    return _xj_report_renderer_check (self, error);
  HPDF_Page_DrawImage (self->page, image, bar_x, self->y - height, bar_width, height);

  for (guint i = 0; i < n; i++)
    {
      double line_top = self->y - i * ROW_HEIGHT - (ROW_HEIGHT - _xj_report_renderer_leading (style)) / 2;
      g_autofree char *label = ellipsize (self, labels[i], style, label_width - 8);
      g_autofree char *value = values[i] < 0 ? g_strdup ("—")
                                             : g_strdup_printf ("%.1f%%", values[i]);

      _xj_report_renderer_text (self, self->left, _xj_report_baseline (line_top, style), label,
                                style, XJ_REPORT_ALIGN_LEFT);
      _xj_report_renderer_text (self, self->right, _xj_report_baseline (line_top, style), value,
                                &xj_report_style_bold, XJ_REPORT_ALIGN_RIGHT);
    }
  self->y -= height + 2;
  for (int tick = 0; tick <= 4; tick++)
    {
      g_autofree char *text = g_strdup_printf ("%d%%", tick * 25);

      _xj_report_renderer_text (self, bar_x + bar_width * tick / 4.0,
                                _xj_report_baseline (self->y, &xj_report_style_small), text,
                                &xj_report_style_small, XJ_REPORT_ALIGN_CENTER);
    }
  self->y -= AXIS_HEIGHT + 6;
  return _xj_report_renderer_check (self, error);
}
