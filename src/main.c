/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `xunjian`, the one command people type.  A first argument that is a
 * command runs here, headless: this executable links no GTK, so a command
 * such as `xunjian sync` does not pay for loading it.  Anything else (no
 * command, GTK options, files) starts the application: `xunjian-app`,
 * exec'd with the same arguments and environment (the same process).
 */
#define G_LOG_DOMAIN "xunjian"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "xj-cli.h"
#include "xj-startup.h"

/* The application's executable: next to this one in the build tree, in
 * libexecdir once installed. */
static char *
dup_app_path (void)
{
  g_autofree char *exe = NULL;
  g_autofree char *dir = NULL;

  if (!xj_startup_is_uninstalled ())
    return g_build_filename (LIBEXECDIR, "xunjian-app", NULL);
  exe = g_file_read_link ("/proc/self/exe", NULL);
  dir = g_path_get_dirname (exe);
  return g_build_filename (dir, "xunjian-app", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_auto(XjStartupArgs) args = { 0 };
  g_autofree char *app = NULL;

  xj_startup_init_locale ();
  if (!xj_startup_parse_args (argc, argv, xj_cli_is_command, &args))
    return 2;
  if (args.version)
    {
      printf ("xunjian %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (args.command_at >= 0)
    {
      /* rest[0] is the program; the command word follows. */
      return xj_cli_run (args.data_dir, args.rest->len - 1, (char **) args.rest->pdata + 1);
    }

  /* A first word that is not an option and not a command is a mistyped
   * command: the application opens no files. */
  if (args.rest->len > 1 && ((char *) args.rest->pdata[1])[0] != '-')
    {
      xj_cli_fail (_("“%s” is not a command; `xunjian help` lists them."),
                   (char *) args.rest->pdata[1]);
      return 2;
    }

  app = dup_app_path ();
  execv (app, argv);
  return xj_cli_fail (_("cannot start the application %s: %s"), app, g_strerror (errno));
}
