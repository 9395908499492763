/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the JSON and CSV readers share: the checks any text file passes
 * before it is parsed, the list of problems reported all at once, and the
 * spellings accepted for enumerated values.  Both readers call this file;
 * it calls neither.
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-template-import-private.h"

#define MAX_REPORTED 50

void
_xj_import_report_init (XjImportReport *report,
                        const char     *filename)
{
  g_autofree char *base = g_path_get_basename (filename != NULL ? filename : "template");

  report->filename = g_steal_pointer (&base);
  report->lines = g_ptr_array_new_with_free_func (g_free);
  report->bad_items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
_xj_import_report_clear (XjImportReport *report)
{
  g_clear_pointer (&report->filename, g_free);
  g_clear_pointer (&report->lines, g_ptr_array_unref);
  g_clear_pointer (&report->bad_items, g_hash_table_unref);
}

void
_xj_import_report_addv (XjImportReport *report,
                        const char     *location,
                        const char     *format,
                        va_list         args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (location != NULL && *location != '\0')
    g_ptr_array_add (report->lines, g_strdup_printf ("%s:%s: %s", report->filename, location, message));
  else
    g_ptr_array_add (report->lines, g_strdup_printf ("%s: %s", report->filename, message));
}

void
_xj_import_report_add (XjImportReport *report,
                       const char     *location,
                       const char     *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  _xj_import_report_addv (report, location, format, args);
  va_end (args);
}

void
_xj_import_report_mark_item (XjImportReport *report,
                             int             section,
                             int             item)
{
  g_hash_table_add (report->bad_items, g_strdup_printf ("%d/%d", section, item));
}

gboolean
_xj_import_report_item_bad (XjImportReport *report,
                            int             section,
                            int             item)
{
  g_autofree char *key = g_strdup_printf ("%d/%d", section, item);

  return g_hash_table_contains (report->bad_items, key);
}

/* Sets XJ_TEMPLATE_ERROR_FILE with every problem when there are any. */
gboolean
_xj_import_report_finish (XjImportReport  *report,
                          GError         **error)
{
  g_autoptr(GString) text = NULL;

  if (report->lines->len == 0)
    return TRUE;
  text = g_string_new (NULL);
  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                      "“%s” was not imported: %u problem.",
                                      "“%s” was not imported: %u problems.",
                                      report->lines->len),
                   report->filename, report->lines->len);
  for (guint i = 0; i < report->lines->len && i < MAX_REPORTED; i++)
    g_string_append_printf (text, "\n%s", (char *) g_ptr_array_index (report->lines, i));
  if (report->lines->len > MAX_REPORTED)
    g_string_append_printf (text, "\n%s: %s", report->filename,
                            _("… and more. Fix these first, then import again."));
  g_set_error_literal (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_FILE, text->str);
  return FALSE;
}

/* Text that is not UTF-8 but is GB18030, the code page Excel on Chinese
 * Windows saves "CSV (逗号分隔)" in, converted to UTF-8; NULL when it is
 * neither.  A file that starts with a UTF-8 byte-order mark said what it
 * is and is never reinterpreted. */
static char *
from_gb18030 (const char *data,
              gsize       length)
{
  g_autofree char *converted = NULL;
  gsize written = 0;

  converted = g_convert (data, length, "UTF-8", "GB18030", NULL, &written, NULL);
  if (converted == NULL || !g_utf8_validate_len (converted, written, NULL)
      || memchr (converted, '\0', written) != NULL)
    return NULL;
  return g_steal_pointer (&converted);
}

/* Returns a NUL-terminated UTF-8 copy without the BOM: callers may pass
 * data that is not terminated, and the parsers use string functions.
 * UTF-8 with or without a BOM, or GB18030 (see from_gb18030()). */
