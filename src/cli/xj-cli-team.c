/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `xunjian team join / leave / status`: this laptop in a team.
 *
 * The password is looked for where libpq looks itself (PGPASSWORD, the
 * password file, a service file), then in the desktop keyring, and only
 * then asked on the terminal without echo; a password typed in is kept in
 * the keyring when there is one, never in a file.
 */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "xj-certificate.h"
#include "xj-cli.h"
#include "xj-clock.h"
#include "xj-team-keyring.h"
#include "xj-team-laptop.h"
#include "xj-team-probe.h"

#define TEAM_USAGE \
  "xunjian team join CONNINFO --user NAME | xunjian team leave [--force] | " \
  "xunjian team status [--json] | xunjian team set-aside list|retry|take-theirs|keep-local"

/* A line from the terminal with echo off; NULL when there is no terminal. */
static char *
ask_password (const char *prompt)
{
  struct termios saved, quiet;
  char line[1024];
  FILE *tty = fopen ("/dev/tty", "r+");
  gboolean read_ok;

  if (tty == NULL)
    return NULL;
  /* Echo off before the prompt: whatever is typed after it stays unseen. */
  tcgetattr (fileno (tty), &saved);
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
  fputs (prompt, tty);
  fflush (tty);
  read_ok = fgets (line, sizeof line, tty) != NULL;
  tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  fputc ('\n', tty);
  fclose (tty);
  if (!read_ok)
    return NULL;
  line[strcspn (line, "\r\n")] = '\0';
  return g_strdup (line);
}

/* Connects as @user: libpq's own sources first, the keyring next, the
 * terminal last. */
XjTeamConnection *
xj_cli_team_connect (const char  *conninfo,
                     const char  *user,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) keyring_error = NULL;
  XjTeamConnection *connection;
  gboolean from_keyring = FALSE;
  g_autofree char *server = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *typed = NULL;

  connection = xj_team_connect_member (conninfo, user, &from_keyring, &local_error);
  if (connection != NULL
      || !(g_error_matches (local_error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NEEDS_PASSWORD)
           || (from_keyring && g_error_matches (local_error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_AUTH))))
    {
      if (connection == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return connection;
    }

  prompt = g_strdup_printf (_("Team password for %s: "), user);
  typed = ask_password (prompt);
  if (typed == NULL)
    {
      g_set_error_literal (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NEEDS_PASSWORD,
                           _("The team server asks for a password and there is no terminal "
                             "to ask it on: set PGPASSWORD, use a password file (PGPASSFILE) "
                             "or keep it in the desktop keyring."));
      return NULL;
    }
  connection = xj_team_connection_open (conninfo, user, typed, error);
  server = xj_team_conninfo_without_password (conninfo, NULL);
  if (connection != NULL && xj_team_keyring_is_available ()
      && !xj_team_keyring_store (server != NULL ? server : conninfo, user, typed, &keyring_error))
    g_debug ("Password not kept in the keyring: %s", keyring_error->message);
  return connection;
}

static int
team_join (XjCli *cli)
{
  g_autofree char *user = xj_cli_take_option (cli, "--user");
  g_autoptr(XjTeamConnection) connection = NULL;
  g_autoptr(GPtrArray) certificates = NULL;
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;

  if (cli->argc != 2 || user == NULL)
    return xj_cli_usage ("xunjian team join CONNINFO --user NAME");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if ((certificates = xj_certificate_list_for_team (cli->data_dir, &error)) == NULL)
    return xj_cli_fail_error (error);
  if ((connection = xj_cli_team_connect (cli->argv[1], user, &error)) == NULL
      || !xj_team_join (store, connection, cli->argv[1], certificates, &error)
      || (membership = xj_team_get_membership (store, &error)) == NULL)
    return xj_cli_fail_error (error);

  printf (_("This laptop joined the team as “%s” (%s).\n"), membership->user,
          xj_team_role_label (membership->role));
  printf (ngettext ("%u signing certificate registered on the team server.\n",
                    "%u signing certificates registered on the team server.\n",
                    certificates->len), certificates->len);
  printf (_("This laptop’s short code in the team: %s\n"), membership->laptop_code);
  if (membership->numbers_with_code > 0)
    printf (ngettext ("%u number printed before joining is also held by another laptop: it now "
                      "ends in “-%s”.\n",
                      "%u numbers printed before joining are also held by another laptop: they "
                      "now end in “-%s”.\n", (gulong) membership->numbers_with_code),
            (guint) membership->numbers_with_code, membership->laptop_code);
  printf (ngettext ("%u record waits for the first sync.\n",
                    "%u records wait for the first sync.\n",
                    (gulong) membership->changes_waiting), (guint) membership->changes_waiting);
  return 0;
}

