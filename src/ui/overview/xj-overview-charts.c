/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview's charts, drawn with Cairo in the widget's own foreground
 * colour (so light and dark styles both read), with Pango for the
 * Chinese text: score or failure index over time (one line per site, the
 * team's mean as a wide pale band behind), and the category × site heat
 * map (colour by grade band, the number in the cell, the details in a
 * tooltip; a click opens the inspections).
 */
#define G_LOG_DOMAIN "xj-overview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xj-overview-charts.h"
#include "xj-overview-charts-private.h"

#define MARGIN_LEFT 44
#define MARGIN_TOP 28
#define MARGIN_BOTTOM 24
#define ROW_HEIGHT 26
#define NAME_WIDTH 180

typedef struct {
  const XjOverview *overview;
  GArray           *site_ids;        /* gint64 */
  gboolean          failure_index;
} Chart;

/* Distinct, colour-blind friendly line colours. */
static const double palette[][3] = {
  { 0.11, 0.44, 0.85 }, { 0.90, 0.38, 0.00 }, { 0.15, 0.64, 0.41 }, { 0.57, 0.25, 0.67 },
  { 0.75, 0.11, 0.16 }, { 0.00, 0.60, 0.65 }, { 0.60, 0.47, 0.22 }, { 0.85, 0.30, 0.60 },
};

static void
chart_free (Chart *chart)
{
  g_array_unref (chart->site_ids);
  g_free (chart);
}

static Chart *
chart_new (const XjOverview *overview,
           const gint64     *site_ids,
           guint             n_sites,
           gboolean          failure_index)
{
  Chart *chart = g_new0 (Chart, 1);

  chart->overview = overview;
  chart->site_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_sites);
  g_array_append_vals (chart->site_ids, site_ids, n_sites);
  chart->failure_index = failure_index;
  return chart;
}

const char *
xj_overview_site_name (const XjOverview *overview,
                       gint64            site_id)
{
  for (guint i = 0; i < overview->sites->len; i++)
    {
      const XjOverviewSite *site = &g_array_index (overview->sites, XjOverviewSite, i);

      if (site->site_id == site_id)
        return site->name;
    }
  return "";
}

void
_xj_chart_fg (GtkWidget *widget,
              GdkRGBA   *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
}

/* Returns the text's width. */
int
_xj_chart_text (GtkWidget  *widget,
                cairo_t    *cr,
                const char *text,
                double      x,
                double      y,
                double      align)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - align * width, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
  return width;
}

/* --- over time ------------------------------------------------------------ */

static double
point_value (const XjOverviewPoint *point,
             gboolean               failure_index)
{
  return failure_index ? point->failure_index : point->score;
}

static void
draw_line (cairo_t          *cr,
           const Chart      *chart,
           gint64            site_id,
           GArray           *periods,
           double            plot_width,
           double            plot_height,
           double            top)
{
  gboolean started = FALSE;
  /* Each point also a dot: a period alone (the first month of a team, a
   * month between empty ones) is no line and showed nothing at all. */
  double radius = MAX (3, cairo_get_line_width (cr) / 2);
  g_autoptr(GArray) dots = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint p = 0; p < periods->len; p++)
    {
      const XjOverviewPoint *point =
        xj_overview_find_point (chart->overview, site_id, g_array_index (periods, gint64, p));
      double x, y;

      if (point == NULL || (!chart->failure_index && point->n_scored == 0))
        continue;
      x = MARGIN_LEFT + (periods->len > 1 ? plot_width * p / (periods->len - 1) : plot_width / 2);
      y = MARGIN_TOP + plot_height * (1 - point_value (point, chart->failure_index) / top);
      if (started)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      started = TRUE;
      g_array_append_val (dots, x);
      g_array_append_val (dots, y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i + 1 < dots->len; i += 2)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, g_array_index (dots, double, i), g_array_index (dots, double, i + 1), radius,
                 0, 2 * G_PI);
    }
  cairo_fill (cr);
}

