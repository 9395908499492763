/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjApplication: opens the store, owns the settings, the app.* actions and
 * the start-up housekeeping that runs in a worker (integrity check, backup).
 */
#define G_LOG_DOMAIN "xj-application"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-application.h"
#include "xj-cancel.h"
#include "xj-a11y.h"
#include "xj-tooltips.h"
#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-notice-reminders.h"
#include "xj-notices-page.h"
#include "xj-overview.h"
#include "xj-preferences-window.h"
#include "xj-report-archive-check.h"
#include "xj-renderer.h"
#include "xj-resources.h"
#include "xj-sync-monitor.h"
#include "xj-team-laptop.h"
#include "xj-team-page.h"
#include "xj-window.h"

#define BACKUPS_KEPT 7
#define HOUSEKEEPING_DELAY_S 10
/* Reminders and escalation run at start-up, then this often. */
#define NOTICE_CHECK_SECONDS 3600
/* A database locked by another program at start-up: tried again this
 * often until the lock goes. */
#define RETRY_OPEN_SECONDS 2

struct _XjApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;
  XjStore        *store;
  GSettings      *settings;
  GError         *open_error;
  guint           housekeeping_source;
  gint64          open_at_start;  /* --open-inspection */
  GCancellable   *cancellable;     /* the notice checks in flight */
  guint           notice_check_id;
  guint           retry_open_id;
  XjSyncMonitor  *sync_monitor;    /* NULL until the store is open for writing */
};

G_DEFINE_FINAL_TYPE (XjApplication, xj_application, ADW_TYPE_APPLICATION)

/* --- start-up housekeeping (worker thread) -------------------------------- */

typedef struct
{
  char *db_path;
  char *backup_dir;
} Housekeeping;

static void
housekeeping_free (Housekeeping *job)
{
  g_free (job->db_path);
  g_free (job->backup_dir);
  g_free (job);
}

