/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The headless command line: a first argument that is a command runs here,
 * without a display and without initialising GTK.  Exit status 0 on
 * success; otherwise one line on stderr saying why.
 */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-builtins.h"
#include "xj-cli.h"
#include "xj-clock.h"

static int help (XjCli *cli);

static const struct {
  const char   *word;
  XjCliCommand  run;
  const char   *summary;
} commands[] = {
  { "check", xj_cli_check, N_("Check the database and every archived report") },
  { "conflicts", xj_cli_conflicts, N_("List and resolve team edits that clashed") },
  { "demo", xj_cli_demo, N_("Fill a new data folder with demo data") },
  { "export", xj_cli_export, N_("Export inspections, answers and notices to Excel") },
  { "help", help, N_("Show this list") },
  { "inspection", xj_cli_inspection, N_("List the inspections, or show one") },
  { "notice", xj_cli_notice, N_("List, export or escalate rectification notices") },
  { "report", xj_cli_report, N_("Sign, export, verify and list reports; the monthly report") },
  { "server", xj_cli_server, N_("Set up a team archive on a PostgreSQL server") },
  { "site", xj_cli_site, N_("List, show, add, edit and merge sites") },
  { "sync", xj_cli_sync, N_("Sync this laptop with the team archive") },
  { "team", xj_cli_team, N_("Join or leave a team; changes set aside") },
  { "template", xj_cli_template, N_("List, export and import checklists") },
};

/* `xunjian help`: every command with what it is for; each command says
 * its own arguments when called without them. */
static int
help (XjCli *cli)
{
  printf ("%s\n", _("Usage: xunjian [--data-dir FOLDER] [COMMAND …]"));
  printf ("%s\n\n", _("Without a command, the application starts. The commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *summary = _(commands[i].summary);

      printf ("  %-12s%s\n", commands[i].word, summary);
    }
  printf ("\n%s\n", _("A command given wrong arguments shows how it is used."));
  return 0;
}

gboolean
xj_cli_is_command (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (word, commands[i].word) == 0)
      return TRUE;
  return FALSE;
}

int
xj_cli_fail (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever the message contains. */
  g_strdelimit (message, "\n", ' ');
  fprintf (stderr, "xunjian: %s\n", message);
  return 1;
}

int
xj_cli_fail_error (const GError *error)
{
  return xj_cli_fail ("%s", error->message);
}

int
xj_cli_usage (const char *usage)
{
  return xj_cli_fail (_("usage: %s"), usage);
}

static XjStore *
get_store (XjCli            *cli,
           XjStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;

  if (cli->store == NULL)
    {
      cli->store = xj_store_open (cli->data_dir, flags, &error);
      if (cli->store == NULL)
        xj_cli_fail_error (error);
      /* A database this user may only read is read as it is. */
      else if (!xj_store_is_read_only (cli->store)
               && !xj_templates_install_builtins (cli->store, &error))
        {
          xj_cli_fail_error (error);
          g_clear_object (&cli->store);
        }
    }
  return cli->store;
}

XjStore *
xj_cli_get_store (XjCli *cli)
{
  return get_store (cli, XJ_STORE_OPEN_VERIFY);
}

/* The store as the app's sync opens it: without SQLite's check of the
 * whole file, which reads every page (most of the time of a sync with
 * nothing to do).  What a command reads from a damaged file still fails. */
XjStore *
xj_cli_get_store_unchecked (XjCli *cli)
{
  return get_store (cli, XJ_STORE_OPEN_DEFAULT);
}

/* The store for a command that takes @n_args words (the subcommand
 * included); NULL after printing @usage or why the store did not open. */
XjStore *
xj_cli_get_store_for (XjCli      *cli,
                      int         n_args,
                      const char *usage)
{
  if (cli->argc != n_args)
    {
      xj_cli_usage (usage);
      return NULL;
    }
  return xj_cli_get_store (cli);
}

/* Removes @flag from the arguments; TRUE when it was there. */
gboolean
xj_cli_take_flag (XjCli      *cli,
                  const char *flag)
{
  for (int i = 0; i < cli->argc; i++)
    if (g_strcmp0 (cli->argv[i], flag) == 0)
      {
        memmove (&cli->argv[i], &cli->argv[i + 1], (cli->argc - i) * sizeof (char *));
        cli->argc--;
        return TRUE;
      }
  return FALSE;
}

/* Removes "@option VALUE" from the arguments and returns VALUE, or NULL. */
char *
xj_cli_take_option (XjCli      *cli,
                    const char *option)
{
  for (int i = 0; i + 1 < cli->argc; i++)
    if (g_strcmp0 (cli->argv[i], option) == 0)
      {
        char *value = g_strdup (cli->argv[i + 1]);

        memmove (&cli->argv[i], &cli->argv[i + 2], (cli->argc - i - 1) * sizeof (char *));
        cli->argc -= 2;
        return value;
      }
  return NULL;
}

void
xj_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* Prints what @builder has built. */
void
xj_cli_print_json_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  xj_cli_print_json (root);
}

void
xj_cli_print_json_list (GPtrArray        *items,
                        XjCliJsonMembers  add_members,
                        gpointer          user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (builder);
      add_members (builder, g_ptr_array_index (items, i), user_data);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  xj_cli_print_json_builder (builder);
}

void
xj_cli_print_list (GPtrArray        *items,
                   gboolean          json,
                   XjCliJsonMembers  add_members,
                   XjCliTextLine     print_line,
                   gpointer          user_data)
{
  if (json)
    xj_cli_print_json_list (items, add_members, user_data);
  else
    g_ptr_array_foreach (items, (GFunc) print_line, user_data);
}

/* Runs the subcommand named by the first argument, or prints @usage: the
 * arguments after @usage are pairs of a word and its XjCliCommand,
 * ending with NULL. */
int
xj_cli_dispatch (XjCli      *cli,
                 const char *usage,
                 ...)
{
  const char *word;
  va_list args;

  va_start (args, usage);
  while ((word = va_arg (args, const char *)) != NULL)
    {
      XjCliCommand run = va_arg (args, XjCliCommand);

      if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], word) == 0)
        {
          va_end (args);
          return run (cli);
        }
    }
  va_end (args);
  return xj_cli_usage (usage);
}

/* NULL is written as null. */
void
xj_cli_json_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
xj_cli_json_int (JsonBuilder *builder,
                 const char  *name,
                 gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
xj_cli_json_bool (JsonBuilder *builder,
                  const char  *name,
                  gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* ISO 8601 with the local offset; null when unset (0 or less). */
void
xj_cli_json_time (JsonBuilder *builder,
                  const char  *name,
                  gint64       when)
{
  g_autofree char *text = when > 0 ? xj_format_iso8601 (when) : NULL;

  xj_cli_json_string (builder, name, text);
}

int
xj_cli_run (const char  *data_dir,
            int          argc,
            char       **argv)
{
  XjCli cli = { data_dir, NULL, argc - 1, NULL };
  g_autofree char **args = g_new0 (char *, argc + 1);
  int status = 2;

  g_return_val_if_fail (argc >= 1, 2);

  /* A private copy: commands take their options out of it. */
  memcpy (args, argv + 1, (argc - 1) * sizeof (char *));
  cli.argv = args;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (argv[0], commands[i].word) == 0)
      status = commands[i].run (&cli);

  g_clear_object (&cli.store);
  return status;
}
