/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One binary: a first argument that is a command runs headless (no display,
 * GTK not initialised); anything else starts the application.
 */
#define G_LOG_DOMAIN "xunjian"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "xj-application.h"
#include "xj-cli.h"
#include "xj-store.h"

/* Running from the build tree: use its translations and settings schema. */
static void
use_build_tree_if_uninstalled (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe == NULL || !g_str_has_prefix (exe, BUILD_ROOT "/"))
    return;
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_SCHEMADIR, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autoptr(GApplication) app = NULL;
  int command_at = -1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  use_build_tree_if_uninstalled ();

  /* --data-dir and --version come before the command word (or alone). */
  g_ptr_array_add (rest, argv[0]);
  for (int i = 1; i < argc; i++)
    {
      if (command_at < 0 && g_strcmp0 (argv[i], "--data-dir") == 0)
        {
          if (i + 1 >= argc)
            {
              fprintf (stderr, "xunjian: %s\n", _("--data-dir needs a folder"));
              return 2;
            }
          g_free (data_dir);
          data_dir = g_strdup (argv[++i]);
        }
      else if (command_at < 0 && g_str_has_prefix (argv[i], "--data-dir="))
        {
          g_free (data_dir);
          data_dir = g_strdup (argv[i] + strlen ("--data-dir="));
        }
      else if (command_at < 0 && g_strcmp0 (argv[i], "--version") == 0)
        {
          printf ("xunjian %s\n", PACKAGE_VERSION);
          return 0;
        }
      else
        {
          if (command_at < 0 && xj_cli_is_command (argv[i]))
            command_at = i;
          g_ptr_array_add (rest, argv[i]);
        }
    }

  if (data_dir == NULL)
    data_dir = xj_store_dup_default_data_dir ();

  if (command_at >= 0)
    {
      /* rest[0] is the program; the command word follows. */
      return xj_cli_run (data_dir, rest->len - 1, (char **) rest->pdata + 1);
    }

  g_ptr_array_add (rest, NULL);
  app = G_APPLICATION (xj_application_new (data_dir));
  return g_application_run (app, rest->len - 1, (char **) rest->pdata);
}
