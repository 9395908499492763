/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `xunjian sync [--json]`: push this laptop's changes, pull the team's;
 * `xunjian sync --original SHA256`: a pulled photo's original (pulls bring
 * renditions and thumbnails), fetched from the team server, its path printed;
 * `xunjian conflicts list [--json]` and `xunjian conflicts resolve ID
 * --keep mine|theirs`.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-cli.h"
#include "xj-team-conflicts.h"
#include "xj-team-laptop.h"
#include "xj-team-sync.h"

static gboolean
print_result_json (XjStore                 *store,
                   const XjTeamSyncResult  *result,
                   const XjTeamMembership  *after,
                   GError                 **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  xj_cli_json_int (builder, "pushed", result->pushed);
  xj_cli_json_int (builder, "pulled", result->pulled);
  xj_cli_json_int (builder, "photos_sent", result->photos_sent);
  xj_cli_json_int (builder, "photos_received", result->photos_received);
  xj_cli_json_int (builder, "bytes_sent", result->bytes_sent);
  xj_cli_json_int (builder, "bytes_received", result->bytes_received);
  xj_cli_json_int (builder, "conflicts_found", result->conflicts_found);
  xj_cli_json_int (builder, "conflicts_open", after->conflicts);
  xj_cli_json_int (builder, "changes_waiting", after->changes_waiting);
  xj_cli_json_int (builder, "set_aside_now", result->set_aside);
  xj_cli_json_int (builder, "elapsed_ms", result->elapsed_us / 1000);
  if (!xj_cli_json_set_aside (builder, store, error))
    return FALSE;
  json_builder_end_object (builder);
  xj_cli_print_json_builder (builder);
  return TRUE;
}

/* A photo's original, from the team server when this laptop lacks it. */
static int
fetch_original (XjStore     *store,
                const char  *sha256)
{
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autoptr(XjTeamConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!xj_team_has_original (store, sha256))
    {
      if ((membership = xj_team_get_membership (store, &error)) == NULL)
        return xj_cli_fail_error (error);
      if (membership->server != NULL
          && (connection = xj_cli_team_connect (membership->server, membership->user,
                                                &error)) == NULL)
        return xj_cli_fail (_("The original of this photo is on the team server, which "
                              "cannot be reached now: %s"), error->message);
    }
  if ((path = xj_team_fetch_original (store, connection, sha256, &error)) == NULL)
    return xj_cli_fail_error (error);
  printf ("%s\n", path);
  return 0;
}

/* Syncs @store and says what moved; fails while the laptop and the server
 * do not agree (changes waiting, changes set aside). */
