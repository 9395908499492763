/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The manager's Overview: for a period and a kind of inspection, the
 * figures of xj_overview_compute() (scores and failure index over time,
 * category × site, repeat findings, notices, schedule compliance, the
 * mystery shopper's steps), computed in a worker so the window never
 * waits, drawn as charts and, with the same numbers, as tables (the
 * accessible equivalent).  A newer choice cancels the computation under
 * way.
 */
#define G_LOG_DOMAIN "xj-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-notice.h"
#include "xj-inspection.h"
#include "xj-clock.h"
#include "xj-overview-charts.h"
#include "xj-overview-drill-dialog.h"
#include "xj-overview-mystery.h"
#include "xj-overview-page.h"
#include "xj-overview-page-private.h"
#include "xj-overview-tables.h"
#include "xj-period-picker.h"
#include "xj-site-picker.h"
#include "xj-window-actions.h"

/* Lines and heat-map rows: the sites that need attention first. */
#define MAX_LINES 5
#define MAX_ROWS 20


G_DEFINE_FINAL_TYPE (XjOverviewPage, xj_overview_page, ADW_TYPE_BIN)

/* --- helpers -------------------------------------------------------------- */

static void
query_clear (XjOverviewQuery *query)
{
  g_free ((gint64 *) query->site_ids);
  *query = (XjOverviewQuery) { 0 };
}

typedef struct {
  double mean;
  gint64 site_id;
} SiteMean;

static int
compare_means (gconstpointer a,
               gconstpointer b)
{
  const SiteMean *x = a, *y = b;

  return (x->mean > y->mean) - (x->mean < y->mean);
}

/* The sites by their mean score over the period, lowest first. */
static GArray *
sites_needing_attention (const XjOverview *overview,
                         guint             limit)
{
  g_autoptr(GArray) means = g_array_new (FALSE, FALSE, sizeof (SiteMean));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < overview->sites->len; i++)
    {
      SiteMean entry = { 0, g_array_index (overview->sites, XjOverviewSite, i).site_id };
      guint n = 0;

      for (guint p = 0; p < overview->points->len; p++)
        {
          const XjOverviewPoint *point = &g_array_index (overview->points, XjOverviewPoint, p);

          if (point->site_id == entry.site_id && point->n_scored > 0)
            {
              entry.mean += point->score;
              n++;
            }
        }
      if (n == 0)
        continue;
      entry.mean /= n;
      g_array_append_val (means, entry);
    }
  g_array_sort (means, compare_means);
  for (guint i = 0; i < means->len && ids->len < limit; i++)
    g_array_append_val (ids, g_array_index (means, SiteMean, i).site_id);
  return ids;
}

/* --- sections --------------------------------------------------------------*/

static void
show_trends (XjOverviewPage *self,
             GArray         *lines)
{
  const XjOverview *o = self->overview;
  GtkGrid *grid;
  guint row = 1;

  _xj_overview_add_heading (self->charts_box, _("Score over time"));
  gtk_box_append (self->charts_box, xj_overview_trend_chart_new (o, (gint64 *) lines->data,
                                                                 lines->len, FALSE));
  _xj_overview_add_heading (self->charts_box, _("Failure index over time (lower is better)"));
  gtk_box_append (self->charts_box, xj_overview_trend_chart_new (o, (gint64 *) lines->data,
                                                                 lines->len, TRUE));

  _xj_overview_add_heading (self->table_box, _("Score and failure index over time"));
  grid = _xj_overview_add_table (self->table_box,
                    (const char *const[]) { C_("overview", "Site"), C_("overview", "Period from"),
                                            C_("overview", "Inspections"),
                                            C_("overview", "Mean score"),
                                            C_("overview", "Mean failure index"), NULL });
  for (guint i = 0; i < o->points->len; i++, row++)
    {
      const XjOverviewPoint *point = &g_array_index (o->points, XjOverviewPoint, i);
      g_autofree char *day = xj_format_local_day (point->period_start);
      g_autofree char *n = g_strdup_printf ("%u", point->n_inspections);
      g_autofree char *score = point->n_scored > 0 ? g_strdup_printf ("%.1f", point->score)
                                                   : g_strdup ("—");
      g_autofree char *index = g_strdup_printf ("%.2f", point->failure_index);

      _xj_overview_put_cell (grid, 0, row, point->site_id == 0 ? _("Team average")
                                                  : xj_overview_site_name (o, point->site_id));
      _xj_overview_put_cell (grid, 1, row, day);
      _xj_overview_put_cell (grid, 2, row, n);
      _xj_overview_put_cell (grid, 3, row, score);
      _xj_overview_put_cell (grid, 4, row, index);
    }
}

