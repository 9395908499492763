/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-cli.h"
#include "xj-clock.h"
#include "xj-photo-store.h"
#include "xj-report-archive-check.h"
#include "xj-site.h"

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

      printf ("%" G_GINT64_FORMAT "\t%s\t%s%s\n", xj_site_get_id (site),
              xj_site_get_name (site), xj_site_kind_get_label (xj_site_get_kind (site)),
              xj_site_get_active (site) ? "" : _("\t(inactive)"));
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
  return xj_cli_usage ("xunjian site list [--all] [--json] | xunjian site add NAME [--group GROUP] | "
                       "xunjian site edit ID [--name NAME] [--group GROUP]");
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
