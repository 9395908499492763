/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

/* A notice that came with a sync and concerns this member. */
typedef struct
{
  gint64  id;
  char   *number;
  char   *site;
  gboolean followed;    /* raised on a site the member follows */
} XjTeamArrival;

gint64     xj_team_get_last_notice_id     (XjStore  *store,
                                           GError  **error);
GPtrArray *xj_team_list_arrived_notices   (XjStore            *store,
                                           gint64              after_id,
                                           const char *const  *followed,
                                           GError            **error);
char      *xj_team_dup_site_uuid          (XjStore            *store,
                                           gint64              site_id,
                                           GError            **error);
GHashTable *xj_team_list_followed_sites   (XjStore            *store,
                                           const char *const  *followed,
                                           GError            **error);
void       xj_team_arrival_free           (XjTeamArrival *arrival);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTeamArrival, xj_team_arrival_free)

G_END_DECLS