static void
draw_trend (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  const Chart *chart = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  g_autoptr(GArray) periods = g_array_new (FALSE, FALSE, sizeof (gint64));
  double plot_width = width - MARGIN_LEFT - 24, plot_height = height - MARGIN_TOP - MARGIN_BOTTOM;
  double top = 100, legend_x = MARGIN_LEFT;
  GdkRGBA fg;

  _xj_chart_fg (widget, &fg);
  for (guint i = 0; i < chart->overview->points->len; i++)
    {
      const XjOverviewPoint *point = &g_array_index (chart->overview->points, XjOverviewPoint, i);

      if (point->site_id != 0)
        continue;
      g_array_append_val (periods, point->period_start);
      if (chart->failure_index)
        top = i == 0 ? point->failure_index : MAX (top, point->failure_index);
    }
  for (guint i = 0; chart->failure_index && i < chart->overview->points->len; i++)
    top = MAX (top, g_array_index (chart->overview->points, XjOverviewPoint, i).failure_index);
  top = chart->failure_index ? MAX (1, ceil (top)) : 100;

  /* Axes and grid. */
  cairo_set_line_width (cr, 1);
  for (int g = 0; g <= 4; g++)
    {
      double y = MARGIN_TOP + plot_height * g / 4;
      g_autofree char *label = g_strdup_printf ("%g", top * (4 - g) / 4);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
      cairo_move_to (cr, MARGIN_LEFT, y);
      cairo_line_to (cr, MARGIN_LEFT + plot_width, y);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      _xj_chart_text (widget, cr, label, MARGIN_LEFT - 6, y, 1);
    }
  for (guint p = 0; p < periods->len; p += MAX (1, periods->len / 6))
    {
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (g_array_index (periods, gint64, p));
      g_autofree char *label = g_date_time_format (start, "%m-%d");
      double x = MARGIN_LEFT + (periods->len > 1 ? plot_width * p / (periods->len - 1) : plot_width / 2);

      _xj_chart_text (widget, cr, label, x, height - MARGIN_BOTTOM / 2.0, 0.5);
    }

  /* The team behind, then each site. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.22);
  cairo_set_line_width (cr, 7);
  draw_line (cr, chart, 0, periods, plot_width, plot_height, top);
  legend_x += _xj_chart_text (widget, cr, _("Team average"), legend_x, MARGIN_TOP / 2.0, 0) + 18;
  cairo_set_line_width (cr, 2);
  for (guint s = 0; s < chart->site_ids->len; s++)
    {
      const double *rgb = palette[s % G_N_ELEMENTS (palette)];
      gint64 site_id = g_array_index (chart->site_ids, gint64, s);

      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      draw_line (cr, chart, site_id, periods, plot_width, plot_height, top);
      if (legend_x < width - 160)
        {
          cairo_rectangle (cr, legend_x, MARGIN_TOP / 2.0 - 4, 10, 8);
          cairo_fill (cr);
          legend_x += 14 + _xj_chart_text (widget, cr,
                                      xj_overview_site_name (chart->overview, site_id),
                                      legend_x + 14, MARGIN_TOP / 2.0, 0) + 18;
        }
    }
}

GtkWidget *
xj_overview_trend_chart_new (const XjOverview *overview,
                             const gint64     *site_ids,
                             guint             n_sites,
                             gboolean          failure_index)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), failure_index ? 180 : 240);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_trend,
                                  chart_new (overview, site_ids, n_sites, failure_index),
                                  (GDestroyNotify) chart_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  failure_index ? _("Failure index over time; the table view has the numbers")
                                                : _("Score over time; the table view has the numbers"),
                                  -1);
  return area;
}

/* --- category × site ------------------------------------------------------ */

void
_xj_chart_band (double  score,
                double *rgb)
{
  static const double bands[][3] = {
    { 0.18, 0.76, 0.49 }, { 0.56, 0.85, 0.55 }, { 0.96, 0.83, 0.18 }, { 0.88, 0.11, 0.14 },
  };
  guint band = score >= 90 ? 0 : score >= 75 ? 1 : score >= 60 ? 2 : 3;

  memcpy (rgb, bands[band], sizeof bands[band]);
}

static double
cell_width (int width)
{
  return (width - NAME_WIDTH) / (double) XJ_OVERVIEW_N_CATEGORIES;
}

static void
draw_heat_map (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  const Chart *chart = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  double cw = cell_width (width);
  GdkRGBA fg;

  _xj_chart_fg (widget, &fg);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
  for (guint c = 0; c < XJ_OVERVIEW_N_CATEGORIES; c++)
    _xj_chart_text (widget, cr, xj_overview_category_get_label (c), NAME_WIDTH + cw * (c + 0.5),
               ROW_HEIGHT / 2.0, 0.5);
  for (guint s = 0; s < chart->site_ids->len; s++)
    {
      gint64 site_id = g_array_index (chart->site_ids, gint64, s);
      double y = ROW_HEIGHT * (s + 1);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
      _xj_chart_text (widget, cr, xj_overview_site_name (chart->overview, site_id), 0,
                 y + ROW_HEIGHT / 2.0, 0);
      for (guint c = 0; c < XJ_OVERVIEW_N_CATEGORIES; c++)
        {
          const XjOverviewCell *cell = xj_overview_find_cell (chart->overview, site_id, c);
          g_autofree char *text = NULL;
          double rgb[3];

          if (cell == NULL || !cell->has_score)
            {
              cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.06);
              cairo_rectangle (cr, NAME_WIDTH + cw * c + 1, y + 1, cw - 2, ROW_HEIGHT - 2);
              cairo_fill (cr);
              continue;
            }
          _xj_chart_band (cell->score, rgb);
          cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.85);
          cairo_rectangle (cr, NAME_WIDTH + cw * c + 1, y + 1, cw - 2, ROW_HEIGHT - 2);
          cairo_fill (cr);
          /* Dark text on the light bands, light on red. */
          if (cell->score < 60)
            cairo_set_source_rgb (cr, 1, 1, 1);
          else
            cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          text = g_strdup_printf ("%.1f", cell->score);
          _xj_chart_text (widget, cr, text, NAME_WIDTH + cw * (c + 0.5), y + ROW_HEIGHT / 2.0, 0.5);
        }
    }
}

