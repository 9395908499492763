/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Excel export: one sheet per table (inspections, answers, notices,
 * notice events, schedule compliance), Chinese headers, the header row
 * frozen and filtered, times as Excel dates in local time.  Written with
 * libxlsxwriter in constant-memory mode (rows go to disk as they come), to
 * a temporary file beside the target that is renamed when complete.  A
 * table longer than a sheet holds continues on a sheet of its own.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "xj-inspection.h"
#include "xj-notice.h"
#include "xj-notice-lifecycle.h"
#include "xj-reader-task.h"
#include "xj-report.h"
#include "xj-site.h"
#include "xj-xlsx-export.h"

typedef struct {
  lxw_workbook       *workbook;
  lxw_worksheet      *sheet;
  const char         *title;      /* translated */
  const char *const  *headers;    /* untranslated, NULL-terminated */
  guint               n_columns;
  guint               part;       /* 1, then 2… when a sheet is full */
  lxw_row_t           row;        /* the next row to write */
  guint              *count;
  lxw_format         *header;
  lxw_format         *date;
  lxw_format         *number;
} Sheet;

static const char *const inspection_headers[] = {
  NC_("spreadsheet", "Inspection ID"), NC_("spreadsheet", "Site"),
  NC_("spreadsheet", "Checklist"), NC_("spreadsheet", "Version"),
  NC_("spreadsheet", "Kind"), NC_("spreadsheet", "State"), NC_("spreadsheet", "Inspector"),
  NC_("spreadsheet", "Representative"), NC_("spreadsheet", "Started"),
  NC_("spreadsheet", "Completed"), NC_("spreadsheet", "Signed"),
  NC_("spreadsheet", "Score"), NC_("spreadsheet", "Grade"),
  NC_("spreadsheet", "Failure index"), NC_("spreadsheet", "Critical failure"), NULL,
};

static const char *const answer_headers[] = {
  NC_("spreadsheet", "Inspection ID"), NC_("spreadsheet", "Site"),
  NC_("spreadsheet", "Section"), NC_("spreadsheet", "Item key"),
  NC_("spreadsheet", "Item"), NC_("spreadsheet", "Category"),
  NC_("spreadsheet", "Response type"), NC_("spreadsheet", "Answer"),
  NC_("spreadsheet", "Outcome"), NC_("spreadsheet", "Weight"),
  NC_("spreadsheet", "Earned points"), NC_("spreadsheet", "Failure weight"),
  NC_("spreadsheet", "Critical item"), NC_("spreadsheet", "Remark"),
  NC_("spreadsheet", "Answered"), NULL,
};

static const char *const notice_headers[] = {
  NC_("spreadsheet", "Number"), NC_("spreadsheet", "Type"), NC_("spreadsheet", "State"),
  NC_("spreadsheet", "Site"), NC_("spreadsheet", "Severity"),
  NC_("spreadsheet", "Responsible party"), NC_("spreadsheet", "Description"),
  NC_("spreadsheet", "Issued"), NC_("spreadsheet", "Deadline"),
  NC_("spreadsheet", "Closed"), NC_("spreadsheet", "Escalated"),
  NC_("spreadsheet", "Repeat finding"), NULL,
};

static const char *const event_headers[] = {
  NC_("spreadsheet", "Number"), NC_("spreadsheet", "Time"), NC_("spreadsheet", "By"),
  NC_("spreadsheet", "From state"), NC_("spreadsheet", "To state"),
  NC_("spreadsheet", "Deadline"), NC_("spreadsheet", "Remark"), NULL,
};

static const char *const compliance_headers[] = {
  NC_("spreadsheet", "Site"), NC_("spreadsheet", "Kind"), NC_("spreadsheet", "Due"),
  NC_("spreadsheet", "On time"), NC_("spreadsheet", "Late"), NC_("spreadsheet", "Missed"), NULL,
};

/* --- sheets --------------------------------------------------------------- */

static gboolean
fail_lxw (GError     **error,
          lxw_error    code)
{
  g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_WRITE,
               _("Could not write the spreadsheet: %s"), lxw_strerror (code));
  return FALSE;
}

static void
finish_sheet (Sheet *sheet)
{
  if (sheet->sheet == NULL)
    return;
  worksheet_autofilter (sheet->sheet, 0, 0, MAX (sheet->row, 1) - 1, sheet->n_columns - 1);
}

