/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schedule rules and their parameters (schedules.spec), as JSON:
 *
 *   daily          {"from": "08:00", "to": "18:00"}
 *   weekly         {"slots": [{"weekday": 1, "time": "10:30"},
 *                             {"weekday": 4, "time": "14:00"}]}
 *   monthly        {"day": 31, "time": "09:00"}     the 31st is clamped to the
 *                  {"day": "last_working_day", …}   month's end; the last
 *                                                   working day is the last
 *                                                   Monday–Friday (no holiday
 *                                                   calendar)
 *   every_n_weeks  {"weeks": 2, "weekday": 3, "time": "09:30"}
 *   random         {"per": "week" | "month", "count": 2, "from": "09:00",
 *                   "to": "17:00", "weekdays": [1, 2, 3, 4, 5], "items": 3}
 *
 * Weekdays are ISO: 1 = Monday … 7 = Sunday.  Times are local wall time.
 * Unknown settings are refused so that a typo never silently changes a rule.
 */
#define G_LOG_DOMAIN "xj-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "xj-schedule-private.h"
#include "xj-words.h"

G_DEFINE_QUARK (xj-schedule-error-quark, xj_schedule_error)

static const struct {
  const char *id;
  const char *label;
} rules[] = {
  [XJ_SCHEDULE_RULE_DAILY] = { "daily", N_("Daily") },
  [XJ_SCHEDULE_RULE_WEEKLY] = { "weekly", N_("Weekly") },
  [XJ_SCHEDULE_RULE_MONTHLY] = { "monthly", N_("Monthly") },
  [XJ_SCHEDULE_RULE_EVERY_N_WEEKS] = { "every_n_weeks", N_("Every N weeks") },
  [XJ_SCHEDULE_RULE_RANDOM] = { "random", N_("Random spot checks") },
};

static const char *const weekday_labels[] = {
  NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
  N_("Saturday"), N_("Sunday"),
};

/* The same list as the CHECK on schedules.kind and inspections.kind. */
static const char *const kinds[] = {
  "daily", "weekly", "monthly", "mystery_visit", "mystery_call", "spot_check",
};

/* Settings each rule accepts, to refuse unknown (mistyped) ones. */
static const char *const allowed_keys[][7] = {
  [XJ_SCHEDULE_RULE_DAILY] = { "from", "to" },
  [XJ_SCHEDULE_RULE_WEEKLY] = { "slots" },
  [XJ_SCHEDULE_RULE_MONTHLY] = { "day", "time" },
  [XJ_SCHEDULE_RULE_EVERY_N_WEEKS] = { "weeks", "weekday", "time" },
  [XJ_SCHEDULE_RULE_RANDOM] = { "per", "count", "from", "to", "weekdays", "items" },
};

#define MINUTES_PER_DAY (24 * 60)
#define MAX_SAMPLE_ITEMS 500

/* --- names ---------------------------------------------------------------- */

XJ_DEFINE_WORDS (extern, xj_schedule_rule, XjScheduleRule, rules)

XJ_DEFINE_WORD_LABEL (extern, xj_schedule_rule, XjScheduleRule, rules, NULL)

const char *
xj_schedule_weekday_get_label (guint weekday)
{
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, NULL);
  return _(weekday_labels[weekday]);
}

gboolean
xj_schedule_kind_is_valid (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      return TRUE;
  return FALSE;
}

/* --- validation ----------------------------------------------------------- */

char *
_xj_format_minute (guint minute)
{
  return g_strdup_printf ("%02u:%02u", minute / 60, minute % 60);
}

static gboolean
check_weekday (gint64   weekday,
               GError **error)
{
  if (weekday >= 1 && weekday <= 7)
    return TRUE;
  g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_WEEKDAY,
               _("%lld is not a weekday: use 1 (Monday) to 7 (Sunday)."), (long long) weekday);
  return FALSE;
}

static gboolean
check_window (guint    from,
              guint    to,
              GError **error)
{
  g_autofree char *from_text = _xj_format_minute (from);
  g_autofree char *to_text = _xj_format_minute (to);

  if (from < to && to <= MINUTES_PER_DAY)
    return TRUE;
  g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_TIME,
               _("The time window %s–%s must end after it starts, on the same day."),
               from_text, to_text);
  return FALSE;
}

