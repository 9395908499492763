/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"
#include "xj-calendar-page.h"

G_BEGIN_DECLS

#define XJ_TYPE_SCHEDULES_PAGE (xj_schedules_page_get_type ())
G_DECLARE_FINAL_TYPE (XjSchedulesPage, xj_schedules_page, XJ, SCHEDULES_PAGE, AdwBin)

GtkWidget      *xj_schedules_page_new          (XjApplication   *application);
XjCalendarPage *xj_schedules_page_show_calendar (XjSchedulesPage *self);

G_END_DECLS
