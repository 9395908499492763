/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-store.h"
#include "xj-sync-monitor.h"

G_BEGIN_DECLS

#define XJ_TYPE_APPLICATION (xj_application_get_type ())
G_DECLARE_FINAL_TYPE (XjApplication, xj_application, XJ, APPLICATION, AdwApplication)

XjApplication *xj_application_new          (const char    *data_dir);
XjStore       *xj_application_get_store    (XjApplication *self);
GSettings     *xj_application_get_settings (XjApplication *self);
char          *xj_application_dup_actor    (XjApplication *self);
XjSyncMonitor *xj_application_get_sync_monitor (XjApplication *self);

G_END_DECLS
