/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "xj-cli.h"
#include "xj-demo.h"

#define DEMO_USAGE "xunjian demo [--photos DIR] [--sites N] [--years N]"

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

int
xj_cli_demo (XjCli *cli)
{
  g_autofree char *photos = xj_cli_take_option (cli, "--photos");
  g_autofree char *sites = xj_cli_take_option (cli, "--sites");
  g_autofree char *years = xj_cli_take_option (cli, "--years");
  g_autoptr(GError) error = NULL;
  XjDemoOptions options = { 0 };
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
  if (!xj_demo_fill (store, &options, &error))
    return xj_cli_fail_error (error);
  printf (_("Demo data written to “%s”.\n"), xj_store_get_data_dir (store));
  return 0;
}
