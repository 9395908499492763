/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the user's role in the team lets them do on this laptop: the pages
 * disable what the server would refuse and say why.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include "xj-team-laptop.h"
#include "xj-team-role.h"

/* Returns: (transfer full) (nullable): why the user may not do @act in
 *   their team, or NULL when they may (or the laptop is in no team).  A
 *   one-row read. */
char *
xj_team_role_refusal_here (XjApplication *application,
                           XjTeamAct      act)
{
  g_autoptr(XjTeamMembership) membership = NULL;

  g_return_val_if_fail (XJ_IS_APPLICATION (application), NULL);

  membership = xj_team_get_membership (xj_application_get_store (application), NULL);
  if (membership == NULL || membership->server == NULL)
    return NULL;
  return xj_team_role_refusal (membership->role, act);
}
