/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The notice document: 工作联系单, 整改通知单 or 派工单 with its findings and
 * photos, the required action, the deadline in bold and lines for the
 * issuer's and the recipient's signatures.  A work order prints three
 * labelled parts (issuer, repair crew, file), each starting a page; the
 * photos are stored once and drawn in every part.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-report-private.h"

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

static void
collect (const XjNoticeReportData *data,
         XjReportCharset          *charset)
{
  const char *labels[] = {
    _("No."), _("Site"), _("Addressed to"), _("Issued"), _("Deadline"), _("Findings"),
    _("Required action"), _("Signatures"), _("Generated"), type_title (data->type),
    _xj_report_role_label (XJ_REPORT_ROLE_ISSUER),
    _xj_report_role_label (XJ_REPORT_ROLE_RECIPIENT),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    _xj_report_charset_add (charset, labels[i]);
  for (guint part = 0; part < 3; part++)
    _xj_report_charset_add (charset, part_label (part));
  _xj_report_collect_finding_labels (charset);

  _xj_report_charset_add (charset, data->organisation);
  _xj_report_charset_add (charset, data->number);
  _xj_report_charset_add (charset, data->site);
  _xj_report_charset_add (charset, data->addressed_company);
  _xj_report_charset_add (charset, data->addressed_person);
  _xj_report_charset_add (charset, data->issued);
  _xj_report_charset_add (charset, data->deadline);
  _xj_report_charset_add (charset, data->required_action);
  _xj_report_charset_add (charset, data->generated);
  for (guint i = 0; i < data->findings->len; i++)
    _xj_report_collect_answer (charset, g_ptr_array_index (data->findings, i));
  _xj_report_collect_signature (charset, data->issuer);
  _xj_report_collect_signature (charset, data->recipient);
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
    _("Site"), data->site, _("Addressed to"), NULL, _("Issued"), data->issued, NULL,
  };
  double x = r->left;

  if (data->addressed_person != NULL && *data->addressed_person != '\0')
    addressed = g_strdup_printf ("%s %s", data->addressed_company, data->addressed_person);
  else
    addressed = g_strdup (data->addressed_company);
  fields[3] = addressed;

  if (!_xj_report_renderer_add_page (r, error))
    return FALSE;
  if (data->logo_path != NULL)
    {
      HPDF_Image logo = _xj_report_renderer_image (r, data->logo_path, error);

      if (logo == NULL)
        return FALSE;
      _xj_report_renderer_draw_image (r, logo, r->left, r->y + 14, 60, 28);
      x += 68;
    }
  _xj_report_renderer_text (r, x, _xj_report_baseline (r->y, body), data->organisation, body,
                            XJ_REPORT_ALIGN_LEFT);
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

static gboolean
write_part (XjReportRenderer          *r,
            const XjNoticeReportData  *data,
            const char                *part,
            GError                   **error)
{
  XjReportSignature *signatures[] = { data->issuer, data->recipient };
  const char *roles[] = {
    _xj_report_role_label (XJ_REPORT_ROLE_ISSUER),
    _xj_report_role_label (XJ_REPORT_ROLE_RECIPIENT),
  };

  g_clear_pointer (&r->running_header, g_free);
  r->running_header = g_strdup_printf ("%s · %s %s%s%s", data->organisation, type_title (data->type),
                                       data->number, part != NULL ? " · " : "",
                                       part != NULL ? part : "");
  if (!write_header (r, data, part, error))
    return FALSE;

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
  return _xj_report_heading (r, _("Signatures"), error)
         && _xj_report_signature_boxes (r, signatures, roles, 2, error);
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
  for (guint i = 0; i < data->findings->len; i++)
    n_photos += ((XjReportAnswer *) g_ptr_array_index (data->findings, i))->photos->len;
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
