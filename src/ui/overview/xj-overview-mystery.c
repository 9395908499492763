/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mystery shopper's charts: for each store, a bar per step of the
 * flow with its pass rate (coloured by grade band, as the heat map), the
 * stores with the lowest pass rate first; for each hard standard (seconds
 * to greeting, rings to answer) a histogram of what was measured with the
 * limit drawn across, bars past it in the failing colour.  The tables
 * below carry the same numbers for a screen reader or a copy.
 */
#define G_LOG_DOMAIN "xj-overview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xj-overview-charts.h"
#include "xj-overview-charts-private.h"
#include "xj-overview-mystery.h"
#include "xj-overview-tables.h"

#define MAX_STORES 6
#define STEP_ROW 24
#define STEP_TITLE_WIDTH 230
#define STEP_TEXT_WIDTH 120
#define MAX_BINS 40
#define PER_VALUE_UP_TO 30
#define HIST_LEFT 40
#define HIST_TOP 26
#define HIST_BOTTOM 24
#define HIST_HEIGHT 190

/* --- bins ----------------------------------------------------------------- */

static guint
bin_of (const XjHardBins *bins,
        double            value)
{
  double index;

  if (bins->per_value)
    index = MAX (0, value);
  else
    index = value <= 0 ? 0 : ceil (value / bins->width - 1e-9) - 1;
  return (guint) MIN (index, MAX_BINS - 1);
}

/**
 * xj_overview_hard_bins:
 *
 * Bins that put the limit on an edge, so that a bar is all passes or all
 * failures: whole values up to PER_VALUE_UP_TO get one bin each; measured
 * seconds get about a dozen bins up to the limit.
 */
void
xj_overview_hard_bins (const XjOverviewHard *hard,
                       XjHardBins           *bins)
{
  guint n = hard->values->len;
  double largest = n > 0 ? g_array_index (hard->values, double, n - 1) : 0;
  double limit = MAX (hard->limit, 1e-6);
  gboolean whole = largest <= PER_VALUE_UP_TO;
  guint n_bins;

  for (guint i = 0; whole && i < n; i++)
    whole = floor (g_array_index (hard->values, double, i)) == g_array_index (hard->values, double, i);
  bins->per_value = whole && floor (limit) == limit;
  if (bins->per_value)
    bins->width = 1;
  else
    {
      static const double nice[] = { 1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 1800, 3600 };
      double top = MAX (largest, limit * 1.25);

      /* A round width that the limit is a multiple of, about a dozen bins. */
      bins->width = limit / MAX (1, ceil (12 * limit / top));
      for (guint i = 0; i < G_N_ELEMENTS (nice); i++)
        if (fmod (limit, nice[i]) == 0 && top / nice[i] <= 14)
          {
            bins->width = nice[i];
            break;
          }
    }
  n_bins = MAX (bin_of (bins, largest), bin_of (bins, limit) + 1) + 1;
  bins->counts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (bins->counts, MIN (n_bins, MAX_BINS));
  for (guint i = 0; i < n; i++)
    g_array_index (bins->counts, guint, bin_of (bins, g_array_index (hard->values, double, i)))++;
}

gboolean
xj_overview_hard_bin_passes (const XjOverviewHard *hard,
                             const XjHardBins     *bins,
                             guint                 bin)
{
  if (bins->per_value)
    return bin <= hard->limit;
  return (bin + 1) * bins->width <= hard->limit + 1e-9;
}

char *
xj_overview_hard_bin_label (const XjHardBins *bins,
                            guint             bin)
{
  if (bins->per_value)
    return g_strdup_printf ("%u", bin);
  /* Translators: a range of measured values, more than the first, up to the second */
  return g_strdup_printf (_("%g–%g"), bin * bins->width, (bin + 1) * bins->width);
}

/* --- steps ---------------------------------------------------------------- */

typedef struct {
  const XjOverview *overview;
  gint64            site_id;
} StoreChart;

