/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Constructors and destructors of the report's plain data.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include "xj-report-data.h"

XjReportPhoto *
xj_report_photo_new (const char *path,
                     int         width,
                     int         height,
                     const char *capture_time,
                     const char *caption)
{
  XjReportPhoto *photo;

  g_return_val_if_fail (path != NULL, NULL);

  photo = g_new0 (XjReportPhoto, 1);
  photo->path = g_strdup (path);
  photo->width = width;
  photo->height = height;
  photo->capture_time = g_strdup (capture_time);
  photo->caption = g_strdup (caption);
  return photo;
}

void
xj_report_photo_free (XjReportPhoto *photo)
{
  if (photo == NULL)
    return;
  g_free (photo->path);
  g_free (photo->capture_time);
  g_free (photo->caption);
  g_free (photo->flag);
  g_free (photo);
}

XjReportAnswer *
xj_report_answer_new (const char      *prompt,
                      const char      *answer,
                      XjReportOutcome  outcome,
                      const char      *remark)
{
  XjReportAnswer *self;

  g_return_val_if_fail (prompt != NULL, NULL);

  self = g_new0 (XjReportAnswer, 1);
  self->prompt = g_strdup (prompt);
  self->answer = g_strdup (answer);
  self->outcome = outcome;
  self->remark = g_strdup (remark);
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_report_photo_free);
  return self;
}

void
xj_report_answer_free (XjReportAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->prompt);
  g_free (answer->answer);
  g_free (answer->limit);
  g_free (answer->remark);
  g_ptr_array_unref (answer->photos);
  g_free (answer);
}

XjReportSection *
xj_report_section_new (const char *title,
                       double      score)
{
  XjReportSection *section;

  g_return_val_if_fail (title != NULL, NULL);

  section = g_new0 (XjReportSection, 1);
  section->title = g_strdup (title);
  section->score = score;
  section->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_report_answer_free);
  return section;
}

void
xj_report_section_free (XjReportSection *section)
{
  if (section == NULL)
    return;
  g_free (section->title);
  g_ptr_array_unref (section->answers);
  g_free (section);
}

XjReportSignature *
xj_report_signature_new (XjReportRole  role,
                         const char   *name,
                         const char   *company,
                         const char   *time)
{
  XjReportSignature *signature;

  g_return_val_if_fail (name != NULL, NULL);

  signature = g_new0 (XjReportSignature, 1);
  signature->role = role;
  signature->name = g_strdup (name);
  signature->company = g_strdup (company);
  signature->time = g_strdup (time);
  signature->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return signature;
}

/* Returns the new, empty stroke (borrowed) for the caller to append points. */
GArray *
xj_report_signature_add_stroke (XjReportSignature *signature)
{
  GArray *stroke;

  g_return_val_if_fail (signature != NULL, NULL);

  stroke = g_array_new (FALSE, FALSE, sizeof (XjReportPoint));
  g_ptr_array_add (signature->strokes, stroke);
  return stroke;
}

void
xj_report_signature_free (XjReportSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->name);
  g_free (signature->company);
  g_free (signature->time);
  g_ptr_array_unref (signature->strokes);
  g_free (signature);
}

XjReportNotice *
xj_report_notice_new (const char *number,
                      const char *deadline)
{
  XjReportNotice *notice;

  g_return_val_if_fail (number != NULL, NULL);

  notice = g_new0 (XjReportNotice, 1);
  notice->number = g_strdup (number);
  notice->deadline = g_strdup (deadline);
  return notice;
}

void
xj_report_notice_free (XjReportNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->number);
  g_free (notice->deadline);
  g_free (notice);
}

XjReportData *
xj_report_data_new (XjReportKind kind)
{
  XjReportData *data = g_new0 (XjReportData, 1);

  data->kind = kind;
  data->score = -1;
  data->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_report_section_free);
  data->notices = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_report_notice_free);
  data->signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_report_signature_free);
  return data;
}

void
xj_report_data_free (XjReportData *data)
{
  if (data == NULL)
    return;
  g_free (data->organisation);
  g_free (data->logo_path);
  g_free (data->number);
  g_free (data->site);
  g_free (data->date);
  g_free (data->inspector);
  g_free (data->representative);
  g_free (data->representative_company);
  g_free (data->template_name);
  g_free (data->grade);
  g_ptr_array_unref (data->sections);
  g_ptr_array_unref (data->notices);
  g_ptr_array_unref (data->signatures);
  g_free (data->generated);
  g_free (data);
}

XjNoticeReportData *
xj_notice_report_data_new (XjNoticeReportType type)
{
  XjNoticeReportData *data = g_new0 (XjNoticeReportData, 1);

  data->type = type;
  data->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_report_answer_free);
  data->before_photos = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_report_photo_free);
  data->after_photos = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_report_photo_free);
  return data;
}

void
xj_notice_report_data_free (XjNoticeReportData *data)
{
  if (data == NULL)
    return;
  g_free (data->organisation);
  g_free (data->logo_path);
  g_free (data->number);
  g_free (data->site);
  g_free (data->addressed_company);
  g_free (data->addressed_person);
  g_free (data->issued);
  g_free (data->deadline);
  g_free (data->state);
  g_free (data->severity);
  g_free (data->area);
  g_free (data->description);
  g_free (data->required_action);
  g_ptr_array_unref (data->findings);
  g_ptr_array_unref (data->before_photos);
  g_ptr_array_unref (data->after_photos);
  g_free (data->rectified);
  g_free (data->rectified_by);
  g_free (data->rectification);
  g_free (data->verified);
  g_free (data->verified_by);
  g_free (data->verification);
  g_free (data->closed);
  g_free (data->closed_by);
  g_clear_pointer (&data->issuer, xj_report_signature_free);
  g_clear_pointer (&data->recipient, xj_report_signature_free);
  g_clear_pointer (&data->verifier, xj_report_signature_free);
  g_free (data->generated);
  g_free (data);
}
