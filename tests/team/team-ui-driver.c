/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The team in the app, on real widgets against the real throwaway server
 * that test-team-ui.sh starts: the application runs on a data folder the
 * script prepared (XJ_TEAM_DATA_DIR), and one step of the scenario named
 * on the command line is driven through the widgets' actions.  The script
 * checks the data folders and the server between the steps.
 *
 * Environment: XJ_TEAM_HOST (the server's socket folder), XJ_TEAM_DB,
 * XJ_TEAM_USER, XJ_TEAM_PASSWORD.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "xj-inspection.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-store.h"
#include "xj-notices-page.h"
#include "xj-inspection-summary.h"
#include "xj-inspections-page.h"
#include "xj-list-row.h"
#include "xj-preferences-window.h"
#include "xj-runner.h"
#include "xj-conflicts-page.h"
#include "xj-site.h"
#include "xj-clock.h"
#include "xj-sync-monitor.h"
#include "xj-sync-status.h"
#include "xj-template-store.h"
#include "xj-team-laptop.h"
#include "xj-team-page.h"
#include "xj-team-probe.h"
#include "xj-test-app.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"

#include "team-ui-driver.h"

const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    g_error ("%s is not set: run this through test-team-ui.sh", name);
  return value;
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_strdup (env ("XJ_TEAM_DATA_DIR"));
  xj_test_app_start (XJ_TEST_APP (f));
  /* Screenshots show the whole screen (Xvfb has no window manager to
   * maximise). */
  if (g_getenv ("XJ_TEAM_SHOT_DIR") != NULL)
    {
      g_settings_set_int (f->settings, "window-width", 1366);
      g_settings_set_int (f->settings, "window-height", 768);
    }
  xj_test_app_show (XJ_TEST_APP (f), "today");
}

/* The data folder belongs to the script: it stays. */
void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  XjSyncMonitor *sync = xj_application_get_sync_monitor (f->app);

  /* The process ends only once a sync in flight is back (the application
   * holds itself meanwhile; a test has no g_application_run to wait), and
   * none starts after (a timer of the monitor's firing during the stop
   * left a worker in libpq while the process exited). */
  if (sync != NULL)
    {
      xj_sync_monitor_stop (sync);
      xj_test_wait_until_ms (!xj_sync_monitor_is_running (sync), NETWORK_WAIT_MS);
    }
  xj_test_app_stop (XJ_TEST_APP (f));
  g_clear_pointer (&f->dir, g_free);
}

XjTeamPage *
open_team_page (Fixture *f)
{
  GtkWindow *prefs;
  GtkWidget *page;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  xj_test_wait_until ((prefs = xj_test_find_window (XJ_TYPE_PREFERENCES_WINDOW)) != NULL);
  page = xj_test_find_by_type (GTK_WIDGET (prefs), XJ_TYPE_TEAM_PAGE);
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                           ADW_PREFERENCES_PAGE (page));
  xj_test_iterate (50);
  return XJ_TEAM_PAGE (page);
}

void
type_into (XjTeamPage *page,
           const char *row_id,
           const char *text)
{
  GtkWidget *row = xj_test_find_widget (GTK_WIDGET (page), row_id);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static const char *
answer (XjTeamPage *page)
{
  GtkWidget *row = xj_test_find_widget (GTK_WIDGET (page), "answer_row");

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* A button of the page is sensitive again once its worker is back. */
static gboolean
button_enabled (GtkWidget  *page,
                const char *button_id)
{
  return gtk_widget_is_sensitive (xj_test_find_widget (page, button_id));
}

/* Tests the connection with @password and waits for the answer. */
static char *
test_connection (XjTeamPage *page,
                 const char *password)
{
  type_into (page, "password_row", password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "team.test", NULL));
  xj_test_wait_until_ms (button_enabled (GTK_WIDGET (page), "test_button"), NETWORK_WAIT_MS);
  return g_strdup (answer (page));
}

XjTeamMembership *
membership (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  XjTeamMembership *found = xj_team_get_membership (f->store, &error);

  g_assert_no_error (error);
  return found;
}

gboolean
joined (Fixture *f)
{
  g_autoptr(XjTeamMembership) found = membership (f);

  return found->server != NULL;
}

/* Under a Chinese locale every label reads Chinese, but for the data the
 * user typed (the server's address, the user name). */
static void
assert_translated_but (GtkWidget        *root,
                       XjTeamMembership *typed)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *address = xj_team_conninfo_describe (typed->server);

  xj_test_collect_untranslated (root, found);
  for (guint i = 0; i < found->len; i++)
    {
      const char *text = g_ptr_array_index (found, i);

      if (strstr (text, typed->server) == NULL && strstr (text, address) == NULL
          && strstr (text, typed->user) == NULL)
        g_error ("Not translated: %s", text);
    }
}