static gboolean
open_sheet (Sheet   *sheet,
            GError **error)
{
  g_autofree char *name = NULL;

  finish_sheet (sheet);
  sheet->part++;
  name = sheet->part == 1 ? g_strdup (sheet->title)
                          : g_strdup_printf ("%s (%u)", sheet->title, sheet->part);
  sheet->sheet = workbook_add_worksheet (sheet->workbook, name);
  if (sheet->sheet == NULL)
    return fail_lxw (error, LXW_ERROR_MEMORY_MALLOC_FAILED);
  sheet->n_columns = g_strv_length ((char **) sheet->headers);
  for (guint c = 0; c < sheet->n_columns; c++)
    {
      worksheet_write_string (sheet->sheet, 0, c,
                              g_dpgettext2 (NULL, "spreadsheet", sheet->headers[c]),
                              sheet->header);
      worksheet_set_column (sheet->sheet, c, c, 14, NULL);
    }
  worksheet_freeze_panes (sheet->sheet, 1, 0);
  sheet->row = 1;
  return TRUE;
}

static void
sheet_init (Sheet             *sheet,
            const Sheet       *formats,
            const char        *title,
            const char *const *headers,
            guint             *count)
{
  *sheet = *formats;
  sheet->title = title;
  sheet->headers = headers;
  sheet->count = count;
}

/* Starts a row, on a new sheet when this one is full. */
static gboolean
next_row (Sheet   *sheet,
          GError **error)
{
  if (sheet->row >= LXW_ROW_MAX && !open_sheet (sheet, error))
    return FALSE;
  (*sheet->count)++;
  return TRUE;
}

static void
put_text (Sheet      *sheet,
          guint       column,
          const char *text)
{
  if (text != NULL && *text != '\0')
    worksheet_write_string (sheet->sheet, sheet->row, column, text, NULL);
}

static void
put_number (Sheet  *sheet,
            guint   column,
            double  value)
{
  worksheet_write_number (sheet->sheet, sheet->row, column, value, sheet->number);
}

static void
put_bool (Sheet    *sheet,
          guint     column,
          gboolean  value)
{
  worksheet_write_boolean (sheet->sheet, sheet->row, column, value, NULL);
}

/* An Excel date: days since 1899-12-30 on the local clock; 0 leaves the
 * cell empty. */
static void
put_time (Sheet  *sheet,
          guint   column,
          gint64  t)
{
  g_autoptr(GDateTime) local = NULL;
  double serial;

  if (t == 0)
    return;
  local = g_date_time_new_from_unix_local (t);
  serial = (double) (t + g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND) / 86400.0
           + 25569.0;
  worksheet_write_number (sheet->sheet, sheet->row, column, serial, sheet->date);
}

static void
end_row (Sheet *sheet)
{
  sheet->row++;
}

/* --- rows ----------------------------------------------------------------- */

typedef struct {
  Sheet inspections;
  Sheet answers;
  Sheet notices;
  Sheet events;
} Sheets;

static gboolean
on_inspection (const XjExportInspection *row,
               gpointer                  user_data,
               GError                  **error)
{
  Sheet *sheet = &((Sheets *) user_data)->inspections;
  XjInspectionState state;

  if (!next_row (sheet, error))
    return FALSE;
  put_number (sheet, 0, row->id);
  put_text (sheet, 1, row->site);
  put_text (sheet, 2, row->checklist);
  put_number (sheet, 3, row->version);
  put_text (sheet, 4, xj_inspection_kind_get_label (row->kind));
  put_text (sheet, 5, xj_inspection_state_from_string (row->state, &state)
                      ? xj_inspection_state_get_label (state) : row->state);
  put_text (sheet, 6, row->inspector);
  put_text (sheet, 7, row->rep_name);
  put_time (sheet, 8, row->started_at);
  put_time (sheet, 9, row->completed_at);
  put_time (sheet, 10, row->signed_at);
  if (row->has_score)
    put_number (sheet, 11, row->score);
  put_text (sheet, 12, xj_grade_label_for_id (row->grade));
  put_number (sheet, 13, row->failure_index);
  put_bool (sheet, 14, row->critical_failed);
  end_row (sheet);
  return TRUE;
}

static const char *
category_label (const char *category)
{
  guint n_choices;
  const XjTemplateChoice *choices = xj_template_get_categories (&n_choices);

  for (guint i = 0; i < n_choices; i++)
    if (g_str_equal (choices[i].id, category))
      return choices[i].label;
  return category;
}

static gboolean
on_answer (const XjExportAnswer *row,
           gpointer              user_data,
           GError              **error)
{
  Sheet *sheet = &((Sheets *) user_data)->answers;
  XjResponseType type;
  XjOutcome outcome;

  if (!next_row (sheet, error))
    return FALSE;
  put_number (sheet, 0, row->inspection_id);
  put_text (sheet, 1, row->site);
  put_text (sheet, 2, row->section);
  put_text (sheet, 3, row->item_key);
  put_text (sheet, 4, row->prompt);
  put_text (sheet, 5, category_label (row->category));
  put_text (sheet, 6, xj_response_type_from_string (row->type, &type)
                      ? xj_response_type_get_label (type) : row->type);
  put_text (sheet, 7, row->shown);
  put_text (sheet, 8, xj_outcome_from_string (row->outcome, &outcome)
                      ? xj_outcome_get_label (outcome) : row->outcome);
  put_number (sheet, 9, row->weight);
  put_number (sheet, 10, row->earned);
  put_number (sheet, 11, row->failure_weight);
  put_bool (sheet, 12, row->critical);
  put_text (sheet, 13, row->remark);
  put_time (sheet, 14, row->answered_at);
  end_row (sheet);
  return TRUE;
}

