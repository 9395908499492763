/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-team-connection.h"

G_BEGIN_DECLS

/* One member of the team: a login role in one of the group roles. */
typedef struct
{
  char *name;
  char *role;
} XjTeamMember;

typedef struct
{
  char *table;
  gint64 rows;
} XjTeamCount;

typedef struct
{
  guint      schema_version;      /* 0: no team schema yet */
  guint      program_version;     /* the version this program makes */
  GPtrArray *members;             /* of XjTeamMember */
  GPtrArray *counts;              /* of XjTeamCount, in table order */
} XjTeamServerStatus;

guint               xj_team_server_get_program_version (void);
gboolean            xj_team_server_init         (XjTeamConnection    *connection,
                                                 guint               *from_version,
                                                 GError             **error);
gboolean            xj_team_server_remove_user  (XjTeamConnection    *connection,
                                                 const char          *name,
                                                 GError             **error);
char               *xj_team_server_add_user     (XjTeamConnection    *connection,
                                                 const char          *name,
                                                 const char          *role,
                                                 const char          *password,
                                                 GError             **error);
XjTeamServerStatus *xj_team_server_get_status   (XjTeamConnection    *connection,
                                                 GError             **error);
void                xj_team_server_status_free  (XjTeamServerStatus  *status);

gboolean           _xj_team_server_read_version (XjTeamConnection    *connection,
                                                 guint               *version,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTeamServerStatus, xj_team_server_status_free)

G_END_DECLS