/* Preferences -> Team: the server's fields, a wrong password answered
 * plainly, the right one answered with the role, then Join. */
static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  XjTeamPage *page = open_team_page (f);
  g_autofree char *wrong = NULL;
  g_autofree char *right = NULL;
  g_autofree char *no_route = NULL;
  g_autofree char *no_database = NULL;
  g_autofree char *with_port = NULL;
  g_autofree char *server = NULL;
  g_autofree char *expected = g_strdup_printf (_("Reached as %s"), _("Inspector"));
  g_autoptr(XjTeamMembership) found = NULL;

  g_assert_false (joined (f));
  type_into (page, "host_row", "/nonexistent-socket-folder");
  type_into (page, "database_row", env ("XJ_TEAM_DB"));
  type_into (page, "user_row", env ("XJ_TEAM_USER"));
  no_route = test_connection (page, "whatever");
  g_assert_cmpstr (no_route, ==, _("No server answers at this address"));

  /* A database mistyped (or left empty: libpq then takes the user's
   * name) is said to be one, not a wrong password (issue 12: a person
   * retyped a right password). */
  type_into (page, "host_row", env ("XJ_TEAM_HOST"));
  type_into (page, "database_row", "tema");
  no_database = test_connection (page, env ("XJ_TEAM_PASSWORD"));
  g_assert_cmpstr (no_database, ==, xj_team_reach_describe (XJ_TEAM_REACH_NO_DATABASE));
  type_into (page, "database_row", "");
  g_free (no_database);
  no_database = test_connection (page, env ("XJ_TEAM_PASSWORD"));
  g_assert_cmpstr (no_database, ==, xj_team_reach_describe (XJ_TEAM_REACH_NO_DATABASE));
  shoot (f, "prefs-team-no-database.png");
  /* The address as people write it, "host:port", pasted with a space. */
  type_into (page, "database_row", env ("XJ_TEAM_DB"));
  with_port = g_strdup_printf (" %s:5432 ", env ("XJ_TEAM_HOST"));
  type_into (page, "host_row", with_port);
  right = test_connection (page, env ("XJ_TEAM_PASSWORD"));
  g_assert_cmpstr (right, ==, expected);
  g_clear_pointer (&right, g_free);

  type_into (page, "host_row", env ("XJ_TEAM_HOST"));
  wrong = test_connection (page, "not-the-password");
  g_assert_cmpstr (wrong, ==, _("Wrong user name or password"));

  right = test_connection (page, env ("XJ_TEAM_PASSWORD"));
  g_assert_cmpstr (right, ==, expected);
  shoot (f, "prefs-team-reached.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "team.join", NULL));
  xj_test_wait_until_ms (joined (f), NETWORK_WAIT_MS);
  found = membership (f);
  g_assert_cmpstr (found->user, ==, env ("XJ_TEAM_USER"));
  g_assert_cmpstr (found->role, ==, "inspector");
  /* The page turns into the membership: role shown, the form gone. */
  xj_test_wait_until (gtk_widget_get_visible (xj_test_find_widget (GTK_WIDGET (page),
                                                                   "member_group")));
  g_assert_false (gtk_widget_get_visible (xj_test_find_widget (GTK_WIDGET (page),
                                                               "server_group")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (
                      ADW_ACTION_ROW (xj_test_find_widget (GTK_WIDGET (page), "role_row"))),
                    _("Inspector")));
  /* The server as typed, not as libpq's keywords ("dbname='team' host=…"). */
  server = g_strdup_printf ("%s · %s", env ("XJ_TEAM_HOST"), env ("XJ_TEAM_DB"));
  g_assert_cmpstr (adw_action_row_get_subtitle (
                     ADW_ACTION_ROW (xj_test_find_widget (GTK_WIDGET (page), "server_row"))),
                   ==, server);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (page),
                                                                             "password_row"))),
                   ==, "");
  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN"))
    assert_translated_but (GTK_WIDGET (page), found);
  shoot (f, "prefs-team-joined.png");
}

