/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `site add NAME [--group GROUP]` and `site edit ID [--name NAME]
 * [--group GROUP]`: a site and its group (a region, 华东区, that the
 * Overview and the Excel export choose sites by; --group "" takes it out).
 */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-cli.h"
#include "xj-site.h"

#define ADD_USAGE "xunjian site add NAME [--group GROUP]"
#define EDIT_USAGE "xunjian site edit ID [--name NAME] [--group GROUP]"

static int
save (XjCli  *cli,
      XjSite *site)
{
  g_autoptr(GError) error = NULL;

  if (!xj_store_save_site (xj_cli_get_store (cli), site, g_get_user_name (), &error))
    return xj_cli_fail_error (error);
  printf ("%" G_GINT64_FORMAT "\t%s\t%s\n", xj_site_get_id (site), xj_site_get_name (site),
          xj_site_get_group (site));
  return 0;
}

int
xj_cli_site_add (XjCli *cli)
{
  g_autofree char *group = xj_cli_take_option (cli, "--group");
  g_autoptr(XjSite) site = NULL;

  if (cli->argc != 2)
    return xj_cli_usage (ADD_USAGE);
  if (xj_cli_get_store (cli) == NULL)
    return 1;
  site = xj_site_new (cli->argv[1], XJ_SITE_KIND_ESTATE);
  if (group != NULL)
    xj_site_set_group (site, group);
  return save (cli, site);
}

int
xj_cli_site_edit (XjCli *cli)
{
  g_autofree char *name = xj_cli_take_option (cli, "--name");
  g_autofree char *group = xj_cli_take_option (cli, "--group");
  g_autoptr(XjSite) site = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;
  gint64 id;

  if (cli->argc != 2)
    return xj_cli_usage (EDIT_USAGE);
  if (!xj_cli_parse_id (cli->argv[1], &id))
    return xj_cli_fail (_("“%s” is not a site ID"), cli->argv[1]);
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if ((site = xj_store_get_site (store, id, &error)) == NULL)
    return xj_cli_fail_error (error);
  if (name != NULL)
    xj_site_set_name (site, name);
  if (group != NULL)
    xj_site_set_group (site, group);
  return save (cli, site);
}
