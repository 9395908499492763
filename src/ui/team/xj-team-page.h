/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"

G_BEGIN_DECLS

#define XJ_TYPE_TEAM_PAGE (xj_team_page_get_type ())
G_DECLARE_FINAL_TYPE (XjTeamPage, xj_team_page, XJ, TEAM_PAGE, AdwPreferencesPage)

XjTeamPage *xj_team_page_new (XjApplication *application);

G_END_DECLS
