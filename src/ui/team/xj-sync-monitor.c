/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjSyncMonitor: when the laptop is in a team, runs xj_team_sync in a
 * worker (its own store connection, its own server connection) at start,
 * a little after each change worth sharing (an inspection completed or
 * signed, a notice step), every few minutes and on demand; never two at
 * once (a request while one runs makes one more run after it).  It keeps
 * a quiet summary for the sidebar: synced N minutes ago, K changes
 * waiting, offline, N changes set aside, or the error's reason.  A server
 * that does not answer is normal: no dialog, the next attempt catches up.
 * A person's decisions about changes the server refused (retry, take the
 * team's copy, keep here only) run in the same worker, before its sync.
 */
#define G_LOG_DOMAIN "xj-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-application.h"
#include "xj-clock.h"
#include "xj-sync-monitor.h"
#include "xj-team-keyring.h"
#include "xj-team-laptop.h"
#include "xj-team-news.h"
#include "xj-notice.h"
#include "xj-team-probe.h"
#include "xj-team-set-aside.h"
#include "xj-team-sync.h"

#define SYNC_EVERY_SECONDS 300
/* Several changes in a row (an inspection signed and archived) make one sync. */
#define AFTER_CHANGE_MS 1500
#define SUMMARY_EVERY_SECONDS 30
/* Offline, the server is tried again after 10 s, then twice as long each
 * time, at most a minute: back, it gets the work made meanwhile. */
#define OFFLINE_FIRST_SECONDS 10
#define OFFLINE_MAX_SECONDS 60
#define ERRORS_KEPT 5

struct _XjSyncMonitor
{
  GObject       parent_instance;

  XjStore      *store;
  GApplication *application;      /* weak: held while a sync runs */
  GCancellable *cancellable;
  XjSyncState   state;
  char         *summary;
  char         *last_error;
  GPtrArray    *errors;           /* of char *, newest first, "time · reason" */
  guint         conflicts;
  guint         waiting;          /* changes not sent, as last read */
  guint         n_completed;      /* syncs finished, whatever their outcome */
  guint         n_notified;       /* notices announced on the desktop */
  guint         n_set_aside;      /* changes the server refused, as last read */
  GPtrArray    *set_aside;        /* of XjTeamSetAside, as the last sync left them */
  GArray       *decisions;        /* of Decision: for the next sync to carry out */
  gboolean      running;
  gboolean      again;            /* asked for while one ran */
  gboolean      announcing;       /* re-emitting what the worker changed */
  guint         periodic_id;
  guint         change_id;
  guint         summary_id;
  guint         offline_id;       /* the next try while offline */
  guint         offline_delay;    /* seconds until it */
};