/* --- syncing ------------------------------------------------------------- */

XjSyncMonitor *
monitor (Fixture *f)
{
  XjSyncMonitor *found = xj_application_get_sync_monitor (f->app);

  g_assert_nonnull (found);
  return found;
}

guint
changes_waiting (Fixture *f)
{
  g_autoptr(XjTeamMembership) found = membership (f);

  return (guint) found->changes_waiting;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Sync Now (the app action that Ctrl+Shift+S and the buttons activate),
 * then waits for that sync to end; returns the state it ended in.  The
 * action returns at once: the window never waits for the network. */
XjSyncState
sync_now (Fixture *f)
{
  XjSyncMonitor *sync = monitor (f);
  guint before;
  gint64 started;

  /* One already running (the one at start) is waited for first. */
  xj_test_wait_until_ms (!xj_sync_monitor_is_running (sync), NETWORK_WAIT_MS);
  before = xj_sync_monitor_get_n_completed (sync);
  started = g_get_monotonic_time ();
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "sync-now", NULL);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 100 * G_TIME_SPAN_MILLISECOND);
  /* A sync asked for meanwhile (a change just made) runs right after. */
  xj_test_wait_until_ms (xj_sync_monitor_get_n_completed (sync) > before
                         && !xj_sync_monitor_is_running (sync), NETWORK_WAIT_MS);
  if (xj_sync_monitor_get_errors (sync)->len > 0)
    g_test_message ("Last sync error: %s",
                    (const char *) g_ptr_array_index (xj_sync_monitor_get_errors (sync), 0));
  return xj_sync_monitor_get_state (sync);
}

const char *
status_text (Fixture *f)
{
  GtkWidget *status = xj_test_find_by_type (GTK_WIDGET (f->window), XJ_TYPE_SYNC_STATUS);
  GtkWidget *label;

  g_assert_nonnull (status);
  label = xj_test_find_widget (status, "summary_label");
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The status icon's name, and in @label the words said for it. */
const char *
status_icon (Fixture     *f,
             const char **label)
{
  GtkWidget *status = xj_test_find_by_type (GTK_WIDGET (f->window), XJ_TYPE_SYNC_STATUS);
  GtkWidget *icon = xj_test_find_widget (status, "icon");

  if (label != NULL)
    *label = gtk_widget_get_tooltip_text (icon);
  return gtk_image_get_icon_name (GTK_IMAGE (icon));
}

/* The status's details (its popover), open on the screen. */
GtkWidget *
open_status_details (Fixture *f)
{
  GtkWidget *button = xj_test_find_widget (xj_test_find_by_type (GTK_WIDGET (f->window),
                                                                 XJ_TYPE_SYNC_STATUS), "button");
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  xj_test_wait_until (gtk_widget_get_mapped (popover));
  return popover;
}

/* The status's details on the screen, shot as @name. */
void
shoot_status_details (Fixture    *f,
                      const char *name)
{
  GtkWidget *popover = open_status_details (f);

  shoot (f, name);
  gtk_popover_popdown (GTK_POPOVER (popover));
}

/* No dialog: only the main window is on screen. */
guint
count_visible_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint visible = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      visible += gtk_widget_get_visible (window);
    }
  return visible;
}