char *
_xj_import_check_text (XjImportReport *report,
                       const char     *data,
                       gsize          *length)
{
  const char *end = NULL;
  gboolean had_bom = FALSE;
  char *text;

  if (*length > XJ_TEMPLATE_FILE_MAX)
    {
      _xj_import_report_add (report, NULL,
                             _("The file is too large (%.1f MB); checklists are at most %d MB. Check that it is the right file."),
                             *length / (1024.0 * 1024.0), XJ_TEMPLATE_FILE_MAX / (1024 * 1024));
      return NULL;
    }
  if (*length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      *length -= 3;
      had_bom = TRUE;
    }
  if (memchr (data, '\0', *length) != NULL)
    {
      _xj_import_report_add (report, NULL,
                             _("This is not a text file (it contains binary data). Choose a .json or .csv checklist file."));
      return NULL;
    }
  text = g_strndup (data, *length);
  if (strspn (text, " \t\r\n") == *length)
    {
      g_free (text);
      _xj_import_report_add (report, NULL, _("The file is empty. Export a checklist to see what a file looks like."));
      return NULL;
    }
  if (!g_utf8_validate_len (text, *length, &end))
    {
      char *converted = had_bom ? NULL : from_gb18030 (text, *length);
      guint line = 1;

      if (converted != NULL)
        {
          g_free (text);
          *length = strlen (converted);
          return converted;
        }
      for (const char *p = text; p < end; p++)
        line += *p == '\n';
      g_free (text);
      _xj_import_report_add (report, NULL,
                             _("Line %u is not UTF-8 text. Save the file as UTF-8 (in a spreadsheet: “CSV UTF-8”) and import it again."),
                             line);
      return NULL;
    }
  return text;
}

/* --- spellings ------------------------------------------------------------ */

static const struct {
  const char *field;
  const char *id;
  const char *spellings;   /* '|'-separated, compared without case */
} aliases[] = {
  { "type", "pass_fail", "pass_fail|pass/fail|合格/不合格|合格不合格" },
  { "type", "yes_no", "yes_no|yes/no|是/否|是否" },
  { "type", "rating", "rating|评分|评级" },
  { "type", "number", "number|数值|数字" },
  { "type", "stopwatch", "stopwatch|计时|秒表" },
  { "type", "choice", "choice|单选|选择" },
  { "type", "text", "text|文字|文本" },
  { "type", "datetime", "datetime|日期时间|时间" },
  { "type", "photo", "photo|拍照|照片" },
  { "category", "cleaning", "cleaning|保洁" },
  { "category", "greenery", "greenery|绿化" },
  { "category", "public_order", "public_order|公共秩序|秩序" },
  { "category", "fire_security", "fire_security|消防安防|消防|安防" },
  { "category", "facilities", "facilities|设施设备|设施" },
  { "category", "service", "service|服务" },
  { "category", "other", "other|其他" },
  { "notice_type", "contact", "contact|工作联系单|联系单" },
  { "notice_type", "rectification", "rectification|整改通知单|整改" },
  { "notice_type", "work_order", "work_order|派工单" },
  { "responsible_party", "property", "property|物业|物业公司" },
  { "responsible_party", "repair_crew", "repair_crew|修缮队伍|修缮" },
  { "responsible_party", "own_works", "own_works|自有工程|自有" },
  { "pass_answer", "yes", "yes|是" },
  { "pass_answer", "no", "no|否" },
};

gboolean
_xj_import_lookup_alias (const char  *field,
                         const char  *text,
                         const char **id)
{
  g_autofree char *wanted = g_utf8_casefold (text, -1);

  g_strstrip (wanted);
  for (guint a = 0; a < G_N_ELEMENTS (aliases); a++)
    {
      g_auto(GStrv) spellings = NULL;

      if (strcmp (aliases[a].field, field) != 0)
        continue;
      spellings = g_strsplit (aliases[a].spellings, "|", -1);
      for (guint s = 0; spellings[s] != NULL; s++)
        if (strcmp (spellings[s], wanted) == 0)
          {
            *id = aliases[a].id;
            return TRUE;
          }
    }
  return FALSE;
}
