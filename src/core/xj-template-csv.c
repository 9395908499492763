/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV template format: one row per item, so a team can keep its
 * checklists in a spreadsheet (docs/template-format.md).  Headers in
 * English or Chinese; every problem is reported with its line.
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-template-io-private.h"

typedef enum {
  COL_TEMPLATE, COL_SECTION, COL_KEY, COL_PROMPT, COL_GUIDANCE, COL_DO, COL_DONT, COL_TYPE,
  COL_OPTIONS, COL_UNIT, COL_MIN, COL_MAX, COL_THRESHOLD, COL_PASS_ANSWER, COL_WEIGHT,
  COL_FAILURE_WEIGHT, COL_FLAGS, COL_NOTICE_TYPE, COL_PARTY, COL_DEADLINE, COL_CATEGORY,
  N_COLUMNS
} Column;

/* The first spelling is the one written; the others are accepted. */
static const char *const column_names[N_COLUMNS] = {
  [COL_TEMPLATE] = "template|checklist|检查表|模板",
  [COL_SECTION] = "section|分区|区域",
  [COL_KEY] = "key|id|编号",
  [COL_PROMPT] = "prompt|item|检查项|检查内容",
  [COL_GUIDANCE] = "guidance|说明|指引",
  [COL_DO] = "do|应做|正确做法",
  [COL_DONT] = "dont|don't|禁忌|不应做",
  [COL_TYPE] = "type|类型|回答类型",
  [COL_OPTIONS] = "options|选项",
  [COL_UNIT] = "unit|单位",
  [COL_MIN] = "min|最小值",
  [COL_MAX] = "max|最大值",
  [COL_THRESHOLD] = "threshold|阈值|合格线",
  [COL_PASS_ANSWER] = "pass_answer|合格答案",
  [COL_WEIGHT] = "weight|权重|分值",
  [COL_FAILURE_WEIGHT] = "failure_weight|失败权重|扣分权重",
  [COL_FLAGS] = "flags|标记",
  [COL_NOTICE_TYPE] = "notice_type|通知单类型|通知单",
  [COL_PARTY] = "responsible_party|责任方",
  [COL_DEADLINE] = "deadline_days|整改期限|期限",
  [COL_CATEGORY] = "category|类别|分类",
};

static const struct {
  const char *spellings;
  gsize       offset;
} flags[] = {
  { "critical|关键", G_STRUCT_OFFSET (XjTemplateItem, critical) },
  { "required|必答", G_STRUCT_OFFSET (XjTemplateItem, required) },
  { "photo_on_fail|失败拍照", G_STRUCT_OFFSET (XjTemplateItem, photo_on_fail) },
  { "remark_on_fail|失败备注", G_STRUCT_OFFSET (XjTemplateItem, remark_on_fail) },
};

/* --- writing -------------------------------------------------------------- */

static char *
first_spelling (const char *spellings)
{
  return g_strndup (spellings, strcspn (spellings, "|"));
}