/* Screenshots for a person to look at, when the script asks for them. */
void
shoot (Fixture    *f,
       const char *name)
{
  const char *dir = g_getenv ("XJ_TEAM_SHOT_DIR");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;
  xj_test_iterate (500);
  path = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s", path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
}

static gint64
builtin_template (XjStore *store)
{
  g_autoptr(GPtrArray) list = xj_store_list_templates (store, FALSE, NULL);

  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, >, 0);
  return ((XjTemplateSummary *) g_ptr_array_index (list, 0))->id;
}

/* An inspection of @site_name answered and completed on this laptop, as
 * the runner does it, through the store of the running application. */
static void
complete_inspection (Fixture    *f,
                     const char *site_name)
{
  g_autoptr(XjSite) site = xj_site_new (site_name, XJ_SITE_KIND_ESTATE);
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(GError) error = NULL;
  XjInspectionStart fields = { 0 };
  gint64 id;

  g_assert_true (xj_store_save_site (f->store, site, "张伟", &error));
  g_assert_no_error (error);
  fields.site_id = xj_site_get_id (site);
  fields.template_id = builtin_template (f->store);
  fields.kind = "daily";
  fields.inspector = "张伟";
  fields.rep_name = "李强";
  fields.rep_company = "绿城物业";
  id = xj_store_start_inspection (f->store, &fields, &error);
  g_assert_no_error (error);
  tmpl = xj_store_load_inspection_template (f->store, id, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          g_assert_true (xj_store_set_answer (f->store, id, item,
                                              item->type == XJ_RESPONSE_PASS_FAIL ? "pass" : "na",
                                              &error));
        }
    }
  g_assert_true (xj_store_complete_inspection (f->store, id, "张伟", &error));
  g_assert_no_error (error);
}

/* Laptop A: an inspection completed goes to the team by itself (the sync
 * after a completed inspection), and the status says synced. */
static void
test_complete (Fixture       *f,
               gconstpointer  data)
{
  XjSyncMonitor *sync = monitor (f);
  const char *label;
  guint before;

  g_assert_true (joined (f));
  xj_test_wait_until_ms (!xj_sync_monitor_is_running (sync), NETWORK_WAIT_MS);
  before = xj_sync_monitor_get_n_completed (sync);
  complete_inspection (f, env ("XJ_TEAM_SITE"));
  xj_test_wait_until_ms (xj_sync_monitor_get_n_completed (sync) > before
                         && !xj_sync_monitor_is_running (sync), NETWORK_WAIT_MS);
  g_assert_cmpint (xj_sync_monitor_get_state (sync), ==, XJ_SYNC_STATE_IDLE);
  xj_test_wait_until_ms (changes_waiting (f) == 0 || (sync_now (f), FALSE), NETWORK_WAIT_MS);
  g_assert_cmpstr (status_text (f), ==, xj_sync_monitor_get_summary (sync));
  g_assert_cmpstr (status_icon (f, &label), ==, "emblem-ok-symbolic");
  g_assert_cmpstr (label, ==, _("Synced"));
  shoot (f, "status-synced.png");
  shoot_status_details (f, "status-details.png");
}

/* A list row (an AdwActionRow, or the long lists' XjListRow) on screen
 * whose subtitle mentions @text. */