static void
housekeeping_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  Housekeeping *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = g_path_get_dirname (job->db_path);

  /* What a signing killed mid-write left in the archive. */
  xj_archive_remove_temporaries (data_dir, xj_clock_now (), NULL);

  /* Once a day, with the backup: quick_check reads the whole file, and a
   * damaged database must not be backed up over a good copy. */
  if (!xj_store_backup_is_due (job->backup_dir, xj_clock_now ()))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* Moved or removed meanwhile (a test's folder, a portable copy): nothing
   * to check or back up. */
  if (!g_file_test (job->db_path, G_FILE_TEST_EXISTS))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* Only a real verdict of damage says "damaged": a check that could not
   * run (locked, unreadable, no permission) says what stopped it. */
  if (!xj_store_quick_check_file (job->db_path, &error))
    {
      /* Another program is writing: check and back up at the next start. */
      if (g_error_matches (error, XJ_STORE_ERROR, XJ_STORE_ERROR_BUSY))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!xj_store_backup_if_due (job->db_path, job->backup_dir, xj_clock_now (),
                               BACKUPS_KEPT, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_housekeeping_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  XjApplication *self = XJ_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  Housekeeping *job = g_task_get_task_data (G_TASK (result));

  if (g_task_propagate_boolean (G_TASK (result), &error))
    return;
  /* The folder went away while the check ran (as it may at the start):
   * nothing was damaged, there is nothing to say. */
  if (!g_file_test (job->db_path, G_FILE_TEST_EXISTS))
    return;
  g_warning ("%s", error->message);
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (XJ_IS_WINDOW (window))
    xj_window_show_error (XJ_WINDOW (window), error->message);
}

static gboolean
start_housekeeping (gpointer data)
{
  XjApplication *self = data;
  g_autoptr(GTask) task = g_task_new (self, NULL, on_housekeeping_done_cb, NULL);
  Housekeeping *job = g_new0 (Housekeeping, 1);

  self->housekeeping_source = 0;
  job->db_path = g_strdup (xj_store_get_db_path (self->store));
  job->backup_dir = g_build_filename (self->data_dir, "backups", NULL);
  g_task_set_source_tag (task, start_housekeeping);
  g_task_set_task_data (task, job, (GDestroyNotify) housekeeping_free);
  g_task_run_in_thread (task, housekeeping_thread);
  return G_SOURCE_REMOVE;
}

/* --- actions -------------------------------------------------------------- */

/* --- opening the store ---------------------------------------------------- */

static void
on_zone_followed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Not fatal: the Overview computes what is not stored in this zone,
   * and the next write stores it. */
  if (!xj_overview_follow_zone_finish (XJ_STORE (source), result, &error))
    g_message ("Could not add up the Overview in this time zone: %s", error->message);
}

static void start_notice_checks (XjApplication *self);
static gboolean try_open (XjApplication *self);

/* A file the user may read but not write opens read-only (nothing is
 * lost by looking); the banner says so before a change fails. */
static void
show_read_only (XjWindow *window)
{
  xj_window_show_error (window, _("This database may only be read: changes will not be "
                                  "saved. Give your user account write permission on the "
                                  "database file and its folder to work in it."));
}

static gboolean
on_retry_open_cb (gpointer data)
{
  XjApplication *self = data;

  self->retry_open_id = 0;
  try_open (self);
  return G_SOURCE_REMOVE;
}

/* Opens the store without waiting on another program's lock (the window
 * must not freeze): a locked database is tried again every few seconds and
 * the window recovers by itself; any other failure waits for Try Again. */
static gboolean
try_open (XjApplication *self)
{
  g_autoptr(GError) error = NULL;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  g_clear_handle_id (&self->retry_open_id, g_source_remove);
  if (self->store != NULL)
    return TRUE;
  g_clear_error (&self->open_error);
  self->store = xj_store_open (self->data_dir, XJ_STORE_OPEN_NO_WAIT, &self->open_error);
  if (self->store == NULL)
    {
      if (g_error_matches (self->open_error, XJ_STORE_ERROR, XJ_STORE_ERROR_BUSY))
        self->retry_open_id = g_timeout_add_seconds (RETRY_OPEN_SECONDS, on_retry_open_cb, self);
      for (GList *l = windows; l != NULL; l = l->next)
        if (XJ_IS_WINDOW (l->data))
          xj_window_show_fatal (l->data, self->open_error->message);
      return FALSE;
    }

  /* A database this user may only read is shown as it is: no built-ins
   * to install, no backup to write beside it. */
  if (!xj_store_is_read_only (self->store))
    {
      /* Not fatal: the checklists already installed still work. */
      if (!xj_templates_install_builtins (self->store, &error))
        g_warning ("Could not install the built-in checklists: %s", error->message);
      /* Started in another time zone than the Overview's stored
       * figures: made again in a worker, not in the next write. */
      xj_overview_follow_zone_async (self->store, NULL, on_zone_followed_cb, NULL);
      /* Syncs with the team, if any, in its own worker. */
      self->sync_monitor = xj_sync_monitor_new (self->store, G_APPLICATION (self));
      /* Later, so that it never competes with the first frames. */
      self->housekeeping_source = g_timeout_add_seconds_full (G_PRIORITY_LOW,
                                                              HOUSEKEEPING_DELAY_S,
                                                              start_housekeeping, self, NULL);
    }
  for (GList *l = windows; l != NULL; l = l->next)
    if (XJ_IS_WINDOW (l->data))
      {
        xj_window_store_ready (l->data);
        if (xj_store_is_read_only (self->store))
          show_read_only (l->data);
      }
  if (windows != NULL)
    start_notice_checks (self);
  return TRUE;
}

static void
retry_open_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  try_open (user_data);
}

static gboolean
on_notice_check_cb (gpointer data)
{
  XjApplication *self = data;

  xj_notice_reminders_run (self, self->cancellable);
  return G_SOURCE_CONTINUE;
}

