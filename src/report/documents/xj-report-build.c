/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report's plain data: everything an inspection report or a notice
 * prints, formatted for a person.  An inspection's comes from its record,
 * read by the core in one transaction (xj_store_read_inspection_record); a
 * notice's through the core's look-ups on whichever store the calling
 * thread owns (a worker opens its own).  No SQL here.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "xj-annotation.h"
#include "xj-answer-format.h"
#include "xj-clock.h"
#include "xj-finding.h"
#include "xj-image.h"
#include "xj-inspection-record.h"
#include "xj-inspection.h"
#include "xj-notice-history.h"
#include "xj-notice-store.h"
#include "xj-photo-flags.h"
#include "xj-photo-store.h"
#include "xj-report-build.h"
#include "xj-signature.h"

/* The start of a baseline JPEG holds its frame header: renditions carry no
 * EXIF block in front of it. */
#define JPEG_HEADER_BYTES 8192

static const struct {
  const char   *kind;
  XjReportKind  report_kind;
} kinds[] = {
  { "daily", XJ_REPORT_KIND_DAILY },
  { "weekly", XJ_REPORT_KIND_WEEKLY },
  { "monthly", XJ_REPORT_KIND_MONTHLY },
  { "mystery_visit", XJ_REPORT_KIND_MYSTERY_VISIT },
  { "mystery_call", XJ_REPORT_KIND_MYSTERY_CALL },
  { "spot_check", XJ_REPORT_KIND_SPOT_CHECK },
};

/* What a reader of a printed page wants: local time to the minute. */
static char *
format_time (gint64 unix_seconds)
{
  return xj_format_local_minute_or (unix_seconds, NULL);
}

static char *
format_span (gint64 start,
             gint64 end)
{
  g_autoptr(GDateTime) from = g_date_time_new_from_unix_local (start);
  g_autoptr(GDateTime) to = NULL;
  g_autofree char *first = xj_format_local_minute (start);
  g_autofree char *last = NULL;

  if (end <= start)
    return g_steal_pointer (&first);
  to = g_date_time_new_from_unix_local (end);
  last = g_date_time_format (to, g_date_time_get_day_of_year (to) == g_date_time_get_day_of_year (from)
                                 && g_date_time_get_year (to) == g_date_time_get_year (from)
                                 ? "%H:%M" : "%Y-%m-%d %H:%M");
  return g_strdup_printf ("%s–%s", first, last);
}

static XjReportOutcome
report_outcome (XjOutcome outcome)
{
  switch (outcome)
    {
    case XJ_OUTCOME_PASS:
      return XJ_REPORT_OUTCOME_PASS;
    case XJ_OUTCOME_FAIL:
      return XJ_REPORT_OUTCOME_FAIL;
    case XJ_OUTCOME_NA:
      return XJ_REPORT_OUTCOME_NA;
    case XJ_OUTCOME_UNSCORED:
      return XJ_REPORT_OUTCOME_UNSCORED;
    case XJ_OUTCOME_UNANSWERED:
    case XJ_N_OUTCOMES:
    default:
      return XJ_REPORT_OUTCOME_UNANSWERED;
    }
}

static void
read_jpeg_size (const char *path,
                int        *width,
                int        *height)
{
  guint8 header[JPEG_HEADER_BYTES];
  FILE *file = fopen (path, "rb");
  size_t n;

  *width = *height = 0;
  if (file == NULL)
    return;
  n = fread (header, 1, sizeof header, file);
  fclose (file);
  if (!xj_image_read_size (XJ_IMAGE_FORMAT_JPEG, header, n, width, height, NULL))
    *width = *height = 0;
}

/* The renditions of an answer's photos, with their capture time and what
 * makes one suspicious as evidence (read with the record). */
