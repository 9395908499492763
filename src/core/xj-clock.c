/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "xj-clock"

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

char *
xj_format_iso8601 (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}
