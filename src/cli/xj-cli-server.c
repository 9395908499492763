/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `xunjian server`: what a team's administrator runs against the team's
 * PostgreSQL server.  No local data folder is involved.
 */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-cli.h"
#include "xj-team-probe.h"
#include "xj-team-server.h"

#define SERVER_USAGE \
  "xunjian server init CONNINFO\n" \
  "       xunjian server add-user CONNINFO NAME inspector|liaison|manager|admin [--password P]\n" \
  "       xunjian server remove-user CONNINFO NAME\n" \
  "       xunjian server status CONNINFO [--json]"

static int
server_init (XjCli *cli)
{
  g_autoptr(XjTeamConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  guint from = 0;

  if (cli->argc != 2)
    return xj_cli_usage ("xunjian server init CONNINFO");
  if ((connection = xj_team_connection_open (cli->argv[1], NULL, NULL, &error)) == NULL
      || !xj_team_server_init (connection, &from, &error))
    return xj_cli_fail_error (error);

  if (from == xj_team_server_get_program_version ())
    printf (_("The team schema is already at version %u: nothing to do.\n"), from);
  else if (from == 0)
    printf (_("Team schema version %u created.\n"), xj_team_server_get_program_version ());
  else
    printf (_("Team schema migrated from version %u to %u.\n"), from,
            xj_team_server_get_program_version ());
  return 0;
}

static int
server_add_user (XjCli *cli)
{
  g_autofree char *password = xj_cli_take_option (cli, "--password");
  g_autoptr(XjTeamConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *used = NULL;

  if (cli->argc != 4)
    return xj_cli_usage ("xunjian server add-user CONNINFO NAME "
                         "inspector|liaison|manager|admin [--password P]");
  if ((connection = xj_team_connection_open (cli->argv[1], NULL, NULL, &error)) == NULL
      || (used = xj_team_server_add_user (connection, cli->argv[2], cli->argv[3], password,
                                          &error)) == NULL)
    return xj_cli_fail_error (error);

  if (password == NULL)
    printf (_("Member “%s” (%s) added. Their password, shown only this once: %s\n"),
            cli->argv[2], xj_team_role_label (cli->argv[3]), used);
  else
    printf (_("Member “%s” (%s) added.\n"), cli->argv[2], xj_team_role_label (cli->argv[3]));
  return 0;
}

static int
server_remove_user (XjCli *cli)
{
  g_autoptr(XjTeamConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->argc != 3)
    return xj_cli_usage ("xunjian server remove-user CONNINFO NAME");
  if ((connection = xj_team_connection_open (cli->argv[1], NULL, NULL, &error)) == NULL
      || !xj_team_server_remove_user (connection, cli->argv[2], &error))
    return xj_cli_fail_error (error);

  printf (_("Member “%s” removed from the team: they can no longer sync or log in. What they "
            "wrote stays in the archive; add-user takes them back.\n"), cli->argv[2]);
  return 0;
}

static void
print_status_json (XjTeamServerStatus *status)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  xj_cli_json_int (builder, "schema_version", status->schema_version);
  xj_cli_json_int (builder, "program_schema_version", status->program_version);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint i = 0; i < status->members->len; i++)
    {
      XjTeamMember *member = g_ptr_array_index (status->members, i);

      json_builder_begin_object (builder);
      xj_cli_json_string (builder, "name", member->name);
      xj_cli_json_string (builder, "role", member->role);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_object (builder);
  for (guint i = 0; i < status->counts->len; i++)
    {
      XjTeamCount *count = g_ptr_array_index (status->counts, i);

      xj_cli_json_int (builder, count->table, count->rows);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  xj_cli_print_json_builder (builder);
}

static int
server_status (XjCli *cli)
{
  gboolean json = xj_cli_take_flag (cli, "--json");
  g_autoptr(XjTeamConnection) connection = NULL;
  g_autoptr(XjTeamServerStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->argc != 2)
    return xj_cli_usage ("xunjian server status CONNINFO [--json]");
  if ((connection = xj_team_connection_open (cli->argv[1], NULL, NULL, &error)) == NULL
      || (status = xj_team_server_get_status (connection, &error)) == NULL)
    return xj_cli_fail_error (error);

  if (json)
    {
      print_status_json (status);
      return 0;
    }
  if (status->schema_version == 0)
    printf (_("No team archive on this server yet (run “xunjian server init”).\n"));
  else
    printf (_("Team schema version %u (this Xunjian: %u)\n"), status->schema_version,
            status->program_version);
  printf (_("Members:\n"));
  for (guint i = 0; i < status->members->len; i++)
    {
      XjTeamMember *member = g_ptr_array_index (status->members, i);

      printf ("  %s\t%s\n", member->name, xj_team_role_label (member->role));
    }
  if (status->counts->len > 0)
    printf (_("Rows:\n"));
  for (guint i = 0; i < status->counts->len; i++)
    {
      XjTeamCount *count = g_ptr_array_index (status->counts, i);

      printf ("  %s\t%" G_GINT64_FORMAT "\n", count->table, count->rows);
    }
  return 0;
}

int
xj_cli_server (XjCli *cli)
{
  return xj_cli_dispatch (cli, SERVER_USAGE,
                          "init", server_init, "add-user", server_add_user,
                          "remove-user", server_remove_user,
                          "status", server_status, NULL);
}
