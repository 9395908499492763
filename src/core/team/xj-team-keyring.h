/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "xj-team-connection.h"

G_BEGIN_DECLS

gboolean  xj_team_keyring_is_available (void);
char     *xj_team_keyring_lookup       (const char  *server,
                                        const char  *user,
                                        GError     **error);
gboolean  xj_team_keyring_store        (const char  *server,
                                        const char  *user,
                                        const char  *password,
                                        GError     **error);
gboolean  xj_team_keyring_forget       (const char  *server,
                                        const char  *user,
                                        GError     **error);

XjTeamConnection *xj_team_connect_member (const char  *conninfo,
                                          const char  *user,
                                          gboolean    *from_keyring,
                                          GError     **error);

G_END_DECLS
