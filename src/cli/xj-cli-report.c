/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `report export ID FILE.pdf` copies the archived signed report of a
 * signed inspection; `report verify FILE.pdf` checks any signed report,
 * with no database needed: exit 0 only if it is intact and validly signed.
 */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-cli.h"
#include "xj-pdf-sign.h"
#include "xj-report-archive.h"

#define USAGE "xunjian report export ID FILE.pdf | xunjian report verify FILE.pdf"

gboolean
xj_cli_parse_id (const char *text,
                 gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

static int
export_report (XjCli *cli)
{
  g_autoptr(GError) error = NULL;
  XjStore *store;
  gint64 id;

  if (cli->argc != 3)
    return xj_cli_usage (USAGE);
  if (!xj_cli_parse_id (cli->argv[1], &id))
    return xj_cli_fail (_("“%s” is not an inspection ID"), cli->argv[1]);
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if (!xj_report_export_archived (store, id, cli->argv[2], &error))
    return xj_cli_fail_error (error);
  return 0;
}

static int
verify_report (XjCli *cli)
{
  g_auto(XjPdfVerifyResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  if (cli->argc != 2)
    return xj_cli_usage (USAGE);
  if (!xj_pdf_verify_file (cli->argv[1], &result, &error))
    return xj_cli_fail_error (error);
  printf ("%s\n", result.reason);
  return 0;
}

int
xj_cli_report (XjCli *cli)
{
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "export") == 0)
    return export_report (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "verify") == 0)
    return verify_report (cli);
  return xj_cli_usage (USAGE);
}