static gboolean
subtitle_shows (GtkWidget  *root,
                const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return FALSE;
  if (ADW_IS_ACTION_ROW (root) && adw_action_row_get_subtitle (ADW_ACTION_ROW (root)) != NULL
      && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (root)), text) != NULL)
    return TRUE;
  if (XJ_IS_LIST_ROW (root) && strstr (xj_list_row_get_subtitle (XJ_LIST_ROW (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (subtitle_shows (child, text))
      return TRUE;
  return FALSE;
}

/* A filter drop-down by its tooltip (its accessible label). */
static GtkWidget *
find_dropdown (GtkWidget  *root,
               const char *tooltip)
{
  if (GTK_IS_DROP_DOWN (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_dropdown (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Laptop B: after Sync Now, the inspection laptop A completed is in the
 * Inspections list. */
static void
test_arrives (Fixture       *f,
              gconstpointer  data)
{
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GError) error = NULL;
  GtkDropDown *whose;
  GtkWidget *page;
  GtkWidget *runner;
  GtkWidget *bar;
  GtkWindow *summary;

  g_assert_cmpint (sync_now (f), ==, XJ_SYNC_STATE_IDLE);
  xj_window_show_area (f->window, "inspections");
  page = xj_window_get_area (f->window, "inspections");
  xj_test_wait_until_ms (xj_test_label_shown (page, env ("XJ_TEAM_SITE")), NETWORK_WAIT_MS);
  xj_test_wait_until (subtitle_shows (page, "zhang"));
  shoot (f, "team-inspection-list.png");

  /* Mine / Team: the colleague's inspection is the team's, not mine. */
  whose = GTK_DROP_DOWN (find_dropdown (page, _("Whose")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (whose)));
  gtk_drop_down_set_selected (whose, XJ_INSPECTION_WHOSE_MINE);
  xj_test_wait_until_ms (!subtitle_shows (page, "zhang"), NETWORK_WAIT_MS);
  gtk_drop_down_set_selected (whose, XJ_INSPECTION_WHOSE_TEAM);
  xj_test_wait_until_ms (subtitle_shows (page, "zhang"), NETWORK_WAIT_MS);

  /* Opened, it is read-only with a banner that says whose it is. */
  filter.whose = XJ_INSPECTION_WHOSE_TEAM;
  team = xj_store_list_inspections (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (team->len, ==, 1);
  g_assert_true (xj_window_open_inspection (f->window,
                                            ((XjInspection *) g_ptr_array_index (team, 0))->id));
  runner = xj_window_get_runner (f->window);
  g_assert_true (xj_runner_get_read_only (XJ_RUNNER (runner)));
  bar = xj_test_find_widget (runner, "read_only_bar");
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (bar)), "zhang"));
  /* Theirs to sign, not this laptop's. */
  g_assert_false (gtk_widget_get_visible (xj_test_find_widget (runner, "sign_button")));
  shoot (f, "team-inspection-readonly.png");
  /* Its summary offers no Sign… either (issue 12: a liaison found it
   * there, suggested, and it did nothing). */
  g_assert_true (gtk_widget_activate_action (runner, "runner.summary", NULL));
  xj_test_wait_until ((summary = xj_test_find_window (XJ_TYPE_INSPECTION_SUMMARY)) != NULL);
  g_assert_false (gtk_widget_get_visible (xj_test_find_widget (GTK_WIDGET (summary),
                                                               "sign_button")));
  shoot (f, "team-inspection-readonly-summary.png");
  gtk_window_close (summary);
  xj_test_wait_until (xj_test_find_window (XJ_TYPE_INSPECTION_SUMMARY) == NULL);
  xj_window_close_inspection (f->window);
  xj_window_show_area (f->window, "conflicts");
  shoot (f, "conflicts-empty.png");
}

/* Clicks @button_label on the one conflict the page shows, then the
 * decision goes to the team with the sync the click started. */
static void
decide_conflict (Fixture    *f,
                 GtkWidget  *page,
                 const char *button_label)
{
  GtkWidget *keep;

  /* The list is read again after each sync: click on the one on screen
   * once no sync is running and it is read. */
  xj_test_wait_until_ms (!xj_sync_monitor_is_running (monitor (f))
                         && xj_conflicts_page_get_count (XJ_CONFLICTS_PAGE (page)) == 1,
                         NETWORK_WAIT_MS);
  xj_test_iterate (200);
  keep = xj_test_find_button (page, button_label);
  g_assert_nonnull (keep);
  g_assert_true (gtk_widget_activate (keep));
  xj_test_wait_until_ms (xj_conflicts_page_get_count (XJ_CONFLICTS_PAGE (page)) == 0,
                         NETWORK_WAIT_MS);
  g_assert_cmpint (sync_now (f), ==, XJ_SYNC_STATE_IDLE);
  g_assert_cmpuint (changes_waiting (f), ==, 0);
  g_assert_cmpuint (xj_sync_monitor_get_conflicts (monitor (f)), ==, 0);
}

/* The script changed the same field on both laptops and synced the other
 * one: this laptop's sync finds the conflict, the Conflicts page shows it
 * with both values, and Keep Mine decides it and syncs. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *keep;
  GtkListBox *list;
  GtkListBoxRow *row;
  guint built;
  guint reads;
  gulong handler;
  int status;

  g_assert_cmpint (sync_now (f), ==, XJ_SYNC_STATE_IDLE);
  xj_test_wait_until (xj_sync_monitor_get_conflicts (monitor (f)) == 1);
  xj_window_show_area (f->window, "conflicts");
  page = xj_window_get_area (f->window, "conflicts");
  xj_test_wait_until_ms (xj_test_label_shown (page, env ("XJ_TEAM_MINE"))
                         && xj_test_label_shown (page, env ("XJ_TEAM_THEIRS")), NETWORK_WAIT_MS);
  shoot (f, "conflicts-page.png");
  /* The list is read again after each sync: click on the one on screen
   * once no sync is running and it is read. */
  xj_test_wait_until_ms (!xj_sync_monitor_is_running (monitor (f))
                         && xj_conflicts_page_get_count (XJ_CONFLICTS_PAGE (page)) == 1,
                         NETWORK_WAIT_MS);
  xj_test_iterate (200);

  /* A colleague's change that is no conflict arrives: the list is read
   * again, and its row, selected, stays as it was (nothing rebuilt). */
  list = GTK_LIST_BOX (xj_test_find_widget (page, "list"));
  row = gtk_list_box_get_row_at_index (list, 0);
  gtk_list_box_select_row (list, row);
  built = xj_conflicts_page_get_n_rows_built (XJ_CONFLICTS_PAGE (page));
  g_assert_true (g_spawn_command_line_sync (env ("XJ_TEAM_COLLEAGUE_CHANGE"), NULL, NULL,
                                            &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  reads = 0;
  handler = g_signal_connect_swapped (f->store, "changed::team_conflicts",
                                      G_CALLBACK (count_cb), &reads);
  g_assert_cmpint (sync_now (f), ==, XJ_SYNC_STATE_IDLE);
  g_signal_handler_disconnect (f->store, handler);
  g_assert_cmpuint (reads, >, 0);
  xj_test_iterate (500);
  g_assert_cmpuint (xj_sync_monitor_get_conflicts (monitor (f)), ==, 1);
  g_assert_true (gtk_list_box_get_row_at_index (list, 0) == row);
  g_assert_true (gtk_list_box_get_selected_row (list) == row);
  g_assert_cmpuint (xj_conflicts_page_get_n_rows_built (XJ_CONFLICTS_PAGE (page)), ==, built);
  shoot (f, "conflicts-kept-selected.png");

  keep = xj_test_find_button (page, _("Keep _Mine"));
  g_assert_nonnull (keep);
  g_assert_true (gtk_widget_activate (keep));
  xj_test_wait_until_ms (xj_conflicts_page_get_count (XJ_CONFLICTS_PAGE (page)) == 0,
                         NETWORK_WAIT_MS);
  /* The decision goes to the team with the sync that Keep Mine started. */
  g_assert_cmpint (sync_now (f), ==, XJ_SYNC_STATE_IDLE);
  g_assert_cmpuint (changes_waiting (f), ==, 0);
  g_assert_cmpuint (xj_sync_monitor_get_conflicts (monitor (f)), ==, 0);
}

/* The server stopped while the app runs: Sync Now returns at once, the
 * status says offline (no dialog), work goes on and waits; after the
 * server is back the next sync sends it. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  XjSyncMonitor *sync = monitor (f);
  g_autofree char *offline = NULL;
  const char *label;
  guint reloads = 0;
  gulong handler;

  g_assert_cmpint (sync_now (f), ==, XJ_SYNC_STATE_IDLE);
  g_assert_true (g_spawn_command_line_sync (env ("XJ_TEAM_PG_STOP"), NULL, NULL, NULL, NULL));
  /* A sync that took nothing in does not make the pages read again. */
  handler = g_signal_connect_swapped (f->store, "changed::inspections",
                                      G_CALLBACK (count_cb), &reloads);
  g_assert_cmpint (sync_now (f), ==, XJ_SYNC_STATE_OFFLINE);
  g_signal_handler_disconnect (f->store, handler);
  g_assert_cmpuint (reloads, ==, 0);
  g_assert_cmpstr (status_text (f), ==, _("Offline"));
  g_assert_cmpstr (status_icon (f, &label), ==, "network-offline-symbolic");
  g_assert_cmpstr (label, ==, _("Offline"));
  g_assert_cmpuint (count_visible_windows (), ==, 1);
  shoot (f, "status-offline.png");

  complete_inspection (f, env ("XJ_TEAM_SITE_OFFLINE"));
  xj_test_wait_until_ms (xj_sync_monitor_get_state (sync) == XJ_SYNC_STATE_OFFLINE
                         && !xj_sync_monitor_is_running (sync) && changes_waiting (f) > 0,
                         NETWORK_WAIT_MS);
  offline = g_strdup (status_text (f));
  g_assert_nonnull (strstr (offline, _("Offline")));
  shoot (f, "status-offline-waiting.png");

  /* The server back, the work done meanwhile goes by itself, well before
   * the five-minute sync (issue 12: "Offline · 4 changes waiting" stayed
   * up to five minutes after the server was back). */
  g_assert_true (g_spawn_command_line_sync (env ("XJ_TEAM_PG_START"), NULL, NULL, NULL, NULL));
  xj_test_wait_until_ms (xj_sync_monitor_get_state (sync) == XJ_SYNC_STATE_IDLE
                         && !xj_sync_monitor_is_running (sync) && changes_waiting (f) == 0,
                         NETWORK_WAIT_MS);
  g_assert_cmpint (sync_now (f), ==, XJ_SYNC_STATE_IDLE);
  g_assert_cmpuint (changes_waiting (f), ==, 0);
}

/* Leave with a change not sent yet: asked first, then the laptop is in no
 * team and the Conflicts area and the status are gone. */
static void
test_leave (Fixture       *f,
            gconstpointer  data)
{
  XjTeamPage *page;
  GtkWindow *dialog;
  g_autofree char *waiting = NULL;
  const char *label;

  g_assert_true (joined (f));
  xj_sync_monitor_stop (monitor (f));
  complete_inspection (f, "东湖花园");
  g_assert_cmpuint (changes_waiting (f), >, 0);
  /* Changes waiting do not look like synced: an icon and words of their own. */
  xj_test_wait_until (g_strcmp0 (status_icon (f, &label), "document-send-symbolic") == 0);
  g_assert_cmpstr (label, ==, _("Changes waiting to be sent"));
  shoot (f, "status-waiting.png");
  page = open_team_page (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "team.leave", NULL));
  xj_test_wait_until ((dialog = xj_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  waiting = g_strdup_printf ("%u", changes_waiting (f));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), waiting));
  shoot (f, "leave-asks.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "leave");
  xj_test_wait_until_ms (!joined (f), NETWORK_WAIT_MS);
  xj_test_wait_until (!gtk_widget_get_visible (xj_test_find_by_type (GTK_WIDGET (f->window),
                                                                     XJ_TYPE_SYNC_STATUS)));
}

/* One step of the scenario, run by the script as /xj/team-ui/NAME. */
void
add_step (const char *name,
          XjTeamStep  step)
{
  g_autofree char *path = g_strconcat ("/xj/team-ui/", name, NULL);

  g_test_add (path, Fixture, NULL, fixture_set_up, step, fixture_tear_down);
}

/* Two steps of one notice made offline on two liaisons' laptops (the
 * script wrote them as the lifecycle does: verified there, rejected here):
 * after the sync the board says the notice needs a decision, the
 * Conflicts page shows both steps side by side with who made them, when
 * and why, and Keep Theirs settles it; the decision syncs. */
static void
test_steps (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *verified = NULL;
  g_autofree char *rejected = NULL;
  g_autoptr(XjNotice) notice = NULL;
  GListModel *verified_column;
  GtkWidget *page;

  g_assert_cmpint (sync_now (f), ==, XJ_SYNC_STATE_IDLE);
  xj_test_wait_until (xj_sync_monitor_get_conflicts (monitor (f)) == 1);
  xj_window_show_area (f->window, "notices");
  page = xj_window_get_area (f->window, "notices");
  xj_test_wait_until_ms (xj_test_label_shown (page, C_("tag", "Needs a decision")),
                         NETWORK_WAIT_MS);
  /* The step in force (the earlier one, verified) stays until decided. */
  verified_column = xj_notices_page_get_column (XJ_NOTICES_PAGE (page), XJ_NOTICE_STATE_VERIFIED);
  g_assert_cmpuint (g_list_model_get_n_items (verified_column), ==, 1);
  notice = g_list_model_get_item (verified_column, 0);
  g_assert_true (xj_notice_get_needs_decision (notice));
  xj_test_iterate (1000);
  shoot (f, "notice-needs-decision.png");
  xj_notices_page_show_notice (XJ_NOTICES_PAGE (page), xj_notice_get_id (notice));
  xj_test_wait_until (xj_test_label_shown (page, _("Needs a decision")));
  /* No step is offered until someone decides (Close Out would follow the
   * verification in force). */
  g_assert_false (gtk_widget_get_visible (xj_test_find_named (page, "close")));
  xj_test_iterate (1000);
  shoot (f, "notice-view-needs-decision.png");
  xj_notices_page_show_board (XJ_NOTICES_PAGE (page));

  xj_window_show_area (f->window, "conflicts");
  page = xj_window_get_area (f->window, "conflicts");
  verified = g_strdup_printf (C_("notice step", "%s → %s"),
                              xj_notice_action_get_label (XJ_NOTICE_ACTION_ACCEPT),
                              xj_notice_state_get_label (XJ_NOTICE_STATE_VERIFIED));
  rejected = g_strdup_printf (C_("notice step", "%s → %s"),
                              xj_notice_action_get_label (XJ_NOTICE_ACTION_REJECT),
                              xj_notice_state_get_label (XJ_NOTICE_STATE_ISSUED));
  xj_test_wait_until_ms (xj_test_label_shown (page, verified)
                         && xj_test_label_shown (page, rejected)
                         && xj_test_label_shown (page, env ("XJ_TEAM_MY_REMARK"))
                         && xj_test_label_shown (page, env ("XJ_TEAM_THEIR_REMARK"))
                         && xj_test_label_shown (page, _("My step"))
                         && xj_test_label_shown (page, _("Their step")),
                         NETWORK_WAIT_MS);
  g_assert_nonnull (xj_test_find_named (page, "steps"));
  xj_test_iterate (1000);
  shoot (f, "conflicts-steps.png");
  /* The decision (a new event) goes to the team. */
  decide_conflict (f, page, _("Keep _Theirs"));
  xj_window_show_area (f->window, "notices");
  page = xj_window_get_area (f->window, "notices");
  xj_test_wait_until_ms (!xj_test_label_shown (page, C_("tag", "Needs a decision")),
                         NETWORK_WAIT_MS);
}

int
main (int   argc,
      char *argv[])
{
  /* Not xj_test_init_ui: its private bus has no keyring; the script's
   * session bus (its own dbus-run-session) has one. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  /* Settings kept between the steps of one laptop's user (the sites they
   * follow), in the script's own folder (XDG_CONFIG_HOME). */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  add_step ("join", test_join);
  add_step ("complete", test_complete);
  add_step ("arrives", test_arrives);
  add_step ("conflict", test_conflict);
  add_step ("leave", test_leave);
  add_step ("offline", test_offline);
  add_step ("steps", test_steps);
  team_ui_add_role_tests ();
  return g_test_run ();
}
