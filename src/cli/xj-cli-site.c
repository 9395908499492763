/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-cli.h"
#include "xj-clock.h"
#include "xj-photo-store.h"
#include "xj-report-archive-check.h"
#include "xj-site-merge.h"
#include "xj-site.h"
#include "xj-team-laptop.h"

static void
add_site (JsonBuilder *builder,
          gpointer     item,
          gpointer     user_data)
{
  XjSite *site = item;

  xj_cli_json_int (builder, "id", xj_site_get_id (site));
  xj_cli_json_string (builder, "name", xj_site_get_name (site));
  xj_cli_json_string (builder, "kind", xj_site_kind_to_string (xj_site_get_kind (site)));
  xj_cli_json_string (builder, "address", xj_site_get_address (site));
  xj_cli_json_string (builder, "contact", xj_site_get_contact (site));
  xj_cli_json_string (builder, "project_manager", xj_site_get_project_manager (site));
  xj_cli_json_string (builder, "group", xj_site_get_group (site));
  xj_cli_json_bool (builder, "active", xj_site_get_active (site));
  xj_cli_json_string (builder, "uuid", xj_site_get_uuid (site));
  xj_cli_json_string (builder, "merged_into", xj_site_get_merged_into (site));
  xj_cli_json_bool (builder, "possible_duplicate", xj_site_get_possible_duplicate (site));
}

static int
list_sites (XjCli *cli)
{
  gboolean json = xj_cli_take_flag (cli, "--json");
  gboolean all = xj_cli_take_flag (cli, "--all");
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;

  if (cli->argc != 1)
    return xj_cli_usage ("xunjian site list [--all] [--json]");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if ((sites = xj_store_list_sites (store, all, &error)) == NULL)
    return xj_cli_fail_error (error);

  if (json)
    {
      xj_cli_print_json_list (sites, add_site, NULL);
      return 0;
    }

  for (guint i = 0; i < sites->len; i++)
    {
      XjSite *site = g_ptr_array_index (sites, i);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s%s%s\n", xj_site_get_id (site),
              xj_site_get_name (site), xj_site_kind_get_label (xj_site_get_kind (site)),
              xj_site_get_active (site) ? "" : _("\t(inactive)"),
              xj_site_get_possible_duplicate (site)
              ? _("\t(possible duplicate: see “xunjian site merge”)") : "");
    }
  return 0;
}

/* Who a merge is recorded for: the team login, else the system user. */
static char *
dup_actor (XjStore *store)
{
  g_autoptr(XjTeamMembership) membership = xj_team_get_membership (store, NULL);

  if (membership != NULL && membership->user != NULL)
    return g_strdup (membership->user);
  return g_strdup (g_get_user_name ());
}

static int
merge_sites (XjCli *cli)
{
  g_autoptr(XjSite) from = NULL;
  g_autoptr(XjSite) into = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  XjSiteMergeCounts counts = { 0 };
  XjStore *store;

  if (cli->argc != 3)
    return xj_cli_usage ("xunjian site merge FROM INTO (a site's ID or UUID)");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if ((from = xj_store_find_site (store, cli->argv[1], &error)) == NULL
      || (into = xj_store_find_site (store, cli->argv[2], &error)) == NULL
      || !xj_store_count_site_merge (store, xj_site_get_id (from), &counts, &error))
    return xj_cli_fail_error (error);
  actor = dup_actor (store);
  if (!xj_store_merge_sites (store, xj_site_get_id (from), xj_site_get_id (into), actor, &error))
    return xj_cli_fail_error (error);
  /* TRANSLATORS: the counts are of inspections, schedules and notices. */
  printf (_("“%s” (%lld) merged into “%s” (%lld): "
            "%u inspections, %u schedules, %u notices now under it.\n"),
          xj_site_get_name (from), (long long) xj_site_get_id (from), xj_site_get_name (into),
          (long long) xj_site_get_id (into), counts.inspections, counts.schedules, counts.notices);
  return 0;
}

static void
add_event (JsonBuilder *builder,
           gpointer     item,
           gpointer     user_data)
{
  XjSiteEvent *event = item;

  xj_cli_json_time (builder, "at", event->at);
  xj_cli_json_string (builder, "actor", event->actor);
  xj_cli_json_string (builder, "action", event->action);
  xj_cli_json_string (builder, "detail", event->detail);
}

static int
show_site (XjCli *cli)
{
  gboolean json = xj_cli_take_flag (cli, "--json");
  g_autoptr(XjSite) site = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;

  if (cli->argc != 2)
    return xj_cli_usage ("xunjian site show ID|UUID [--json]");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if ((site = xj_store_find_site (store, cli->argv[1], &error)) == NULL
      || (history = xj_store_list_site_history (store, xj_site_get_id (site), &error)) == NULL)
    return xj_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_site (builder, site, NULL);
      json_builder_set_member_name (builder, "history");
      json_builder_begin_array (builder);
      for (guint i = 0; i < history->len; i++)
        {
          json_builder_begin_object (builder);
          add_event (builder, g_ptr_array_index (history, i), NULL);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      xj_cli_print_json (root);
      return 0;
    }

  printf ("%" G_GINT64_FORMAT "\t%s\t%s\n", xj_site_get_id (site), xj_site_get_name (site),
          xj_site_get_uuid (site));
  if (xj_site_get_merged_into (site) != NULL)
    printf (_("Merged into %s\n"), xj_site_get_merged_into (site));
  for (guint i = 0; i < history->len; i++)
    {
      XjSiteEvent *event = g_ptr_array_index (history, i);
      g_autofree char *when = xj_format_local_minute (event->at);

      printf ("%s\t%s\t%s\t%s\n", when, event->actor, event->action, event->detail);
    }
  return 0;
}

int
xj_cli_site (XjCli *cli)
{
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "list") == 0)
    return list_sites (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "add") == 0)
    return xj_cli_site_add (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "edit") == 0)
    return xj_cli_site_edit (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "merge") == 0)
    return merge_sites (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "show") == 0)
    return show_site (cli);
  return xj_cli_usage ("xunjian site list [--all] [--json] | site show ID [--json]"
                       " | site add NAME [--group GROUP] | site edit ID [--name NAME] [--group GROUP]"
                       " | site merge FROM INTO");
}

int
xj_cli_check (XjCli *cli)
{
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint n_reports = 0;
  XjStore *store;

  if (cli->argc != 0)
    return xj_cli_usage ("xunjian check");
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  /* Leftovers of a signing killed mid-write go first. */
  xj_archive_remove_temporaries (xj_store_get_data_dir (store), xj_clock_now (),
                                 report);
  fputs (report->str, stdout);
  g_string_truncate (report, 0);
  if (!xj_store_check (store, report, &error))
    {
      fputs (report->str, stdout);
      return xj_cli_fail_error (error);
    }
  printf (_("Database “%s”: intact (version %u).\n"),
          xj_store_get_db_path (store), xj_store_get_schema_version ());
  if (!xj_photo_store_check (store, report, &error))
    {
      fputs (report->str, stdout);
      return xj_cli_fail_error (error);
    }
  /* Originals kept on the team server are said, not failed. */
  fputs (report->str, stdout);
  g_string_truncate (report, 0);
  printf (_("Photo store in “%s”: every photo intact.\n"), xj_store_get_data_dir (store));
  if (!xj_archive_check (store, report, &n_reports, &error))
    {
      fputs (report->str, stdout);
      return xj_cli_fail_error (error);
    }
  printf (ngettext ("Archive: %u signed report intact.\n",
                       "Archive: every one of %u signed reports intact.\n", n_reports),
          n_reports);
  return 0;
}