static void
draw_steps (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  const StoreChart *chart = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  double track = MAX (40, width - STEP_TITLE_WIDTH - STEP_TEXT_WIDTH);
  guint row = 0;
  GdkRGBA fg;

  _xj_chart_fg (widget, &fg);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.9);
  _xj_chart_text (widget, cr, xj_overview_site_name (chart->overview, chart->site_id), 0,
                  STEP_ROW / 2.0, 0);
  for (guint i = 0; i < chart->overview->steps->len; i++)
    {
      const XjOverviewStep *step = &g_array_index (chart->overview->steps, XjOverviewStep, i);
      guint total = step->n_pass + step->n_fail;
      double y, rate, rgb[3];
      g_autofree char *text = NULL;

      if (step->site_id != chart->site_id || total == 0)
        continue;
      y = STEP_ROW * (++row);
      rate = (double) step->n_pass / total;
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
      _xj_chart_text (widget, cr, step->title, 12, y + STEP_ROW / 2.0, 0);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.08);
      cairo_rectangle (cr, STEP_TITLE_WIDTH, y + 4, track, STEP_ROW - 8);
      cairo_fill (cr);
      _xj_chart_band (100 * rate, rgb);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.9);
      cairo_rectangle (cr, STEP_TITLE_WIDTH, y + 4, track * rate, STEP_ROW - 8);
      cairo_fill (cr);
      text = g_strdup_printf ("%.0f %% (%u/%u)", 100 * rate, step->n_pass, total);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
      _xj_chart_text (widget, cr, text, STEP_TITLE_WIDTH + track + 8, y + STEP_ROW / 2.0, 0);
    }
}

static guint
count_steps (const XjOverview *overview,
             gint64            site_id,
             double           *rate)
{
  guint n = 0, pass = 0, total = 0;

  for (guint i = 0; i < overview->steps->len; i++)
    {
      const XjOverviewStep *step = &g_array_index (overview->steps, XjOverviewStep, i);

      if (step->site_id != site_id || step->n_pass + step->n_fail == 0)
        continue;
      n++;
      pass += step->n_pass;
      total += step->n_pass + step->n_fail;
    }
  *rate = total > 0 ? (double) pass / total : 1;
  return n;
}

typedef struct {
  double rate;
  gint64 site_id;
  guint  n_steps;
} StoreRate;

static int
compare_rates (gconstpointer a,
               gconstpointer b)
{
  const StoreRate *x = a, *y = b;

  return (x->rate > y->rate) - (x->rate < y->rate);
}

static void
show_steps (const XjOverview *o,
            GtkBox           *charts,
            GtkBox           *tables)
{
  g_autoptr(GArray) stores = g_array_new (FALSE, FALSE, sizeof (StoreRate));
  GtkGrid *grid;
  guint row = 1;

  for (guint s = 0; s < o->sites->len; s++)
    {
      StoreRate store = { .site_id = g_array_index (o->sites, XjOverviewSite, s).site_id };

      if ((store.n_steps = count_steps (o, store.site_id, &store.rate)) > 0)
        g_array_append_val (stores, store);
    }
  if (stores->len == 0)
    return;
  g_array_sort (stores, compare_rates);
  _xj_overview_add_heading (charts, _("Pass rate per step of the flow (lowest stores first)"));
  for (guint i = 0; i < MIN (stores->len, MAX_STORES); i++)
    {
      const StoreRate *store = &g_array_index (stores, StoreRate, i);
      StoreChart *chart = g_new0 (StoreChart, 1);
      GtkWidget *area = gtk_drawing_area_new ();
      g_autofree char *label = NULL;

      chart->overview = o;
      chart->site_id = store->site_id;
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area),
                                           STEP_ROW * (store->n_steps + 1) + 6);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_steps, chart, g_free);
      /* Translators: the store's name */
      label = g_strdup_printf (_("Pass rate per step at %s; the table view has the numbers"),
                               xj_overview_site_name (o, store->site_id));
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_box_append (charts, area);
    }

  _xj_overview_add_heading (tables, _("Mystery-shopper steps: pass rate"));
  grid = _xj_overview_add_table (tables, (const char *const[]) {
                                   C_("overview", "Site"), C_("overview", "Step"),
                                   C_("overview", "Pass rate"), NULL });
  for (guint i = 0; i < o->steps->len; i++)
    {
      const XjOverviewStep *step = &g_array_index (o->steps, XjOverviewStep, i);
      guint total = step->n_pass + step->n_fail;
      g_autofree char *rate = NULL;

      if (total == 0)
        continue;
      rate = g_strdup_printf ("%.0f %% (%u/%u)", 100.0 * step->n_pass / total, step->n_pass,
                              total);
      _xj_overview_put_cell (grid, 0, row, xj_overview_site_name (o, step->site_id));
      _xj_overview_put_cell (grid, 1, row, step->title);
      _xj_overview_put_cell (grid, 2, row++, rate);
    }
}

