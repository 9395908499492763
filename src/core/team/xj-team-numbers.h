/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"
#include "xj-team-connection.h"

G_BEGIN_DECLS

gboolean  xj_team_numbers_refill (XjStore           *store,
                                  XjTeamConnection  *connection,
                                  GError           **error);

gboolean _xj_team_numbers_join   (XjStore           *store,
                                  XjTeamConnection  *connection,
                                  GError           **error);

G_END_DECLS
