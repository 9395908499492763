/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The section score chart: bars and grid lines drawn as PDF paths (sharp at
 * any zoom, a few bytes each), labels as PDF text in the embedded font, so
 * that they stay searchable.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include "xj-report-private.h"

#define ROW_HEIGHT   17.0
#define BAR_HEIGHT   10.0
#define LABEL_SHARE  0.32
#define VALUE_WIDTH  40.0
#define AXIS_HEIGHT  14.0

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

/* The grid at 0, 25, 50, 75 and 100 %, then a track and a bar per value;
 * top is the chart's top edge. */
static void
draw_bars (XjReportRenderer *self,
           const double     *values,
           guint             n,
           double            x,
           double            top,
           double            width)
{
  double height = n * ROW_HEIGHT;

  for (int tick = 0; tick <= 4; tick++)
    {
      double tick_x = x + 0.25 + (width - 0.5) * tick / 4.0;

      _xj_report_renderer_line (self, tick_x, top, tick_x, top - height, 0.5, XJ_REPORT_RULE);
    }
  for (guint i = 0; i < n; i++)
    {
      double bar_top = top - i * ROW_HEIGHT - (ROW_HEIGHT - BAR_HEIGHT) / 2;

      _xj_report_renderer_rect (self, x, bar_top, width, BAR_HEIGHT, XJ_REPORT_SHADE,
                                G_MAXUINT32);
      if (values[i] <= 0)
        continue;
      _xj_report_renderer_rect (self, x, bar_top, width * MIN (values[i], 100) / 100,
                                BAR_HEIGHT, values[i] < 60 ? XJ_REPORT_FAIL : XJ_REPORT_ACCENT,
                                G_MAXUINT32);
    }
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

  if (n == 0)
    return TRUE;
  if (!_xj_report_renderer_ensure (self, height + AXIS_HEIGHT + 26, error))
    return FALSE;
  self->y -= 4;
  _xj_report_renderer_text (self, self->left, _xj_report_baseline (self->y, &xj_report_style_bold),
                            caption, &xj_report_style_bold, XJ_REPORT_ALIGN_LEFT);
  self->y -= _xj_report_renderer_leading (&xj_report_style_bold) + 4;

  draw_bars (self, values, n, bar_x, self->y, bar_width);

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
