/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writing the CSV template format: the first spelling of each column, every
 * field that needs it quoted, CRLF line ends as spreadsheets expect.
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <math.h>

#include "xj-template-csv-private.h"

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
  /* A UTF-8 byte-order mark first: without one, Excel on Chinese Windows
   * opens the file as GBK and shows garbage. */
  GString *out = g_string_new ("\xEF\xBB\xBF");

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