void
xj_schedule_spec_init (XjScheduleSpec *spec,
                       XjScheduleRule  rule)
{
  g_return_if_fail (spec != NULL);

  memset (spec, 0, sizeof *spec);
  spec->rule = rule;
  spec->window_from = 8 * 60;
  spec->window_to = 18 * 60;
  spec->day_of_month = 1;
  spec->n_weeks = 2;
  spec->weekday = 1;
  spec->minute = 9 * 60;
  spec->period = XJ_SCHEDULE_PERIOD_WEEK;
  spec->count = 1;
  spec->weekday_mask = XJ_SCHEDULE_WORKING_DAYS;
}

gboolean
xj_schedule_spec_validate (const XjScheduleSpec *spec,
                           GError              **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  switch (spec->rule)
    {
    case XJ_SCHEDULE_RULE_DAILY:
      return check_window (spec->window_from, spec->window_to, error);

    case XJ_SCHEDULE_RULE_WEEKLY:
      if (spec->n_slots == 0 || spec->n_slots > XJ_SCHEDULE_MAX_SLOTS)
        {
          g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_COUNT,
                       _("A weekly schedule needs 1 to %d weekdays with a time each."),
                       XJ_SCHEDULE_MAX_SLOTS);
          return FALSE;
        }
      for (guint i = 0; i < spec->n_slots; i++)
        {
          if (!check_weekday (spec->slots[i].weekday, error))
            return FALSE;
          if (spec->slots[i].minute >= MINUTES_PER_DAY)
            {
              g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_TIME,
                           _("A time of day must be before 24:00."));
              return FALSE;
            }
          for (guint j = 0; j < i; j++)
            if (spec->slots[j].weekday == spec->slots[i].weekday
                && spec->slots[j].minute == spec->slots[i].minute)
              {
                g_autofree char *time = _xj_format_minute (spec->slots[i].minute);

                g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_WEEKDAY,
                             _("%s %s is listed twice."),
                             xj_schedule_weekday_get_label (spec->slots[i].weekday), time);
                return FALSE;
              }
        }
      return TRUE;

    case XJ_SCHEDULE_RULE_MONTHLY:
      if (spec->day_of_month != XJ_SCHEDULE_LAST_WORKING_DAY
          && (spec->day_of_month < 1 || spec->day_of_month > 31))
        {
          g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_DAY,
                       _("The day of the month must be 1 to 31 or the last working day, not %d."),
                       spec->day_of_month);
          return FALSE;
        }
      break;

    case XJ_SCHEDULE_RULE_EVERY_N_WEEKS:
      if (spec->n_weeks < 1 || spec->n_weeks > XJ_SCHEDULE_MAX_WEEKS)
        {
          g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_COUNT,
                       _("“Every N weeks” takes N from 1 to %d, not %u."),
                       XJ_SCHEDULE_MAX_WEEKS, spec->n_weeks);
          return FALSE;
        }
      if (!check_weekday (spec->weekday, error))
        return FALSE;
      break;

    case XJ_SCHEDULE_RULE_RANDOM:
      if (spec->count < 1 || spec->count > XJ_SCHEDULE_MAX_COUNT)
        {
          g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_COUNT,
                       _("The number of spot checks per period must be 1 to %d, not %u."),
                       XJ_SCHEDULE_MAX_COUNT, spec->count);
          return FALSE;
        }
      if ((spec->weekday_mask & 0xfe) == 0 || (spec->weekday_mask & 0x01) != 0)
        {
          g_set_error_literal (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_WEEKDAY,
                               _("Choose at least one weekday for the spot checks."));
          return FALSE;
        }
      if (spec->sample_items > MAX_SAMPLE_ITEMS)
        {
          g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_COUNT,
                       _("A spot check can sample at most %d items, not %u."),
                       MAX_SAMPLE_ITEMS, spec->sample_items);
          return FALSE;
        }
      return check_window (spec->window_from, spec->window_to, error);

    default:
      g_set_error_literal (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_RULE,
                           _("Unknown schedule rule."));
      return FALSE;
    }

  if (spec->minute >= MINUTES_PER_DAY)
    {
      g_set_error_literal (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_TIME,
                           _("A time of day must be before 24:00."));
      return FALSE;
    }
  return TRUE;
}