G_DEFINE_FINAL_TYPE (XjSyncMonitor, xj_sync_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_SUMMARY,
  PROP_CONFLICTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a sync may have changed, told to the pages on the main store. */
/* What a pull writes (the pages showing them reload), and what every sync
 * changes (the outbox it drained, the time of the last sync). */
static const char *const record_tables[] = {
  "sites", "templates", "schedules", "inspections", "notices", "reports", "photos",
  "team_conflicts", NULL,
};
static const char *const team_tables[] = { "team_outbox", "team_settings", "team_set_aside", NULL };

typedef struct
{
  XjSyncDecision decision;
  gint64         id;
} Decision;

typedef struct
{
  char             *data_dir;
  char            **followed;     /* UUIDs of the sites the user follows */
  char             *me;           /* the user's name, as their notice steps record it */
  GArray           *decisions;    /* of Decision, carried out before the sync */
  XjTeamSyncResult  result;
  GPtrArray        *arrived;      /* of XjTeamArrival: notices that came with it */
  GPtrArray        *updates;      /* of XjTeamUpdate: steps and escalations that came */
  GPtrArray        *set_aside;    /* of XjTeamSetAside: what waits for a person after it */
} SyncJob;

static void
sync_job_free (SyncJob *job)
{
  g_free (job->data_dir);
  g_strfreev (job->followed);
  g_free (job->me);
  g_clear_pointer (&job->decisions, g_array_unref);
  g_clear_pointer (&job->arrived, g_ptr_array_unref);
  g_clear_pointer (&job->updates, g_ptr_array_unref);
  g_clear_pointer (&job->set_aside, g_ptr_array_unref);
  g_free (job);
}

/* --- helpers -------------------------------------------------------------- */

static void
set_summary (XjSyncMonitor *self,
             char          *summary)
{
  if (g_strcmp0 (summary, self->summary) == 0)
    {
      g_free (summary);
      return;
    }
  g_free (self->summary);
  self->summary = summary;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
set_state (XjSyncMonitor *self,
           XjSyncState    state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* The summary from the state and what the laptop knows (a one-row read). */
static void
update_summary (XjSyncMonitor *self)
{
  g_autoptr(XjTeamMembership) membership = xj_team_get_membership (self->store, NULL);
  guint waiting;

  if (membership == NULL || membership->server == NULL)
    {
      set_state (self, XJ_SYNC_STATE_NOT_JOINED);
      set_summary (self, g_strdup (""));
      return;
    }
  if (self->state == XJ_SYNC_STATE_NOT_JOINED)
    set_state (self, XJ_SYNC_STATE_IDLE);
  /* Changes set aside are a state of their own: the laptop and the team do
   * not agree until a person decides. */
  self->n_set_aside = (guint) membership->set_aside;
  if (self->state == XJ_SYNC_STATE_IDLE && self->n_set_aside > 0)
    set_state (self, XJ_SYNC_STATE_SET_ASIDE);
  else if (self->state == XJ_SYNC_STATE_SET_ASIDE && self->n_set_aside == 0)
    set_state (self, XJ_SYNC_STATE_IDLE);
  if (self->conflicts != (guint) membership->conflicts)
    {
      self->conflicts = (guint) membership->conflicts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
    }
  waiting = (guint) membership->changes_waiting;
  self->waiting = waiting;
  switch (self->state)
    {
    case XJ_SYNC_STATE_SYNCING:
      set_summary (self, g_strdup (_("Syncing…")));
      break;
    case XJ_SYNC_STATE_OFFLINE:
      set_summary (self, waiting == 0 ? g_strdup (_("Offline"))
                   : g_strdup_printf (g_dngettext (NULL, "Offline · %u change waiting",
                                                   "Offline · %u changes waiting", waiting),
                                      waiting));
      break;
    case XJ_SYNC_STATE_ERROR:
      set_summary (self, g_strdup_printf (_("Sync error: %s"), self->last_error));
      break;
    case XJ_SYNC_STATE_SET_ASIDE:
      set_summary (self, g_strdup_printf (g_dngettext (NULL, "%u change set aside",
                                                       "%u changes set aside",
                                                       self->n_set_aside),
                                          self->n_set_aside));
      break;
    case XJ_SYNC_STATE_IDLE:
    case XJ_SYNC_STATE_NOT_JOINED:
    default:
      if (waiting > 0)
        set_summary (self, g_strdup_printf (g_dngettext (NULL, "%u change waiting",
                                                         "%u changes waiting", waiting),
                                            waiting));
      else if (membership->last_sync_at > 0)
        {
          g_autofree char *ago = xj_format_ago (membership->last_sync_at, xj_clock_now ());

          set_summary (self, g_strdup_printf (_("Synced %s"), ago));
        }
      else
        set_summary (self, g_strdup (_("Not synced yet")));
      break;
    }
}

static void
remember_error (XjSyncMonitor *self,
                const GError  *error)
{
  g_autofree char *when = xj_format_local_minute (xj_clock_now ());
  g_autoptr(XjTeamMembership) membership = xj_team_get_membership (self->store, NULL);
  g_autofree char *refused = xj_team_refusal_explain (error, membership != NULL
                                                             ? membership->role : NULL);

  /* A refusal of the server's rules is said plainly, not as SQL. */
  g_free (self->last_error);
  self->last_error = refused != NULL
                     ? g_strdup (refused)
                     : g_strdup (xj_team_reach_describe (xj_team_reach_from_error (error)));
  if (refused != NULL)
    g_debug ("Refused by the server: %s", error->message);
  g_ptr_array_insert (self->errors, 0, g_strdup_printf ("%s · %s", when,
                                                        refused != NULL ? refused
                                                                        : error->message));
  if (self->errors->len > ERRORS_KEPT)
    g_ptr_array_set_size (self->errors, ERRORS_KEPT);
}

/* --- the worker ----------------------------------------------------------- */

/* Retries and records kept here only need no server: carried out first,
 * so that what they release goes with the sync even when it fails. */
static gboolean
decide_offline (XjStore  *store,
                GArray   *decisions,
                GError  **error)
{
  for (guint i = 0; i < decisions->len; i++)
    {
      Decision *decision = &g_array_index (decisions, Decision, i);

      if ((decision->decision == XJ_SYNC_RETRY
           && !xj_team_set_aside_retry (store, decision->id, error))
          || (decision->decision == XJ_SYNC_KEEP_LOCAL
              && !xj_team_set_aside_keep_local (store, decision->id, error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
take_theirs (XjStore           *store,
             XjTeamConnection  *connection,
             GArray            *decisions,
             GError           **error)
{
  for (guint i = 0; i < decisions->len; i++)
    {
      Decision *decision = &g_array_index (decisions, Decision, i);

      if (decision->decision == XJ_SYNC_TAKE_THEIRS
          && !xj_team_set_aside_take_theirs (store, connection, decision->id, error))
        return FALSE;
    }
  return TRUE;
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SyncJob *job = task_data;
  g_autoptr(XjStore) store = NULL;
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autoptr(XjTeamConnection) connection = NULL;
  g_autoptr(XjTeamNoticeWatch) watch = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last_notice;

  if ((store = xj_store_open (job->data_dir, XJ_STORE_OPEN_DEFAULT, &error)) == NULL
      || (membership = xj_team_get_joined_membership (store, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!decide_offline (store, job->decisions, &error)
      || (last_notice = xj_team_get_last_notice_id (store, &error)) < 0
      || (watch = xj_team_watch_notices (store, &error)) == NULL
      || (connection = xj_team_connect_member (membership->server, membership->user, NULL,
                                               &error)) == NULL
      || !take_theirs (store, connection, job->decisions, &error)
      || !xj_team_sync (store, connection, cancellable, &job->result, &error)
      || (job->arrived = xj_team_list_arrived_notices (store, last_notice,
                                                             (const char *const *) job->followed,
                                                             &error)) == NULL
      || (job->updates = xj_team_list_notice_updates (store, watch, last_notice,
                                                      (const char *const *) job->followed,
                                                      job->me, &error)) == NULL
      || (job->set_aside = xj_team_list_set_aside (store, &error)) == NULL)
    {
      /* What a decision changed shows even when the server is away. */
      if (job->set_aside == NULL)
        job->set_aside = xj_team_list_set_aside (store, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void start_sync (XjSyncMonitor *self);

/* One line of a notification about a notice that moved on. */
static void
append_update (GString      *body,
               XjTeamUpdate *update)
{
  XjNoticeState state;

  g_string_append_printf (body, "%s%s · %s", body->len > 0 ? "\n" : "", update->number,
                          update->site);
  if (update->to_state != NULL && xj_notice_state_from_string (update->to_state, &state))
    /* Translators: a notice's new state, and who made the step */
    g_string_append_printf (body, _(": %s (%s)"), xj_notice_state_get_label (state),
                            update->actor);
  if (update->escalated)
    g_string_append_printf (body, " · %s", C_("notice flag", "escalated"));
  if (update->followed)
    g_string_append_printf (body, " · %s", _("a site you follow"));
}

/* What came from the team about notices, on the desktop: one notification
 * a sync, however many notices came or moved on (the first few named),
 * which opens the notice (or the board when there are several). */
static void
announce_notices (XjSyncMonitor *self,
                  GPtrArray     *arrived,
                  GPtrArray     *updates)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  guint n_arrived = arrived != NULL ? arrived->len : 0;
  guint n_updates = updates != NULL ? updates->len : 0;
  guint total = n_arrived + n_updates;
  const char *title;
  g_autofree char *counted = NULL;
  g_autofree char *more = NULL;
  gint64 only = 0;

  if (total == 0)
    return;
  if (n_updates == 0)
    title = n_arrived == 1 ? _("A notice came from the team") : _("Notices came from the team");
  else if (n_arrived == 0)
    title = counted = n_updates == 1
                      ? g_strdup (_("A notice moved on in the team"))
                      : g_strdup_printf (g_dngettext (NULL, "%u notice moved on in the team",
                                                      "%u notices moved on in the team",
                                                      n_updates), n_updates);
  else
    title = _("News of notices from the team");
  notification = g_notification_new (title);
  for (guint i = 0; i < total && i < 5; i++)
    {
      if (i < n_arrived)
        {
          XjTeamArrival *arrival = g_ptr_array_index (arrived, i);

          g_string_append_printf (body, "%s%s · %s", i > 0 ? "\n" : "", arrival->number,
                                  arrival->site);
          if (arrival->followed)
            g_string_append_printf (body, " · %s", _("a site you follow"));
          only = arrival->id;
        }
      else
        {
          XjTeamUpdate *update = g_ptr_array_index (updates, i - n_arrived);

          append_update (body, update);
          only = update->id;
        }
    }
  if (total > 5)
    g_string_append_printf (body, "\n%s", more = g_strdup_printf (
                              g_dngettext (NULL, "…and %u more", "…and %u more", total - 5),
                              total - 5));
  g_notification_set_body (notification, body->str);
  g_notification_set_default_action_and_target (notification, "app.show-notice", "x",
                                                total == 1 ? only : (gint64) 0);
  g_application_send_notification (self->application, "team-notices", notification);
  self->n_notified += total;
}

static gboolean
on_offline_cb (gpointer data)
{
  XjSyncMonitor *self = data;

  self->offline_id = 0;
  start_sync (self);
  return G_SOURCE_REMOVE;
}

/* After a sync: offline, the next try is scheduled; else the waits restart. */
static void
retry_while_offline (XjSyncMonitor *self)
{
  if (self->state != XJ_SYNC_STATE_OFFLINE)
    {
      g_clear_handle_id (&self->offline_id, g_source_remove);
      self->offline_delay = 0;
      return;
    }
  if (self->offline_id != 0 || self->cancellable == NULL)
    return;
  self->offline_delay = self->offline_delay == 0
                        ? OFFLINE_FIRST_SECONDS
                        : MIN (self->offline_delay * 2, OFFLINE_MAX_SECONDS);
  self->offline_id = g_timeout_add_seconds (self->offline_delay, on_offline_cb, self);
}

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  XjSyncMonitor *self = XJ_SYNC_MONITOR (object);
  SyncJob *job = g_task_get_task_data (G_TASK (result));
  const XjTeamSyncResult *moved = &job->result;
  /* Counted batch by batch, so also what a sync that failed half way took in. */
  gboolean took_in = moved->pulled > 0 || moved->conflicts_found > 0;
  g_autoptr(GError) error = NULL;

  self->running = FALSE;
  g_application_release (self->application);
  if (job->set_aside != NULL)
    {
      g_clear_pointer (&self->set_aside, g_ptr_array_unref);
      self->set_aside = g_steal_pointer (&job->set_aside);
    }
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      set_state (self, self->set_aside->len > 0 ? XJ_SYNC_STATE_SET_ASIDE : XJ_SYNC_STATE_IDLE);
      announce_notices (self, job->arrived, job->updates);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else if (g_error_matches (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NOT_JOINED))
    set_state (self, XJ_SYNC_STATE_NOT_JOINED);
  else
    {
      g_debug ("Sync failed: %s", error->message);
      remember_error (self, error);
      set_state (self, g_error_matches (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_CONNECT)
                       ? XJ_SYNC_STATE_OFFLINE : XJ_SYNC_STATE_ERROR);
    }
  retry_while_offline (self);
  self->n_completed++;

  /* The worker wrote through its own connection: the pages hear of it
   * from the main store, without that starting another sync.  Only what
   * a pull brought reloads the pages: a sync every five minutes that
   * only pushed, or found the server away, leaves them as they are. */
  self->announcing = TRUE;
  for (guint i = 0; took_in && record_tables[i] != NULL; i++)
    xj_store_emit_changed (self->store, record_tables[i]);
  for (guint i = 0; team_tables[i] != NULL; i++)
    xj_store_emit_changed (self->store, team_tables[i]);
  self->announcing = FALSE;
  update_summary (self);

  if (self->again)
    {
      self->again = FALSE;
      start_sync (self);
    }
}

static void
start_sync (XjSyncMonitor *self)
{
  g_autoptr(GTask) task = NULL;
  SyncJob *job;

  if (self->cancellable == NULL)
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  update_summary (self);
  if (self->state == XJ_SYNC_STATE_NOT_JOINED)
    return;
  job = g_new0 (SyncJob, 1);
  job->data_dir = g_strdup (xj_store_get_data_dir (self->store));
  job->followed = g_settings_get_strv (xj_application_get_settings (XJ_APPLICATION (self->application)),
                                       "followed-sites");
  job->me = xj_application_dup_actor (XJ_APPLICATION (self->application));
  job->decisions = g_steal_pointer (&self->decisions);
  self->decisions = g_array_new (FALSE, FALSE, sizeof (Decision));
  task = g_task_new (self, self->cancellable, on_sync_done_cb, NULL);
  g_task_set_source_tag (task, start_sync);
  g_task_set_task_data (task, job, (GDestroyNotify) sync_job_free);
  self->running = TRUE;
  /* Quitting during a sync: the window goes at once, the process when the
   * worker is back (cancelled between batches), never under its feet. */
  g_application_hold (self->application);
  set_state (self, XJ_SYNC_STATE_SYNCING);
  update_summary (self);
  g_task_run_in_thread (task, sync_thread);
}

/* --- callbacks ------------------------------------------------------------ */

static gboolean
on_periodic_cb (gpointer data)
{
  start_sync (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_after_change_cb (gpointer data)
{
  XjSyncMonitor *self = data;

  self->change_id = 0;
  start_sync (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_summary_cb (gpointer data)
{
  update_summary (data);
  return G_SOURCE_CONTINUE;
}

/* Inspections completed or signed and notice steps are what the team
 * waits for; joining or leaving changes what the sidebar says. */
static void
on_store_changed_cb (XjStore       *store,
                     const char    *table,
                     XjSyncMonitor *self)
{
  if (self->announcing)
    return;
  if (g_strcmp0 (table, "team_settings") == 0 || g_strcmp0 (table, "team_conflicts") == 0)
    {
      update_summary (self);
      return;
    }
  if (self->state == XJ_SYNC_STATE_NOT_JOINED)
    return;
  if (g_strcmp0 (table, "inspections") == 0 || g_strcmp0 (table, "signatures") == 0
      || g_strcmp0 (table, "reports") == 0 || g_strcmp0 (table, "notices") == 0
      || g_strcmp0 (table, "notice_events") == 0)
    {
      update_summary (self);
      g_clear_handle_id (&self->change_id, g_source_remove);
      self->change_id = g_timeout_add (AFTER_CHANGE_MS, on_after_change_cb, self);
    }
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_sync_monitor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  XjSyncMonitor *self = XJ_SYNC_MONITOR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xj_sync_monitor_dispose (GObject *object)
{
  XjSyncMonitor *self = XJ_SYNC_MONITOR (object);

  xj_sync_monitor_stop (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xj_sync_monitor_parent_class)->dispose (object);
}

static void
xj_sync_monitor_finalize (GObject *object)
{
  XjSyncMonitor *self = XJ_SYNC_MONITOR (object);

  g_free (self->summary);
  g_free (self->last_error);
  g_ptr_array_unref (self->errors);
  g_clear_pointer (&self->set_aside, g_ptr_array_unref);
  g_array_unref (self->decisions);

  G_OBJECT_CLASS (xj_sync_monitor_parent_class)->finalize (object);
}

static void
xj_sync_monitor_class_init (XjSyncMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = xj_sync_monitor_get_property;
  object_class->dispose = xj_sync_monitor_dispose;
  object_class->finalize = xj_sync_monitor_finalize;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, XJ_SYNC_STATE_NOT_JOINED, XJ_SYNC_STATE_SET_ASIDE,
                      XJ_SYNC_STATE_NOT_JOINED, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                      | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICTS] =
    g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE
                       | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xj_sync_monitor_init (XjSyncMonitor *self)
{
  self->summary = g_strdup ("");
  self->errors = g_ptr_array_new_with_free_func (g_free);
  self->set_aside = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_team_set_aside_free);
  self->decisions = g_array_new (FALSE, FALSE, sizeof (Decision));
  self->cancellable = g_cancellable_new ();
}

/* --- public API ----------------------------------------------------------- */

/* Starts watching @store; the first sync runs a moment later.
 * @application is held while a sync runs. */
XjSyncMonitor *
xj_sync_monitor_new (XjStore      *store,
                     GApplication *application)
{
  XjSyncMonitor *self = g_object_new (XJ_TYPE_SYNC_MONITOR, NULL);

  self->store = g_object_ref (store);
  self->application = application;
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  self->periodic_id = g_timeout_add_seconds (SYNC_EVERY_SECONDS, on_periodic_cb, self);
  self->summary_id = g_timeout_add_seconds (SUMMARY_EVERY_SECONDS, on_summary_cb, self);
  self->change_id = g_timeout_add (AFTER_CHANGE_MS, on_after_change_cb, self);
  update_summary (self);
  return self;
}

void
xj_sync_monitor_sync_now (XjSyncMonitor *self)
{
  g_return_if_fail (XJ_IS_SYNC_MONITOR (self));

  start_sync (self);
}

/* No more syncs; the one running is cancelled between batches. */
void
xj_sync_monitor_stop (XjSyncMonitor *self)
{
  g_return_if_fail (XJ_IS_SYNC_MONITOR (self));

  g_clear_handle_id (&self->periodic_id, g_source_remove);
  g_clear_handle_id (&self->change_id, g_source_remove);
  g_clear_handle_id (&self->summary_id, g_source_remove);
  g_clear_handle_id (&self->offline_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

XjSyncState
xj_sync_monitor_get_state (XjSyncMonitor *self)
{
  g_return_val_if_fail (XJ_IS_SYNC_MONITOR (self), XJ_SYNC_STATE_NOT_JOINED);

  return self->state;
}

const char *
xj_sync_monitor_get_summary (XjSyncMonitor *self)
{
  g_return_val_if_fail (XJ_IS_SYNC_MONITOR (self), NULL);

  return self->summary;
}

const char *
xj_sync_monitor_get_last_error (XjSyncMonitor *self)
{
  g_return_val_if_fail (XJ_IS_SYNC_MONITOR (self), NULL);

  return self->last_error;
}

/* Returns: (transfer none) (element-type utf8): the last errors, newest first */
GPtrArray *
xj_sync_monitor_get_errors (XjSyncMonitor *self)
{
  g_return_val_if_fail (XJ_IS_SYNC_MONITOR (self), NULL);

  return self->errors;
}

guint
xj_sync_monitor_get_conflicts (XjSyncMonitor *self)
{
  g_return_val_if_fail (XJ_IS_SYNC_MONITOR (self), 0);

  return self->conflicts;
}

/* Changes made here not on the server yet, as the summary last read them. */
guint
xj_sync_monitor_get_changes_waiting (XjSyncMonitor *self)
{
  g_return_val_if_fail (XJ_IS_SYNC_MONITOR (self), 0);

  return self->waiting;
}

guint
xj_sync_monitor_get_n_completed (XjSyncMonitor *self)
{
  g_return_val_if_fail (XJ_IS_SYNC_MONITOR (self), 0);

  return self->n_completed;
}

/* Notices announced on the desktop since the start. */
guint
xj_sync_monitor_get_n_notified (XjSyncMonitor *self)
{
  g_return_val_if_fail (XJ_IS_SYNC_MONITOR (self), 0);

  return self->n_notified;
}

gboolean
xj_sync_monitor_is_running (XjSyncMonitor *self)
{
  g_return_val_if_fail (XJ_IS_SYNC_MONITOR (self), FALSE);

  return self->running;
}

/* Returns: (transfer none) (element-type XjTeamSetAside): the changes the
 * server refused, as the last sync left them */
GPtrArray *
xj_sync_monitor_get_set_aside (XjSyncMonitor *self)
{
  g_return_val_if_fail (XJ_IS_SYNC_MONITOR (self), NULL);

  return self->set_aside;
}

/* A person's decision about the change set aside as @id (0 with
 * XJ_SYNC_RETRY: every one): carried out in the worker, then a sync. */
void
xj_sync_monitor_decide (XjSyncMonitor  *self,
                        XjSyncDecision  decision,
                        gint64          id)
{
  Decision made = { decision, id };

  g_return_if_fail (XJ_IS_SYNC_MONITOR (self));

  g_array_append_val (self->decisions, made);
  start_sync (self);
}
