/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The monthly management report: the Overview's figures for one month of
 * every site's property checks, written with the inspection reports'
 * renderer (embedded subset CJK font, searchable text) and their signing.
 * The charts are PDF paths (the renderer's bar chart), not pictures: mean
 * score by site (the lowest first) and by category; then the top repeat
 * findings, the notices and schedule compliance.  Written to a temporary
 * file beside the target, signed into the target when a signer is given.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-overview.h"
#include "xj-pdf-sign.h"
#include "xj-report-monthly.h"
#include "xj-report-private.h"

#define CHART_SITES 15
#define COMPLIANCE_ROWS 20

static const XjReportColumn repeat_columns[] = {
  { N_("Site"), 0.24, XJ_REPORT_ALIGN_LEFT },
  { N_("Item"), 0.42, XJ_REPORT_ALIGN_LEFT },
  { N_("Times"), 0.08, XJ_REPORT_ALIGN_RIGHT },
  { N_("Last"), 0.13, XJ_REPORT_ALIGN_LEFT },
  { N_("Open notice"), 0.13, XJ_REPORT_ALIGN_LEFT },
};
static const XjReportTable repeat_table = { repeat_columns, G_N_ELEMENTS (repeat_columns) };

static const XjReportColumn compliance_columns[] = {
  { N_("Site"), 0.34, XJ_REPORT_ALIGN_LEFT },
  { N_("Kind"), 0.22, XJ_REPORT_ALIGN_LEFT },
  { N_("Checks due"), 0.11, XJ_REPORT_ALIGN_RIGHT },
  { N_("Done on time"), 0.11, XJ_REPORT_ALIGN_RIGHT },
  { N_("Done late"), 0.11, XJ_REPORT_ALIGN_RIGHT },
  { N_("Missed checks"), 0.11, XJ_REPORT_ALIGN_RIGHT },
};
static const XjReportTable compliance_table = { compliance_columns,
                                                G_N_ELEMENTS (compliance_columns) };

typedef struct {
  GPtrArray *labels;   /* owned strings */
  GArray    *values;   /* double, percent */
} Bars;

static void
bars_clear (Bars *bars)
{
  g_clear_pointer (&bars->labels, g_ptr_array_unref);
  g_clear_pointer (&bars->values, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bars, bars_clear)

static void
bars_init (Bars *bars)
{
  bars->labels = g_ptr_array_new_with_free_func (g_free);
  bars->values = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
bars_add (Bars       *bars,
          const char *label,
          double      value)
{
  g_ptr_array_add (bars->labels, g_strdup (label));
  g_array_append_val (bars->values, value);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const XjOverviewPoint *x = *(const XjOverviewPoint *const *) a;
  const XjOverviewPoint *y = *(const XjOverviewPoint *const *) b;

  return (x->score > y->score) - (x->score < y->score);
}

static const char *
site_name (const XjOverview *o,
           gint64            site_id)
{
  for (guint i = 0; i < o->sites->len; i++)
    if (g_array_index (o->sites, XjOverviewSite, i).site_id == site_id)
      return g_array_index (o->sites, XjOverviewSite, i).name;
  return "";
}

/* The month's mean per site (one point each, by month), lowest first. */
static void
site_bars (const XjOverview *o,
           Bars             *bars)
{
  g_autoptr(GPtrArray) points = g_ptr_array_new ();

  for (guint i = 0; i < o->points->len; i++)
    {
      const XjOverviewPoint *point = &g_array_index (o->points, XjOverviewPoint, i);

      if (point->site_id != 0 && point->n_scored > 0)
        g_ptr_array_add (points, (gpointer) point);
    }
  g_ptr_array_sort (points, compare_points);
  for (guint i = 0; i < points->len && i < CHART_SITES; i++)
    {
      const XjOverviewPoint *point = g_ptr_array_index (points, i);

      bars_add (bars, site_name (o, point->site_id), point->score);
    }
}

/* Every site's points of a category added up, as one section would be. */
static void
category_bars (const XjOverview *o,
               Bars             *bars)
{
  for (guint c = 0; c < XJ_OVERVIEW_N_CATEGORIES; c++)
    {
      double earned = 0, possible = 0;

      for (guint i = 0; i < o->cells->len; i++)
        {
          const XjOverviewCell *cell = &g_array_index (o->cells, XjOverviewCell, i);

          if (cell->category == c)
            {
              earned += cell->earned;
              possible += cell->possible;
            }
        }
      bars_add (bars, xj_overview_category_get_label (c), possible > 0 ? 100 * earned / possible
                                                                       : -1);
    }
}

/* Every string the report prints, for the font subset. */
static void
collect (XjReportCharset  *charset,
         const XjOverview *o,
         const char *const *texts,
         Bars             *by_site,
         Bars             *by_category)
{
  _xj_report_charset_add (charset, "0123456789.,:;-–—%()/· ");
  for (guint i = 0; texts[i] != NULL; i++)
    _xj_report_charset_add (charset, texts[i]);
  _xj_report_table_collect (&repeat_table, charset);
  _xj_report_table_collect (&compliance_table, charset);
  for (guint i = 0; i < by_site->labels->len; i++)
    _xj_report_charset_add (charset, g_ptr_array_index (by_site->labels, i));
  for (guint i = 0; i < by_category->labels->len; i++)
    _xj_report_charset_add (charset, g_ptr_array_index (by_category->labels, i));
  for (guint i = 0; i < o->repeats->len; i++)
    {
      const XjOverviewRepeat *r = &g_array_index (o->repeats, XjOverviewRepeat, i);

      _xj_report_charset_add (charset, r->site_name);
      _xj_report_charset_add (charset, r->prompt);
      _xj_report_charset_add (charset, r->notice_number);
    }
  for (guint i = 0; i < o->compliance->len; i++)
    {
      const XjOverviewCompliance *c = &g_array_index (o->compliance, XjOverviewCompliance, i);

      _xj_report_charset_add (charset, site_name (o, c->site_id));
      _xj_report_charset_add (charset, xj_inspection_kind_get_label (c->kind));
    }
}

static gboolean
paragraph (XjReportRenderer  *r,
           const char        *text,
           GError           **error)
{
  return _xj_report_renderer_paragraph (r, r->left, r->right - r->left, text,
                                        &xj_report_style_body, error);
}

static gboolean
write_repeats (XjReportRenderer  *r,
               const XjOverview  *o,
               GError           **error)
{
  if (!_xj_report_heading (r, _("Repeat findings (top 10)"), error))
    return FALSE;
  if (o->repeats->len == 0)
    return paragraph (r, _("No item failed twice at the same site this month."),
                                      error);
  if (!_xj_report_table_begin (r, &repeat_table, error))
    return FALSE;
  for (guint i = 0; i < o->repeats->len; i++)
    {
      const XjOverviewRepeat *rep = &g_array_index (o->repeats, XjOverviewRepeat, i);
      g_autofree char *count = g_strdup_printf ("%u", rep->count);
      g_autofree char *last = xj_format_local_day (rep->last_at);
      const char *cells[] = { rep->site_name, rep->prompt, count, last,
                              rep->notice_number != NULL ? rep->notice_number : "—" };

      if (!_xj_report_table_row (r, cells, NULL, i % 2 ? XJ_REPORT_ZEBRA : G_MAXUINT32, error))
        return FALSE;
    }
  _xj_report_table_end (r);
  return TRUE;
}

static gboolean
write_compliance (XjReportRenderer  *r,
                  const XjOverview  *o,
                  GError           **error)
{
  guint rows = 0;

  if (!_xj_report_heading (r, _("Schedule compliance (sites with missed checks first)"), error)
      || !_xj_report_table_begin (r, &compliance_table, error))
    return FALSE;
  /* Missed ones first: what a manager acts on. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < o->compliance->len && rows < COMPLIANCE_ROWS; i++)
      {
        const XjOverviewCompliance *c = &g_array_index (o->compliance, XjOverviewCompliance, i);
        g_autofree char *due = g_strdup_printf ("%u", c->due);
        g_autofree char *on_time = g_strdup_printf ("%u", c->on_time);
        g_autofree char *late = g_strdup_printf ("%u", c->late);
        g_autofree char *missed = g_strdup_printf ("%u", c->missed);
        const char *cells[] = { site_name (o, c->site_id), xj_inspection_kind_get_label (c->kind),
                                due, on_time, late, missed };

        if ((pass == 0) != (c->missed > 0))
          continue;
        if (!_xj_report_table_row (r, cells, NULL, rows++ % 2 ? XJ_REPORT_ZEBRA : G_MAXUINT32,
                                   error))
          return FALSE;
      }
  _xj_report_table_end (r);
  return TRUE;
}

static gboolean
write_report (XjReportRenderer  *r,
              const XjOverview  *o,
              const char *const *fields,
              const char        *title,
              const char        *notices_line,
              Bars              *by_site,
              Bars              *by_category,
              GError           **error)
{
  if (!_xj_report_renderer_add_page (r, error))
    return FALSE;
  _xj_report_renderer_text (r, r->left, _xj_report_baseline (r->y, &xj_report_style_title),
                            title, &xj_report_style_title, XJ_REPORT_ALIGN_LEFT);
  r->y -= _xj_report_renderer_leading (&xj_report_style_title) + 2;
  _xj_report_renderer_line (r, r->left, r->y, r->right, r->y, 1.6, XJ_REPORT_ACCENT);
  r->y -= 10;
  return _xj_report_fields (r, fields, error)
         && _xj_report_chart_bars (r, _("Mean score by site (lowest first)"),
                                   (const char *const *) by_site->labels->pdata,
                                   (const double *) by_site->values->data, by_site->values->len,
                                   error)
         && _xj_report_chart_bars (r, _("Score by category, all sites"),
                                   (const char *const *) by_category->labels->pdata,
                                   (const double *) by_category->values->data,
                                   by_category->values->len, error)
         && write_repeats (r, o, error)
         && _xj_report_heading (r, _("Notices"), error)
         && paragraph (r, notices_line, error)
         && write_compliance (r, o, error);
}

/**
 * xj_report_write_monthly:
 * @month: 1 … 12
 * @signer: (nullable): the manager's key; NULL writes an unsigned report
 *
 * Computes the month's overview and writes its report to @path.
 */
gboolean
xj_report_write_monthly (XjStore     *store,
                         int          year,
                         int          month,
                         XjSigner    *signer,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GDateTime) first = g_date_time_new_local (year, month, 1, 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_months (first, 1);
  XjOverviewQuery query = {
    .from = g_date_time_to_unix (first), .to = g_date_time_to_unix (next),
    .kind = XJ_OVERVIEW_CHECKS, .bucket = XJ_OVERVIEW_BY_MONTH,
  };
  g_autoptr(XjOverview) o = NULL;
  g_autoptr(XjReportCharset) charset = _xj_report_charset_new ();
  g_autoptr(XjReportRenderer) r = NULL;
  g_auto(Bars) by_site = { 0 };
  g_auto(Bars) by_category = { 0 };
  g_autofree char *title = NULL;
  g_autofree char *period = NULL;
  g_autofree char *n_sites = NULL;
  g_autofree char *n_inspections = NULL;
  g_autofree char *team_score = NULL;
  g_autofree char *team_index = NULL;
  g_autofree char *notices_line = NULL;
  g_autofree char *partial = g_strdup_printf ("%s.%d.part", path, (int) getpid ());
  g_autofree char *generated = NULL;
  const XjOverviewPoint *team;
  gboolean ok;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (month >= 1 && month <= 12 && path != NULL, FALSE);

  if ((o = xj_overview_compute (store, &query, NULL, error)) == NULL)
    return FALSE;
  team = xj_overview_find_point (o, 0, query.from);
  bars_init (&by_site);
  bars_init (&by_category);
  site_bars (o, &by_site);
  category_bars (o, &by_category);
  /* Translators: the report's title; %d-%02d is the year and month */
  title = g_strdup_printf (_("Monthly management report %d-%02d"), year, month);
  period = g_strdup_printf ("%d-%02d", year, month);
  n_sites = g_strdup_printf ("%u", o->sites->len);
  n_inspections = g_strdup_printf ("%u", o->n_inspections);
  team_score = team != NULL && team->n_scored > 0 ? g_strdup_printf ("%.1f%%", team->score)
                                                  : g_strdup ("—");
  team_index = team != NULL ? g_strdup_printf ("%.2f", team->failure_index) : g_strdup ("—");
  notices_line = g_strdup_printf (_("Open %u, of which overdue %u and escalated %u. Older than "
                                    "90 days: %u."), o->notices.open, o->notices.overdue,
                                  o->notices.escalated,
                                  o->notices.open_by_age[XJ_OVERVIEW_AGE_OLDER]);
  generated = xj_format_local_day (o->now);
  {
    const char *fields[] = {
      _("Month"), period, _("Sites"), n_sites, _("Inspections"), n_inspections,
      _("Team mean score"), team_score, _("Team mean failure index"), team_index, NULL,
    };
    const char *texts[] = {
      title, notices_line, generated, _("Repeat findings (top 10)"),
      _("No item failed twice at the same site this month."),
      _("Schedule compliance (sites with missed checks first)"), _("Notices"),
      _("Mean score by site (lowest first)"), _("Score by category, all sites"), NULL,
    };

    collect (charset, o, texts, &by_site, &by_category);
    for (guint i = 0; fields[i] != NULL; i++)
      _xj_report_charset_add (charset, fields[i]);
    if ((r = _xj_report_renderer_new (charset, NULL, NULL, NULL, error)) == NULL)
      return FALSE;
    r->running_header = g_strdup (title);
    ok = write_report (r, o, fields, title, notices_line, &by_site, &by_category, error)
         && _xj_report_renderer_save (r, title, generated,
                                      signer != NULL ? partial : path, error);
  }
  if (ok && signer != NULL)
    ok = xj_pdf_sign_file (signer, partial, path, error);
  g_unlink (partial);
  return ok;
}