static gboolean
cell_at (GtkWidget          *widget,
         const Chart        *chart,
         double              x,
         double              y,
         gint64             *site_id,
         XjOverviewCategory *category)
{
  int row = (int) (y / ROW_HEIGHT) - 1;
  int column = (int) floor ((x - NAME_WIDTH) / cell_width (gtk_widget_get_width (widget)));

  if (row < 0 || row >= (int) chart->site_ids->len || x < NAME_WIDTH || column < 0
      || column >= XJ_OVERVIEW_N_CATEGORIES)
    return FALSE;
  *site_id = g_array_index (chart->site_ids, gint64, row);
  *category = column;
  return TRUE;
}

static gboolean
on_heat_map_query_tooltip_cb (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip,
                              Chart      *chart)
{
  const XjOverviewCell *cell;
  g_autofree char *text = NULL;
  XjOverviewCategory category;
  gint64 site_id;

  if (!cell_at (widget, chart, x, y, &site_id, &category)
      || (cell = xj_overview_find_cell (chart->overview, site_id, category)) == NULL)
    return FALSE;
  if (cell->has_score)
    /* Translators: site · category: score (earned of possible points, inspections) */
    text = g_strdup_printf (ngettext ("%s · %s: %.1f %% (%.1f of %.1f points, %u inspection)",
                                      "%s · %s: %.1f %% (%.1f of %.1f points, %u inspections)",
                                      cell->n_inspections),
                            xj_overview_site_name (chart->overview, site_id),
                            xj_overview_category_get_label (category), cell->score,
                            cell->earned, cell->possible, cell->n_inspections);
  else
    text = g_strdup_printf (_("%s · %s: nothing scored"),
                            xj_overview_site_name (chart->overview, site_id),
                            xj_overview_category_get_label (category));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_heat_map_pressed_cb (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        Chart           *chart)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  XjOverviewCategory category;
  gint64 site_id;

  if (cell_at (widget, chart, x, y, &site_id, &category))
    gtk_widget_activate_action (widget, "overview.drill-cell", "(xi)", site_id, (int) category);
}

GtkWidget *
xj_overview_heat_map_new (const XjOverview *overview,
                          const gint64     *site_ids,
                          guint             n_sites)
{
  GtkWidget *area = gtk_drawing_area_new ();
  Chart *chart = chart_new (overview, site_ids, n_sites, FALSE);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), ROW_HEIGHT * (n_sites + 1));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_heat_map, chart,
                                  (GDestroyNotify) chart_free);
  gtk_widget_set_has_tooltip (area, TRUE);
  g_signal_connect (area, "query-tooltip", G_CALLBACK (on_heat_map_query_tooltip_cb), chart);
  g_signal_connect (click, "pressed", G_CALLBACK (on_heat_map_pressed_cb), chart);
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (area, "pointer");
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Score by category and site; the table view has the numbers"),
                                  -1);
  return area;
}
