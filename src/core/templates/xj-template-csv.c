/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the CSV template format: one row per item, so a team can keep
 * its checklists in a spreadsheet (docs/template-format.md).  Headers in
 * English or Chinese; every problem is reported with its line.
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-template-csv-private.h"

/* --- reading -------------------------------------------------------------- */

typedef struct {
  guint      line;          /* where the record starts */
  GPtrArray *fields;
} Record;

static void
record_free (Record *record)
{
  g_ptr_array_unref (record->fields);
  g_free (record);
}

/* Spreadsheets pad cells: every field of a record loses the white space
 * around it, and a blank record is skipped.  Every record ends here, the
 * last one of the file too, so what is read back after an export is what
 * was read the first time. */
static void
end_record (GPtrArray *records,
            Record    *record)
{
  gboolean empty = TRUE;

  for (guint f = 0; f < record->fields->len; f++)
    if (*g_strstrip ((char *) g_ptr_array_index (record->fields, f)) != '\0')
      empty = FALSE;
  if (empty)
    record_free (record);
  else
    g_ptr_array_add (records, record);
}

/* RFC 4180, with LF or CRLF line ends; a comma or, when the header has
 * none, a tab between fields. */
static GPtrArray *
split_records (XjImportReport *report,
               const char     *text,
               gsize           length)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  gsize header_end = MIN (strcspn (text, "\n"), length);
  char separator = memchr (text, ',', header_end) == NULL
                   && memchr (text, '\t', header_end) != NULL ? '\t' : ',';
  g_autoptr(GString) field = g_string_new (NULL);
  Record *record = NULL;
  guint line = 1;
  gsize i = 0;

  while (i < length)
    {
      gboolean quoted = FALSE;
      guint field_line = line;

      if (record == NULL)
        {
          record = g_new0 (Record, 1);
          record->line = line;
          record->fields = g_ptr_array_new_with_free_func (g_free);
        }
      g_string_truncate (field, 0);
      if (text[i] == '"')
        {
          quoted = TRUE;
          for (i++; i < length; i++)
            {
              if (text[i] == '"' && i + 1 < length && text[i + 1] == '"')
                i++;
              else if (text[i] == '"')
                break;
              line += text[i] == '\n';
              g_string_append_c (field, text[i]);
            }
          if (i >= length)
            {
              g_autofree char *where = g_strdup_printf ("%u", field_line);

              record_free (record);
              _xj_import_report_add (report, where,
                                     _("A quoted field is never closed. Add the missing \" at its end."));
              return NULL;
            }
          i++;
        }
      for (; i < length && text[i] != separator && text[i] != '\n'; i++)
        if (text[i] != '\r' || (i + 1 < length && text[i + 1] != '\n'))
          {
            if (quoted && !g_ascii_isspace (text[i]))
              {
                g_autofree char *where = g_strdup_printf ("%u", line);

                record_free (record);
                _xj_import_report_add (report, where,
                                       _("Text follows a closing quote. Put the whole field in quotes and double any \" inside it."));
                return NULL;
              }
            if (!quoted)
              g_string_append_c (field, text[i]);
          }
      g_ptr_array_add (record->fields, g_strdup (field->str));
      if (i >= length || text[i] == '\n')
        {
          end_record (records, g_steal_pointer (&record));
          line++;
        }
      i++;
    }
  /* A file whose last line ends in a separator and no line end. */
  if (record != NULL)
    end_record (records, g_steal_pointer (&record));
  return g_steal_pointer (&records);
}

static gboolean
spelling_matches (const char *spellings,
                  const char *text)
{
  g_auto(GStrv) names = g_strsplit (spellings, "|", -1);
  g_autofree char *wanted = g_utf8_casefold (text, -1);

  g_strstrip (wanted);
  return g_strv_contains ((const char *const *) names, wanted);
}

