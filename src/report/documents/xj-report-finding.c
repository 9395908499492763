/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A finding as the report and the notice print it: a failed answer with
 * its repeat and critical marks, remark and photos.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-report-private.h"

#define FINDING_BADGES 150.0

static const XjReportStyle number_style = { 9.0, TRUE, XJ_REPORT_FAIL };
static const XjReportStyle badge_style = { 7.5, TRUE, 0xffffff };

const char *
_xj_report_repeat_label (void)
{
  /* TRANSLATORS: mark of a finding seen at the same site before */
  return _("Repeat finding");
}

void
_xj_report_collect_finding_labels (XjReportCharset *charset)
{
  _xj_report_charset_add (charset, _xj_report_repeat_label ());
  _xj_report_charset_add (charset, _("Critical"));
  _xj_report_charset_add (charset, _("Section"));
  _xj_report_charset_add (charset, _("Answer"));
  _xj_report_charset_add (charset, _("Remark"));
}

/* A small filled label at the right end of the line whose top is y. */
static double
draw_badge (XjReportRenderer *r,
            double            right,
            double            y,
            const char       *text,
            guint32           colour)
{
  double width = _xj_report_renderer_width (r, text, &badge_style) + 10;

  _xj_report_renderer_rect (r, right - width, y - 1, width, 11, colour, G_MAXUINT32);
  _xj_report_renderer_text (r, right - width / 2, _xj_report_baseline (y - 0.5, &badge_style),
                            text, &badge_style, XJ_REPORT_ALIGN_CENTER);
  return right - width - 4;
}

static gboolean
write_labelled (XjReportRenderer  *r,
                const char        *label,
                const char        *value,
                GError           **error)
{
  double label_width = 52;

  if (value == NULL || *value == '\0')
    return TRUE;
  if (!_xj_report_renderer_ensure (r, _xj_report_renderer_leading (&xj_report_style_body), error))
    return FALSE;
  _xj_report_renderer_text (r, r->left + 14, _xj_report_baseline (r->y, &xj_report_style_body),
                            label, &xj_report_style_small, XJ_REPORT_ALIGN_LEFT);
  return _xj_report_renderer_paragraph (r, r->left + 14 + label_width,
                                        r->right - r->left - 14 - label_width, value,
                                        &xj_report_style_body, error);
}

/* A finding: its number, prompt and marks, the section, answer and remark,
 * then its photos per_row a row. */
gboolean
_xj_report_finding (XjReportRenderer      *r,
                    guint                  number,
                    const char            *section,
                    const XjReportAnswer  *answer,
                    guint                  per_row,
                    GError               **error)
{
  const XjReportStyle *style = &xj_report_style_bold;
  double leading = _xj_report_renderer_leading (style);
  g_autofree char *numbered = g_strdup_printf ("%u", number);
  g_auto(GStrv) lines = _xj_report_renderer_wrap (r, answer->prompt, style,
                                                  r->right - r->left - 14 - FINDING_BADGES);
  double right = r->right;
  double keep = leading * (g_strv_length (lines) + 3) + 8;

  /* The finding starts on the page of its first row of photos. */
  if (answer->photos->len > 0)
    keep += _xj_report_photo_row_height (r, per_row, 0);
  if (!_xj_report_renderer_ensure (r, keep, error))
    return FALSE;
  _xj_report_renderer_text (r, r->left, _xj_report_baseline (r->y, style), numbered,
                            &number_style, XJ_REPORT_ALIGN_LEFT);
  if (answer->repeat)
    right = draw_badge (r, right, r->y, _xj_report_repeat_label (), XJ_REPORT_FAIL);
  if (answer->critical)
    draw_badge (r, right, r->y, _("Critical"), XJ_REPORT_INK);
  for (guint l = 0; lines[l] != NULL; l++, r->y -= leading)
    _xj_report_renderer_text (r, r->left + 14, _xj_report_baseline (r->y, style), lines[l],
                              style, XJ_REPORT_ALIGN_LEFT);

  if (!write_labelled (r, _("Section"), section, error)
      || !write_labelled (r, _("Answer"), answer->answer, error)
      || !write_labelled (r, _("Remark"), answer->remark, error))
    return FALSE;
  r->y -= 4;
  if (!_xj_report_photo_grid (r, answer->photos, per_row, 0, error))
    return FALSE;
  r->y -= 6;
  _xj_report_renderer_line (r, r->left, r->y + 3, r->right, r->y + 3, 0.4, XJ_REPORT_RULE);
  r->y -= 4;
  return TRUE;
}