static gboolean
on_notice (const XjExportNotice *row,
           gpointer              user_data,
           GError              **error)
{
  Sheet *sheet = &((Sheets *) user_data)->notices;
  XjNoticeType type;
  XjNoticeState state;
  XjNoticeSeverity severity;
  XjResponsibleParty party;

  if (!next_row (sheet, error))
    return FALSE;
  put_text (sheet, 0, row->number);
  put_text (sheet, 1, xj_notice_type_from_string (row->type, &type)
                      ? xj_notice_type_get_label (type) : row->type);
  put_text (sheet, 2, xj_notice_state_from_string (row->state, &state)
                      ? xj_notice_state_get_label (state) : row->state);
  put_text (sheet, 3, row->site);
  put_text (sheet, 4, xj_notice_severity_from_string (row->severity, &severity)
                      ? xj_notice_severity_get_label (severity) : row->severity);
  put_text (sheet, 5, xj_responsible_party_from_string (row->party, &party)
                      ? xj_responsible_party_get_label (party) : row->party);
  put_text (sheet, 6, row->description);
  put_time (sheet, 7, row->issued_at);
  put_time (sheet, 8, row->deadline);
  put_time (sheet, 9, row->closed_at);
  put_bool (sheet, 10, row->escalated);
  put_bool (sheet, 11, row->repeat);
  end_row (sheet);
  return TRUE;
}

static const char *
state_label (const char *state)
{
  XjNoticeState value;

  /* An escalation is an event of the notice, not a state. */
  if (g_strcmp0 (state, XJ_NOTICE_ESCALATION_EVENT) == 0)
    return _("Escalated");
  return state != NULL && xj_notice_state_from_string (state, &value)
         ? xj_notice_state_get_label (value) : state;
}

static gboolean
on_event (const XjExportEvent *row,
          gpointer             user_data,
          GError             **error)
{
  Sheet *sheet = &((Sheets *) user_data)->events;

  if (!next_row (sheet, error))
    return FALSE;
  put_text (sheet, 0, row->number);
  put_time (sheet, 1, row->at);
  put_text (sheet, 2, row->actor);
  put_text (sheet, 3, state_label (row->from_state));
  put_text (sheet, 4, state_label (row->to_state));
  put_time (sheet, 5, row->deadline);
  put_text (sheet, 6, row->remark);
  end_row (sheet);
  return TRUE;
}

