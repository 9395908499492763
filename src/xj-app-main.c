/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `xunjian-app`, the application (GTK and libadwaita), installed in
 * libexecdir: `xunjian` execs it with its own arguments when they name no
 * command, so people and the desktop file keep typing `xunjian`.
 */
#define G_LOG_DOMAIN "xunjian"

#include "config.h"

#include <stdio.h>

#include "xj-application.h"
#include "xj-startup.h"

int
main (int    argc,
      char **argv)
{
  g_auto(XjStartupArgs) args = { 0 };
  g_autoptr(GApplication) app = NULL;

  xj_startup_init_locale ();
  if (!xj_startup_parse_args (argc, argv, NULL, &args))
    return 2;
  if (args.version)
    {
      printf ("xunjian %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_ptr_array_add (args.rest, NULL);
  app = G_APPLICATION (xj_application_new (args.data_dir));
  return g_application_run (app, args.rest->len - 1, (char **) args.rest->pdata);
}