static void
append_field (GString    *out,
              const char *text,
              gboolean    last)
{
  if (text != NULL && text[strcspn (text, ",\"\r\n")] != '\0')
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (text != NULL)
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

static char *
format_options (const XjTemplateItem *item)
{
  GString *out = g_string_new (NULL);

  for (guint o = 0; o < item->options->len; o++)
    {
      XjTemplateOption *option = g_ptr_array_index (item->options, o);
      g_autofree char *score = format_number (option->score);

      if (o > 0)
        g_string_append_c (out, ';');
      for (const char *p = option->label; *p != '\0'; p++)
        {
          if (strchr ("\\;=!", *p) != NULL)
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_printf (out, "=%s%s", score, option->fails ? "!" : "");
    }
  return g_string_free (out, FALSE);
}

static char *
format_flags (const XjTemplateItem *item)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
    if (G_STRUCT_MEMBER (gboolean, item, flags[f].offset))
      g_ptr_array_add (words, first_spelling (flags[f].spellings));
  g_ptr_array_add (words, NULL);
  return g_strjoinv (";", (char **) words->pdata);
}

char *
xj_template_to_csv (const XjTemplate *tmpl)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_autofree char *name = first_spelling (column_names[c]);

      append_field (out, name, c == N_COLUMNS - 1);
    }
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          char *fields[N_COLUMNS] = { NULL };

          fields[COL_TEMPLATE] = g_strdup (tmpl->name);
          fields[COL_SECTION] = g_strdup (section->title);
          fields[COL_KEY] = g_strdup (item->key);
          fields[COL_PROMPT] = g_strdup (item->prompt);
          fields[COL_GUIDANCE] = g_strdup (item->guidance);
          fields[COL_DO] = g_strdup (item->guidance_do);
          fields[COL_DONT] = g_strdup (item->guidance_dont);
          fields[COL_TYPE] = g_strdup (xj_response_type_to_string (item->type));
          fields[COL_OPTIONS] = format_options (item);
          fields[COL_UNIT] = g_strdup (item->unit);
          fields[COL_MIN] = format_number (item->range_min);
          fields[COL_MAX] = format_number (item->range_max);
          fields[COL_THRESHOLD] = format_number (item->threshold);
          fields[COL_PASS_ANSWER] = g_strdup (item->type != XJ_RESPONSE_YES_NO ? ""
                                              : item->pass_answer ? "yes" : "no");
          fields[COL_WEIGHT] = format_number (item->score_weight);
          fields[COL_FAILURE_WEIGHT] = format_number (item->failure_weight);
          fields[COL_FLAGS] = format_flags (item);
          fields[COL_NOTICE_TYPE] = g_strdup (item->notice_type);
          fields[COL_PARTY] = g_strdup (item->responsible_party);
          fields[COL_DEADLINE] = item->deadline_days < 0 ? g_strdup ("")
                                 : g_strdup_printf ("%d", item->deadline_days);
          fields[COL_CATEGORY] = g_strdup (item->category);
          for (guint c = 0; c < N_COLUMNS; c++)
            {
              append_field (out, fields[c], c == N_COLUMNS - 1);
              g_free (fields[c]);
            }
        }
    }
  return g_string_free (out, FALSE);
}

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

/* RFC 4180, with LF or CRLF line ends; a comma or, when the header has
 * none, a tab between fields. */
static GPtrArray *
split_records (XjImportReport *report,
               const char     *text,
               gsize           length)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  gsize header_end = strcspn (text, "\n");
  char separator = memchr (text, ',', MIN (header_end, length)) == NULL
                   && memchr (text, '\t', MIN (header_end, length)) != NULL ? '\t' : ',';
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
          gboolean empty = TRUE;

          /* Spreadsheets pad cells; a blank row is skipped. */
          for (guint f = 0; f < record->fields->len; f++)
            empty &= *g_strstrip ((char *) g_ptr_array_index (record->fields, f)) == '\0';
          if (empty)
            record_free (record);
          else
            g_ptr_array_add (records, record);
          record = NULL;
          line++;
        }
      i++;
    }
  if (record != NULL)
    g_ptr_array_add (records, record);
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
  for (guint f = 0; f < row->record->fields->len; f++)
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
  guint n_header = ((Record *) g_ptr_array_index (records, 0))->fields->len;

  for (guint r = 1; r < records->len; r++)
    {
      Row row = { report, g_ptr_array_index (records, r), columns, -1, -1 };
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
      g_hash_table_insert (lines, g_strdup_printf ("%d/%d", row.section, row.item),
                           GUINT_TO_POINTER (row.record->line));
      if (row.item == 0)
        g_hash_table_insert (lines, g_strdup_printf ("%d/-1", row.section),
                             GUINT_TO_POINTER (row.record->line));
    }
  /* Line 1 is the header; template-level problems point at it. */
  g_hash_table_insert (lines, g_strdup ("-1/0"), GUINT_TO_POINTER (0));
  /* Rows without a key get one no other row uses. */
  for (guint k = 0; k < keyless->len; k++)
    {
      XjTemplateItem *item = g_ptr_array_index (keyless, k);

      /* Cleared first: a freed key could share its address with the
       * candidate being checked and look taken for ever. */
      g_clear_pointer (&item->key, g_free);
      item->key = xj_template_make_item_key (tmpl);
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
  const char *text;
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
