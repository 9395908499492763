/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * xunjian template list [--all] [--json] | export ID FILE | import FILE
 */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-cli.h"
#include "xj-template-io.h"
#include "xj-template-store.h"

#define USAGE "xunjian template list [--all] [--json] | export ID FILE.json|FILE.csv | import FILE"

static void
add_template (JsonBuilder *builder,
              gpointer     item,
              gpointer     user_data)
{
  XjTemplateSummary *summary = item;

  xj_cli_json_int (builder, "id", summary->id);
  xj_cli_json_string (builder, "uid", summary->uid);
  xj_cli_json_string (builder, "name", summary->name);
  xj_cli_json_int (builder, "version", summary->version);
  xj_cli_json_int (builder, "version_id", summary->version_id);
  xj_cli_json_int (builder, "items", summary->n_items);
  xj_cli_json_bool (builder, "builtin", summary->builtin);
  xj_cli_json_bool (builder, "archived", summary->archived);
  xj_cli_json_int (builder, "inspections", summary->n_inspections);
}

static void
print_template (gpointer item,
                gpointer user_data)
{
  XjTemplateSummary *summary = item;

  printf ("%lld\t%s\t", (long long) summary->id, summary->name);
  /* Translators: template version and item count in `template list` */
  printf (g_dngettext (NULL, "v%d\t%u item", "v%d\t%u items", summary->n_items),
          summary->version, summary->n_items);
  printf ("%s%s\n", summary->builtin ? _("\tbuilt-in") : "",
          summary->archived ? _("\t(archived)") : "");
}

static int
list_templates (XjCli *cli)
{
  gboolean json = xj_cli_take_flag (cli, "--json");
  gboolean all = xj_cli_take_flag (cli, "--all");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;

  if ((store = xj_cli_get_store_for (cli, 1, USAGE)) == NULL)
    return 1;
  if ((list = xj_store_list_templates (store, all, &error)) == NULL)
    return xj_cli_fail_error (error);
  xj_cli_print_list (list, json, add_template, print_template, NULL);
  return 0;
}

static int
export_template (XjCli *cli)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  XjStore *store;

  if (cli->argc != 3)
    return xj_cli_usage (USAGE);
  if (!g_ascii_string_to_signed (cli->argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return xj_cli_fail (_("“%s” is not a checklist ID; `xunjian template list` shows them."), cli->argv[1]);
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if (!xj_store_export_template (store, id, cli->argv[2], &error))
    return xj_cli_fail_error (error);
  return 0;
}

static int
import_template (XjCli *cli)
{
  g_autoptr(GError) error = NULL;
  XjStore *store;
  gint64 id;

  if ((store = xj_cli_get_store_for (cli, 2, USAGE)) == NULL)
    return 1;
  if ((id = xj_store_import_template (store, cli->argv[1], g_get_user_name (), &error)) == 0)
    {
      /* One line: the problems of a bad file, separated. */
      g_autofree char *line = NULL;
      g_auto(GStrv) parts = g_strsplit (error->message, "\n", -1);

      line = g_strjoinv (" | ", parts);
      return xj_cli_fail ("%s", line);
    }
  printf ("%lld\n", (long long) id);
  return 0;
}

int
xj_cli_template (XjCli *cli)
{
  return xj_cli_dispatch (cli, USAGE,
                          "list", list_templates, "export", export_template,
                          "import", import_template, NULL);
}