/* --- hard standards ------------------------------------------------------- */

typedef struct {
  const XjOverviewHard *hard;
  XjHardBins            bins;
  guint                 largest;
} Histogram;

static void
histogram_free (Histogram *histogram)
{
  g_clear_pointer (&histogram->bins.counts, g_array_unref);
  g_free (histogram);
}

static double
bin_width (const Histogram *histogram,
           int              width)
{
  return (width - HIST_LEFT - 12) / (double) histogram->bins.counts->len;
}

static void
draw_histogram (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  const Histogram *h = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  double bw = bin_width (h, width), plot = height - HIST_TOP - HIST_BOTTOM, x;
  guint n_bins = h->bins.counts->len, step = MAX (1, n_bins / 10);
  g_autofree char *top = g_strdup_printf ("%u", h->largest);
  g_autofree char *limit = NULL;
  GdkRGBA fg;

  _xj_chart_fg (widget, &fg);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
  _xj_chart_text (widget, cr, top, HIST_LEFT - 6, HIST_TOP, 1);
  _xj_chart_text (widget, cr, "0", HIST_LEFT - 6, HIST_TOP + plot, 1);
  for (guint b = 0; b < n_bins; b++)
    {
      guint count = g_array_index (h->bins.counts, guint, b);
      double bar = h->largest > 0 ? plot * count / h->largest : 0;
      double rgb[3];

      _xj_chart_band (xj_overview_hard_bin_passes (h->hard, &h->bins, b) ? 100 : 0, rgb);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.85);
      cairo_rectangle (cr, HIST_LEFT + b * bw + 1, HIST_TOP + plot - bar, bw - 2, bar);
      cairo_fill (cr);
      if (b % step == 0)
        {
          g_autofree char *label = h->bins.per_value ? g_strdup_printf ("%u", b)
                                                     : g_strdup_printf ("%g", (b + 1) * h->bins.width);

          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
          _xj_chart_text (widget, cr, label,
                          HIST_LEFT + (h->bins.per_value ? b + 0.5 : b + 1) * bw,
                          height - HIST_BOTTOM / 2.0, 0.5);
        }
    }
  /* The limit: between its bin and the next. */
  x = HIST_LEFT + (h->bins.per_value ? h->hard->limit + 1 : h->hard->limit / h->bins.width) * bw;
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_move_to (cr, x, HIST_TOP - 4);
  cairo_line_to (cr, x, HIST_TOP + plot);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  /* Translators: the most that passes a hard standard, and its unit */
  limit = g_strdup_printf (_("Limit %g %s"), h->hard->limit, h->hard->unit);
  _xj_chart_text (widget, cr, limit, x + 4, HIST_TOP / 2.0, 0);
}

