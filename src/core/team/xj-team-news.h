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

/* A step someone else made on a notice that concerns this member, or its
 * escalation, that came with a sync. */
typedef struct
{
  gint64    id;
  char     *number;
  char     *site;
  char     *to_state;    /* the newest step's state ("verified" ...); NULL: none */
  char     *actor;       /* who made that step */
  gboolean  escalated;   /* escalated with this sync */
  gboolean  followed;
} XjTeamUpdate;

/* What the notices looked like before a sync (the last step here, the
 * notices escalated already). */
typedef struct _XjTeamNoticeWatch XjTeamNoticeWatch;

gint64     xj_team_get_last_notice_id     (XjStore  *store,
                                           GError  **error);
XjTeamNoticeWatch *xj_team_watch_notices  (XjStore            *store,
                                           GError            **error);
void       xj_team_notice_watch_free      (XjTeamNoticeWatch  *watch);
GPtrArray *xj_team_list_notice_updates    (XjStore            *store,
                                           XjTeamNoticeWatch  *watch,
                                           gint64              after_id,
                                           const char *const  *followed,
                                           const char         *me,
                                           GError            **error);
void       xj_team_update_free            (XjTeamUpdate       *update);
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
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTeamUpdate, xj_team_update_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTeamNoticeWatch, xj_team_notice_watch_free)

G_END_DECLS
