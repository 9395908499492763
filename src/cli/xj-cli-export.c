/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `export xlsx FILE [--from DATE] [--to DATE] [--site ID | --group GROUP]`:
 * the Excel workbook of the inspections started, and the notices issued,
 * from the start of --from to the end of --to (local days, YYYY-MM-DD), at
 * one site, the sites of a group or all.  Prints how many rows each table got.
 */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-clock.h"
#include "xj-cli.h"
#include "xj-site.h"
#include "xj-xlsx-export.h"

#define USAGE "xunjian export xlsx FILE.xlsx [--from YYYY-MM-DD] [--to YYYY-MM-DD] " \
              "[--site ID | --group GROUP]"

int
xj_cli_export (XjCli *cli)
{
  g_autofree char *from = xj_cli_take_option (cli, "--from");
  g_autofree char *to = xj_cli_take_option (cli, "--to");
  g_autofree char *site = xj_cli_take_option (cli, "--site");
  g_autofree char *group = xj_cli_take_option (cli, "--group");
  g_autoptr(GArray) group_sites = NULL;
  g_autoptr(GError) error = NULL;
  XjExportRange range = { 0 };
  XjXlsxCounts counts;
  XjStore *store;

  if (cli->argc != 2 || g_strcmp0 (cli->argv[0], "xlsx") != 0)
    return xj_cli_usage (USAGE);
  if (from != NULL && !xj_parse_local_day (from, 0, &range.from))
    return xj_cli_fail (_("“%s” is not a date: write it as YYYY-MM-DD"), from);
  /* --to names the last day exported. */
  if (to != NULL && !xj_parse_local_day (to, 1, &range.to))
    return xj_cli_fail (_("“%s” is not a date: write it as YYYY-MM-DD"), to);
  if (range.from != 0 && range.to != 0 && range.from >= range.to)
    return xj_cli_fail (_("The period ends before it starts: --to must not be before --from"));
  if (site != NULL && !xj_cli_parse_id (site, &range.site_id))
    return xj_cli_fail (_("“%s” is not a site ID"), site);
  if (site != NULL && group != NULL)
    return xj_cli_usage (USAGE);
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if (group != NULL)
    {
      if ((group_sites = xj_store_list_group_sites (store, group, &error)) == NULL)
        return xj_cli_fail_error (error);
      if (group_sites->len == 0)
        return xj_cli_fail (_("No site is in the group “%s”"), group);
      range.site_ids = (const gint64 *) group_sites->data;
      range.n_site_ids = group_sites->len;
    }
  if (!xj_xlsx_export (store, &range, cli->argv[1], &counts, &error))
    return xj_cli_fail_error (error);
  printf (_("%u inspections, %u answers, %u notices, %u notice events, %u compliance rows "
            "written to %s\n"), counts.inspections, counts.answers, counts.notices,
          counts.events, counts.compliance, cli->argv[1]);
  return 0;
}