/* The first check, once. */
static gboolean
on_notice_check_idle_cb (gpointer data)
{
  on_notice_check_cb (data);
  return G_SOURCE_REMOVE;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  XjApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window flushes what is being typed, and one with unsaved edits
   * may ask first; the application ends when the last window is gone. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

/* Preferences, on its Team page when @team. */
static void
present_preferences (XjApplication *self,
                     gboolean       team)
{
  XjPreferencesWindow *prefs = xj_preferences_window_new (
    self->settings, xj_store_get_data_dir (xj_application_get_store (self)));
  GtkWidget *team_page = GTK_WIDGET (xj_team_page_new (self));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (team_page));
  if (team)
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                             ADW_PREFERENCES_PAGE (team_page));
  gtk_window_set_transient_for (GTK_WINDOW (prefs),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  /* Its Sync Now button is an app action. */
  gtk_window_set_application (GTK_WINDOW (prefs), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  present_preferences (user_data, FALSE);
}

/* Where the team's password is given (the sync status's Enter the
 * Password…). */
static void
team_preferences_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  present_preferences (user_data, TRUE);
}

static void
sync_now_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  XjApplication *self = user_data;

  if (self->sync_monitor != NULL)
    xj_sync_monitor_sync_now (self->sync_monitor);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  XjApplication *self = user_data;
  const char *developers[] = { _("The Xunjian developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Xunjian"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Supervise service quality on site: checklists, photos, "
                                      "rectification notices and signed reports, offline."),
                        "developer-name", _("The Xunjian developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
open_inspection_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  XjApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }
  if (XJ_IS_WINDOW (window) && self->store != NULL)
    xj_window_open_inspection (XJ_WINDOW (window), g_variant_get_int64 (parameter));
}

/* The application's main window, if it has one. */
static GtkWindow *
find_main_window (XjApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (XJ_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* From a reminder or a notification: raise the window on the notice (0:
 * on the board). */
static void
show_notice_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  XjApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  /* The main window, even when a dialog of its (Changes Set Aside, a
   * checklist's editor) was the one in front. */
  if ((window = find_main_window (self)) == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-notice", "x",
                              g_variant_get_int64 (parameter));
  gtk_window_present (window);
}

/* After the window is up: the check runs in a worker, never before the
 * first frame. */
static void
start_notice_checks (XjApplication *self)
{
  if (self->store == NULL || self->notice_check_id != 0)
    return;
  g_idle_add_full (G_PRIORITY_LOW, on_notice_check_idle_cb,
                   g_object_ref (self), g_object_unref);
  self->notice_check_id = g_timeout_add_seconds (NOTICE_CHECK_SECONDS, on_notice_check_cb, self);
}

static const GActionEntry app_actions[] = {
  { "open-inspection", open_inspection_activated, "x" },
  { "show-notice", show_notice_activated, "x" },
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "team-preferences", team_preferences_activated },
  { "about", about_activated },
  { "sync-now", sync_now_activated },
  { "retry-open", retry_open_activated },
};

/* --- GApplication --------------------------------------------------------- */

static void
xj_application_startup (GApplication *application)
{
  XjApplication *self = XJ_APPLICATION (application);
  const char *quit_accels[] = { "<Primary>q", NULL };
  const char *prefs_accels[] = { "<Primary>comma", NULL };
  const char *sync_accels[] = { "<Primary><Shift>s", NULL };

  G_APPLICATION_CLASS (xj_application_parent_class)->startup (application);
  xj_renderer_choose ();
  xj_tooltips_init ();
  xj_a11y_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.sync-now", sync_accels);

  self->settings = g_settings_new (APP_ID);
  try_open (self);
}

static void
xj_application_activate (GApplication *application)
{
  XjApplication *self = XJ_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* None of its windows was ever focused (a desktop without a window
   * manager): the one it has, not a second one. */
  if (window == NULL)
    window = find_main_window (self);
  if (window == NULL)
    {
      window = GTK_WINDOW (xj_window_new (self));
      if (self->open_error != NULL)
        xj_window_show_fatal (XJ_WINDOW (window), self->open_error->message);
      else if (xj_store_is_read_only (self->store))
        show_read_only (XJ_WINDOW (window));
      else if (self->open_at_start > 0)
        xj_window_open_inspection (XJ_WINDOW (window), self->open_at_start);
      self->open_at_start = 0;
    }
  gtk_window_present (window);
  start_notice_checks (self);
}