static gboolean
add_photos (const XjInspectionRecord  *record,
            gint64                     answer_id,
            GPtrArray                 *photos,
            GError                   **error)
{
  GPtrArray *attached = xj_inspection_record_get_photos (record, answer_id);

  for (guint i = 0; attached != NULL && i < attached->len; i++)
    {
      XjRecordPhoto *recorded = g_ptr_array_index (attached, i);
      XjAttachedPhoto *photo = recorded->photo;
      g_autofree char *path = NULL;
      g_autofree char *taken = photo->has_taken_at ? format_time (photo->taken_at) : NULL;
      XjReportPhoto *report_photo;
      int width, height;

      /* What the inspector drew over the photo is part of the evidence. */
      if (photo->annotation != NULL)
        {
          if (!xj_annotation_render_files (record->data_dir, photo->sha256, photo->annotation,
                                           error))
            return FALSE;
          path = xj_annotation_dup_rendition_path (record->data_dir, photo->sha256,
                                                   photo->annotation);
        }
      else
        path = xj_photo_dup_rendition_path (record->data_dir, photo->sha256);
      read_jpeg_size (path, &width, &height);
      report_photo = xj_report_photo_new (path, width, height, taken,
                                          *photo->caption != '\0' ? photo->caption : NULL);
      g_ptr_array_add (photos, report_photo);
      report_photo->flag = g_strdup (recorded->flags);
    }
  return TRUE;
}

static XjReportSignature *
report_signature (const XjSignature  *signature,
                  GError            **error)
{
  g_autoptr(GPtrArray) strokes = xj_signature_parse_strokes (signature->strokes, error);
  g_autofree char *time = format_time (signature->signed_at);
  g_autoptr(XjReportSignature) result = NULL;

  if (strokes == NULL)
    return NULL;
  result = xj_report_signature_new ((XjReportRole) signature->role, signature->name,
                                    signature->company, time);
  for (guint s = 0; s < strokes->len; s++)
    {
      GArray *points = g_ptr_array_index (strokes, s);
      GArray *stroke = xj_report_signature_add_stroke (result);

      for (guint i = 0; i < points->len; i++)
        {
          XjSignaturePoint *p = &g_array_index (points, XjSignaturePoint, i);
          XjReportPoint point = { p->x, p->y };

          g_array_append_val (stroke, point);
        }
    }
  return g_steal_pointer (&result);
}

static gboolean
add_sections (const XjInspectionRecord  *record,
              XjReportData              *data,
              GError                   **error)
{
  const XjTemplate *tmpl = record->tmpl;
  GHashTable *answers = record->answers;
  GHashTable *previous = record->previous;
  g_autoptr(XjScore) score = NULL;

  /* The one scoring rule, on the answers as stored. */
  score = xj_inspection_score (tmpl, answers);
  data->score = score->has_score ? score->score : -1;
  data->grade = score->grade != XJ_GRADE_NONE ? g_strdup (xj_grade_get_label (score->grade)) : NULL;
  data->failure_index = score->failure_index;
  data->template_name = g_strdup (tmpl->name);
  data->template_version = tmpl->version;

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *tsection = g_ptr_array_index (tmpl->sections, s);
      XjSectionScore *section_score = g_ptr_array_index (score->sections, s);
      XjReportSection *section = xj_report_section_new (tsection->title, section_score->has_score
                                                                           ? section_score->score : -1);

      g_ptr_array_add (data->sections, section);
      for (guint i = 0; i < tsection->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (tsection->items, i);
          XjAnswer *answer = g_hash_table_lookup (answers, &item->id);
          XjOutcome outcome = xj_template_item_evaluate (item, answer != NULL ? answer->value : NULL,
                                                         NULL);
          g_autofree char *text = xj_answer_format_value (item, answer != NULL ? answer->value : NULL);
          XjReportAnswer *row = xj_report_answer_new (item->prompt, text, report_outcome (outcome),
                                                      answer != NULL && *answer->remark != '\0'
                                                      ? answer->remark : NULL);

          row->critical = item->critical;
          /* A measurement held to a limit is a hard standard, a rating a
           * soft one. */
          row->limit = xj_answer_format_limit (item);
          if (row->limit != NULL)
            row->standard = XJ_REPORT_STANDARD_HARD;
          else if (item->type == XJ_RESPONSE_RATING)
            row->standard = XJ_REPORT_STANDARD_SOFT;
          g_ptr_array_add (section->answers, row);
          if (outcome == XJ_OUTCOME_FAIL)
            {
              data->critical_failures += item->critical ? 1 : 0;
              row->repeat = xj_previous_answer_is_repeat (g_hash_table_lookup (previous, item->key),
                                                          answer->answered_at);
            }
          if (answer != NULL && answer->n_photos > 0
              && !add_photos (record, answer->answer_id, row->photos, error))
            return FALSE;
        }
    }
  return TRUE;
}