/* --- JSON in -------------------------------------------------------------- */

static gboolean
read_int (JsonObject  *object,
          const char  *key,
          gint64      *value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_SPEC,
               _("The setting “%s” must be a whole number."), key);
  return FALSE;
}

static gboolean
parse_time (JsonObject  *object,
            const char  *key,
            guint16     *minute,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  const char *text;
  guint hours = 99, minutes = 0;

  if (node == NULL)
    return TRUE;
  text = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
  if (text != NULL && strlen (text) == 5 && text[2] == ':'
      && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1])
      && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]))
    {
      hours = (text[0] - '0') * 10 + (text[1] - '0');
      minutes = (text[3] - '0') * 10 + (text[4] - '0');
    }
  if ((hours < 24 || (hours == 24 && minutes == 0)) && minutes < 60)
    {
      *minute = hours * 60 + minutes;
      return TRUE;
    }
  g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_TIME,
               _("“%s” is not a time of day: write it as HH:MM, for example 10:30."),
               text != NULL ? text : key);
  return FALSE;
}

static gboolean
parse_weekday (JsonObject  *object,
               const char  *key,
               guint8      *weekday,
               GError     **error)
{
  gint64 value = *weekday;

  if (!read_int (object, key, &value, error) || !check_weekday (value, error))
    return FALSE;
  *weekday = value;
  return TRUE;
}

static gboolean
parse_slots (JsonObject      *object,
             XjScheduleSpec  *spec,
             GError         **error)
{
  JsonNode *node = json_object_get_member (object, "slots");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  array = json_node_get_array (node);
  if (json_array_get_length (array) > XJ_SCHEDULE_MAX_SLOTS)
    {
      g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_COUNT,
                   _("A weekly schedule needs 1 to %d weekdays with a time each."),
                   XJ_SCHEDULE_MAX_SLOTS);
      return FALSE;
    }
  spec->n_slots = 0;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      XjScheduleSlot *slot = &spec->slots[spec->n_slots++];
      JsonObject *slot_object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        goto bad;
      slot_object = json_node_get_object (element);
      slot->weekday = 0;
      slot->minute = 0;
      if (!json_object_has_member (slot_object, "weekday")
          || !json_object_has_member (slot_object, "time"))
        goto bad;
      if (!parse_weekday (slot_object, "weekday", &slot->weekday, error)
          || !parse_time (slot_object, "time", &slot->minute, error))
        return FALSE;
    }
  return TRUE;

bad:
  g_set_error_literal (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_SPEC,
                       _("Weekly slots must be a list of {\"weekday\": 1–7, \"time\": \"HH:MM\"}."));
  return FALSE;
}

static gboolean
parse_day (JsonObject      *object,
           XjScheduleSpec  *spec,
           GError         **error)
{
  JsonNode *node = json_object_get_member (object, "day");
  gint64 day = spec->day_of_month;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && g_strcmp0 (json_node_get_string (node), "last_working_day") == 0)
    {
      spec->day_of_month = XJ_SCHEDULE_LAST_WORKING_DAY;
      return TRUE;
    }
  if (!read_int (object, "day", &day, error))
    {
      g_clear_error (error);
      g_set_error_literal (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_DAY,
                           _("The day of the month must be a number from 1 to 31 or "
                             "“last_working_day”."));
      return FALSE;
    }
  spec->day_of_month = CLAMP (day, G_MININT, G_MAXINT);
  return TRUE;
}

