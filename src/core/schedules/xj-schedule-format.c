/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rule's parameters written out: as the JSON stored in schedules.spec
 * (read back by xj-schedule-spec.c) and as one line of words for lists.
 */
#define G_LOG_DOMAIN "xj-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "xj-schedule-private.h"

char *
xj_schedule_spec_to_json (const XjScheduleSpec *spec)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *from = NULL, *to = NULL, *time = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  from = _xj_format_minute (spec->window_from);
  to = _xj_format_minute (spec->window_to);
  time = _xj_format_minute (spec->minute);
  json_builder_begin_object (builder);
  switch (spec->rule)
    {
    case XJ_SCHEDULE_RULE_DAILY:
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, from);
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, to);
      break;
    case XJ_SCHEDULE_RULE_WEEKLY:
      json_builder_set_member_name (builder, "slots");
      json_builder_begin_array (builder);
      for (guint i = 0; i < spec->n_slots; i++)
        {
          g_autofree char *slot_time = _xj_format_minute (spec->slots[i].minute);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "weekday");
          json_builder_add_int_value (builder, spec->slots[i].weekday);
          json_builder_set_member_name (builder, "time");
          json_builder_add_string_value (builder, slot_time);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      break;
    case XJ_SCHEDULE_RULE_MONTHLY:
      json_builder_set_member_name (builder, "day");
      if (spec->day_of_month == XJ_SCHEDULE_LAST_WORKING_DAY)
        json_builder_add_string_value (builder, "last_working_day");
      else
        json_builder_add_int_value (builder, spec->day_of_month);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, time);
      break;
    case XJ_SCHEDULE_RULE_EVERY_N_WEEKS:
      json_builder_set_member_name (builder, "weeks");
      json_builder_add_int_value (builder, spec->n_weeks);
      json_builder_set_member_name (builder, "weekday");
      json_builder_add_int_value (builder, spec->weekday);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, time);
      break;
    case XJ_SCHEDULE_RULE_RANDOM:
      json_builder_set_member_name (builder, "per");
      json_builder_add_string_value (builder,
                                     spec->period == XJ_SCHEDULE_PERIOD_MONTH ? "month" : "week");
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, spec->count);
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, from);
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, to);
      json_builder_set_member_name (builder, "weekdays");
      json_builder_begin_array (builder);
      for (guint weekday = 1; weekday <= 7; weekday++)
        if (spec->weekday_mask & (1 << weekday))
          json_builder_add_int_value (builder, weekday);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "items");
      json_builder_add_int_value (builder, spec->sample_items);
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * xj_schedule_spec_describe:
 *
 * Returns: one line for lists, e.g. “Weekly: Monday 10:30, Thursday 14:00”.
 */
char *
xj_schedule_spec_describe (const XjScheduleSpec *spec)
{
  g_autofree char *from = NULL, *to = NULL, *time = NULL;
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  from = _xj_format_minute (spec->window_from);
  to = _xj_format_minute (spec->window_to);
  time = _xj_format_minute (spec->minute);
  switch (spec->rule)
    {
    case XJ_SCHEDULE_RULE_DAILY:
      /* Translators: a daily schedule and its time window, e.g. “Daily, 08:00–18:00”. */
      return g_strdup_printf (_("Daily, %s–%s"), from, to);
    case XJ_SCHEDULE_RULE_WEEKLY:
      text = g_string_new (_("Weekly:"));
      for (guint i = 0; i < spec->n_slots; i++)
        {
          g_autofree char *slot_time = _xj_format_minute (spec->slots[i].minute);

          g_string_append_printf (text, i == 0 ? " %s %s" : _(", %s %s"),
                                  xj_schedule_weekday_get_label (spec->slots[i].weekday),
                                  slot_time);
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    case XJ_SCHEDULE_RULE_MONTHLY:
      if (spec->day_of_month == XJ_SCHEDULE_LAST_WORKING_DAY)
        return g_strdup_printf (_("Monthly, on the last working day at %s"), time);
      return g_strdup_printf (_("Monthly, on day %d at %s"), spec->day_of_month, time);
    case XJ_SCHEDULE_RULE_EVERY_N_WEEKS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u week, %s at %s",
                                           "Every %u weeks, %s at %s", spec->n_weeks),
                              spec->n_weeks, xj_schedule_weekday_get_label (spec->weekday), time);
    case XJ_SCHEDULE_RULE_RANDOM:
      text = g_string_new (NULL);
      if (spec->period == XJ_SCHEDULE_PERIOD_MONTH)
        g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Random spot checks: %u a month, %s–%s",
                                            "Random spot checks: %u a month, %s–%s", spec->count),
                         spec->count, from, to);
      else
        g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Random spot checks: %u a week, %s–%s",
                                            "Random spot checks: %u a week, %s–%s", spec->count),
                         spec->count, from, to);
      if (spec->sample_items > 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u random item",
                                                   ", %u random items", spec->sample_items),
                                spec->sample_items);
      return g_string_free (g_steal_pointer (&text), FALSE);
    default:
      g_return_val_if_reached (NULL);
    }
}