static void
show_heat_map (XjOverviewPage *self)
{
  const XjOverview *o = self->overview;
  g_autoptr(GArray) rows = sites_needing_attention (o, MAX_ROWS);
  const char *headers[XJ_OVERVIEW_N_CATEGORIES + 2] = { C_("overview", "Site") };
  GtkGrid *grid;

  _xj_overview_add_heading (self->charts_box, _("Category × site (lowest first; hover for the numbers)"));
  gtk_box_append (self->charts_box, xj_overview_heat_map_new (o, (gint64 *) rows->data, rows->len));

  for (guint c = 0; c < XJ_OVERVIEW_N_CATEGORIES; c++)
    headers[c + 1] = xj_overview_category_get_label (c);
  _xj_overview_add_heading (self->table_box, _("Category × site"));
  grid = _xj_overview_add_table (self->table_box, headers);
  for (guint s = 0; s < o->sites->len; s++)
    {
      gint64 site_id = g_array_index (o->sites, XjOverviewSite, s).site_id;

      _xj_overview_put_cell (grid, 0, s + 1, xj_overview_site_name (o, site_id));
      for (guint c = 0; c < XJ_OVERVIEW_N_CATEGORIES; c++)
        {
          const XjOverviewCell *cell = xj_overview_find_cell (o, site_id, c);
          g_autofree char *text = cell != NULL && cell->has_score
                                  ? g_strdup_printf ("%.1f", cell->score) : g_strdup ("—");

          if (cell != NULL && cell->has_score)
            _xj_overview_put_button (grid, c + 1, s + 1, text, "overview.drill-cell",
                        g_variant_new ("(xi)", site_id, (int) c));
          else
            _xj_overview_put_cell (grid, c + 1, s + 1, text);
        }
    }
}

static void
show_repeats (XjOverviewPage *self)
{
  const XjOverview *o = self->overview;
  GtkGrid *grid;

  _xj_overview_add_heading (self->charts_box, _("Repeat findings (top 10)"));
  grid = _xj_overview_add_table (self->charts_box,
                    (const char *const[]) { C_("overview", "Site"), C_("overview", "Item"),
                          C_("overview", "Times"), C_("overview", "Last"),
                          C_("overview", "Open notice"), NULL });
  if (o->repeats->len == 0)
    _xj_overview_add_text (self->charts_box, _("No item failed twice at the same site in this period."));
  for (guint i = 0; i < o->repeats->len; i++)
    {
      const XjOverviewRepeat *r = &g_array_index (o->repeats, XjOverviewRepeat, i);
      g_autofree char *count = g_strdup_printf ("%u", r->count);
      g_autofree char *last = xj_format_local_day (r->last_at);

      _xj_overview_put_cell (grid, 0, i + 1, r->site_name);
      _xj_overview_put_cell (grid, 1, i + 1, r->prompt);
      _xj_overview_put_button (grid, 2, i + 1, count, "overview.drill-repeat", g_variant_new_uint32 (i));
      _xj_overview_put_cell (grid, 3, i + 1, last);
      _xj_overview_put_cell (grid, 4, i + 1, r->notice_number != NULL ? r->notice_number : "—");
    }
}

/* The board filtered by the sites shown (none: every site). */
static GVariant *
notices_target (XjOverviewPage *self,
                int             party,
                gboolean        overdue,
                gboolean        escalated)
{
  GVariant *sites = g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, self->shown.site_ids,
                                               self->shown.n_site_ids, sizeof (gint64));

  return g_variant_new ("(@axibb)", sites, party, overdue, escalated);
}