static gboolean
parse_random (JsonObject      *object,
              XjScheduleSpec  *spec,
              GError         **error)
{
  JsonNode *per = json_object_get_member (object, "per");
  JsonNode *weekdays = json_object_get_member (object, "weekdays");
  gint64 count = spec->count;
  gint64 items = spec->sample_items;

  if (per != NULL)
    {
      const char *text = JSON_NODE_HOLDS_VALUE (per) ? json_node_get_string (per) : NULL;

      if (g_strcmp0 (text, "week") == 0)
        spec->period = XJ_SCHEDULE_PERIOD_WEEK;
      else if (g_strcmp0 (text, "month") == 0)
        spec->period = XJ_SCHEDULE_PERIOD_MONTH;
      else
        {
          g_set_error_literal (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_SPEC,
                               _("Spot checks are counted per “week” or per “month”."));
          return FALSE;
        }
    }
  if (!read_int (object, "count", &count, error) || !read_int (object, "items", &items, error))
    return FALSE;
  if (count < 0 || count > XJ_SCHEDULE_MAX_COUNT)
    count = 0;  /* refused with its message by validation */
  spec->count = count;
  spec->sample_items = CLAMP (items, 0, MAX_SAMPLE_ITEMS + 1);
  if (weekdays != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (weekdays))
        {
          g_set_error_literal (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_WEEKDAY,
                               _("Weekdays must be a list of numbers from 1 (Monday) to 7 (Sunday)."));
          return FALSE;
        }
      array = json_node_get_array (weekdays);
      spec->weekday_mask = 0;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gint64 weekday = -1;

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_INT64)
            weekday = json_node_get_int (element);
          if (!check_weekday (weekday, error))
            return FALSE;
          spec->weekday_mask |= 1 << weekday;
        }
    }
  return parse_time (object, "from", &spec->window_from, error)
         && parse_time (object, "to", &spec->window_to, error);
}

/**
 * xj_schedule_spec_parse:
 * @json: (nullable): the stored spec; %NULL or "" is "{}", the defaults
 *
 * Reads and validates a rule's parameters; on failure @spec is left with
 * the defaults and @error says which setting is wrong.
 */
gboolean
xj_schedule_spec_parse (XjScheduleRule   rule,
                        const char      *json,
                        XjScheduleSpec  *spec,
                        GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) members = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *root;
  gint64 value;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (rule >= G_N_ELEMENTS (rules))
    {
      g_set_error_literal (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_RULE,
                           _("Unknown schedule rule."));
      return FALSE;
    }
  xj_schedule_spec_init (spec, rule);
  if (json == NULL || *json == '\0')
    json = "{}";
  if (!json_parser_load_from_data (parser, json, -1, &local_error)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_SPEC,
                           _("The schedule’s settings are not a JSON object."));
      return FALSE;
    }
  object = json_node_get_object (root);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains ((const char * const *) allowed_keys[rule], l->data))
      {
        g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_SPEC,
                     _("A %s schedule has no setting “%s”."), xj_schedule_rule_get_label (rule),
                     (const char *) l->data);
        return FALSE;
      }

  switch (rule)
    {
    case XJ_SCHEDULE_RULE_DAILY:
      if (!parse_time (object, "from", &spec->window_from, error)
          || !parse_time (object, "to", &spec->window_to, error))
        return FALSE;
      break;
    case XJ_SCHEDULE_RULE_WEEKLY:
      if (!parse_slots (object, spec, error))
        return FALSE;
      break;
    case XJ_SCHEDULE_RULE_MONTHLY:
      if (!parse_day (object, spec, error) || !parse_time (object, "time", &spec->minute, error))
        return FALSE;
      break;
    case XJ_SCHEDULE_RULE_EVERY_N_WEEKS:
      value = spec->n_weeks;
      if (!read_int (object, "weeks", &value, error)
          || !parse_weekday (object, "weekday", &spec->weekday, error)
          || !parse_time (object, "time", &spec->minute, error))
        return FALSE;
      spec->n_weeks = value >= 0 && value <= G_MAXINT ? value : 0;
      break;
    case XJ_SCHEDULE_RULE_RANDOM:
      if (!parse_random (object, spec, error))
        return FALSE;
      break;
    default:
      g_assert_not_reached ();
    }
  return xj_schedule_spec_validate (spec, error);
}
