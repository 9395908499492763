/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `report export ID FILE.pdf` copies the archived signed report of a
 * signed inspection; `report preview ID FILE.pdf` writes the report of any
 * inspection, unsigned and marked as a preview; `report verify FILE.pdf`
 * checks any signed report against the data folder's certificates (no
 * database needed): exit 0 only if it is intact and signed by a
 * certificate the data folder keeps for its holder (or one from a trusted
 * authority), 2 if it is intact but signed by an unknown certificate, 1
 * if it was altered or its signature or certificate does not hold.
 */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-cli.h"
#include "xj-pdf-sign.h"
#include "xj-report-archive.h"

#include "xj-report-preview.h"

#define USAGE "xunjian report export ID FILE.pdf | xunjian report preview ID FILE.pdf | " \
              "xunjian report verify FILE.pdf | xunjian report monthly YYYY-MM FILE.pdf"

/* Exit status of `report verify` for an intact report that no certificate
 * here vouches for: told apart from an altered one (1). */
#define EXIT_UNKNOWN_SIGNER 2

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

/* `report WORD ID FILE.pdf`: the inspection's ID and the store, or NULL
 * with @status set. */
static XjStore *
inspection_command (XjCli  *cli,
                    gint64 *id,
                    int    *status)
{
  XjStore *store;

  if (cli->argc != 3)
    *status = xj_cli_usage (USAGE);
  else if (!xj_cli_parse_id (cli->argv[1], id))
    *status = xj_cli_fail (_("“%s” is not an inspection ID"), cli->argv[1]);
  else if ((store = xj_cli_get_store (cli)) != NULL)
    return store;
  else
    *status = 1;
  return NULL;
}

static int
export_report (XjCli *cli)
{
  g_autoptr(GError) error = NULL;
  XjStore *store;
  gint64 id;
  int status;

  if ((store = inspection_command (cli, &id, &status)) == NULL)
    return status;
  if (!xj_report_export_archived (store, id, cli->argv[2], &error))
    return xj_cli_fail_error (error);
  return 0;
}

static int
preview_report (XjCli *cli)
{
  g_autofree char *organisation = xj_cli_take_option (cli, "--organisation");
  g_autoptr(GError) error = NULL;
  XjStore *store;
  gint64 id;
  int status;

  if ((store = inspection_command (cli, &id, &status)) == NULL)
    return status;
  if (!xj_inspection_write_preview (store, id, organisation, NULL, cli->argv[2], NULL, &error))
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
  if (!xj_pdf_verify_file (cli->argv[1], cli->data_dir, &result, &error))
    {
      xj_cli_fail_error (error);
      return g_error_matches (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_UNKNOWN_SIGNER)
             ? EXIT_UNKNOWN_SIGNER : 1;
    }
  printf ("%s\n", result.reason);
  return 0;
}

int
xj_cli_report (XjCli *cli)
{
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "export") == 0)
    return export_report (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "preview") == 0)
    return preview_report (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "verify") == 0)
    return verify_report (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "monthly") == 0)
    return xj_cli_report_monthly (cli);
  return xj_cli_usage (USAGE);
}
