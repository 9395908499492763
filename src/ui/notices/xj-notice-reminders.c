/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The periodic notice check of the running application: the escalation
 * rules and the reminders run in a worker (xj_notice_check_async()); back
 * on the main thread this posts one desktop notification per reminder,
 * each opening its notice (app.show-notice), and remembers when it
 * checked in GSettings so that the next check, even after a restart,
 * announces only what happened since.
 */
#define G_LOG_DOMAIN "xj-notice-reminders"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
#include "xj-notice-query.h"
#include "xj-notice-reminder.h"
#include "xj-notice-reminders.h"

#define SINCE_KEY "notice-reminders-since"

/* Checks started and not yet back on the main thread (main thread only). */
static guint n_running;

/**
 * xj_notice_reminders_post:
 * @reminders: (element-type XjNoticeReminder): from xj_notice_reminders_collect()
 *
 * Sending only: what to say was decided in core.  A notification per
 * notice (its id replaces an older one about the same notice); past
 * %XJ_NOTICE_REMINDERS_MAX, one summary that opens the board instead.
 */
static void
xj_notice_reminders_post (GApplication *application,
                          GPtrArray    *reminders)
{
  for (guint i = 0; i < reminders->len && i < XJ_NOTICE_REMINDERS_MAX; i++)
    {
      XjNoticeReminder *reminder = g_ptr_array_index (reminders, i);
      g_autoptr(GNotification) notification = g_notification_new (reminder->title);
      g_autofree char *id = g_strdup_printf ("notice-%lld", (long long) reminder->notice_id);

      g_notification_set_body (notification, reminder->body);
      g_notification_set_priority (notification,
                                   reminder->kind == XJ_NOTICE_REMINDER_OVERDUE
                                     ? G_NOTIFICATION_PRIORITY_HIGH
                                     : G_NOTIFICATION_PRIORITY_NORMAL);
      g_notification_set_default_action_and_target_value (notification, "app.show-notice",
                                                          g_variant_new_int64 (reminder->notice_id));
      g_application_send_notification (application, id, notification);
    }
  if (reminders->len > XJ_NOTICE_REMINDERS_MAX)
    {
      guint more = reminders->len - XJ_NOTICE_REMINDERS_MAX;
      g_autofree char *title = g_strdup_printf (g_dngettext (NULL, "%u more notice needs attention",
                                                             "%u more notices need attention",
                                                             more), more);
      g_autoptr(GNotification) notification = g_notification_new (title);

      g_notification_set_body (notification, _("Due within 24 hours or overdue: see the board."));
      g_notification_set_default_action_and_target_value (notification, "app.show-notice",
                                                          g_variant_new_int64 (0));
      g_application_send_notification (application, "notices-more", notification);
    }
}

static void
on_check_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(XjApplication) application = user_data;
  g_autoptr(XjNoticeCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store = xj_application_get_store (application);

  n_running--;
  check = xj_notice_check_finish (result, &error);
  if (check == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not check the notices: %s", error->message);
      return;
    }
  /* The worker wrote through its own connection: tell the pages. */
  if (check->n_escalated > 0 && store != NULL)
    xj_store_emit_changed (store, "notices");
  xj_notice_reminders_post (G_APPLICATION (application), check->reminders);
  g_settings_set_int64 (xj_application_get_settings (application), SINCE_KEY, check->checked_at);
}

/**
 * xj_notice_reminders_run:
 *
 * Starts one check; returns at once.
 */
void
xj_notice_reminders_run (XjApplication *application,
                         GCancellable  *cancellable)
{
  XjStore *store = xj_application_get_store (application);
  gint64 since;

  if (store == NULL)
    return;
  since = g_settings_get_int64 (xj_application_get_settings (application), SINCE_KEY);
  n_running++;
  xj_notice_check_async (xj_store_get_data_dir (store), since, xj_clock_now (), cancellable,
                         on_check_done_cb, g_object_ref (application));
}

/* How many checks are still running: a test waits for none before it
 * removes the data folder they read. */
guint
xj_notice_reminders_get_n_running (void)
{
  return n_running;
}
