/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The notice document: 工作联系单, 整改通知单 or 派工单 as the notice is now —
 * the problem in the issuer's words, its findings numbered 1…n, the
 * required action, the deadline in bold, the photos before and after the
 * rectification side by side, then each stage once done (rectification,
 * verification, closing out) and the signature blocks of the issuer, the
 * recipient and the verifier.  A work order prints three labelled parts
 * (issuer, repair crew, file), each starting a page; the photos are stored
 * once and drawn in every part.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-report-private.h"

#define COLUMN_GAP 16.0
#define CELL_GAP 6.0
#define SIGNATURES_KEEP 150.0

static const XjReportStyle deadline_style = { 11.0, TRUE, XJ_REPORT_FAIL };
static const XjReportStyle part_style = { 9.0, TRUE, XJ_REPORT_ACCENT };

static const char *
type_title (XjNoticeReportType type)
{
  switch (type)
    {
    case XJ_NOTICE_REPORT_CONTACT:
      return _("Work Contact Form");
    case XJ_NOTICE_REPORT_RECTIFICATION:
      return _("Rectification Notice");
    case XJ_NOTICE_REPORT_WORK_ORDER:
      return _("Work Order");
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
part_label (guint part)
{
  switch (part)
    {
    case 0:
      return _("Part 1 of 3: for the issuer");
    case 1:
      return _("Part 2 of 3: for the repair crew");
    case 2:
      return _("Part 3 of 3: for the file");
    default:
      g_return_val_if_reached ("");
    }
}

/* When the rectification was verified, beside when it was rectified and
 * closed out: "Verified" alone is the notice page's state word. */
static const char *
verified_label (void)
{
  return C_("notice stage", "Verified");
}

static void
collect (const XjNoticeReportData *data,
         XjReportCharset          *charset)
{
  const char *labels[] = {
    _("No."), _("Site"), _("Addressed to"), _("Issued"), _("Deadline"), _("Findings"),
    _("Required action"), _("Signatures"), _("Generated"), type_title (data->type),
    _("State"), _("Severity"), _("Problem"), _("Area"), _("Photos"),
    _("Before rectification"), _("After rectification"), _("No photos"),
    _("Not rectified yet"), _("Rectification"), _("Rectified"), _("By"), _("What was done"),
    _("Verification"), verified_label (), _("Remark"), _("Closing out"), _("Closed out"),
    _xj_report_role_label (XJ_REPORT_ROLE_ISSUER),
    _xj_report_role_label (XJ_REPORT_ROLE_RECIPIENT),
    _xj_report_role_label (XJ_REPORT_ROLE_VERIFIER),
  };
  const char *values[] = {
    data->organisation, data->number, data->site, data->addressed_company,
    data->addressed_person, data->issued, data->deadline, data->state, data->severity,
    data->area, data->description, data->required_action, data->rectified,
    data->rectified_by, data->rectification, data->verified, data->verified_by,
    data->verification, data->closed, data->closed_by, data->generated,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    _xj_report_charset_add (charset, labels[i]);
  for (guint part = 0; part < 3; part++)
    _xj_report_charset_add (charset, part_label (part));
  _xj_report_collect_finding_labels (charset);
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    _xj_report_charset_add (charset, values[i]);
  for (guint i = 0; i < data->findings->len; i++)
    _xj_report_collect_answer (charset, g_ptr_array_index (data->findings, i));
  _xj_report_collect_photos (charset, data->before_photos);
  _xj_report_collect_photos (charset, data->after_photos);
  _xj_report_collect_signature (charset, data->issuer);
  _xj_report_collect_signature (charset, data->recipient);
  _xj_report_collect_signature (charset, data->verifier);
}

static gboolean
write_header (XjReportRenderer          *r,
              const XjNoticeReportData  *data,
              const char                *part,
              GError                   **error)
{
  const XjReportStyle *body = &xj_report_style_body;
  g_autofree char *addressed = NULL;
  g_autofree char *number = g_strdup_printf ("%s %s", _("No."), data->number);
  const char *fields[] = {
    _("Site"), data->site, _("Addressed to"), NULL, _("Issued"), data->issued,
    _("State"), data->state, _("Severity"), data->severity, NULL,
  };

  if (data->addressed_person != NULL && *data->addressed_person != '\0')
    addressed = g_strdup_printf ("%s %s", data->addressed_company, data->addressed_person);
  else
    addressed = g_strdup (data->addressed_company);
  fields[3] = addressed;

  if (!_xj_report_letterhead (r, data->logo_path, data->organisation, body, error))
    return FALSE;
  if (part != NULL)
    _xj_report_renderer_text (r, r->right, _xj_report_baseline (r->y, &part_style), part,
                              &part_style, XJ_REPORT_ALIGN_RIGHT);
  r->y -= 26;
  _xj_report_renderer_text (r, (r->left + r->right) / 2,
                            _xj_report_baseline (r->y, &xj_report_style_title),
                            type_title (data->type), &xj_report_style_title,
                            XJ_REPORT_ALIGN_CENTER);
  r->y -= _xj_report_renderer_leading (&xj_report_style_title);
  _xj_report_renderer_text (r, r->right, _xj_report_baseline (r->y, body), number, body,
                            XJ_REPORT_ALIGN_RIGHT);
  r->y -= _xj_report_renderer_leading (body) + 2;
  _xj_report_renderer_line (r, r->left, r->y, r->right, r->y, 1.6, XJ_REPORT_ACCENT);
  r->y -= 10;
  if (!_xj_report_fields (r, fields, error))
    return FALSE;

  /* The deadline is what the recipient must not miss. */
  _xj_report_renderer_rect (r, r->left, r->y + 8, r->right - r->left, 24, XJ_REPORT_SHADE,
                            G_MAXUINT32);
  _xj_report_renderer_text (r, r->left + 6, _xj_report_baseline (r->y + 2, &deadline_style),
                            _("Deadline"), &xj_report_style_bold, XJ_REPORT_ALIGN_LEFT);
  _xj_report_renderer_text (r, r->left + 84, _xj_report_baseline (r->y + 2, &deadline_style),
                            data->deadline, &deadline_style, XJ_REPORT_ALIGN_LEFT);
  r->y -= 22;
  return TRUE;
}

/* A row of photos: the photo, then a line for the finding it shows and one
 * for when it was taken. */
static double
photo_row_height (double cell)
{
  return cell * 0.75 + 3 + 2 * _xj_report_renderer_leading (&xj_report_style_small) + CELL_GAP;
}

/* One column of photos, two a row, from x; returns the height drawn. */
static double
photo_column (XjReportRenderer  *r,
              GPtrArray         *photos,
              guint              first,
              double             x,
              double             width,
              GError           **error)
{
  const XjReportStyle *small = &xj_report_style_small;
  double cell = (width - CELL_GAP) / 2, box = cell * 0.75;

  for (guint i = first; i < MIN (first + 2, photos->len); i++)
    {
      XjReportPhoto *photo = g_ptr_array_index (photos, i);
      double left = x + (i - first) * (cell + CELL_GAP);
      HPDF_Image image = _xj_report_renderer_image (r, photo->path, error);
      double y = r->y - box - 3;

      if (image == NULL)
        return -1;
      _xj_report_renderer_rect (r, left, r->y, cell, box, XJ_REPORT_ZEBRA, XJ_REPORT_RULE);
      _xj_report_renderer_draw_image (r, image, left + 1, r->y - 1, cell - 2, box - 2);
      /* Which finding a before-photo shows (they are numbered alike), then
       * when it was taken. */
      if (photo->caption != NULL)
        {
          _xj_report_renderer_text (r, left, _xj_report_baseline (y, small), photo->caption, small,
                                    XJ_REPORT_ALIGN_LEFT);
          y -= _xj_report_renderer_leading (small);
        }
      if (photo->capture_time != NULL)
        _xj_report_renderer_text (r, left, _xj_report_baseline (y, small), photo->capture_time,
                                  small, XJ_REPORT_ALIGN_LEFT);
    }
  return photo_row_height (cell);
}

/* Before on the left, after on the right, row by row, so a reader sees
 * the same place put right. */
static gboolean
write_photos (XjReportRenderer          *r,
              const XjNoticeReportData  *data,
              GError                   **error)
{
  const XjReportStyle *bold = &xj_report_style_bold;
  const XjReportStyle *small = &xj_report_style_small;
  double width = (r->right - r->left - COLUMN_GAP) / 2;
  double right_x = r->left + width + COLUMN_GAP;
  guint rows = MAX (data->before_photos->len, data->after_photos->len);
  const char *after_note = data->rectified == NULL ? _("Not rectified yet") : _("No photos");
  double cell = (width - CELL_GAP) / 2;
  gboolean notes = data->before_photos->len == 0 || data->after_photos->len == 0;
  double titles = _xj_report_renderer_leading (bold) + 2
                  + (notes ? _xj_report_renderer_leading (small) + 2 : 0);

  if (rows == 0 && data->rectified == NULL)
    return TRUE;

  /* The heading and the column titles go with the first row of photos. */
  if (!_xj_report_heading (r, _("Photos"), error)
      || !_xj_report_renderer_ensure (r, titles + (rows > 0 ? photo_row_height (cell) : 0), error))
    return FALSE;
  _xj_report_renderer_text (r, r->left, _xj_report_baseline (r->y, bold),
                            _("Before rectification"), bold, XJ_REPORT_ALIGN_LEFT);
  _xj_report_renderer_text (r, right_x, _xj_report_baseline (r->y, bold),
                            _("After rectification"), bold, XJ_REPORT_ALIGN_LEFT);
  r->y -= _xj_report_renderer_leading (bold) + 2;
  if (notes)
    {
      if (data->before_photos->len == 0)
        _xj_report_renderer_text (r, r->left, _xj_report_baseline (r->y, small), _("No photos"),
                                  small, XJ_REPORT_ALIGN_LEFT);
      if (data->after_photos->len == 0)
        _xj_report_renderer_text (r, right_x, _xj_report_baseline (r->y, small), after_note,
                                  small, XJ_REPORT_ALIGN_LEFT);
      r->y -= _xj_report_renderer_leading (small) + 2;
    }
  for (guint first = 0; first < rows; first += 2)
    {
      double left_h, right_h;

      if (!_xj_report_renderer_ensure (r, photo_row_height (cell), error))
        return FALSE;
      left_h = photo_column (r, data->before_photos, first, r->left, width, error);
      right_h = left_h < 0 ? -1 : photo_column (r, data->after_photos, first, right_x, width,
                                                error);
      if (right_h < 0)
        return FALSE;
      r->y -= MAX (left_h, right_h);
    }
  return _xj_report_renderer_check (r, error);
}

/* A stage once it is done: when and by whom, then the words written. */
static gboolean
write_stage (XjReportRenderer  *r,
             const char        *heading,
             const char        *when_label,
             const char        *when,
             const char        *by,
             const char        *words_label,
             const char        *words,
             GError           **error)
{
  const char *fields[] = { when_label, when, _("By"), by, words_label, words, NULL };

  if (when == NULL)
    return TRUE;
  return _xj_report_heading (r, heading, error) && _xj_report_fields (r, fields, error);
}

static gboolean
write_part (XjReportRenderer          *r,
            const XjNoticeReportData  *data,
            const char                *part,
            GError                   **error)
{
  XjReportSignature *signatures[] = { data->issuer, data->recipient, data->verifier };
  const char *roles[] = {
    _xj_report_role_label (XJ_REPORT_ROLE_ISSUER),
    _xj_report_role_label (XJ_REPORT_ROLE_RECIPIENT),
    _xj_report_role_label (XJ_REPORT_ROLE_VERIFIER),
  };
  const char *problem[] = { _("Area"), data->area, NULL };

  g_clear_pointer (&r->running_header, g_free);
  r->running_header = g_strdup_printf ("%s%s%s %s%s%s", data->organisation,
                                       *data->organisation != '\0' ? " · " : "",
                                       type_title (data->type), data->number,
                                       part != NULL ? " · " : "", part != NULL ? part : "");
  if (!write_header (r, data, part, error))
    return FALSE;

  /* The problem in the issuer's words is not a finding: it is not numbered. */
  if (data->description != NULL || data->area != NULL)
    {
      if (!_xj_report_heading (r, _("Problem"), error)
          || !_xj_report_fields (r, problem, error)
          || (data->description != NULL
              && !_xj_report_renderer_paragraph (r, r->left, r->right - r->left,
                                                 data->description, &xj_report_style_body,
                                                 error)))
        return FALSE;
    }
  if (data->findings->len > 0 && !_xj_report_heading (r, _("Findings"), error))
    return FALSE;
  for (guint i = 0; i < data->findings->len; i++)
    if (!_xj_report_finding (r, i + 1, NULL, g_ptr_array_index (data->findings, i), 3, error))
      return FALSE;

  if (data->required_action != NULL && *data->required_action != '\0')
    {
      if (!_xj_report_heading (r, _("Required action"), error)
          || !_xj_report_renderer_paragraph (r, r->left, r->right - r->left,
                                             data->required_action, &xj_report_style_body,
                                             error))
        return FALSE;
    }
  return write_photos (r, data, error)
         && write_stage (r, _("Rectification"), _("Rectified"), data->rectified,
                         data->rectified_by, _("What was done"), data->rectification, error)
         && write_stage (r, _("Verification"), verified_label (), data->verified,
                         data->verified_by, _("Remark"), data->verification, error)
         && write_stage (r, _("Closing out"), _("Closed out"), data->closed, data->closed_by,
                         NULL, NULL, error)
         /* The heading goes with the first row of signature blocks. */
         && _xj_report_renderer_ensure (r, SIGNATURES_KEEP, error)
         && _xj_report_heading (r, _("Signatures"), error)
         && _xj_report_signature_boxes (r, signatures, roles, data->verifier != NULL ? 3 : 2,
                                        error);
}

gboolean
xj_report_write_notice (const XjNoticeReportData  *data,
                        const char                *path,
                        XjReportProgressFunc       progress,
                        gpointer                   progress_data,
                        GCancellable              *cancellable,
                        GError                   **error)
{
  g_autoptr(XjReportCharset) charset = _xj_report_charset_new ();
  g_autoptr(XjReportRenderer) r = NULL;
  g_autofree char *footer_left = NULL;
  g_autofree char *footer_right = NULL;
  guint n_photos = 0;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (data->number != NULL && data->organisation != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  collect (data, charset);
  r = _xj_report_renderer_new (charset, cancellable, progress, progress_data, error);
  if (r == NULL)
    return FALSE;
  n_photos = data->before_photos->len + data->after_photos->len;
  r->work_total = n_photos + 1;

  footer_left = g_strdup_printf ("%s %s", type_title (data->type), data->number);
  footer_right = g_strdup_printf ("%s %s", _("Generated"), data->generated ? data->generated : "");
  if (data->type == XJ_NOTICE_REPORT_WORK_ORDER)
    {
      for (guint part = 0; part < 3; part++)
        if (!write_part (r, data, part_label (part), error))
          return FALSE;
    }
  else if (!write_part (r, data, NULL, error))
    return FALSE;
  return _xj_report_renderer_save (r, footer_left, footer_right, path, error);
}
