/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "xj-clock"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "xj-clock.h"

static gint64 fixed_now = G_MININT64;

gint64
xj_clock_now (void)
{
  gint64 fixed = fixed_now;

  if (fixed != G_MININT64)
    return fixed;
  return g_get_real_time () / G_USEC_PER_SEC;
}

char *
xj_clock_dup_zone_name (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();

  return g_strdup (g_time_zone_get_identifier (zone));
}

GDateTime *
xj_clock_now_local (void)
{
  return g_date_time_new_from_unix_local (xj_clock_now ());
}

void
xj_clock_set_fixed (gint64 unix_seconds)
{
  fixed_now = unix_seconds;
}

void
xj_clock_unset_fixed (void)
{
  fixed_now = G_MININT64;
}

/* For code that moves the clock for a while (the demo's history) and
 * must put it back as it found it. */
gboolean
xj_clock_get_fixed (gint64 *unix_seconds)
{
  if (unix_seconds != NULL)
    *unix_seconds = fixed_now;
  return fixed_now != G_MININT64;
}

/* @unix_seconds in local time as @format says; NULL when out of range. */
static char *
format_local (gint64      unix_seconds,
              const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  return dt != NULL ? g_date_time_format (dt, format) : NULL;
}

char *
xj_format_iso8601 (gint64 unix_seconds)
{
  return format_local (unix_seconds, "%Y-%m-%dT%H:%M:%S%:z");
}

char *
xj_format_local_minute (gint64 unix_seconds)
{
  return format_local (unix_seconds, "%Y-%m-%d %H:%M");
}

/* The same for a time that may be unset (0 or less): a copy of @unset
 * (NULL gives NULL) in its place. */
char *
xj_format_local_minute_or (gint64      unix_seconds,
                           const char *unset)
{
  if (unix_seconds <= 0)
    return g_strdup (unset);
  return xj_format_local_minute (unix_seconds);
}

/* Accepts what xj_format_local_minute writes, with any spacing around the
 * parts; refuses impossible dates (2026-02-30) rather than rolling over. */
gboolean
xj_parse_local_minute (const char *text,
                       gint64     *unix_seconds)
{
  int year, month, day, hour, minute;
  char rest;
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (unix_seconds != NULL, FALSE);

  if (text == NULL
      || sscanf (text, " %d-%d-%d %d:%d %c", &year, &month, &day, &hour, &minute, &rest) != 5
      || year < 1970 || year > 9999 || month < 1 || month > 12 || hour < 0 || hour > 23
      || minute < 0 || minute > 59 || day < 1 || day > g_date_get_days_in_month (month, year))
    return FALSE;
  dt = g_date_time_new_local (year, month, day, hour, minute, 0);
  if (dt == NULL)
    return FALSE;
  *unix_seconds = g_date_time_to_unix (dt);
  return TRUE;
}

/* The day of @unix_seconds as people write it: local "YYYY-MM-DD". */
char *
xj_format_local_day (gint64 unix_seconds)
{
  return format_local (unix_seconds, "%Y-%m-%d");
}

/* A local day as people write it, YYYY-MM-DD: the midnight that starts it,
 * @days later (1: the end of that day).  Refuses impossible dates. */
gboolean
xj_parse_local_day (const char *text,
                    int         days,
                    gint64     *unix_seconds)
{
  int year, month, day;
  char rest;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) shifted = NULL;

  g_return_val_if_fail (unix_seconds != NULL, FALSE);

  if (text == NULL || sscanf (text, " %d-%d-%d %c", &year, &month, &day, &rest) != 3
      || year < 1970 || year > 9999 || month < 1 || month > 12
      || day < 1 || day > g_date_get_days_in_month (month, year)
      || (midnight = g_date_time_new_local (year, month, day, 0, 0, 0)) == NULL)
    return FALSE;
  shifted = g_date_time_add_days (midnight, days);
  *unix_seconds = g_date_time_to_unix (shifted);
  return TRUE;
}

char *
xj_format_ago (gint64 then,
               gint64 now)
{
  gint64 seconds = now - then;
  gint64 days = seconds / 86400;
  int n;

  if (seconds < 60)
    return g_strdup (_("just now"));
  if (seconds < 3600)
    {
      n = (int) (seconds / 60);
      return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", n), n);
    }
  if (seconds < 86400)
    {
      n = (int) (seconds / 3600);
      return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", n), n);
    }
  /* Days up to two weeks, then weeks up to two months: what a person says. */
  if (days < 14)
    {
      n = (int) days;
      return g_strdup_printf (ngettext ("%d day ago", "%d days ago", n), n);
    }
  if (days < 60)
    {
      n = (int) (days / 7);
      return g_strdup_printf (ngettext ("%d week ago", "%d weeks ago", n), n);
    }
  if (days < 365)
    {
      n = (int) (days / 30);
      return g_strdup_printf (ngettext ("%d month ago", "%d months ago", n), n);
    }
  n = (int) (days / 365);
  return g_strdup_printf (ngettext ("%d year ago", "%d years ago", n), n);
}
