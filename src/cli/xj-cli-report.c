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
 * `report sign ID` signs a completed inspection that has its handwritten
 * signatures (the passphrase of the inspector's certificate on the first
 * line of standard input) and archives its report; `report list [--json]`
 * lists the archived reports with their numbers as shown everywhere (with
 * the laptop's suffix when they have one).
 */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "xj-archive-list.h"
#include "xj-cli.h"
#include "xj-pdf-sign.h"
#include "xj-report-archive.h"

#include "xj-report-preview.h"

#define USAGE "xunjian report export ID|YYYY-MM FILE.pdf | xunjian report preview ID FILE.pdf | " \
              "xunjian report verify FILE.pdf | xunjian report monthly YYYY-MM FILE.pdf | " \
              "xunjian report sign ID [--organisation NAME] < PASSPHRASE | " \
              "xunjian report list [--json]"

#define PASSPHRASE_MAX 1024

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
  g_autoptr(XjArchivedReport) report = NULL;
  XjStore *store;
  gint64 id;
  int status;

  /* A month: its archived monthly report; else an inspection's. */
  if (cli->argc == 3 && g_regex_match_simple ("^[0-9]{4}-[01][0-9]$", cli->argv[1], 0, 0))
    {
      gboolean found;

      if ((store = xj_cli_get_store (cli)) == NULL)
        return 1;
      report = xj_store_find_monthly_report (store, cli->argv[1], &found, &error);
      if (report == NULL && error == NULL)
        return xj_cli_fail (_("No monthly report of %s is archived"), cli->argv[1]);
    }
  else if ((store = inspection_command (cli, &id, &status)) == NULL)
    return status;
  else
    report = xj_store_get_archived_report (store, id, &error);
  if (report == NULL || !xj_report_export_archived (store, report->id, cli->argv[2], &error))
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

static int
sign_report (XjCli *cli)
{
  g_autofree char *organisation = xj_cli_take_option (cli, "--organisation");
  g_autoptr(XjArchivedReport) report = NULL;
  g_autoptr(GError) error = NULL;
  char passphrase[PASSPHRASE_MAX] = "";
  XjStore *store;
  gint64 id;
  int status;

  if (cli->argc != 2)
    return xj_cli_usage (USAGE);
  if (!xj_cli_parse_id (cli->argv[1], &id))
    return xj_cli_fail (_("“%s” is not an inspection ID"), cli->argv[1]);
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if (fgets (passphrase, sizeof passphrase, stdin) == NULL)
    return xj_cli_fail (_("Give the passphrase of the inspector’s certificate on standard input."));
  passphrase[strcspn (passphrase, "\r\n")] = '\0';
  report = xj_inspection_sign (store, id, &(XjSignOptions) {
                                 .organisation = organisation,
                                 .passphrase = passphrase,
                               }, NULL, &error);
  memset (passphrase, 0, sizeof passphrase);
  status = report == NULL ? xj_cli_fail_error (error) : 0;
  if (report != NULL)
    printf (_("Inspection %lld signed and archived as report %s: %s\n"), (long long) id,
            report->number, report->path);
  return status;
}

static void
add_report_file (JsonBuilder *builder,
                 gpointer     item,
                 gpointer     user_data)
{
  XjArchivedFile *file = item;

  xj_cli_json_string (builder, "number", file->number);
  xj_cli_json_string (builder, "path", file->path);
  xj_cli_json_string (builder, "sha256", file->sha256);
  xj_cli_json_int (builder, "bytes", file->bytes);
}

static void
print_report_file (gpointer item,
                   gpointer user_data)
{
  XjArchivedFile *file = item;

  printf ("%s\t%s\n", file->number, file->path);
}

static int
list_reports (XjCli *cli)
{
  gboolean json = xj_cli_take_flag (cli, "--json");
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;

  if ((store = xj_cli_get_store_for (cli, 1, USAGE)) == NULL)
    return 1;
  if ((files = xj_store_list_archived_files (store, &error)) == NULL)
    return xj_cli_fail_error (error);
  xj_cli_print_list (files, json, add_report_file, print_report_file, NULL);
  return 0;
}

int
xj_cli_report (XjCli *cli)
{
  return xj_cli_dispatch (cli, USAGE,
                          "export", export_report, "preview", preview_report,
                          "verify", verify_report, "monthly", xj_cli_report_monthly,
                          "sign", sign_report, "list", list_reports, NULL);
}
