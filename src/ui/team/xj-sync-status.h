/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "xj-sync-monitor.h"

G_BEGIN_DECLS

#define XJ_TYPE_SYNC_STATUS (xj_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (XjSyncStatus, xj_sync_status, XJ, SYNC_STATUS, GtkWidget)

GtkWidget *xj_sync_status_new (XjSyncMonitor *monitor,
                               XjStore       *store);

G_END_DECLS
