/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-application.h"
#include "xj-team-probe.h"

G_BEGIN_DECLS

char *xj_team_role_refusal_here (XjApplication *application,
                                 XjTeamAct      act);

G_END_DECLS