static gboolean
write_compliance (XjStore             *store,
                  const XjExportRange *range,
                  Sheet               *sheet,
                  GError             **error)
{
  g_autoptr(GArray) compliance = xj_store_export_compliance (store, range, error);
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       NULL);

  if (compliance == NULL || (sites = xj_store_list_sites (store, TRUE, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < sites->len; i++)
    {
      XjSite *site = g_ptr_array_index (sites, i);

      g_hash_table_insert (names, g_memdup2 (&(gint64) { xj_site_get_id (site) }, sizeof (gint64)),
                           (gpointer) xj_site_get_name (site));
    }
  for (guint i = 0; i < compliance->len; i++)
    {
      const XjOverviewCompliance *c = &g_array_index (compliance, XjOverviewCompliance, i);

      if (!next_row (sheet, error))
        return FALSE;
      put_text (sheet, 0, g_hash_table_lookup (names, &c->site_id));
      put_text (sheet, 1, xj_inspection_kind_get_label (c->kind));
      put_number (sheet, 2, c->due);
      put_number (sheet, 3, c->on_time);
      put_number (sheet, 4, c->late);
      put_number (sheet, 5, c->missed);
      end_row (sheet);
    }
  finish_sheet (sheet);
  return TRUE;
}

/* --- the workbook --------------------------------------------------------- */

static gboolean
write_workbook (XjStore             *store,
                const XjExportRange *range,
                lxw_workbook        *workbook,
                XjXlsxCounts        *counts,
                GError             **error)
{
  static const XjExportSink sink = { on_inspection, on_answer, on_notice, on_event };
  Sheet formats = { .workbook = workbook };
  Sheet compliance;
  Sheets sheets;

  formats.header = workbook_add_format (workbook);
  format_set_bold (formats.header);
  format_set_bg_color (formats.header, 0xDDE7F0);
  formats.date = workbook_add_format (workbook);
  format_set_num_format (formats.date, "yyyy-mm-dd hh:mm");
  formats.number = workbook_add_format (workbook);
  format_set_num_format (formats.number, "0.##");

  /* The sheets are made first, in this order, so that a reader always
   * finds all five, empty or not; each one's rows still come in order, as
   * constant-memory mode wants. */
  sheet_init (&sheets.inspections, &formats, C_("spreadsheet", "Inspections"), inspection_headers,
              &counts->inspections);
  sheet_init (&sheets.answers, &formats, C_("spreadsheet", "Answers"), answer_headers,
              &counts->answers);
  sheet_init (&sheets.notices, &formats, C_("spreadsheet", "Notices"), notice_headers,
              &counts->notices);
  sheet_init (&sheets.events, &formats, C_("spreadsheet", "Notice events"), event_headers,
              &counts->events);
  sheet_init (&compliance, &formats, C_("spreadsheet", "Schedule compliance"), compliance_headers,
              &counts->compliance);
  if (!open_sheet (&sheets.inspections, error)
      || !open_sheet (&sheets.answers, error)
      || !open_sheet (&sheets.notices, error)
      || !open_sheet (&sheets.events, error)
      || !open_sheet (&compliance, error)
      || !xj_store_export_rows (store, range, &sink, &sheets, error))
    return FALSE;
  finish_sheet (&sheets.inspections);
  finish_sheet (&sheets.answers);
  finish_sheet (&sheets.notices);
  finish_sheet (&sheets.events);
  return write_compliance (store, range, &compliance, error);
}

/**
 * xj_xlsx_export:
 * @path: the .xlsx file to write (replaced only when complete)
 * @counts: (out caller-allocates): rows written per table
 */
gboolean
xj_xlsx_export (XjStore             *store,
                const XjExportRange *range,
                const char          *path,
                XjXlsxCounts        *counts,
                GError             **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *partial = g_strdup_printf ("%s.%d.part", path, (int) getpid ());
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = dir,
                                   .use_zip64 = LXW_TRUE };
  lxw_workbook *workbook;
  lxw_error status;
  gboolean ok;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (range != NULL && path != NULL && counts != NULL, FALSE);

  *counts = (XjXlsxCounts) { 0 };
  /* libxlsxwriter only finds out when it closes, and says so on stderr. */
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) || g_access (dir, W_OK) != 0
      || (workbook = workbook_new_opt (partial, &options)) == NULL)
    {
      g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_WRITE,
                   _("Could not write the spreadsheet in “%s”: check that the folder exists "
                     "and can be written"), dir);
      return FALSE;
    }
  ok = write_workbook (store, range, workbook, counts, error);
  status = workbook_close (workbook);
  if (ok && status != LXW_NO_ERROR)
    ok = fail_lxw (error, status);
  if (ok && g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      ok = FALSE;
      g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
    }
  if (!ok)
    g_unlink (partial);
  return ok;
}

/* --- in a worker ---------------------------------------------------------- */

typedef struct {
  char          *path;
  XjExportRange  range;
  gint64        *site_ids;
  XjXlsxCounts   counts;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->site_ids);
  g_free (job);
}

/* Returns the job's counts, which the job owns. */
static gpointer
export_on_reader (XjStore       *reader,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Job *job = data;

  return xj_xlsx_export (reader, &job->range, job->path, &job->counts, error) ? &job->counts
                                                                              : NULL;
}

/* The file is being written: the callback waits for the worker. */
static const XjReaderTask export_task = {
  .run = export_on_reader,
  .job_free = (GDestroyNotify) job_free,
};

/**
 * xj_xlsx_export_async:
 *
 * xj_xlsx_export() in a worker, for the UI.  @range and its site ids are
 * copied.
 */
void
xj_xlsx_export_async (XjStore             *store,
                      const XjExportRange *range,
                      const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Job *job;

  g_return_if_fail (XJ_IS_STORE (store));
  g_return_if_fail (range != NULL && path != NULL);

  job = g_new0 (Job, 1);
  job->path = g_strdup (path);
  job->range = *range;
  if (range->site_ids != NULL)
    job->site_ids = g_memdup2 (range->site_ids, MAX (range->n_site_ids, 1) * sizeof (gint64));
  job->range.site_ids = job->site_ids;
  xj_store_run_on_reader_async (store, &export_task, job, cancellable, callback, user_data);
}

gboolean
xj_xlsx_export_finish (XjStore       *store,
                       GAsyncResult  *result,
                       XjXlsxCounts  *counts,
                       GError       **error)
{
  XjXlsxCounts *done;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if ((done = xj_store_run_on_reader_finish (result, &export_task, error)) == NULL)
    return FALSE;
  if (counts != NULL)
    *counts = *done;
  return TRUE;
}