static GtkBox *
add_figure_row (GtkBox *box)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (box, row);
  return GTK_BOX (row);
}

static void
show_notices (XjOverviewPage *self)
{
  const XjOverviewNotices *n = &self->overview->notices;
  g_autoptr(GString) ages = g_string_new (NULL);
  g_autoptr(GString) closing = g_string_new (NULL);
  g_autofree char *open = g_strdup_printf (_("Open %u"), n->open);
  g_autofree char *overdue = g_strdup_printf (_("Overdue %u"), n->overdue);
  g_autofree char *escalated = g_strdup_printf (_("Escalated %u"), n->escalated);
  GtkBox *row;

  for (guint a = 0; a < XJ_OVERVIEW_N_AGES; a++)
    g_string_append_printf (ages, "%s%s %u", a > 0 ? "　" : "", xj_overview_age_get_label (a),
                            n->open_by_age[a]);
  for (guint t = 0; t < XJ_OVERVIEW_N_NOTICE_TYPES; t++)
    if (n->closed_by_type[t] > 0)
      g_string_append_printf (closing, "%s%s %.1f", closing->len > 0 ? "　" : "",
                              xj_notice_type_get_label (t), n->days_to_close_by_type[t]);
  _xj_overview_add_heading (self->charts_box, _("Notices (click a figure for the board)"));
  row = add_figure_row (self->charts_box);
  gtk_box_append (row, _xj_overview_figure_button_new (open, "win.show-notices",
                                          notices_target (self, -1, FALSE, FALSE)));
  gtk_box_append (row, _xj_overview_figure_button_new (overdue, "win.show-notices",
                                          notices_target (self, -1, TRUE, FALSE)));
  gtk_box_append (row, _xj_overview_figure_button_new (escalated, "win.show-notices",
                                          notices_target (self, -1, FALSE, TRUE)));
  _xj_overview_add_text (self->charts_box, ages->str);
  row = add_figure_row (self->charts_box);
  for (guint p = 0; p < XJ_OVERVIEW_N_PARTIES; p++)
    {
      g_autofree char *party = g_strdup_printf ("%s %u", xj_responsible_party_get_label (p),
                                                n->open_by_party[p]);

      gtk_box_append (row, _xj_overview_figure_button_new (party, "win.show-notices",
                                              notices_target (self, (int) p, FALSE, FALSE)));
    }
  if (closing->len > 0)
    {
      g_autofree char *line = g_strdup_printf (_("Mean days to close: %s"), closing->str);

      _xj_overview_add_text (self->charts_box, line);
    }
}

static void
show_compliance (XjOverviewPage *self)
{
  const XjOverview *o = self->overview;
  GtkGrid *grid;

  _xj_overview_add_heading (self->charts_box, _("Schedule compliance"));
  grid = _xj_overview_add_table (self->charts_box,
                    (const char *const[]) { C_("overview", "Site"), C_("overview", "Kind"), C_("overview", "Due"),
                          C_("overview", "On time"), C_("overview", "Late"),
                          C_("overview", "Missed"), NULL });
  for (guint i = 0; i < o->compliance->len; i++)
    {
      const XjOverviewCompliance *c = &g_array_index (o->compliance, XjOverviewCompliance, i);
      const guint values[] = { c->due, c->on_time, c->late, c->missed };

      _xj_overview_put_cell (grid, 0, i + 1, xj_overview_site_name (o, c->site_id));
      _xj_overview_put_cell (grid, 1, i + 1, xj_inspection_kind_get_label (c->kind));
      for (guint v = 0; v < G_N_ELEMENTS (values); v++)
        {
          g_autofree char *text = g_strdup_printf ("%u", values[v]);

          _xj_overview_put_cell (grid, 2 + v, i + 1, text);
        }
    }
}

