/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "xj-certificate.h"
#include "xj-cli.h"
#include "xj-demo.h"
#include "xj-inspection.h"
#include "xj-report-archive.h"
#include "xj-signature.h"

#define DEMO_USAGE "xunjian demo [--photos DIR] [--sites N] [--years N]"

/* Demo only (README): unlocks the demo inspector's self-signed certificate. */
#define DEMO_PASSPHRASE   "xunjian-demo"
#define DEMO_INSPECTOR    "张伟"
#define DEMO_ORGANISATION "华信物业服务质量监督中心"

static gboolean
parse_count (const char *text,
             guint       max,
             guint      *out)
{
  guint64 value;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, max, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

/* The demo inspector's certificate, then every completed inspection that
 * has its handwritten signatures is signed and archived, oldest first. */
static gboolean
sign_demo_inspections (XjStore  *store,
                       guint    *n_signed,
                       GError  **error)
{
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  g_autoptr(GPtrArray) completed = NULL;

  *n_signed = 0;
  if (!xj_certificate_create_self_signed (xj_store_get_data_dir (store), DEMO_INSPECTOR,
                                          DEMO_ORGANISATION, DEMO_PASSPHRASE, error))
    return FALSE;
  filter.state = XJ_INSPECTION_COMPLETED;
  filter.limit = 10000;
  if ((completed = xj_store_list_inspections (store, &filter, error)) == NULL)
    return FALSE;
  for (guint i = completed->len; i-- > 0;)
    {
      XjInspection *inspection = g_ptr_array_index (completed, i);
      g_autoptr(XjArchivedReport) report = NULL;

      if (!xj_store_check_inspection_signatures (store, inspection->id, NULL))
        continue;
      report = xj_inspection_sign (store, inspection->id, DEMO_ORGANISATION, NULL, NULL, DEMO_PASSPHRASE,
                                   NULL, NULL, NULL, error);
      if (report == NULL)
        return FALSE;
      (*n_signed)++;
    }
  return TRUE;
}

int
xj_cli_demo (XjCli *cli)
{
  g_autofree char *photos = xj_cli_take_option (cli, "--photos");
  g_autofree char *sites = xj_cli_take_option (cli, "--sites");
  g_autofree char *years = xj_cli_take_option (cli, "--years");
  g_autoptr(GError) error = NULL;
  XjDemoOptions options = { 0 };
  guint n_signed = 0;
  XjStore *store;

  if (cli->argc != 0)
    return xj_cli_usage (DEMO_USAGE);
  if (!parse_count (sites, 10000, &options.n_sites))
    return xj_cli_fail (_("--sites takes a number from 1 to 10000, not “%s”"), sites);
  if (!parse_count (years, 20, &options.years))
    return xj_cli_fail (_("--years takes a number from 1 to 20, not “%s”"), years);
  if (photos != NULL && !g_file_test (photos, G_FILE_TEST_IS_DIR))
    return xj_cli_fail (_("--photos: “%s” is not a folder"), photos);
  options.photos_dir = photos;
  options.seed = 20261125;

  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if (!xj_demo_fill (store, &options, &error)
      || !sign_demo_inspections (store, &n_signed, &error))
    return xj_cli_fail_error (error);
  printf (_("Demo data written to “%s”.\n"), xj_store_get_data_dir (store));
  printf (ngettext ("%u inspection signed and archived (demo certificate passphrase: %s).\n",
                       "%u inspections signed and archived (demo certificate passphrase: %s).\n",
                       n_signed), n_signed, DEMO_PASSPHRASE);
  return 0;
}
