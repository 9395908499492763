/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An answer as a person reads it: "Yes", "4 / 5", "26.5 °C", "45 s", the
 * chosen option's label; and, apart, the limit a measurement is held to
 * ("≤ 30 s", "18–26 °C").  Pass, fail and n/a say nothing the result does
 * not say already, so they format to NULL.
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

/* A stored number as a person writes it ("31.0" → "31"); anything else
 * unchanged. */
static char *
format_value (const char *value)
{
  char *end = NULL;
  double number = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || !isfinite (number))
    return g_strdup (value);
  return format_number (number);
}

static char *
format_seconds (const char *number)
{
  /* TRANSLATORS: a time in seconds, e.g. "45 s" */
  return g_strdup_printf (_("%s s"), number);
}

/* A zero floor on a count or a time tells the reader nothing: "≤ 3 rings"
 * reads better than "0–3 rings". */
static char *
format_range (const XjTemplateItem *item)
{
  gboolean has_low = !isnan (item->range_min) && item->range_min != 0;
  g_autofree char *low = has_low ? format_number (item->range_min) : NULL;
  g_autofree char *high = isnan (item->range_max) ? NULL : format_number (item->range_max);
  g_autofree char *range = NULL;

  if (low != NULL && high != NULL)
    range = g_strdup_printf ("%s–%s", low, high);
  else if (low != NULL)
    range = g_strdup_printf ("≥ %s", low);
  else if (high != NULL)
    range = g_strdup_printf ("≤ %s", high);
  else
    return NULL;
  return with_unit (range, item->unit);
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
      number = format_value (value);
      return with_unit (number, item->unit);
    case XJ_RESPONSE_STOPWATCH:
      number = format_value (value);
      return format_seconds (number);
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

/**
 * xj_answer_format_limit:
 *
 * The limit a measurement is held to: "≤ 30 s" for a stopwatch,
 * "18–26 °C", "≤ 3 rings" or "≥ 5 lx" for a number.
 *
 * Returns: (transfer full) (nullable): the limit, or NULL when the item
 * has none.
 */
char *
xj_answer_format_limit (const XjTemplateItem *item)
{
  g_autofree char *threshold = NULL;
  g_autofree char *seconds = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  if (item->type == XJ_RESPONSE_NUMBER)
    return format_range (item);
  if (item->type != XJ_RESPONSE_STOPWATCH || isnan (item->threshold))
    return NULL;
  threshold = format_number (item->threshold);
  seconds = format_seconds (threshold);
  return g_strdup_printf ("≤ %s", seconds);
}