static gboolean
map_header (XjImportReport *report,
            Record         *header,
            int            *columns)
{
  int found[N_COLUMNS];

  for (guint c = 0; c < N_COLUMNS; c++)
    found[c] = -1;
  for (guint f = 0; f < header->fields->len; f++)
    {
      const char *name = g_ptr_array_index (header->fields, f);
      gboolean known = FALSE;

      columns[f] = -1;
      for (guint c = 0; c < N_COLUMNS && !known; c++)
        if (spelling_matches (column_names[c], name))
          {
            known = TRUE;
            if (found[c] >= 0)
              _xj_import_report_add (report, "1", _("The column “%s” appears twice. Keep one."), name);
            found[c] = f;
            columns[f] = c;
          }
      if (!known && *name != '\0')
        _xj_import_report_add (report, "1",
                               _("Unknown column “%s”. Rename it to one of: template, section, key, prompt, guidance, do, dont, type, options, unit, min, max, threshold, pass_answer, weight, failure_weight, flags, notice_type, responsible_party, deadline_days, category (or their Chinese names)."),
                               name);
    }
  if (found[COL_SECTION] < 0)
    _xj_import_report_add (report, "1", _("The column “section” (分区) is missing. Add it."));
  if (found[COL_PROMPT] < 0)
    _xj_import_report_add (report, "1", _("The column “prompt” (检查项) is missing. Add it."));
  if (found[COL_TYPE] < 0)
    _xj_import_report_add (report, "1", _("The column “type” (类型) is missing. Add it."));
  return found[COL_SECTION] >= 0 && found[COL_PROMPT] >= 0 && found[COL_TYPE] >= 0;
}


typedef struct {
  XjImportReport *report;
  Record         *record;
  const int      *columns;     /* field index → Column, -1 */
  guint           n_columns;   /* fields in the header */
  int             section;
  int             item;
} Row;

static void
row_problem (Row        *row,
             Column      column,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
row_problem (Row        *row,
             Column      column,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *where = g_strdup_printf ("%u", row->record->line);
  g_autofree char *name = first_spelling (column_names[column]);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  _xj_import_report_add (row->report, where, "%s: %s", name, message);
  if (row->item >= 0)
    _xj_import_report_mark_item (row->report, row->section, row->item);
}

static const char *
cell (Row    *row,
      Column  column)
{
  for (guint f = 0; f < MIN (row->record->fields->len, row->n_columns); f++)
    if (row->columns[f] == (int) column)
      return g_ptr_array_index (row->record->fields, f);
  return "";
}

static double
cell_number (Row    *row,
             Column  column,
             double  fallback)
{
  const char *text = cell (row, column);
  char *end = NULL;
  double value;

  if (*text == '\0')
    return fallback;
  value = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (value))
    {
      row_problem (row, column, _("“%s” is not a number. Write digits, with a dot for decimals."), text);
      return fallback;
    }
  return value;
}

static char *
cell_alias (Row        *row,
            Column      column,
            const char *field,
            const char *allowed)
{
  const char *text = cell (row, column);
  const char *id = NULL;

  if (*text == '\0')
    return NULL;
  if (!_xj_import_lookup_alias (field, text, &id))
    {
      row_problem (row, column, _("“%s” is not a known value. Use one of: %s."), text, allowed);
      return NULL;
    }
  return g_strdup (id);
}

/* "良好=1;一般=0.5;差=0!": ';' between options, "=score" optional (1, or 0
 * when failing), a final '!' marks an option that fails, '\' escapes. */
static void
parse_options (Row            *row,
               XjTemplateItem *item)
{
  const char *text = cell (row, COL_OPTIONS);
  g_autoptr(GString) part = g_string_new (NULL);
  gsize equals = 0;
  gboolean has_equals = FALSE;

  if (*text == '\0')
    return;
  for (const char *p = text;; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          g_string_append_c (part, *++p);
          continue;
        }
      if (*p == ';' || *p == '\0')
        {
          g_autofree char *label = NULL;
          g_autofree char *score_text = NULL;
          gboolean fails = FALSE;
          double score;
          char *end = NULL;
          gsize len = part->len;

          while (len > 0 && g_ascii_isspace (part->str[len - 1]))
            len--;
          if (len > 0 && part->str[len - 1] == '!' && (!has_equals || len - 1 > equals))
            {
              fails = TRUE;
              len--;
            }
          label = g_strndup (part->str, has_equals ? equals : len);
          score_text = has_equals ? g_strndup (part->str + equals + 1, len - equals - 1) : NULL;
          g_strstrip (label);
          score = fails ? 0 : 1;
          if (score_text != NULL && *g_strstrip (score_text) != '\0')
            {
              score = g_ascii_strtod (score_text, &end);
              if (end == NULL || *end != '\0')
                row_problem (row, COL_OPTIONS,
                             _("The score “%s” of option “%s” is not a number. Write label=score, e.g. 良好=1;一般=0.5;差=0!"),
                             score_text, label);
            }
          if (*label != '\0' || *p != '\0' || item->options->len == 0)
            g_ptr_array_add (item->options, xj_template_option_new (label, score, fails));
          if (*p == '\0')
            break;
          g_string_truncate (part, 0);
          has_equals = FALSE;
          continue;
        }
      if (*p == '=' && !has_equals)
        {
          has_equals = TRUE;
          equals = part->len;
        }
      g_string_append_c (part, *p);
    }
}