static void
add_notices (const XjInspectionRecord  *record,
             XjReportData              *data)
{
  for (guint i = 0; i < record->notices->len; i++)
    {
      XjInspectionNotice *notice = g_ptr_array_index (record->notices, i);
      g_autofree char *deadline = format_time (notice->deadline);

      g_ptr_array_add (data->notices, xj_report_notice_new (notice->number,
                                                            deadline != NULL ? deadline : "—"));
    }
}

/**
 * xj_report_data_from_record:
 * @organisation: the organisation printed at the top (preferences)
 * @logo_path: (nullable): the organisation's logo (preferences); "" is none
 *
 * Everything the inspection report prints, from the record core read in
 * one transaction (xj_store_read_inspection_record): the report never goes
 * back to the store.
 * Returns: (transfer full): the data, or %NULL with @error set.
 */
XjReportData *
xj_report_data_from_record (const XjInspectionRecord  *record,
                            const char                *organisation,
                            const char                *logo_path,
                            GError                   **error)
{
  const XjInspection *inspection;
  g_autoptr(XjReportData) data = NULL;
  XjReportKind kind = XJ_REPORT_KIND_DAILY;

  g_return_val_if_fail (record != NULL, NULL);

  inspection = record->inspection;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (inspection->kind, kinds[i].kind) == 0)
      kind = kinds[i].report_kind;

  data = xj_report_data_new (kind);
  data->organisation = g_strdup (organisation != NULL ? organisation : "");
  if (logo_path != NULL && *logo_path != '\0')
    data->logo_path = g_strdup (logo_path);
  /* The number is the archive's to give, when the report is signed
   * (xj-report-archive.c); a preview has none yet. */
  data->site = g_strdup (inspection->site_name);
  data->date = format_span (inspection->started_at, inspection->completed_at);
  data->inspector = g_strdup (inspection->inspector);
  if (*inspection->rep_name != '\0')
    {
      data->representative = g_strdup (inspection->rep_name);
      data->representative_company = g_strdup (inspection->rep_company);
    }
  data->generated = format_time (xj_clock_now ());

  if (!add_sections (record, data, error))
    return NULL;
  add_notices (record, data);
  for (guint i = 0; i < record->signatures->len; i++)
    {
      XjReportSignature *signature = report_signature (g_ptr_array_index (record->signatures, i),
                                                       error);

      if (signature == NULL)
        return NULL;
      g_ptr_array_add (data->signatures, signature);
    }
  return g_steal_pointer (&data);
}

/**
 * xj_report_data_from_inspection:
 *
 * xj_report_data_from_record() on the inspection's record as stored now.
 * Returns: (transfer full): the data, or %NULL with @error set.
 */
XjReportData *
xj_report_data_from_inspection (XjStore     *store,
                                gint64       inspection_id,
                                const char  *organisation,
                                const char  *logo_path,
                                GError     **error)
{
  g_autoptr(XjInspectionRecord) record = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  record = xj_store_read_inspection_record (store, inspection_id, error);
  if (record == NULL)
    return NULL;
  return xj_report_data_from_record (record, organisation, logo_path, error);
}

/* --- notices ----------------------------------------------------------------- */

/* The checklist findings the notice covers, numbered 1…n by the writer;
 * their photos print as the notice's before-photos. */
/* The findings, numbered as printed; @numbers gets each finding photo's
 * number (SHA-256 → 1, 2 …), for the before-photos to say whose they are. */
static gboolean
add_findings (XjStore             *store,
              XjNotice            *notice,
              XjNoticeReportData  *data,
              GHashTable          *numbers,
              GError             **error)
{
  GArray *ids = xj_notice_get_findings (notice);
  g_autoptr(GPtrArray) findings = NULL;

  if (ids->len == 0)
    return TRUE;
  findings = xj_store_load_findings (store, (const gint64 *) ids->data, ids->len,
                                     XJ_REPEAT_WINDOW_DAYS_DEFAULT, error);
  if (findings == NULL)
    return FALSE;
  /* A description the issuer left as the findings made it says nothing
   * the numbered findings do not, in whichever language it was made. */
  if (xj_findings_describe_matches (findings, data->description))
    g_clear_pointer (&data->description, g_free);
  for (guint i = 0; i < findings->len; i++)
    {
      XjFinding *finding = g_ptr_array_index (findings, i);
      g_autoptr(GPtrArray) photos = xj_store_list_photos (store, XJ_ANSWER_PHOTOS (finding->answer_id),
                                                          error);
      XjReportAnswer *answer;

      if (photos == NULL)
        return FALSE;
      for (guint j = 0; j < photos->len; j++)
        {
          XjAttachedPhoto *photo = g_ptr_array_index (photos, j);

          if (!g_hash_table_contains (numbers, photo->sha256))
            g_hash_table_insert (numbers, g_strdup (photo->sha256), GUINT_TO_POINTER (i + 1));
        }
      answer = xj_report_answer_new (finding->prompt, NULL,
                                                     finding->failed ? XJ_REPORT_OUTCOME_FAIL
                                                                     : XJ_REPORT_OUTCOME_PASS,
                                                     *finding->remark != '\0' ? finding->remark : NULL);

      answer->repeat = finding->previous_answer_id > 0;
      answer->critical = finding->critical;
      g_ptr_array_add (data->findings, answer);
    }
  return TRUE;
}

