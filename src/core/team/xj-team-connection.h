/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define XJ_TEAM_ERROR (xj_team_error_quark ())

typedef enum
{
  XJ_TEAM_ERROR_FAILED,
  XJ_TEAM_ERROR_CONNECT,      /* the server cannot be reached */
  XJ_TEAM_ERROR_AUTH,         /* wrong user or password */
  XJ_TEAM_ERROR_NEEDS_PASSWORD, /* the server wants a password and got none */
  XJ_TEAM_ERROR_DENIED,       /* the server's rules refused the action */
  XJ_TEAM_ERROR_TOO_NEW,      /* the team schema is newer than this program */
  XJ_TEAM_ERROR_NOT_READY,    /* no team schema on the server yet */
  XJ_TEAM_ERROR_INVALID,      /* input refused before it reached the server */
  XJ_TEAM_ERROR_INTEGRITY,    /* the same record with other content */
  XJ_TEAM_ERROR_NOT_JOINED,   /* this laptop is in no team */
  XJ_TEAM_ERROR_JOINED,       /* this laptop is in a team already */
  XJ_TEAM_ERROR_UNSENT,       /* changes not pushed yet */
  XJ_TEAM_ERROR_NO_DATABASE,  /* the server has no database of that name */
  XJ_TEAM_ERROR_NOT_MEMBER,   /* the user is in none of the team's roles (removed) */
} XjTeamError;

GQuark xj_team_error_quark (void);

typedef struct _XjTeamConnection XjTeamConnection;

XjTeamConnection *xj_team_connection_open     (const char        *conninfo,
                                               const char        *user,
                                               const char        *password,
                                               GError           **error);
void              xj_team_connection_free     (XjTeamConnection  *connection);
const char       *xj_team_connection_get_user (XjTeamConnection  *connection);
char             *xj_team_conninfo_without_password (const char  *conninfo,
                                                     GError     **error);
char             *xj_team_conninfo_describe   (const char        *conninfo);
char             *xj_team_conninfo_build      (const char        *host,
                                               const char        *port,
                                               const char        *dbname);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTeamConnection, xj_team_connection_free)

G_END_DECLS
