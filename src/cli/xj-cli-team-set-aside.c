/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `xunjian team set-aside list [--json]`: the changes the team server
 * refused, set aside with the reason in plain words; `... retry ID|--all`
 * sends them again (after the role was fixed on the server) and syncs;
 * `... take-theirs ID` replaces the record here with the team's copy;
 * `... keep-local ID` keeps a record the server never had on this laptop
 * only.  `xunjian sync` lists them too, and fails while any is set aside.
 */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-cli.h"
#include "xj-clock.h"
#include "xj-team-laptop.h"
#include "xj-team-set-aside.h"

#define SET_ASIDE_USAGE \
  "xunjian team set-aside list [--json] | retry ID|--all | take-theirs ID | keep-local ID"

static void
add_item_members (JsonBuilder *builder,
                  gpointer     data,
                  gpointer     user_data)
{
  XjTeamSetAside *item = data;
  g_autofree char *explanation = xj_team_set_aside_explain (item);

  xj_cli_json_int (builder, "id", item->id);
  xj_cli_json_string (builder, "table", item->table);
  xj_cli_json_string (builder, "record", item->record);
  xj_cli_json_string (builder, "kind", xj_team_record_kind (item->table));
  xj_cli_json_string (builder, "label", item->label);
  xj_cli_json_string (builder, "code", item->code == XJ_TEAM_SET_ASIDE_INTEGRITY ? "integrity"
                                                                                 : "denied");
  xj_cli_json_string (builder, "reason", item->reason);
  xj_cli_json_string (builder, "explanation", explanation);
  xj_cli_json_string (builder, "role", item->role);
  xj_cli_json_bool (builder, "on_server", item->on_server);
  xj_cli_json_time (builder, "refused_at", item->refused_at);
  xj_cli_json_int (builder, "held", item->n_held);
  if (item->taken_by != NULL)
    {
      xj_cli_json_string (builder, "taken_by", item->taken_by);
      xj_cli_json_time (builder, "taken_at", item->taken_at);
    }
}

static void
print_item (gpointer data,
            gpointer user_data)
{
  XjTeamSetAside *item = data;
  g_autofree char *explanation = xj_team_set_aside_explain (item);
  g_autofree char *when = xj_format_local_minute (item->refused_at);

  printf (_("%lld\t%s “%s”, set aside %s: %s\n"), (long long) item->id,
          xj_team_record_kind (item->table), item->label, when, explanation);
  if (item->n_held > 0)
    printf (ngettext ("\t%u more record waits with it.\n", "\t%u more records wait with it.\n",
                      item->n_held), item->n_held);
  if (!item->on_server)
    printf (_("\tThe team has no copy of it: retry it, or keep it on this laptop only.\n"));
}

/* What is set aside, as `sync` and `set-aside list` say it. */
gboolean
xj_cli_print_set_aside (XjStore   *store,
                        gboolean   json,
                        GError   **error)
{
  g_autoptr(GPtrArray) items = xj_team_list_set_aside (store, error);

  if (items == NULL)
    return FALSE;
  xj_cli_print_list (items, json, add_item_members, print_item, NULL);
  return TRUE;
}

/* The set-aside records as a JSON member of @builder (for `sync --json`). */
gboolean
xj_cli_json_set_aside (JsonBuilder  *builder,
                       XjStore      *store,
                       GError      **error)
{
  g_autoptr(GPtrArray) items = xj_team_list_set_aside (store, error);

  if (items == NULL)
    return FALSE;
  json_builder_set_member_name (builder, "set_aside");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (builder);
      add_item_members (builder, g_ptr_array_index (items, i), NULL);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return TRUE;
}

static int
set_aside_list (XjCli *cli)
{
  gboolean json = xj_cli_take_flag (cli, "--json");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;

  if (cli->argc != 1)
    return xj_cli_usage ("xunjian team set-aside list [--json]");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if ((items = xj_team_list_set_aside (store, &error)) == NULL)
    return xj_cli_fail_error (error);
  if (!json && items->len == 0)
    printf (_("No change is set aside: the team server took everything sent.\n"));
  xj_cli_print_list (items, json, add_item_members, print_item, NULL);
  return 0;
}

static int
set_aside_retry (XjCli *cli)
{
  gboolean all = xj_cli_take_flag (cli, "--all");
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  XjStore *store;

  if ((all && cli->argc != 1) || (!all && (cli->argc != 2 || !xj_cli_parse_id (cli->argv[1], &id))))
    return xj_cli_usage ("xunjian team set-aside retry ID|--all");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if (!xj_team_set_aside_retry (store, all ? 0 : id, &error))
    return xj_cli_fail_error (error);
  printf (all ? _("Every change set aside goes to the team server again.\n")
              : _("The change goes to the team server again.\n"));
  return xj_cli_sync_run (store, FALSE);
}

static int
set_aside_take_theirs (XjCli *cli)
{
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autoptr(XjTeamConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  XjStore *store;

  if (cli->argc != 2 || !xj_cli_parse_id (cli->argv[1], &id))
    return xj_cli_usage ("xunjian team set-aside take-theirs ID");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if ((membership = xj_team_get_membership (store, &error)) == NULL)
    return xj_cli_fail_error (error);
  if (membership->server == NULL)
    return xj_cli_fail (_("This laptop is in no team (xunjian team join CONNINFO --user NAME)."));
  if ((connection = xj_cli_team_connect (membership->server, membership->user, &error)) == NULL
      || !xj_team_set_aside_take_theirs (store, connection, id, &error))
    return xj_cli_fail_error (error);
  printf (_("The team’s copy replaced the one on this laptop.\n"));
  return 0;
}

static int
set_aside_keep_local (XjCli *cli)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  XjStore *store;

  if (cli->argc != 2 || !xj_cli_parse_id (cli->argv[1], &id))
    return xj_cli_usage ("xunjian team set-aside keep-local ID");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if (!xj_team_set_aside_keep_local (store, id, &error))
    return xj_cli_fail_error (error);
  printf (_("It stays on this laptop only: it is not sent to the team any more.\n"));
  return 0;
}

int
xj_cli_team_set_aside (XjCli *cli)
{
  XjCli sub = *cli;
  int status;

  /* After "set-aside": the subcommand's own word comes first. */
  sub.argc = cli->argc - 1;
  sub.argv = cli->argv + 1;
  status = xj_cli_dispatch (&sub, SET_ASIDE_USAGE, "list", set_aside_list, "retry",
                            set_aside_retry, "take-theirs", set_aside_take_theirs, "keep-local",
                            set_aside_keep_local, NULL);
  cli->store = sub.store;   /* opened on the way: closed with the command */
  return status;
}
