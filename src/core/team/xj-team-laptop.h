/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"
#include "xj-team-connection.h"

G_BEGIN_DECLS

/* The team this laptop belongs to, as the laptop knows it (no server
 * needed to read it). */
typedef struct
{
  char   *server;           /* conninfo, never with a password; NULL: no team */
  char   *user;
  char   *role;
  char   *laptop_code;      /* short, unique in the team; NULL: no team */
  gint64  joined_at;
  gint64  last_sync_at;     /* 0: never */
  gint64  changes_waiting;  /* records captured for the next push */
  gint64  conflicts;        /* waiting for a decision */
  gint64  set_aside;        /* changes the server refused, waiting for a decision */
  gint64  numbers_with_code; /* reports and notices whose number ends in the laptop's code */
} XjTeamMembership;

/* A certificate of the member's own, public part only. */
typedef struct
{
  char *sha256;             /* of the DER leaf, lower-case hex */
  char *pem;
} XjTeamCertificate;

XjTeamMembership *xj_team_get_membership    (XjStore           *store,
                                             GError           **error);
XjTeamMembership *xj_team_get_joined_membership (XjStore      *store,
                                                 GError      **error);
void              xj_team_membership_free   (XjTeamMembership  *membership);
gboolean          xj_team_join              (XjStore           *store,
                                             XjTeamConnection  *connection,
                                             const char        *conninfo,
                                             GPtrArray         *certificates,
                                             GError           **error);
gboolean          xj_team_leave             (XjStore           *store,
                                             gboolean           force,
                                             GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTeamMembership, xj_team_membership_free)

G_END_DECLS