static void
parse_flags (Row            *row,
             XjTemplateItem *item)
{
  g_auto(GStrv) words = g_regex_split_simple ("[;,，、|\\s]+", cell (row, COL_FLAGS), 0, 0);

  for (guint w = 0; words[w] != NULL; w++)
    {
      gboolean known = FALSE;

      if (*words[w] == '\0')
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (flags) && !known; f++)
        if (spelling_matches (flags[f].spellings, words[w]))
          {
            G_STRUCT_MEMBER (gboolean, item, flags[f].offset) = TRUE;
            known = TRUE;
          }
      if (!known)
        row_problem (row, COL_FLAGS,
                     _("Unknown flag “%s”. Use critical, required, photo_on_fail, remark_on_fail (or 关键, 必答, 失败拍照, 失败备注), separated by “;”."),
                     words[w]);
    }
}

static XjTemplateItem *
parse_item (Row *row)
{
  XjTemplateItem *item = xj_template_item_new (cell (row, COL_KEY), cell (row, COL_PROMPT),
                                               XJ_RESPONSE_PASS_FAIL);
  g_autofree char *type = cell_alias (row, COL_TYPE, "type",
                                      "pass_fail, yes_no, rating, number, stopwatch, choice, text, datetime, photo");
  g_autofree char *pass_answer = cell_alias (row, COL_PASS_ANSWER, "pass_answer", "yes, no");
  g_autofree char *category = cell_alias (row, COL_CATEGORY, "category",
                                          "cleaning, greenery, public_order, fire_security, facilities, service, other");
  double deadline;

  if (type != NULL)
    xj_response_type_from_string (type, &item->type);
  else if (*cell (row, COL_TYPE) == '\0')
    row_problem (row, COL_TYPE, _("The type is empty. Use one of: pass_fail, yes_no, rating, number, stopwatch, choice, text, datetime, photo."));
  g_free (item->guidance);
  item->guidance = g_strdup (cell (row, COL_GUIDANCE));
  g_free (item->guidance_do);
  item->guidance_do = g_strdup (cell (row, COL_DO));
  g_free (item->guidance_dont);
  item->guidance_dont = g_strdup (cell (row, COL_DONT));
  g_free (item->unit);
  item->unit = g_strdup (cell (row, COL_UNIT));
  parse_options (row, item);
  item->range_min = cell_number (row, COL_MIN, NAN);
  item->range_max = cell_number (row, COL_MAX, NAN);
  item->threshold = cell_number (row, COL_THRESHOLD, NAN);
  item->pass_answer = g_strcmp0 (pass_answer, "no") != 0;
  item->score_weight = cell_number (row, COL_WEIGHT, 1);
  item->failure_weight = cell_number (row, COL_FAILURE_WEIGHT, 1);
  parse_flags (row, item);
  item->notice_type = cell_alias (row, COL_NOTICE_TYPE, "notice_type",
                                  "contact, rectification, work_order");
  item->responsible_party = cell_alias (row, COL_PARTY, "responsible_party",
                                        "property, repair_crew, own_works");
  deadline = cell_number (row, COL_DEADLINE, -1);
  item->deadline_days = deadline >= -1 && deadline <= G_MAXINT && deadline == floor (deadline)
                        ? (int) deadline : G_MAXINT;
  if (category != NULL)
    {
      g_free (item->category);
      item->category = g_steal_pointer (&category);
    }
  return item;
}

static const char *
column_for_field (const char *field)
{
  static const char *const map[][2] = {
    { "name", "template" }, { "title", "section" }, { "items", "section" },
    { "label", "options" }, { "score", "options" }, { "sections", "section" },
  };

  for (guint m = 0; m < G_N_ELEMENTS (map); m++)
    if (strcmp (map[m][0], field) == 0)
      return map[m][1];
  return field;
}

static void
report_validation (XjImportReport   *report,
                   const XjTemplate *tmpl,
                   GHashTable       *lines)
{
  g_autoptr(GPtrArray) problems = xj_template_validate (tmpl);

  for (guint p = 0; p < problems->len; p++)
    {
      XjTemplateProblem *found = g_ptr_array_index (problems, p);
      g_autofree char *key = g_strdup_printf ("%d/%d", found->section, MAX (found->item, 0));
      g_autofree char *where = NULL;

      if (found->item >= 0 && _xj_import_report_item_bad (report, found->section, found->item))
        continue;
      where = g_strdup_printf ("%u", GPOINTER_TO_UINT (g_hash_table_lookup (lines, key)) + (found->section < 0));
      _xj_import_report_add (report, where, "%s: %s", column_for_field (found->field), found->message);
    }
}

