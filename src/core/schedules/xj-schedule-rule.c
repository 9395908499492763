/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From a rule to planned times, in local wall time, without the database.
 *
 * Windows: an occurrence opens at the start of its local day (an early start
 * the same day counts), is due by the end of that day (daily: by the end of
 * its window) and closes when the next occurrence on a later day opens; an
 * inspection started before then still counts for it, late.  Occurrences on
 * the same day share their window.
 *
 * Random spot checks use splitmix64 (Steele, Lea & Flood 2014), our own, so
 * that a stored seed gives the same times on every machine and GLib version:
 *   state = splitmix64 (seed) + period × 0xD1B54A32D192ED03
 * with period = ⌊(Julian day of the week's Monday − 1) / 7⌋ or
 * year × 12 + month − 1.  For each of the N checks: a day among the period's
 * allowed weekdays (next % days), then a minute in the working hours
 * (next % minutes).  The item sample seeds the same generator with
 * splitmix64 (seed) ^ (occurrence time × 0xD1B54A32D192ED03) ^ "items".
 */
#define G_LOG_DOMAIN "xj-schedule"

#include "config.h"

#include "xj-schedule-private.h"

#define PERIOD_MULTIPLIER G_GUINT64_CONSTANT (0xD1B54A32D192ED03)
#define ITEMS_STREAM G_GUINT64_CONSTANT (0x6974656d73)
#define MINUTES_PER_DAY (24 * 60)
/* How far to look for the occurrence that closes the last window. */
#define LOOKAHEAD_DAYS 400

/**
 * xj_schedule_random_next:
 *
 * One step of splitmix64.  Public so that the tests can pin its output.
 */
guint64
xj_schedule_random_next (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static guint64
scramble_seed (gint64 seed)
{
  guint64 state = (guint64) seed;

  return xj_schedule_random_next (&state);
}

/* --- local days ----------------------------------------------------------- */

static void
local_date (gint64  t,
            GDate  *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

/* @minute may be 1440: the start of the next day. */
static gint64
local_time (const GDate *date,
            guint        minute)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate day = *date;

  if (minute >= MINUTES_PER_DAY)
    {
      g_date_add_days (&day, minute / MINUTES_PER_DAY);
      minute %= MINUTES_PER_DAY;
    }
  dt = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day),
                              g_date_get_day (&day), minute / 60, minute % 60, 0);
  return g_date_time_to_unix (dt);
}

gint64
_xj_local_day_start (gint64 t)
{
  GDate date;

  local_date (t, &date);
  return local_time (&date, 0);
}

gint64
_xj_local_next_day_start (gint64 t)
{
  GDate date;

  local_date (t, &date);
  return local_time (&date, MINUTES_PER_DAY);
}

static guint
iso_weekday (const GDate *date)
{
  return g_date_get_weekday (date);  /* G_DATE_MONDAY = 1 … G_DATE_SUNDAY = 7 */
}

static void
add_if_in_range (GArray      *ats,
                 const GDate *date,
                 guint        minute,
                 gint64       from,
                 gint64       to)
{
  gint64 at = local_time (date, minute);

  if (at >= from && at < to)
    g_array_append_val (ats, at);
}

static gboolean
is_last_working_day (const GDate *date)
{
  GDate last;

  g_date_clear (&last, 1);
  g_date_set_dmy (&last, g_date_get_days_in_month (g_date_get_month (date), g_date_get_year (date)),
                  g_date_get_month (date), g_date_get_year (date));
  while (iso_weekday (&last) > 5)
    g_date_subtract_days (&last, 1);
  return g_date_compare (&last, date) == 0;
}

/* The first day on or after the start that has the rule's weekday: week 0. */
static guint32
every_n_weeks_anchor (const XjScheduleSpec *spec,
                      gint64                starts_at)
{
  GDate start;

  local_date (starts_at, &start);
  return g_date_get_julian (&start) + (spec->weekday + 7 - iso_weekday (&start)) % 7;
}

