/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The start shared by `xunjian` (the command line, which links no GTK)
 * and `xunjian-app` (the application, exec'd by `xunjian` with the same
 * arguments): both read the options before a command word the same way.
 */
#define G_LOG_DOMAIN "xunjian"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "xj-startup.h"
#include "xj-store.h"

/* TRUE when this executable runs from the build tree. */
gboolean
xj_startup_is_uninstalled (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, BUILD_ROOT "/");
}

/* The locale and the text domain; running from the build tree, its
 * translations and settings schema. */
void
xj_startup_init_locale (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (!xj_startup_is_uninstalled ())
    return;
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_SCHEMADIR, FALSE);
}

/* --data-dir and --version come before the command word (or alone); the
 * first argument for which @is_command (may be NULL) says TRUE is the
 * command.  FALSE after printing why the arguments are wrong. */
gboolean
xj_startup_parse_args (int                 argc,
                       char              **argv,
                       XjStartupIsCommand  is_command,
                       XjStartupArgs      *args)
{
  *args = (XjStartupArgs) { NULL, g_ptr_array_new (), -1, FALSE };

  g_ptr_array_add (args->rest, argv[0]);
  for (int i = 1; i < argc; i++)
    {
      gboolean before_command = args->command_at < 0;

      if (before_command && g_strcmp0 (argv[i], "--data-dir") == 0)
        {
          if (i + 1 >= argc)
            {
              fprintf (stderr, "xunjian: %s\n", _("--data-dir needs a folder"));
              return FALSE;
            }
          g_free (args->data_dir);
          args->data_dir = g_strdup (argv[++i]);
        }
      else if (before_command && g_str_has_prefix (argv[i], "--data-dir="))
        {
          g_free (args->data_dir);
          args->data_dir = g_strdup (argv[i] + strlen ("--data-dir="));
        }
      else if (before_command && g_strcmp0 (argv[i], "--version") == 0)
        {
          args->version = TRUE;
          return TRUE;
        }
      else
        {
          if (before_command && is_command != NULL && is_command (argv[i]))
            args->command_at = (int) args->rest->len;
          g_ptr_array_add (args->rest, argv[i]);
        }
    }

  if (args->data_dir == NULL)
    args->data_dir = xj_store_dup_default_data_dir ();
  return TRUE;
}

void
xj_startup_args_clear (XjStartupArgs *args)
{
  g_clear_pointer (&args->data_dir, g_free);
  g_clear_pointer (&args->rest, g_ptr_array_unref);
}
