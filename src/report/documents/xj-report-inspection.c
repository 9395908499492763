/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inspection report: header block, section summary and chart, findings
 * with their photos, the full checklist, notices raised and signatures.
 * Every string is collected first, because the font is subset to exactly
 * the characters printed before the first page is drawn.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-report-private.h"

#define TILE_HEIGHT 46.0

/* Passed, failed, n/a and not scored add up to the items. */
static const XjReportColumn summary_columns[] = {
  { N_("Section"), 0.36, XJ_REPORT_ALIGN_LEFT },
  { N_("Items"), 0.10, XJ_REPORT_ALIGN_RIGHT },
  { N_("Passed"), 0.10, XJ_REPORT_ALIGN_RIGHT },
  { N_("Failed"), 0.10, XJ_REPORT_ALIGN_RIGHT },
  { N_("N/A"), 0.10, XJ_REPORT_ALIGN_RIGHT },
  { N_("Not scored"), 0.12, XJ_REPORT_ALIGN_RIGHT },
  { N_("Score"), 0.12, XJ_REPORT_ALIGN_RIGHT },
};
static const XjReportTable summary_table = { summary_columns, G_N_ELEMENTS (summary_columns) };

static const XjReportColumn checklist_columns[] = {
  { N_("No."), 0.06, XJ_REPORT_ALIGN_LEFT },
  { N_("Item"), 0.35, XJ_REPORT_ALIGN_LEFT },
  { N_("Answer"), 0.20, XJ_REPORT_ALIGN_LEFT },
  { N_("Result"), 0.12, XJ_REPORT_ALIGN_LEFT },
  { N_("Remark"), 0.27, XJ_REPORT_ALIGN_LEFT },
};
static const XjReportTable checklist_table = { checklist_columns, G_N_ELEMENTS (checklist_columns) };

static const XjReportColumn notice_columns[] = {
  { N_("Notice number"), 0.5, XJ_REPORT_ALIGN_LEFT },
  { N_("Deadline"), 0.5, XJ_REPORT_ALIGN_LEFT },
};
static const XjReportTable notice_table = { notice_columns, G_N_ELEMENTS (notice_columns) };

static const XjReportStyle fail_style = { 9.0, TRUE, XJ_REPORT_FAIL };
static const XjReportStyle pass_style = { 9.0, FALSE, XJ_REPORT_PASS };
static const XjReportStyle tile_style = { 16.0, TRUE, XJ_REPORT_INK };