static void
show_overview (XjOverviewPage *self)
{
  g_autoptr(GArray) lines = sites_needing_attention (self->overview, MAX_LINES);
  g_autofree char *summary = NULL;

  _xj_overview_clear_box (self->charts_box);
  _xj_overview_clear_box (self->table_box);
  summary = g_strdup_printf (ngettext ("%u inspection in %u site", "%u inspections in %u sites",
                                       self->overview->n_inspections),
                             self->overview->n_inspections, self->overview->sites->len);
  gtk_label_set_text (self->summary_label, summary);
  show_trends (self, lines);
  show_heat_map (self);
  /* The shopper's flow and measures right under the scores they explain. */
  xj_overview_mystery_show (self->overview, self->charts_box, self->table_box);
  show_repeats (self);
  show_notices (self);
  show_compliance (self);
}

/* --- loading -------------------------------------------------------------- */

/* Export what is shown, once something is and while nothing else is
 * being written. */
void
_xj_overview_page_update_actions (XjOverviewPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.export",
                                 self->overview != NULL && self->export_cancellable == NULL);
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(XjOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  XjOverview *overview = xj_overview_compute_finish (XJ_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  g_clear_object (&self->cancellable);
  if (overview == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "(ss)",
                                  _("Could not compute the overview"), error->message);
      return;
    }
  /* The old charts go with the old figures they point into. */
  _xj_overview_clear_box (self->charts_box);
  _xj_overview_clear_box (self->table_box);
  g_clear_pointer (&self->overview, xj_overview_free);
  self->overview = overview;
  query_clear (&self->shown);
  self->shown = self->pending;
  self->pending = (XjOverviewQuery) { 0 };
  show_overview (self);
  _xj_overview_page_update_actions (self);
}

