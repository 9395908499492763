/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"
#include "xj-schedule.h"

G_BEGIN_DECLS

#define XJ_TYPE_SCHEDULE_DIALOG (xj_schedule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XjScheduleDialog, xj_schedule_dialog, XJ, SCHEDULE_DIALOG, AdwWindow)

XjScheduleDialog *xj_schedule_dialog_new       (XjApplication    *application,
                                                XjSchedule       *schedule);
const char       *xj_schedule_dialog_get_error (XjScheduleDialog *self);

G_END_DECLS
