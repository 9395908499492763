/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An answer as a person reads it: "Yes", "3 / 5", "26.5 °C (18–26)",
 * "45 s (limit 30 s)", the chosen option's label.  Pass, fail and n/a say
 * nothing the result does not say already, so they format to NULL.
 */
#define G_LOG_DOMAIN "xj-inspection"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-answer-format.h"

static char *
format_number (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", number));
}

static char *
with_unit (const char *number,
           const char *unit)
{
  if (unit == NULL || *unit == '\0')
    return g_strdup (number);
  return g_strdup_printf ("%s %s", number, unit);
}

static char *
format_range (const XjTemplateItem *item)
{
  g_autofree char *low = isnan (item->range_min) ? NULL : format_number (item->range_min);
  g_autofree char *high = isnan (item->range_max) ? NULL : format_number (item->range_max);

  if (low != NULL && high != NULL)
    return g_strdup_printf ("%s–%s", low, high);
  if (low != NULL)
    return g_strdup_printf ("≥ %s", low);
  if (high != NULL)
    return g_strdup_printf ("≤ %s", high);
  return NULL;
}

static char *
format_datetime (const char *value)
{
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (value, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (parsed == NULL)
    return g_strdup (value);
  local = g_date_time_to_local (parsed);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * xj_answer_format_value:
 * @value: (nullable): the stored answer
 *
 * Returns: (transfer full) (nullable): the answer as text, or NULL when the
 * outcome alone says it.
 */
char *
xj_answer_format_value (const XjTemplateItem *item,
                        const char           *value)
{
  g_autofree char *number = NULL;
  g_autofree char *range = NULL;
  g_autofree char *limit = NULL;
  guint64 position;

  g_return_val_if_fail (item != NULL, NULL);

  if (value == NULL || g_strcmp0 (value, "na") == 0)
    return NULL;
  switch (item->type)
    {
    case XJ_RESPONSE_YES_NO:
      return g_strdup (g_strcmp0 (value, "yes") == 0 ? _("Yes") : _("No"));
    case XJ_RESPONSE_RATING:
      return g_strdup_printf ("%s / 5", value);
    case XJ_RESPONSE_NUMBER:
      number = with_unit (value, item->unit);
      range = format_range (item);
      if (range == NULL)
        return g_steal_pointer (&number);
      /* TRANSLATORS: a measured value, then the acceptable range, e.g. "26.5 °C (18–26)" */
      return g_strdup_printf (_("%s (range %s)"), number, range);
    case XJ_RESPONSE_STOPWATCH:
      number = g_strdup_printf (_("%s s"), value);
      if (isnan (item->threshold))
        return g_steal_pointer (&number);
      limit = format_number (item->threshold);
      /* TRANSLATORS: a measured time, then the longest allowed, e.g. "45 s (limit 30 s)" */
      return g_strdup_printf (_("%s (limit %s s)"), number, limit);
    case XJ_RESPONSE_CHOICE:
      if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &position, NULL)
          && item->options != NULL && position < item->options->len)
        return g_strdup (((XjTemplateOption *) g_ptr_array_index (item->options, position))->label);
      return g_strdup (value);
    case XJ_RESPONSE_DATETIME:
      return format_datetime (value);
    case XJ_RESPONSE_TEXT:
      return g_strdup (value);
    case XJ_RESPONSE_PASS_FAIL:
    case XJ_RESPONSE_PHOTO:
    case XJ_N_RESPONSE_TYPES:
    default:
      return NULL;
    }
}