int
xj_cli_sync_run (XjStore  *store,
                 gboolean  json)
{
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autoptr(XjTeamMembership) after = NULL;
  g_autoptr(XjTeamConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  XjTeamSyncResult result = { 0 };
  g_autofree char *sent = NULL;
  g_autofree char *received = NULL;

  if ((membership = xj_team_get_membership (store, &error)) == NULL)
    return xj_cli_fail_error (error);
  if (membership->server == NULL)
    return xj_cli_fail (_("This laptop is in no team (xunjian team join CONNINFO --user NAME)."));
  if ((connection = xj_cli_team_connect (membership->server, membership->user, &error)) == NULL
      || !xj_team_sync (store, connection, NULL, &result, &error)
      || (after = xj_team_get_membership (store, &error)) == NULL)
    return xj_cli_fail_error (error);
  if (json)
    {
      if (!print_result_json (store, &result, after, &error))
        return xj_cli_fail_error (error);
      return after->changes_waiting == 0 ? 0 : 1;
    }
  sent = g_format_size ((guint64) result.bytes_sent);
  received = g_format_size ((guint64) result.bytes_received);
  printf (_("Sent %lld records (%lld photos, %s), received %lld records (%lld photos, %s) "
            "in %.2f s.\n"),
          (long long) result.pushed, (long long) result.photos_sent, sent,
          (long long) result.pulled, (long long) result.photos_received, received,
          result.elapsed_us / 1e6);
  if (result.conflicts_found > 0)
    printf (g_dngettext (GETTEXT_PACKAGE, "%u new conflict: see xunjian conflicts list.\n",
                         "%u new conflicts: see xunjian conflicts list.\n",
                         (gulong) result.conflicts_found),
            (guint) result.conflicts_found);
  if (after->set_aside > 0)
    {
      /* The team server refused them: they wait for a person, and the
       * laptop and the server do not agree meanwhile. */
      if (!xj_cli_print_set_aside (store, FALSE, &error))
        return xj_cli_fail_error (error);
      return xj_cli_fail (g_dngettext (GETTEXT_PACKAGE,
                                       "%u change the team server refused is set aside: see "
                                       "xunjian team set-aside list.",
                                       "%u changes the team server refused are set aside: see "
                                       "xunjian team set-aside list.",
                                       (gulong) after->set_aside),
                          (guint) after->set_aside);
    }
  if (after->changes_waiting > 0)
    return xj_cli_fail (_("%u changes are still waiting to be sent."),
                        (guint) after->changes_waiting);
  return 0;
}

int
xj_cli_sync (XjCli *cli)
{
  g_autofree char *original = xj_cli_take_option (cli, "--original");
  gboolean json = xj_cli_take_flag (cli, "--json");
  XjStore *store;

  if (cli->argc != 0 || (original != NULL && json))
    return xj_cli_usage ("xunjian sync [--json] | xunjian sync --original SHA256");
  if ((store = xj_cli_get_store_unchecked (cli)) == NULL)
    return 1;
  if (original != NULL)
    return fetch_original (store, original);
  return xj_cli_sync_run (store, json);
}

static void
add_conflict_members (JsonBuilder *builder,
                      gpointer     item,
                      gpointer     user_data)
{
  XjTeamConflict *conflict = item;

  xj_cli_json_int (builder, "id", conflict->id);
  xj_cli_json_string (builder, "table", conflict->table);
  xj_cli_json_string (builder, "record", conflict->record);
  xj_cli_json_string (builder, "label", conflict->label);
  xj_cli_json_string (builder, "field", conflict->field);
  xj_cli_json_string (builder, "mine", conflict->mine);
  xj_cli_json_string (builder, "theirs", conflict->theirs);
  xj_cli_json_string (builder, "their_author", conflict->their_author);
  xj_cli_json_time (builder, "their_changed_at", conflict->their_changed_at);
  xj_cli_json_time (builder, "found_at", conflict->found_at);
}

static int
conflicts_list (XjCli *cli)
{
  gboolean json = xj_cli_take_flag (cli, "--json");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;

  if (cli->argc != 1)
    return xj_cli_usage ("xunjian conflicts list [--json]");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if ((conflicts = xj_team_list_conflicts (store, &error)) == NULL)
    return xj_cli_fail_error (error);
  if (json)
    {
      xj_cli_print_json_list (conflicts, add_conflict_members, NULL);
      return 0;
    }
  if (conflicts->len == 0)
    printf (_("No conflicts are waiting for a decision.\n"));
  for (guint i = 0; i < conflicts->len; i++)
    {
      XjTeamConflict *conflict = g_ptr_array_index (conflicts, i);

      printf (_("%lld\t%s “%s”, %s: mine %s, theirs %s (%s)\n"), (long long) conflict->id,
              conflict->table, conflict->label != NULL ? conflict->label : conflict->record,
              conflict->field, conflict->mine != NULL ? conflict->mine : "null",
              conflict->theirs != NULL ? conflict->theirs : "null", conflict->their_author);
    }
  return 0;
}

static int
conflicts_resolve (XjCli *cli)
{
  g_autofree char *keep = xj_cli_take_option (cli, "--keep");
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  XjStore *store;

  if (cli->argc != 2 || !xj_cli_parse_id (cli->argv[1], &id)
      || (g_strcmp0 (keep, "mine") != 0 && g_strcmp0 (keep, "theirs") != 0))
    return xj_cli_usage ("xunjian conflicts resolve ID --keep mine|theirs");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if (!xj_team_resolve_conflict (store, id, g_str_equal (keep, "mine") ? XJ_TEAM_KEEP_MINE
                                                                      : XJ_TEAM_KEEP_THEIRS,
                                 &error))
    return xj_cli_fail_error (error);
  printf (g_str_equal (keep, "mine") ? _("Conflict %lld resolved: your value goes to the team "
                                         "at the next sync.\n")
                                     : _("Conflict %lld resolved: the team's value stays.\n"),
          (long long) id);
  return 0;
}

int
xj_cli_conflicts (XjCli *cli)
{
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "list") == 0)
    return conflicts_list (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "resolve") == 0)
    return conflicts_resolve (cli);
  return xj_cli_usage ("xunjian conflicts list [--json] | resolve ID --keep mine|theirs");
}