/* --open-inspection ID: in a second instance the running one opens it. */
static int
xj_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  XjApplication *self = XJ_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!g_variant_dict_lookup (options, "open-inspection", "x", &id))
    return -1;
  if (id <= 0)
    {
      g_printerr ("xunjian: %s\n", _("--open-inspection needs an inspection ID"));
      return 2;
    }
  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("xunjian: %s\n", error->message);
      return 1;
    }
  if (g_application_get_is_remote (application))
    {
      g_action_group_activate_action (G_ACTION_GROUP (application), "open-inspection",
                                      g_variant_new_int64 (id));
      return 0;
    }
  self->open_at_start = id;
  return -1;
}

static void
xj_application_dispose (GObject *object)
{
  XjApplication *self = XJ_APPLICATION (object);

  g_clear_handle_id (&self->housekeeping_source, g_source_remove);
  g_clear_handle_id (&self->retry_open_id, g_source_remove);
  xj_cancel_clear (&self->cancellable);
  g_clear_handle_id (&self->notice_check_id, g_source_remove);
  if (self->sync_monitor != NULL)
    xj_sync_monitor_stop (self->sync_monitor);
  g_clear_object (&self->sync_monitor);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (xj_application_parent_class)->dispose (object);
}

static void
xj_application_finalize (GObject *object)
{
  XjApplication *self = XJ_APPLICATION (object);

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (xj_application_parent_class)->finalize (object);
}

static void
xj_application_class_init (XjApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = xj_application_dispose;
  object_class->finalize = xj_application_finalize;
  app_class->startup = xj_application_startup;
  app_class->activate = xj_application_activate;
  app_class->handle_local_options = xj_application_handle_local_options;
}

static void
xj_application_init (XjApplication *self)
{
  static gsize registered;

  self->cancellable = g_cancellable_new ();
  /* Resources live in a static library: registered by hand, once. */
  if (g_once_init_enter (&registered))
    {
      xj_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  g_application_add_main_option (G_APPLICATION (self), "open-inspection", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_INT64, _("Open the inspection with this ID"),
                                 _("ID"));
}

/* --- public API ----------------------------------------------------------- */

XjApplication *
xj_application_new (const char *data_dir)
{
  g_autofree char *default_dir = xj_store_dup_default_data_dir ();
  XjApplication *self;
  GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;

  /* One instance per user on the default database; a test or a portable
   * copy with its own folder runs beside it. */
  if (g_strcmp0 (data_dir, default_dir) != 0)
    flags |= G_APPLICATION_NON_UNIQUE;

  self = g_object_new (XJ_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/xunjian/Xunjian",
                       NULL);
  self->data_dir = g_strdup (data_dir);
  return self;
}

XjStore *
xj_application_get_store (XjApplication *self)
{
  g_return_val_if_fail (XJ_IS_APPLICATION (self), NULL);

  return self->store;
}

GSettings *
xj_application_get_settings (XjApplication *self)
{
  g_return_val_if_fail (XJ_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* The name written to the audit log for what this person does: the name
 * given in Preferences; without one, in a team, the member's user name
 * (the team reads who did what on every laptop: the computer's account,
 * "root" or "user" on each, named nobody); otherwise the account's. */
char *
xj_application_dup_actor (XjApplication *self)
{
  g_autofree char *name = NULL;
  g_autoptr(XjTeamMembership) membership = NULL;

  g_return_val_if_fail (XJ_IS_APPLICATION (self), NULL);

  name = g_settings_get_string (self->settings, "inspector-name");
  if (*name != '\0')
    return g_steal_pointer (&name);
  if (self->store != NULL
      && (membership = xj_team_get_membership (self->store, NULL)) != NULL
      && membership->server != NULL && membership->user != NULL)
    return g_strdup (membership->user);
  return g_strdup (g_get_real_name ());
}

/* The team sync of this data folder; NULL while the store is not open for
 * writing. */
XjSyncMonitor *
xj_application_get_sync_monitor (XjApplication *self)
{
  g_return_val_if_fail (XJ_IS_APPLICATION (self), NULL);

  return self->sync_monitor;
}
