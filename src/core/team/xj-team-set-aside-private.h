/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-team-set-aside.h"
#include "xj-team-sync-private.h"

G_BEGIN_DECLS

/* A monthly report refused because the team holds another report of its
 * month: who signed that one (@taken_by, NULL otherwise) and when. */
gboolean  _xj_set_aside_month_taken   (Sync                  *sync,
                                       const char            *record,
                                       char                 **taken_by,
                                       gint64                *taken_at,
                                       GError               **error);
char     *_xj_set_aside_month_explain (const XjTeamSetAside  *item);
/* The team's report of the month taken here; this laptop's kept here only. */
gboolean  _xj_set_aside_take_month    (XjStore               *store,
                                       XjTeamConnection      *connection,
                                       const XjTeamSetAside  *item,
                                       GError               **error);

/* Sets "the team server has no copy" of @item; returns FALSE. */
gboolean  _xj_set_aside_no_copy       (const XjTeamSetAside  *item,
                                       GError               **error);

G_END_DECLS
