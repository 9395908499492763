/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the hourly reminder says.  The application posts one desktop
 * notification per reminder; deciding them here, without GTK, lets a test
 * check them against a fixed clock.
 *
 * Each notice is announced once per event: a due-soon reminder when its
 * deadline enters the 24-hour window (deadline − 24 h after the previous
 * check) or when it is issued already inside it (issued after the
 * previous check), an overdue one when the deadline passes (after the
 * previous check).  On the very first check there is no previous one; it counts as
 * 24 hours ago, so that an old database does not announce every notice
 * that ever ran late.
 */
#define G_LOG_DOMAIN "xj-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-notice-reminder.h"
#include "xj-notice-store.h"

void
xj_notice_reminder_free (XjNoticeReminder *reminder)
{
  if (reminder == NULL)
    return;
  g_free (reminder->title);
  g_free (reminder->body);
  g_free (reminder);
}

static XjNoticeReminder *
reminder_new (XjNotice             *notice,
              XjNoticeReminderKind  kind,
              gint64                now)
{
  XjNoticeReminder *reminder = g_new0 (XjNoticeReminder, 1);
  g_autofree char *countdown = xj_format_countdown (xj_notice_get_deadline (notice), now);
  const char *what = xj_notice_get_required_action (notice);

  if (*what == '\0')
    what = xj_notice_get_description (notice);
  reminder->notice_id = xj_notice_get_id (notice);
  reminder->kind = kind;
  reminder->title = kind == XJ_NOTICE_REMINDER_OVERDUE
    ? g_strdup_printf (_("Notice %s is overdue"), xj_notice_get_number (notice))
    : g_strdup_printf (_("Notice %s is due within 24 hours"), xj_notice_get_number (notice));
  /* site · countdown, then what has to be done */
  reminder->body = g_strdup_printf (_("%s · %s\n%s"), xj_notice_get_site_name (notice),
                                    countdown, what);
  return reminder;
}

/**
 * xj_notice_reminders_collect:
 * @since: when the previous check ran; 0 if never
 * @now: this check's time (store it as the next @since)
 *
 * Returns: (transfer full) (element-type XjNoticeReminder): the overdue
 * reminders first, then the due-soon ones, each by deadline.
 */
GPtrArray *
xj_notice_reminders_collect (XjStore  *store,
                             gint64    since,
                             gint64    now,
                             GError  **error)
{
  g_autoptr(GPtrArray) due_soon = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(GPtrArray) reminders = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  if (since <= 0 || since > now)
    since = now - XJ_NOTICE_DUE_SOON_SECONDS;
  if (!xj_store_list_notice_reminders (store, since, now, &due_soon, &overdue, error))
    return NULL;

  reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_notice_reminder_free);
  for (guint i = 0; i < overdue->len; i++)
    g_ptr_array_add (reminders, reminder_new (g_ptr_array_index (overdue, i),
                                              XJ_NOTICE_REMINDER_OVERDUE, now));
  for (guint i = 0; i < due_soon->len; i++)
    {
      XjNotice *notice = g_ptr_array_index (due_soon, i);

      /* Already open and in the window at the previous check: announced then. */
      if (xj_notice_get_deadline (notice) <= since + XJ_NOTICE_DUE_SOON_SECONDS
          && xj_notice_get_issued_at (notice) <= since)
        continue;
      g_ptr_array_add (reminders, reminder_new (notice, XJ_NOTICE_REMINDER_DUE_SOON, now));
    }
  return g_steal_pointer (&reminders);
}