/* @numbers: (nullable): for the before-photos, the number of the finding
 * each photo comes from, printed under it ("Finding 2"). */
static gboolean
add_notice_photos (XjStore             *store,
                   gint64               notice_id,
                   XjNoticePhotoPhase   phase,
                   GHashTable          *numbers,
                   GPtrArray           *photos,
                   GError             **error)
{
  g_autoptr(GPtrArray) attached = xj_store_list_photos (store, XJ_NOTICE_PHOTOS (notice_id, phase),
                                                        error);

  if (attached == NULL)
    return FALSE;
  for (guint i = 0; i < attached->len; i++)
    {
      XjAttachedPhoto *photo = g_ptr_array_index (attached, i);
      g_autofree char *path = xj_photo_dup_rendition_path (xj_store_get_data_dir (store),
                                                           photo->sha256);
      g_autofree char *taken = photo->has_taken_at ? format_time (photo->taken_at) : NULL;
      guint number = numbers != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (numbers,
                                                                             photo->sha256)) : 0;
      g_autofree char *caption = NULL;
      int width, height;

      if (number > 0 && *photo->caption != '\0')
        /* Translators: under a photo of a notice: the finding it shows, then its caption. */
        caption = g_strdup_printf (_("Finding %u: %s"), number, photo->caption);
      else if (number > 0)
        /* Translators: under a photo of a notice: the finding it shows. */
        caption = g_strdup_printf (_("Finding %u"), number);
      else if (*photo->caption != '\0')
        caption = g_strdup (photo->caption);
      read_jpeg_size (path, &width, &height);
      g_ptr_array_add (photos, xj_report_photo_new (path, width, height, taken, caption));
    }
  return TRUE;
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* Who did the stages and in which words, from the history: the last time
 * the notice reached each state. */
static gboolean
add_stages (XjStore             *store,
            XjNotice            *notice,
            XjNoticeReportData  *data,
            GError             **error)
{
  g_autoptr(GPtrArray) events = xj_store_list_notice_events (store, xj_notice_get_id (notice),
                                                             error);
  XjNoticeState state = xj_notice_get_state (notice);

  if (events == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      XjNoticeEvent *event = g_ptr_array_index (events, i);

      if (event->to_state == XJ_NOTICE_STATE_RECTIFIED && state >= XJ_NOTICE_STATE_RECTIFIED)
        {
          g_free (data->rectified_by);
          data->rectified_by = dup_nonempty (event->actor);
        }
      else if (event->to_state == XJ_NOTICE_STATE_VERIFIED && state >= XJ_NOTICE_STATE_VERIFIED)
        {
          g_free (data->verification);
          data->verification = dup_nonempty (event->remark);
        }
      else if (event->to_state == XJ_NOTICE_STATE_CLOSED)
        {
          g_free (data->closed_by);
          data->closed_by = dup_nonempty (event->actor);
        }
    }
  if (state >= XJ_NOTICE_STATE_RECTIFIED)
    {
      data->rectified = format_time (xj_notice_get_rectified_at (notice));
      data->rectification = dup_nonempty (xj_notice_get_rectification_remark (notice));
      if (!add_notice_photos (store, xj_notice_get_id (notice), XJ_NOTICE_PHOTO_AFTER, NULL,
                              data->after_photos, error))
        return FALSE;
    }
  if (state >= XJ_NOTICE_STATE_VERIFIED)
    {
      data->verified = format_time (xj_notice_get_verified_at (notice));
      data->verified_by = dup_nonempty (xj_notice_get_verified_by (notice));
      data->verifier = xj_report_signature_new (XJ_REPORT_ROLE_VERIFIER, data->verified_by,
                                                NULL, data->verified);
    }
  if (state >= XJ_NOTICE_STATE_CLOSED)
    data->closed = format_time (xj_notice_get_closed_at (notice));
  return TRUE;
}