static void
plan_day (const XjScheduleSpec *spec,
          guint32               anchor,
          const GDate          *date,
          gint64                from,
          gint64                to,
          GArray               *ats)
{
  guint weekday = iso_weekday (date);
  guint day, last;

  switch (spec->rule)
    {
    case XJ_SCHEDULE_RULE_DAILY:
      add_if_in_range (ats, date, spec->window_from, from, to);
      break;
    case XJ_SCHEDULE_RULE_WEEKLY:
      for (guint i = 0; i < spec->n_slots; i++)
        if (spec->slots[i].weekday == weekday)
          add_if_in_range (ats, date, spec->slots[i].minute, from, to);
      break;
    case XJ_SCHEDULE_RULE_MONTHLY:
      day = g_date_get_day (date);
      last = g_date_get_days_in_month (g_date_get_month (date), g_date_get_year (date));
      if (spec->day_of_month == XJ_SCHEDULE_LAST_WORKING_DAY
          ? is_last_working_day (date)
          : day == MIN ((guint) spec->day_of_month, last))
        add_if_in_range (ats, date, spec->minute, from, to);
      break;
    case XJ_SCHEDULE_RULE_EVERY_N_WEEKS:
      if (g_date_get_julian (date) >= anchor
          && (g_date_get_julian (date) - anchor) % (7 * spec->n_weeks) == 0)
        add_if_in_range (ats, date, spec->minute, from, to);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* All N spot checks of the period that starts on @first (a Monday or the
 * 1st), whatever the range: the draw must not depend on the range asked. */
static void
plan_random_period (const XjScheduleSpec *spec,
                    gint64                seed,
                    const GDate          *first,
                    gint64                from,
                    gint64                to,
                    GArray               *ats)
{
  guint32 days[31];
  guint n_days = 0;
  guint64 period, state;
  guint n_minutes = spec->window_to - spec->window_from;
  GDate day = *first;

  if (spec->period == XJ_SCHEDULE_PERIOD_WEEK)
    period = (g_date_get_julian (first) - 1) / 7;
  else
    period = (guint64) g_date_get_year (first) * 12 + g_date_get_month (first) - 1;

  do
    {
      if (spec->weekday_mask & (1 << iso_weekday (&day)))
        days[n_days++] = g_date_get_julian (&day);
      g_date_add_days (&day, 1);
    }
  while (spec->period == XJ_SCHEDULE_PERIOD_WEEK
         ? iso_weekday (&day) != G_DATE_MONDAY : g_date_get_day (&day) != 1);
  if (n_days == 0)
    return;

  state = scramble_seed (seed) + period * PERIOD_MULTIPLIER;
  for (guint i = 0; i < spec->count; i++)
    {
      GDate chosen;
      guint32 julian = days[xj_schedule_random_next (&state) % n_days];
      guint minute = spec->window_from + xj_schedule_random_next (&state) % n_minutes;

      g_date_clear (&chosen, 1);
      g_date_set_julian (&chosen, julian);
      add_if_in_range (ats, &chosen, minute, from, to);
    }
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * xj_schedule_spec_plan:
 * @starts_at: nothing is planned before it
 *
 * Returns: (element-type gint64): the planned times in [@from, @to), sorted,
 * without duplicates.
 */
GArray *
xj_schedule_spec_plan (const XjScheduleSpec *spec,
                       gint64                seed,
                       gint64                starts_at,
                       gint64                from,
                       gint64                to)
{
  g_autoptr(GArray) ats = g_array_new (FALSE, FALSE, sizeof (gint64));
  GDate day, last;
  guint32 anchor = 0;
  guint kept = 0;

  g_return_val_if_fail (spec != NULL, NULL);

  from = MAX (from, starts_at);
  if (from >= to)
    return g_steal_pointer (&ats);
  local_date (from, &day);
  local_date (to - 1, &last);

  if (spec->rule == XJ_SCHEDULE_RULE_RANDOM)
    {
      if (spec->period == XJ_SCHEDULE_PERIOD_WEEK)
        g_date_subtract_days (&day, iso_weekday (&day) - 1);
      else
        g_date_set_day (&day, 1);
      while (g_date_compare (&day, &last) <= 0)
        {
          plan_random_period (spec, seed, &day, from, to, ats);
          if (spec->period == XJ_SCHEDULE_PERIOD_WEEK)
            g_date_add_days (&day, 7);
          else
            g_date_add_months (&day, 1);
        }
    }
  else
    {
      if (spec->rule == XJ_SCHEDULE_RULE_EVERY_N_WEEKS)
        anchor = every_n_weeks_anchor (spec, starts_at);
      for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
        plan_day (spec, anchor, &day, from, to, ats);
    }

  g_array_sort (ats, compare_gint64);
  for (guint i = 0; i < ats->len; i++)
    if (kept == 0 || g_array_index (ats, gint64, i) != g_array_index (ats, gint64, kept - 1))
      g_array_index (ats, gint64, kept++) = g_array_index (ats, gint64, i);
  g_array_set_size (ats, kept);
  return g_steal_pointer (&ats);
}

/* When the first occurrence on a day after @day_end opens, or never. */
static gint64
next_opening (const XjScheduleSpec *spec,
              gint64                seed,
              gint64                starts_at,
              gint64                day_end)
{
  gint64 from = day_end;

  for (guint chunk = 0; chunk < LOOKAHEAD_DAYS / 50; chunk++)
    {
      g_autoptr(GArray) ats = NULL;
      GDate date;

      local_date (from, &date);
      g_date_add_days (&date, 50);
      ats = xj_schedule_spec_plan (spec, seed, starts_at, from, local_time (&date, 0));
      if (ats->len > 0)
        return _xj_local_day_start (g_array_index (ats, gint64, 0));
      from = local_time (&date, 0);
    }
  return G_MAXINT64;
}

/**
 * _xj_schedule_plan_windows:
 *
 * Returns: (element-type XjPlanned): the occurrences of the whole local days
 * that [@from, @to) touches, with their windows; matching needs whole days
 * because occurrences on the same day share a window.
 */
GArray *
_xj_schedule_plan_windows (const XjScheduleSpec *spec,
                           gint64                seed,
                           gint64                starts_at,
                           gint64                from,
                           gint64                to)
{
  g_autoptr(GArray) ats = NULL;
  g_autoptr(GArray) planned = g_array_new (FALSE, FALSE, sizeof (XjPlanned));
  gint64 range_end;

  if (from >= to)
    return g_steal_pointer (&planned);
  range_end = _xj_local_next_day_start (to - 1);
  ats = xj_schedule_spec_plan (spec, seed, starts_at, _xj_local_day_start (from), range_end);
  g_array_set_size (planned, ats->len);
  for (guint i = 0; i < ats->len; i++)
    {
      XjPlanned *p = &g_array_index (planned, XjPlanned, i);
      GDate date;

      p->at = g_array_index (ats, gint64, i);
      local_date (p->at, &date);
      p->opens = local_time (&date, 0);
      p->due = spec->rule == XJ_SCHEDULE_RULE_DAILY
                 ? local_time (&date, spec->window_to) : local_time (&date, MINUTES_PER_DAY);
    }

  /* Closing times, from the last day backwards. */
  if (planned->len > 0)
    {
      gint64 closes = next_opening (spec, seed, starts_at, range_end);

      for (guint i = planned->len; i-- > 0;)
        {
          XjPlanned *p = &g_array_index (planned, XjPlanned, i);

          if (i + 1 < planned->len && g_array_index (planned, XjPlanned, i + 1).opens != p->opens)
            closes = g_array_index (planned, XjPlanned, i + 1).opens;
          p->closes = closes;
        }
    }
  return g_steal_pointer (&planned);
}

/**
 * xj_schedule_sample_items:
 * @item_keys: the template's item keys, in template order
 *
 * Picks @sample_size items for the spot check at @occurrence_at, the same
 * ones every time for the same seed, occurrence and item list.
 *
 * Returns: (transfer full): the chosen keys in template order; all of them
 * when @sample_size is 0 or not smaller than the list.
 */
char **
xj_schedule_sample_items (gint64              seed,
                          gint64              occurrence_at,
                          const char * const *item_keys,
                          guint               sample_size)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree guint *order = NULL;
  g_autofree gboolean *chosen = NULL;
  guint n = item_keys != NULL ? g_strv_length ((char **) item_keys) : 0;
  guint64 state;

  if (sample_size == 0 || sample_size >= n)
    return g_strdupv ((char **) item_keys);

  order = g_new (guint, n);
  chosen = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  state = scramble_seed (seed) ^ ((guint64) occurrence_at * PERIOD_MULTIPLIER) ^ ITEMS_STREAM;
  /* A partial Fisher–Yates shuffle: the first sample_size places. */
  for (guint i = 0; i < sample_size; i++)
    {
      guint j = i + xj_schedule_random_next (&state) % (n - i);
      guint swap = order[i];

      order[i] = order[j];
      order[j] = swap;
      chosen[order[i]] = TRUE;
    }
  for (guint i = 0; i < n; i++)
    if (chosen[i])
      g_strv_builder_add (builder, item_keys[i]);
  return g_strv_builder_end (builder);
}
