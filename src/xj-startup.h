/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What both executables do first, `xunjian` (the command, no GTK) and
 * `xunjian-app` (the application it execs): the locale and text domain,
 * the build tree's translations and schemas, and the options that come
 * before a command word. */

typedef gboolean (*XjStartupIsCommand) (const char *word);

typedef struct
{
  char      *data_dir;     /* --data-dir, else the default folder */
  GPtrArray *rest;         /* argv[0] and every other argument, in order */
  int        command_at;   /* index in rest of the command word, or -1 */
  gboolean   version;      /* --version came before any command */
} XjStartupArgs;

void     xj_startup_init_locale (void);
gboolean xj_startup_is_uninstalled (void);
gboolean xj_startup_parse_args (int                 argc,
                                char              **argv,
                                XjStartupIsCommand  is_command,
                                XjStartupArgs      *args);
void     xj_startup_args_clear (XjStartupArgs *args);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XjStartupArgs, xj_startup_args_clear)

G_END_DECLS
