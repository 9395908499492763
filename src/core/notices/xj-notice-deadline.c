/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the deadline of a notice means now: open, overdue, due within 24 h,
 * and the countdown the board shows.
 *
 * The rules, shared with the queries in xj-notice-store.c:
 * - Only issued and acknowledged notices run against their deadline.  A
 *   draft's deadline is not in force yet; once rectified the responsible
 *   party has done its part and the notice waits for the liaison, who is
 *   not the one the deadline binds — so a rectified notice is never
 *   overdue (a late rectification stays visible in rectified_at).
 * - Overdue means the deadline has passed: now > deadline.  At the deadline
 *   second itself the notice is still in time.
 * - Due within 24 h: not overdue and deadline − now ≤ 24 h.
 */
#define G_LOG_DOMAIN "xj-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-notice-private.h"

#define MINUTE 60
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

static gboolean
state_is_open (XjNoticeState state)
{
  return state == XJ_NOTICE_STATE_ISSUED || state == XJ_NOTICE_STATE_ACKNOWLEDGED;
}

gboolean
xj_notice_deadline_is_overdue (XjNoticeState state,
                               gint64        deadline,
                               gint64        now)
{
  return state_is_open (state) && now > deadline;
}

gboolean
xj_notice_deadline_is_due_soon (XjNoticeState state,
                                gint64        deadline,
                                gint64        now)
{
  return state_is_open (state) && now <= deadline
         && deadline - now <= XJ_NOTICE_DUE_SOON_SECONDS;
}

/**
 * xj_notice_is_open:
 *
 * Returns: %TRUE while the responsible party still has to act (issued or
 * acknowledged).
 */
gboolean
xj_notice_is_open (XjNotice *self)
{
  g_return_val_if_fail (XJ_IS_NOTICE (self), FALSE);
  return state_is_open (self->state);
}

gboolean
xj_notice_is_overdue (XjNotice *self,
                      gint64    now)
{
  g_return_val_if_fail (XJ_IS_NOTICE (self), FALSE);
  return xj_notice_deadline_is_overdue (self->state, self->deadline, now);
}

gboolean
xj_notice_is_due_soon (XjNotice *self,
                       gint64    now)
{
  g_return_val_if_fail (XJ_IS_NOTICE (self), FALSE);
  return xj_notice_deadline_is_due_soon (self->state, self->deadline, now);
}

/**
 * xj_format_countdown:
 *
 * The deadline as the board shows it: "2 days left", "5 hours left",
 * "overdue by 3 hours".  Whole units, rounded down, the largest unit that
 * gives at least 2 (so 47 hours reads "47 hours left", not "1 day left");
 * under a minute still says "1 minute" so that a countdown never reads 0.
 *
 * Returns: (transfer full): the text, in the user's language.
 */
char *
xj_format_countdown (gint64 deadline,
                     gint64 now)
{
  gboolean overdue = now > deadline;
  gint64 span = overdue ? now - deadline : deadline - now;
  int n;

  if (span >= 2 * DAY)
    {
      n = (int) MIN (span / DAY, G_MAXINT);
      return overdue
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "overdue by %d day",
                                        "overdue by %d days", n), n)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", n), n);
    }
  if (span >= 2 * HOUR)
    {
      n = (int) (span / HOUR);
      return overdue
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "overdue by %d hour",
                                        "overdue by %d hours", n), n)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour left", "%d hours left", n), n);
    }
  n = (int) MAX (span / MINUTE, 1);
  return overdue
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "overdue by %d minute",
                                    "overdue by %d minutes", n), n)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute left", "%d minutes left", n), n);
}