static gboolean
on_histogram_query_tooltip_cb (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard,
                               GtkTooltip *tooltip,
                               Histogram  *h)
{
  double bin = floor ((x - HIST_LEFT) / bin_width (h, gtk_widget_get_width (widget)));
  g_autofree char *range = NULL;
  g_autofree char *text = NULL;
  guint count;

  if (bin < 0 || bin >= h->bins.counts->len)
    return FALSE;
  range = xj_overview_hard_bin_label (&h->bins, (guint) bin);
  count = g_array_index (h->bins.counts, guint, (guint) bin);
  /* Translators: measured values (a range and the unit): how many */
  text = g_strdup_printf (ngettext ("%s %s: %u time", "%s %s: %u times", count), range,
                          h->hard->unit, count);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static GtkWidget *
histogram_new (const XjOverviewHard *hard)
{
  GtkWidget *area = gtk_drawing_area_new ();
  Histogram *h = g_new0 (Histogram, 1);
  g_autofree char *label = NULL;

  h->hard = hard;
  xj_overview_hard_bins (hard, &h->bins);
  for (guint b = 0; b < h->bins.counts->len; b++)
    h->largest = MAX (h->largest, g_array_index (h->bins.counts, guint, b));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), HIST_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_histogram, h,
                                  (GDestroyNotify) histogram_free);
  gtk_widget_set_has_tooltip (area, TRUE);
  g_signal_connect (area, "query-tooltip", G_CALLBACK (on_histogram_query_tooltip_cb), h);
  /* Translators: a hard standard's prompt */
  label = g_strdup_printf (_("Distribution of %s; the table view has the numbers"), hard->prompt);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return area;
}

static char *
summary_line (const XjOverviewHard *hard)
{
  guint n = hard->values->len;

  /* Translators: item: median, 90th percentile and limit with the unit; failures */
  return g_strdup_printf (_("%s: median %g %s, 90th percentile %g %s, limit %g %s; %u of %u over"),
                          hard->prompt, g_array_index (hard->values, double, n / 2), hard->unit,
                          g_array_index (hard->values, double, (n * 9) / 10), hard->unit,
                          hard->limit, hard->unit, hard->n_fail, n);
}

static void
show_hard (const XjOverview *o,
           GtkBox           *charts,
           GtkBox           *tables)
{
  gboolean headed = FALSE;

  for (guint i = 0; i < o->hard->len; i++)
    {
      const XjOverviewHard *hard = g_ptr_array_index (o->hard, i);
      g_autofree char *line = NULL;
      XjHardBins bins;
      GtkGrid *grid;

      if (hard->values->len == 0)
        continue;
      if (!headed)
        {
          headed = TRUE;
          _xj_overview_add_heading (charts, _("Hard standards: what was measured"));
          _xj_overview_add_heading (tables, _("Hard standards: what was measured"));
        }
      line = summary_line (hard);
      _xj_overview_add_text (charts, line);
      gtk_box_append (charts, histogram_new (hard));
      _xj_overview_add_text (tables, line);
      grid = _xj_overview_add_table (tables, (const char *const[]) {
                                       hard->unit, C_("overview", "Times"),
                                       C_("overview", "Within the limit"), NULL });
      xj_overview_hard_bins (hard, &bins);
      for (guint b = 0; b < bins.counts->len; b++)
        {
          g_autofree char *range = xj_overview_hard_bin_label (&bins, b);
          g_autofree char *count = g_strdup_printf ("%u", g_array_index (bins.counts, guint, b));

          _xj_overview_put_cell (grid, 0, b + 1, range);
          _xj_overview_put_cell (grid, 1, b + 1, count);
          _xj_overview_put_cell (grid, 2, b + 1, xj_overview_hard_bin_passes (hard, &bins, b)
                                                 ? C_("within the limit", "yes")
                                                 : C_("within the limit", "no"));
        }
      g_array_unref (bins.counts);
    }
}

void
xj_overview_mystery_show (const XjOverview *overview,
                          GtkBox           *charts,
                          GtkBox           *tables)
{
  g_return_if_fail (overview != NULL);

  show_steps (overview, charts, tables);
  show_hard (overview, charts, tables);
}