static const char *
kind_title (XjReportKind kind)
{
  switch (kind)
    {
    case XJ_REPORT_KIND_DAILY:
      return _("Daily Patrol Report");
    case XJ_REPORT_KIND_WEEKLY:
      return _("Weekly Inspection Report");
    case XJ_REPORT_KIND_MONTHLY:
      return _("Monthly Inspection Report");
    case XJ_REPORT_KIND_MYSTERY_VISIT:
      return _("Mystery Visit Report");
    case XJ_REPORT_KIND_MYSTERY_CALL:
      return _("Mystery Call Report");
    case XJ_REPORT_KIND_SPOT_CHECK:
      return _("Spot Check Report");
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
outcome_label (XjReportOutcome outcome)
{
  switch (outcome)
    {
    case XJ_REPORT_OUTCOME_PASS:
      return _("Pass");
    case XJ_REPORT_OUTCOME_FAIL:
      return _("Fail");
    case XJ_REPORT_OUTCOME_NA:
      return _("N/A");
    case XJ_REPORT_OUTCOME_UNSCORED:
      return _("Not scored");
    case XJ_REPORT_OUTCOME_UNANSWERED:
      return _("Not answered");
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
standard_label (XjReportStandard standard)
{
  switch (standard)
    {
    case XJ_REPORT_STANDARD_HARD:
      /* TRANSLATORS: a measurement held to a limit (a time, a count) */
      return _("Hard standard");
    case XJ_REPORT_STANDARD_SOFT:
      /* TRANSLATORS: a rating of how well something was done */
      return _("Soft standard");
    case XJ_REPORT_STANDARD_NONE:
    default:
      return NULL;
    }
}

/* What was answered, as the answer column and a finding print it: the
 * value against its limit ("45 s / ≤ 30 s") and the kind of standard, on
 * a line of its own in a narrow column; the result itself when there is no
 * value (pass / fail, n/a); nothing for an unanswered item. */
static char *
answer_text (const XjReportAnswer *answer,
             gboolean             one_line)
{
  const char *label = standard_label (answer->standard);
  g_autofree char *value = NULL;

  if (answer->answer == NULL || *answer->answer == '\0')
    return answer->outcome == XJ_REPORT_OUTCOME_UNANSWERED
           ? NULL : g_strdup (outcome_label (answer->outcome));
  if (answer->limit != NULL && *answer->limit != '\0')
    value = g_strdup_printf ("%s / %s", answer->answer, answer->limit);
  else
    value = g_strdup (answer->answer);
  if (label == NULL)
    return g_steal_pointer (&value);
  if (one_line)
    /* TRANSLATORS: an answer and its kind of standard, e.g. "45 s / ≤ 30 s (Hard standard)" */
    return g_strdup_printf (C_("standard", "%s (%s)"), value, label);
  return g_strdup_printf ("%s\n%s", value, label);
}

/* The running header: organisation, title and site, leaving out what is
 * not set. */
static char *
running_header (const XjReportData *data)
{
  const char *parts[] = { data->organisation, kind_title (data->kind), data->site };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  kept = g_strv_builder_end (builder);
  return g_strjoinv (" · ", kept);
}

static char *
format_score (double score)
{
  return score < 0 ? g_strdup ("—") : g_strdup_printf ("%.1f%%", score);
}

static char *
format_person (const char *name,
               const char *company)
{
  if (name == NULL || *name == '\0')
    return NULL;
  if (company == NULL || *company == '\0')
    return g_strdup (name);
  return g_strdup_printf ("%s（%s）", name, company);
}

static void
collect (const XjReportData *data,
         XjReportCharset    *charset)
{
  const char *labels[] = {
    _("Report No."), _("Site"), _("Date and time"), _("Inspector"), _("Representative"),
    _("Checklist"), _("%s (version %d)"), _("Score"), _("Grade"), _("Critical failures"),
    _("Failure index"), _("Section summary"), _("Section scores"), _("Findings"), _("Full checklist"),
    _("Notices raised"), _("Signatures"), _("No findings: every scored item passed."),
    _("Generated"), kind_title (data->kind), _("Hard standard"), _("Soft standard"),
    C_("standard", "%s (%s)"), " / ·",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    _xj_report_charset_add (charset, labels[i]);
  _xj_report_collect_finding_labels (charset);
  for (XjReportOutcome o = XJ_REPORT_OUTCOME_PASS; o <= XJ_REPORT_OUTCOME_UNANSWERED; o++)
    _xj_report_charset_add (charset, outcome_label (o));
  _xj_report_table_collect (&summary_table, charset);
  _xj_report_table_collect (&checklist_table, charset);
  _xj_report_table_collect (&notice_table, charset);

  _xj_report_charset_add (charset, data->organisation);
  _xj_report_charset_add (charset, data->number);
  _xj_report_charset_add (charset, data->site);
  _xj_report_charset_add (charset, data->date);
  _xj_report_charset_add (charset, data->inspector);
  _xj_report_charset_add (charset, data->representative);
  _xj_report_charset_add (charset, data->representative_company);
  _xj_report_charset_add (charset, data->template_name);
  _xj_report_charset_add (charset, data->grade);
  _xj_report_charset_add (charset, data->generated);
  for (guint s = 0; s < data->sections->len; s++)
    {
      XjReportSection *section = g_ptr_array_index (data->sections, s);

      _xj_report_charset_add (charset, section->title);
      for (guint a = 0; a < section->answers->len; a++)
        {
          XjReportAnswer *answer = g_ptr_array_index (section->answers, a);

          _xj_report_collect_answer (charset, answer);
          _xj_report_charset_add (charset, answer->limit);
        }
    }
  for (guint i = 0; i < data->notices->len; i++)
    {
      XjReportNotice *notice = g_ptr_array_index (data->notices, i);

      _xj_report_charset_add (charset, notice->number);
      _xj_report_charset_add (charset, notice->deadline);
    }
  for (guint i = 0; i < data->signatures->len; i++)
    _xj_report_collect_signature (charset, g_ptr_array_index (data->signatures, i));
}

static guint
count_photos (const XjReportData *data)
{
  guint n = 0;

  for (guint s = 0; s < data->sections->len; s++)
    {
      XjReportSection *section = g_ptr_array_index (data->sections, s);

      for (guint a = 0; a < section->answers->len; a++)
        n += ((XjReportAnswer *) g_ptr_array_index (section->answers, a))->photos->len;
    }
  return n;
}

/* ---- Blocks ------------------------------------------------------------ */

static gboolean
write_header (XjReportRenderer    *r,
              const XjReportData  *data,
              GError             **error)
{
  g_autofree char *template = g_strdup_printf (_("%s (version %d)"), data->template_name,
                                               data->template_version);
  g_autofree char *representative = format_person (data->representative,
                                                    data->representative_company);
  const char *fields[] = {
    _("Site"), data->site, _("Date and time"), data->date,
    _("Inspector"), data->inspector, _("Representative"), representative,
    _("Checklist"), template, NULL,
  };
  const XjReportStyle *org_style = &xj_report_style_body;
  double tile_width;
  g_autofree char *score = format_score (data->score);
  g_autofree char *critical = g_strdup_printf ("%d", data->critical_failures);
  g_autofree char *index = g_strdup_printf ("%.1f", data->failure_index);
  const char *tiles[] = {
    _("Score"), score, _("Grade"), data->grade != NULL ? data->grade : "—",
    _("Critical failures"), critical, _("Failure index"), index,
  };

  if (!_xj_report_letterhead (r, data->logo_path, data->organisation, org_style, error))
    return FALSE;
  if (data->number != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%s %s", _("Report No."), data->number);
      _xj_report_renderer_text (r, r->right, _xj_report_baseline (r->y, org_style), number,
                                org_style, XJ_REPORT_ALIGN_RIGHT);
    }
  r->y -= 24;
  _xj_report_renderer_text (r, r->left, _xj_report_baseline (r->y, &xj_report_style_title),
                            kind_title (data->kind), &xj_report_style_title,
                            XJ_REPORT_ALIGN_LEFT);
  r->y -= _xj_report_renderer_leading (&xj_report_style_title) + 2;
  _xj_report_renderer_line (r, r->left, r->y, r->right, r->y, 1.6, XJ_REPORT_ACCENT);
  r->y -= 10;
  if (!_xj_report_fields (r, fields, error))
    return FALSE;

  tile_width = (r->right - r->left - 3 * 8) / 4;
  for (guint i = 0; i < 4; i++)
    {
      double tx = r->left + i * (tile_width + 8);
      XjReportStyle value_style = tile_style;

      if ((i == 2 && data->critical_failures > 0))
        value_style.rgb = XJ_REPORT_FAIL;
      _xj_report_renderer_rect (r, tx, r->y, tile_width, TILE_HEIGHT, XJ_REPORT_SHADE,
                                G_MAXUINT32);
      _xj_report_renderer_text (r, tx + 8, _xj_report_baseline (r->y - 4, &xj_report_style_small),
                                tiles[2 * i], &xj_report_style_small, XJ_REPORT_ALIGN_LEFT);
      _xj_report_renderer_text (r, tx + 8, _xj_report_baseline (r->y - 18, &value_style),
                                tiles[2 * i + 1], &value_style, XJ_REPORT_ALIGN_LEFT);
    }
  r->y -= TILE_HEIGHT + 6;
  return TRUE;
}

static gboolean
write_summary (XjReportRenderer    *r,
               const XjReportData  *data,
               GError             **error)
{
  g_autofree const char **labels = g_new0 (const char *, data->sections->len + 1);
  g_autofree double *values = g_new0 (double, data->sections->len + 1);

  if (!_xj_report_heading (r, _("Section summary"), error)
      || !_xj_report_table_begin (r, &summary_table, error))
    return FALSE;
  for (guint s = 0; s < data->sections->len; s++)
    {
      XjReportSection *section = g_ptr_array_index (data->sections, s);
      guint counts[XJ_REPORT_OUTCOME_UNANSWERED + 1] = { 0 };
      g_autofree char *items = g_strdup_printf ("%u", section->answers->len);
      g_autofree char *passed = NULL, *failed = NULL, *na = NULL, *unscored = NULL;
      g_autofree char *score = format_score (section->score);
      const char *cells[G_N_ELEMENTS (summary_columns)];
      const XjReportStyle *styles[G_N_ELEMENTS (summary_columns)] = { NULL };

      for (guint a = 0; a < section->answers->len; a++)
        counts[((XjReportAnswer *) g_ptr_array_index (section->answers, a))->outcome]++;
      passed = g_strdup_printf ("%u", counts[XJ_REPORT_OUTCOME_PASS]);
      failed = g_strdup_printf ("%u", counts[XJ_REPORT_OUTCOME_FAIL]);
      na = g_strdup_printf ("%u", counts[XJ_REPORT_OUTCOME_NA]);
      /* Text, date and photo items, and any left unanswered, count for
       * nothing in the score. */
      unscored = g_strdup_printf ("%u", counts[XJ_REPORT_OUTCOME_UNSCORED]
                                        + counts[XJ_REPORT_OUTCOME_UNANSWERED]);
      cells[0] = section->title;
      cells[1] = items;
      cells[2] = passed;
      cells[3] = failed;
      cells[4] = na;
      cells[5] = unscored;
      cells[6] = score;
      if (counts[XJ_REPORT_OUTCOME_FAIL] > 0)
        styles[3] = &fail_style;
      styles[6] = &xj_report_style_bold;
      if (!_xj_report_table_row (r, cells, styles, s % 2 ? XJ_REPORT_ZEBRA : G_MAXUINT32, error))
        return FALSE;
      labels[s] = section->title;
      values[s] = section->score;
    }
  _xj_report_table_end (r);
  return _xj_report_chart_bars (r, _("Section scores"), labels, values, data->sections->len,
                                error);
}

static gboolean
write_findings (XjReportRenderer    *r,
                const XjReportData  *data,
                GError             **error)
{
  guint number = 0;

  if (!_xj_report_heading (r, _("Findings"), error))
    return FALSE;
  for (guint s = 0; s < data->sections->len; s++)
    {
      XjReportSection *section = g_ptr_array_index (data->sections, s);

      for (guint a = 0; a < section->answers->len; a++)
        {
          XjReportAnswer *answer = g_ptr_array_index (section->answers, a);
          g_autofree char *text = NULL;
          XjReportAnswer shown;

          if (answer->outcome != XJ_REPORT_OUTCOME_FAIL)
            continue;
          /* A finding prints a value as the checklist does; that it
           * failed goes without saying. */
          text = answer->answer != NULL ? answer_text (answer, TRUE) : NULL;
          shown = *answer;
          shown.answer = text;
          if (!_xj_report_finding (r, ++number, section->title, &shown, 3, error))
            return FALSE;
        }
    }
  if (number == 0)
    return _xj_report_renderer_paragraph (r, r->left, r->right - r->left,
                                          _("No findings: every scored item passed."),
                                          &xj_report_style_body, error);
  return TRUE;
}

static gboolean
write_checklist (XjReportRenderer    *r,
                 const XjReportData  *data,
                 GError             **error)
{
  double indent = checklist_columns[0].width * (r->right - r->left);
  guint number = 0;

  if (!_xj_report_heading (r, _("Full checklist"), error)
      || !_xj_report_table_begin (r, &checklist_table, error))
    return FALSE;
  for (guint s = 0; s < data->sections->len; s++)
    {
      XjReportSection *section = g_ptr_array_index (data->sections, s);
      g_autofree char *score = format_score (section->score);

      if (!_xj_report_table_group (r, section->title, score, error))
        return FALSE;
      for (guint a = 0; a < section->answers->len; a++)
        {
          XjReportAnswer *answer = g_ptr_array_index (section->answers, a);
          g_autofree char *no = g_strdup_printf ("%u", ++number);
          g_autofree char *text = answer_text (answer, FALSE);
          g_autofree char *result = NULL;
          const char *cells[5] = { no, answer->prompt, text, NULL, answer->remark };
          const XjReportStyle *styles[5] = { NULL };
          gboolean with_photos;

          if (answer->repeat)
            result = g_strdup_printf ("%s\n%s", outcome_label (answer->outcome),
                                      _xj_report_repeat_label ());
          else
            result = g_strdup (outcome_label (answer->outcome));
          cells[3] = result;
          if (answer->outcome == XJ_REPORT_OUTCOME_FAIL)
            styles[3] = &fail_style;
          else if (answer->outcome == XJ_REPORT_OUTCOME_PASS)
            styles[3] = &pass_style;
          /* Findings showed their photos already; others follow their row,
           * under the item column and on the same page. */
          with_photos = answer->outcome != XJ_REPORT_OUTCOME_FAIL && answer->photos->len > 0;
          if (with_photos
              && !_xj_report_renderer_ensure (r, 40 + _xj_report_photo_row_height (r, 4, indent),
                                              error))
            return FALSE;
          if (!_xj_report_table_row (r, cells, styles, G_MAXUINT32, error))
            return FALSE;
          if (with_photos)
            {
              r->y -= 4;
              if (!_xj_report_photo_grid (r, answer->photos, 4, indent, error))
                return FALSE;
            }
        }
    }
  _xj_report_table_end (r);
  return TRUE;
}

static gboolean
write_closing (XjReportRenderer    *r,
               const XjReportData  *data,
               GError             **error)
{
  if (data->notices->len > 0)
    {
      if (!_xj_report_heading (r, _("Notices raised"), error)
          || !_xj_report_table_begin (r, &notice_table, error))
        return FALSE;
      for (guint i = 0; i < data->notices->len; i++)
        {
          XjReportNotice *notice = g_ptr_array_index (data->notices, i);
          const char *cells[] = { notice->number, notice->deadline };

          if (!_xj_report_table_row (r, cells, NULL, G_MAXUINT32, error))
            return FALSE;
        }
      _xj_report_table_end (r);
    }
  if (data->signatures->len > 0)
    {
      g_autofree const char **roles = g_new0 (const char *, data->signatures->len);

      for (guint i = 0; i < data->signatures->len; i++)
        roles[i] = _xj_report_role_label (((XjReportSignature *) data->signatures->pdata[i])->role);
      if (!_xj_report_heading (r, _("Signatures"), error)
          || !_xj_report_signature_boxes (r, (XjReportSignature * const *) data->signatures->pdata,
                                          roles, data->signatures->len, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- Public API -------------------------------------------------------- */

static const char *
preview_mark (void)
{
  return _("PREVIEW · NOT SIGNED");
}

gboolean
xj_report_write_inspection (const XjReportData    *data,
                            const char            *path,
                            XjReportProgressFunc   progress,
                            gpointer               progress_data,
                            GCancellable          *cancellable,
                            GError               **error)
{
  g_autoptr(XjReportCharset) charset = _xj_report_charset_new ();
  g_autoptr(XjReportRenderer) r = NULL;
  g_autofree char *footer_left = NULL;
  g_autofree char *footer_right = NULL;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  footer_left = g_strdup_printf ("%s %s%s%s", _("Report No."), data->number ? data->number : "",
                                 data->preview ? " · " : "", data->preview ? preview_mark () : "");
  footer_right = g_strdup_printf ("%s %s", _("Generated"), data->generated ? data->generated : "");
  collect (data, charset);
  if (data->preview)
    _xj_report_charset_add (charset, preview_mark ());
  r = _xj_report_renderer_new (charset, cancellable, progress, progress_data, error);
  if (r == NULL)
    return FALSE;
  r->work_total = count_photos (data) + 1;
  r->running_header = running_header (data);
  if (data->preview)
    r->watermark = g_strdup (preview_mark ());

  return write_header (r, data, error)
         && write_summary (r, data, error)
         && write_findings (r, data, error)
         && write_checklist (r, data, error)
         && write_closing (r, data, error)
         && _xj_report_renderer_save (r, footer_left, footer_right, path, error);
}