/* The handwritten signatures kept with the notice; where there is none,
 * the name and time the steps recorded, so a block is never blank once
 * its person is known. */
static gboolean
add_signatures (XjStore             *store,
                XjNotice            *notice,
                XjNoticeReportData  *data,
                GError             **error)
{
  g_autoptr(GPtrArray) signatures = xj_store_list_notice_signatures (store, xj_notice_get_id (notice),
                                                                     error);

  if (signatures == NULL)
    return FALSE;
  for (guint i = 0; i < signatures->len; i++)
    {
      XjSignature *signature = g_ptr_array_index (signatures, i);
      XjReportSignature **slot = signature->role == XJ_SIGNATURE_ROLE_ISSUER ? &data->issuer
                                 : signature->role == XJ_SIGNATURE_ROLE_RECIPIENT ? &data->recipient
                                 : NULL;

      if (slot == NULL)
        continue;
      g_clear_pointer (slot, xj_report_signature_free);
      if ((*slot = report_signature (signature, error)) == NULL)
        return FALSE;
    }
  if (data->issuer == NULL && xj_notice_get_issued_at (notice) > 0)
    data->issuer = xj_report_signature_new (XJ_REPORT_ROLE_ISSUER, xj_notice_get_issued_by (notice),
                                            NULL, data->issued);
  if (data->recipient == NULL && xj_notice_get_acknowledged_at (notice) > 0)
    {
      g_autofree char *time = format_time (xj_notice_get_acknowledged_at (notice));

      data->recipient = xj_report_signature_new (XJ_REPORT_ROLE_RECIPIENT,
                                                 xj_notice_get_acknowledged_by (notice),
                                                 NULL, time);
    }
  return TRUE;
}

/**
 * xj_notice_report_data_from_notice:
 *
 * Everything a notice document prints, from the store, as the notice is
 * now: a draft, issued, acknowledged, rectified, verified or closed out.
 * Returns: (transfer full): the data, or %NULL with @error set.
 */
XjNoticeReportData *
xj_notice_report_data_from_notice (XjStore     *store,
                                   gint64       notice_id,
                                   const char  *organisation,
                                   GError     **error)
{
  g_autoptr(XjNotice) notice = NULL;
  g_autoptr(XjNoticeReportData) data = NULL;
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  notice = xj_store_get_notice (store, notice_id, error);
  if (notice == NULL)
    return NULL;
  /* XjNoticeType and XjNoticeReportType list the three types in one order. */
  data = xj_notice_report_data_new ((XjNoticeReportType) xj_notice_get_notice_type (notice));
  data->organisation = g_strdup (organisation != NULL ? organisation : "");
  data->number = g_strdup (xj_notice_get_number (notice));
  data->site = g_strdup (xj_notice_get_site_name (notice));
  data->addressed_company = g_strdup (xj_notice_get_addressed_company (notice));
  data->addressed_person = g_strdup (xj_notice_get_addressed_person (notice));
  /* A draft has neither yet. */
  data->issued = format_time (xj_notice_get_issued_at (notice));
  data->deadline = format_time (xj_notice_get_deadline (notice));
  if (data->deadline == NULL)
    data->deadline = g_strdup ("—");
  data->state = g_strdup (xj_notice_state_get_label (xj_notice_get_state (notice)));
  data->severity = g_strdup (xj_notice_severity_get_label (xj_notice_get_severity (notice)));
  data->area = dup_nonempty (xj_notice_get_area (notice));
  data->description = dup_nonempty (xj_notice_get_description (notice));
  data->required_action = g_strdup (xj_notice_get_required_action (notice));
  data->generated = format_time (xj_clock_now ());

  if (!add_findings (store, notice, data, numbers, error)
      || !add_notice_photos (store, notice_id, XJ_NOTICE_PHOTO_BEFORE, numbers,
                             data->before_photos, error)
      || !add_stages (store, notice, data, error)
      || !add_signatures (store, notice, data, error))
    return NULL;
  if (data->issued == NULL)
    data->issued = g_strdup ("—");
  return g_steal_pointer (&data);
}
