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

#include "xj-preferences-window.h"
#include "xj-team-laptop.h"
#include "xj-team-page.h"
#include "xj-test-app.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"

#define NETWORK_WAIT_MS 60000

typedef struct
{
  XJ_TEST_APP_FIELDS
} Fixture;

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    g_error ("%s is not set: run this through test-team-ui.sh", name);
  return value;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_strdup (env ("XJ_TEAM_DATA_DIR"));
  xj_test_app_start (XJ_TEST_APP (f));
  xj_test_app_show (XJ_TEST_APP (f), "today");
}

/* The data folder belongs to the script: it stays. */
static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  xj_test_app_stop (XJ_TEST_APP (f));
  g_clear_pointer (&f->dir, g_free);
}

static XjTeamPage *
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

static void
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

static XjTeamMembership *
membership (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  XjTeamMembership *found = xj_team_get_membership (f->store, &error);

  g_assert_no_error (error);
  return found;
}

static gboolean
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

  xj_test_collect_untranslated (root, found);
  for (guint i = 0; i < found->len; i++)
    {
      const char *text = g_ptr_array_index (found, i);

      if (strstr (text, typed->server) == NULL && strstr (text, typed->user) == NULL)
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
  g_autofree char *expected = NULL;
  g_autoptr(XjTeamMembership) found = NULL;

  g_assert_false (joined (f));
  type_into (page, "host_row", "/nonexistent-socket-folder");
  type_into (page, "database_row", env ("XJ_TEAM_DB"));
  type_into (page, "user_row", env ("XJ_TEAM_USER"));
  no_route = test_connection (page, "whatever");
  g_assert_cmpstr (no_route, ==, _("No server answers at this address"));

  type_into (page, "host_row", env ("XJ_TEAM_HOST"));
  wrong = test_connection (page, "not-the-password");
  g_assert_cmpstr (wrong, ==, _("Wrong user name or password"));

  right = test_connection (page, env ("XJ_TEAM_PASSWORD"));
  expected = g_strdup_printf (_("Reached as %s"), _("Inspector"));
  g_assert_cmpstr (right, ==, expected);

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
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (page),
                                                                             "password_row"))),
                   ==, "");
  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN"))
    assert_translated_but (GTK_WIDGET (page), found);
}

int
main (int   argc,
      char *argv[])
{
  /* Not xj_test_init_ui: its private bus has no keyring; the script's
   * session bus (its own dbus-run-session) has one. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  g_test_add ("/xj/team-ui/join", Fixture, NULL, fixture_set_up, test_join, fixture_tear_down);
  return g_test_run ();
}
