/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `report monthly YYYY-MM FILE.pdf [--signer NAME]`: the monthly
 * management report of all sites.  With --signer, it is signed with the
 * certificate this data folder keeps for NAME (the manager), whose
 * passphrase comes from the XUNJIAN_PASSPHRASE environment variable, so
 * that it never shows in a process list, and archived like an
 * inspection's report (once per month: `report export YYYY-MM` copies it).
 */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-certificate.h"
#include "xj-cli.h"
#include "xj-report-monthly.h"

#define USAGE "xunjian report monthly YYYY-MM FILE.pdf [--signer NAME]"

int
xj_cli_report_monthly (XjCli *cli)
{
  g_autofree char *signer_name = xj_cli_take_option (cli, "--signer");
  g_autoptr(XjCertificate) certificate = NULL;
  g_autoptr(XjSigner) signer = NULL;
  g_autoptr(XjArchivedReport) archived = NULL;
  g_autoptr(GError) error = NULL;
  int year, month;
  char end;
  XjStore *store;

  if (cli->argc != 3)
    return xj_cli_usage (USAGE);
  if (sscanf (cli->argv[1], "%4d-%2d%c", &year, &month, &end) != 2 || year < 2000
      || month < 1 || month > 12)
    return xj_cli_fail (_("“%s” is not a month: write it as YYYY-MM"), cli->argv[1]);
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if (signer_name != NULL)
    {
      const char *passphrase = g_getenv ("XUNJIAN_PASSPHRASE");

      if (passphrase == NULL)
        return xj_cli_fail (_("Set XUNJIAN_PASSPHRASE to the passphrase of %s’s certificate"),
                            signer_name);
      certificate = xj_certificate_find_for_person (cli->data_dir, signer_name, &error);
      if (certificate == NULL && error == NULL)
        return xj_cli_fail (_("This data folder keeps no certificate for %s"), signer_name);
      if (certificate == NULL
          || (signer = xj_certificate_load (cli->data_dir, xj_certificate_get_id (certificate),
                                            passphrase, &error)) == NULL)
        return xj_cli_fail_error (error);
    }
  if (signer == NULL)
    {
      if (!xj_report_write_monthly (store, year, month, NULL, cli->argv[2], &error))
        return xj_cli_fail_error (error);
      return 0;
    }
  /* Signed: archived like an inspection's report. */
  if ((archived = xj_report_archive_monthly (store, year, month, signer, cli->argv[2],
                                             &error)) == NULL)
    return xj_cli_fail_error (error);
  printf (_("Monthly report %d-%02d signed and archived as %s: %s\n"), year, month,
          archived->number, archived->path);
  return 0;
}