static int
team_leave (XjCli *cli)
{
  gboolean force = xj_cli_take_flag (cli, "--force");
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;

  if (cli->argc != 1)
    return xj_cli_usage ("xunjian team leave [--force]");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if ((membership = xj_team_get_membership (store, &error)) == NULL
      || !xj_team_leave (store, force, &error))
    return xj_cli_fail_error (error);
  if (!xj_team_keyring_forget (membership->server, membership->user, &error))
    g_debug ("Password left in the keyring: %s", error->message);
  printf (_("This laptop left the team; its records stay here.\n"));
  return 0;
}

static void
print_membership_json (XjTeamMembership *membership)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  xj_cli_json_bool (builder, "joined", membership->server != NULL);
  if (membership->server != NULL)
    {
      xj_cli_json_string (builder, "server", membership->server);
      xj_cli_json_string (builder, "user", membership->user);
      xj_cli_json_string (builder, "role", membership->role);
      xj_cli_json_string (builder, "laptop_code", membership->laptop_code != NULL
                                                  ? membership->laptop_code : "");
      xj_cli_json_time (builder, "last_sync", membership->last_sync_at);
      xj_cli_json_int (builder, "changes_waiting", membership->changes_waiting);
      xj_cli_json_int (builder, "conflicts", membership->conflicts);
      xj_cli_json_int (builder, "set_aside", membership->set_aside);
    }
  json_builder_end_object (builder);
  xj_cli_print_json_builder (builder);
}

static int
team_status (XjCli *cli)
{
  gboolean json = xj_cli_take_flag (cli, "--json");
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  XjStore *store;

  if (cli->argc != 1)
    return xj_cli_usage ("xunjian team status [--json]");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if ((membership = xj_team_get_membership (store, &error)) == NULL)
    return xj_cli_fail_error (error);
  if (json)
    {
      print_membership_json (membership);
      return 0;
    }
  if (membership->server == NULL)
    {
      printf (_("This laptop is in no team (xunjian team join CONNINFO --user NAME).\n"));
      return 0;
    }
  last = membership->last_sync_at > 0 ? xj_format_local_minute (membership->last_sync_at)
                                      : g_strdup (_("never"));
  printf (_("Server: %s\n"), membership->server);
  printf (_("User: %s (%s)\n"), membership->user, xj_team_role_label (membership->role));
  printf (_("Laptop code: %s\n"), membership->laptop_code != NULL ? membership->laptop_code : "");
  printf (_("Last sync: %s\n"), last);
  printf (_("Changes waiting: %u\n"), (guint) membership->changes_waiting);
  printf (_("Conflicts: %u\n"), (guint) membership->conflicts);
  printf (_("Set aside (refused by the team server): %u\n"), (guint) membership->set_aside);
  return 0;
}

int
xj_cli_team (XjCli *cli)
{
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "join") == 0)
    return team_join (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "leave") == 0)
    return team_leave (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "status") == 0)
    return team_status (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "set-aside") == 0)
    return xj_cli_team_set_aside (cli);
  return xj_cli_usage (TEAM_USAGE);
}