static XjTemplate *
parse_rows (XjImportReport *report,
            GPtrArray      *records,
            const int      *columns,
            const char     *filename)
{
  g_autoptr(XjTemplate) tmpl = xj_template_new (NULL);
  g_autoptr(GHashTable) sections = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keyless = g_ptr_array_new ();
  g_autoptr(GHashTable) given_keys = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_header = ((Record *) g_ptr_array_index (records, 0))->fields->len;

  for (guint r = 1; r < records->len; r++)
    {
      Row row = { report, g_ptr_array_index (records, r), columns, n_header, -1, -1 };
      const char *name = cell (&row, COL_TEMPLATE);
      const char *title = cell (&row, COL_SECTION);
      XjTemplateSection *section = g_hash_table_lookup (sections, title);
      XjTemplateItem *item;
      guint index = 0;

      if (*name != '\0' && *tmpl->name == '\0')
        {
          g_free (tmpl->name);
          tmpl->name = g_strdup (name);
        }
      else if (*name != '\0' && strcmp (name, tmpl->name) != 0)
        row_problem (&row, COL_TEMPLATE,
                     _("A file holds one checklist, but this row names “%s” and an earlier one “%s”. Use one name, or split the file."),
                     name, tmpl->name);
      for (guint f = n_header; f < row.record->fields->len; f++)
        if (*(char *) g_ptr_array_index (row.record->fields, f) != '\0')
          {
            row_problem (&row, COL_PROMPT, _("The row has more fields than the header. Put fields that contain commas in quotes."));
            break;
          }
      if (section == NULL)
        {
          section = xj_template_section_new (title);
          g_ptr_array_add (tmpl->sections, section);
          g_hash_table_insert (sections, section->title, section);
        }
      g_ptr_array_find (tmpl->sections, section, &index);
      row.section = index;
      row.item = section->items->len;
      item = parse_item (&row);
      g_ptr_array_add (section->items, item);
      if (*item->key == '\0')
        g_ptr_array_add (keyless, item);
      else
        g_hash_table_add (given_keys, item->key);
      g_hash_table_insert (lines, g_strdup_printf ("%d/%d", row.section, row.item),
                           GUINT_TO_POINTER (row.record->line));
      if (row.item == 0)
        g_hash_table_insert (lines, g_strdup_printf ("%d/-1", row.section),
                             GUINT_TO_POINTER (row.record->line));
    }
  /* Line 1 is the header; template-level problems point at it. */
  g_hash_table_insert (lines, g_strdup ("-1/0"), GUINT_TO_POINTER (0));
  /* Rows without a key get item-1, item-2 … skipping keys rows gave. */
  for (guint k = 0, n = 1; k < keyless->len; k++)
    {
      XjTemplateItem *item = g_ptr_array_index (keyless, k);
      char *key = NULL;

      do
        {
          g_free (key);
          key = g_strdup_printf ("item-%u", n++);
        }
      while (g_hash_table_contains (given_keys, key));
      g_free (item->key);
      item->key = key;
    }
  if (*tmpl->name == '\0')
    {
      g_autofree char *base = g_path_get_basename (filename != NULL ? filename : "checklist");
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      g_free (tmpl->name);
      tmpl->name = g_steal_pointer (&base);
    }
  if (xj_template_count_items (tmpl) > XJ_TEMPLATE_ITEMS_MAX)
    _xj_import_report_add (report, NULL,
                           _("The checklist has more than %d items. Split it into several checklists."),
                           XJ_TEMPLATE_ITEMS_MAX);
  else
    report_validation (report, tmpl, lines);
  return g_steal_pointer (&tmpl);
}

XjTemplate *
xj_template_from_csv (const char  *data,
                      gsize        length,
                      const char  *filename,
                      GError     **error)
{
  XjImportReport report;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autofree int *columns = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  _xj_import_report_init (&report, filename);
  text = _xj_import_check_text (&report, data, &length);
  if (text != NULL && (records = split_records (&report, text, length)) != NULL
      && records->len == 0)
    _xj_import_report_add (&report, NULL, _("The file is empty. Export a checklist to see what a file looks like."));
  else if (records != NULL)
    {
      Record *header = g_ptr_array_index (records, 0);

      columns = g_new (int, header->fields->len);
      if (records->len < 2)
        _xj_import_report_add (&report, NULL,
                               _("The file has a header but no items. Add one row per item below the header."));
      else if (map_header (&report, header, columns))
        tmpl = parse_rows (&report, records, columns, filename);
    }
  ok = _xj_import_report_finish (&report, error);
  _xj_import_report_clear (&report);
  return ok ? g_steal_pointer (&tmpl) : NULL;
}