void
xj_overview_page_reload (XjOverviewPage *self)
{
  XjOverviewQuery query = { 0 };

  g_return_if_fail (XJ_IS_OVERVIEW_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  xj_period_picker_get_range (self->period_picker, &query.from, &query.to, &query.bucket);
  query.site_ids = xj_site_picker_get_selection (self->site_picker, &query.n_site_ids);
  query.kind = gtk_drop_down_get_selected (self->kind_dropdown);
  query_clear (&self->pending);
  self->pending = query;
  if (query.site_ids != NULL)
    self->pending.site_ids = g_memdup2 (query.site_ids, query.n_site_ids * sizeof (gint64));
  gtk_spinner_start (self->spinner);
  xj_overview_compute_async (xj_application_get_store (self->application), &query,
                             self->cancellable, on_computed_cb, g_object_ref (self));
}

gboolean
xj_overview_page_get_loading (XjOverviewPage *self)
{
  g_return_val_if_fail (XJ_IS_OVERVIEW_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

const XjOverview *
xj_overview_page_get_overview (XjOverviewPage *self)
{
  g_return_val_if_fail (XJ_IS_OVERVIEW_PAGE (self), NULL);
  return self->overview;
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_choice_changed_cb (XjOverviewPage *self)
{
  xj_overview_page_reload (self);
}

static void
on_table_toggled_cb (XjOverviewPage *self)
{
  gtk_stack_set_visible_child_name (self->view_stack,
                                    gtk_toggle_button_get_active (self->table_button)
                                    ? "table" : "charts");
}

static void
present_drill (XjOverviewPage        *self,
               const XjOverviewDrill *drill,
               const char            *title,
               const char            *subtitle)
{
  XjOverviewDrillDialog *dialog;

  dialog = xj_overview_drill_dialog_new (xj_application_get_store (self->application),
                                         &self->shown, drill, title, subtitle);
  xj_window_present_over (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static char *
shown_period (XjOverviewPage *self)
{
  g_autofree char *from = xj_format_local_day (self->shown.from);
  g_autofree char *last = xj_format_local_day (self->shown.to - 1);

  /* Translators: a period from its first to its last day */
  return g_strdup_printf (_("%s to %s"), from, last);
}

/* overview.drill-cell ((xi)): the inspections behind a heat-map cell. */
static void
drill_cell_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XjOverviewPage *self = XJ_OVERVIEW_PAGE (widget);
  XjOverviewDrill drill = { 0 };
  g_autofree char *period = NULL;
  g_autofree char *subtitle = NULL;

  if (self->overview == NULL)
    return;
  g_variant_get (parameter, "(xi)", &drill.site_id, &drill.category);
  if (drill.category < 0 || drill.category >= XJ_OVERVIEW_N_CATEGORIES)
    return;
  period = shown_period (self);
  subtitle = g_strdup_printf ("%s · %s", xj_overview_category_get_label (drill.category),
                              period);
  present_drill (self, &drill, xj_overview_site_name (self->overview, drill.site_id), subtitle);
}

/* overview.drill-repeat (u): the inspections where a repeat finding failed. */
static void
drill_repeat_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  XjOverviewPage *self = XJ_OVERVIEW_PAGE (widget);
  guint index = g_variant_get_uint32 (parameter);
  const XjOverviewRepeat *repeat;
  XjOverviewDrill drill = { .category = -1 };
  g_autofree char *period = NULL;
  g_autofree char *subtitle = NULL;

  if (self->overview == NULL || index >= self->overview->repeats->len)
    return;
  repeat = &g_array_index (self->overview->repeats, XjOverviewRepeat, index);
  drill.site_id = repeat->site_id;
  drill.item_key = repeat->item_key;
  period = shown_period (self);
  subtitle = g_strdup_printf ("%s · %s", repeat->site_name, period);
  present_drill (self, &drill, repeat->prompt, subtitle);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_overview_page_dispose (GObject *object)
{
  XjOverviewPage *self = XJ_OVERVIEW_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_pointer (&self->export_path, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_OVERVIEW_PAGE);
  g_clear_pointer (&self->overview, xj_overview_free);
  query_clear (&self->pending);
  query_clear (&self->shown);
  g_clear_object (&self->application);
  G_OBJECT_CLASS (xj_overview_page_parent_class)->dispose (object);
}

static void
xj_overview_page_class_init (XjOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_overview_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/xunjian/Xunjian/xj-overview-page.ui");
  g_type_ensure (XJ_TYPE_PERIOD_PICKER);
  gtk_widget_class_bind_template_child (widget_class, XjOverviewPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, XjOverviewPage, period_picker);
  gtk_widget_class_bind_template_child (widget_class, XjOverviewPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XjOverviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, XjOverviewPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, XjOverviewPage, table_button);
  gtk_widget_class_bind_template_child (widget_class, XjOverviewPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, XjOverviewPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, XjOverviewPage, table_box);
  gtk_widget_class_install_action (widget_class, "overview.drill-cell", "(xi)",
                                   drill_cell_activated);
  gtk_widget_class_install_action (widget_class, "overview.drill-repeat", "u",
                                   drill_repeat_activated);
  gtk_widget_class_install_action (widget_class, "overview.export", NULL,
                                   _xj_overview_page_export_activated);
}

static void
xj_overview_page_init (XjOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (on_choice_changed_cb), self);
  g_signal_connect_swapped (self->table_button, "toggled", G_CALLBACK (on_table_toggled_cb), self);
  _xj_overview_page_update_actions (self);
}

GtkWidget *
xj_overview_page_new (XjApplication *application)
{
  XjOverviewPage *self = g_object_new (XJ_TYPE_OVERVIEW_PAGE, NULL);

  self->application = g_object_ref (application);
  self->site_picker = XJ_SITE_PICKER (xj_site_picker_new (xj_application_get_store (application)));
  gtk_box_insert_child_after (self->toolbar, GTK_WIDGET (self->site_picker),
                              GTK_WIDGET (self->period_picker));
  g_signal_connect_swapped (self->site_picker, "changed", G_CALLBACK (on_choice_changed_cb), self);
  xj_period_picker_set_choice (self->period_picker, XJ_PERIOD_LAST_12_MONTHS);
  g_signal_connect_swapped (self->period_picker, "changed", G_CALLBACK (on_choice_changed_cb),
                            self);
  xj_overview_page_reload (self);
  return GTK_WIDGET (self);
}
