/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a person needs to hear about a team server, in one word: the
 * answer of "Test connection" and the reason of a failed sync. */
typedef enum
{
  XJ_TEAM_REACH_OK,              /* reached, the user is a member (role known) */
  XJ_TEAM_REACH_WRONG_PASSWORD,  /* user name or password refused */
  XJ_TEAM_REACH_NEEDS_PASSWORD,  /* the server asks for a password, none given */
  XJ_TEAM_REACH_TOO_OLD,         /* team schema older than this program */
  XJ_TEAM_REACH_TOO_NEW,         /* team schema newer than this program */
  XJ_TEAM_REACH_NO_SCHEMA,       /* PostgreSQL, but no team archive in it */
  XJ_TEAM_REACH_NOT_MEMBER,      /* the user is in none of the team's roles */
  XJ_TEAM_REACH_TLS,             /* encryption or certificate problem */
  XJ_TEAM_REACH_NO_ROUTE,        /* no server answers there */
  XJ_TEAM_REACH_INVALID,         /* the address is not a connection string */
  XJ_TEAM_REACH_DENIED,          /* the server's rules refused an action */
  XJ_TEAM_REACH_FAILED,          /* anything else; the detail says what */
  XJ_TEAM_REACH_NO_DATABASE,     /* the server answers, but has no database of that name */
} XjTeamReach;

typedef struct
{
  XjTeamReach  reach;
  char        *role;            /* inspector, liaison, manager, admin; NULL unless OK */
  guint        server_version;  /* the team schema's version; 0: none */
  char        *detail;          /* the technical message, for the details view */
} XjTeamProbe;

XjTeamProbe *xj_team_probe              (const char    *conninfo,
                                         const char    *user,
                                         const char    *password);
void         xj_team_probe_free         (XjTeamProbe   *probe);
XjTeamReach  xj_team_reach_from_error   (const GError  *error);
const char  *xj_team_reach_describe     (XjTeamReach    reach);
const char  *xj_team_role_label         (const char    *role);

/* What a member may do, as the server's rules say; the UI disables what the
 * role may not do and says why. */
typedef enum
{
  XJ_TEAM_ACT_START_INSPECTION,   /* inspectors (and administrators) */
  XJ_TEAM_ACT_WRITE_NOTICE,       /* raise, edit, a step: liaisons, managers, administrators */
  XJ_TEAM_ACT_EDIT_SHARED,        /* sites, checklists, schedules: all but liaisons */
} XjTeamAct;

char        *xj_team_role_refusal       (const char    *role,
                                         XjTeamAct      act);
char        *xj_team_refusal_explain    (const GError  *error,
                                         const char    *role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTeamProbe, xj_team_probe_free)

G_END_DECLS
