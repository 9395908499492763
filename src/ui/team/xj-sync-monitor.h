/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "xj-store.h"

G_BEGIN_DECLS

typedef enum
{
  XJ_SYNC_STATE_NOT_JOINED,   /* the laptop is in no team: nothing to show */
  XJ_SYNC_STATE_IDLE,         /* the last sync went through (or none yet) */
  XJ_SYNC_STATE_SYNCING,
  XJ_SYNC_STATE_OFFLINE,      /* the server did not answer: normal, quiet */
  XJ_SYNC_STATE_ERROR,        /* the server answered and refused */
  XJ_SYNC_STATE_SET_ASIDE,    /* synced, but changes the server refused wait for a person */
} XjSyncState;

/* What a person decided about a change set aside (xj-team-set-aside.h). */
typedef enum
{
  XJ_SYNC_RETRY,              /* send it again */
  XJ_SYNC_TAKE_THEIRS,        /* replace it here with the team's copy */
  XJ_SYNC_KEEP_LOCAL,         /* keep it on this laptop only */
} XjSyncDecision;

#define XJ_TYPE_SYNC_MONITOR (xj_sync_monitor_get_type ())
G_DECLARE_FINAL_TYPE (XjSyncMonitor, xj_sync_monitor, XJ, SYNC_MONITOR, GObject)

XjSyncMonitor *xj_sync_monitor_new              (XjStore        *store,
                                                 GApplication   *application);
void           xj_sync_monitor_sync_now         (XjSyncMonitor  *self);
void           xj_sync_monitor_stop             (XjSyncMonitor  *self);
XjSyncState    xj_sync_monitor_get_state        (XjSyncMonitor  *self);
const char    *xj_sync_monitor_get_summary      (XjSyncMonitor  *self);
const char    *xj_sync_monitor_get_last_error   (XjSyncMonitor  *self);
GPtrArray     *xj_sync_monitor_get_errors       (XjSyncMonitor  *self);
guint          xj_sync_monitor_get_conflicts    (XjSyncMonitor  *self);
guint          xj_sync_monitor_get_changes_waiting (XjSyncMonitor *self);
guint          xj_sync_monitor_get_n_completed  (XjSyncMonitor  *self);
guint          xj_sync_monitor_get_n_notified   (XjSyncMonitor  *self);
GPtrArray     *xj_sync_monitor_get_set_aside    (XjSyncMonitor  *self);
void           xj_sync_monitor_decide           (XjSyncMonitor  *self,
                                                 XjSyncDecision  decision,
                                                 gint64          id);
gboolean       xj_sync_monitor_is_running       (XjSyncMonitor  *self);

G_END_DECLS
