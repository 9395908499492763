/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"
#include "xj-calendar.h"

G_BEGIN_DECLS

#define XJ_TYPE_CALENDAR_PAGE (xj_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (XjCalendarPage, xj_calendar_page, XJ, CALENDAR_PAGE, AdwBin)

GtkWidget  *xj_calendar_page_new          (XjApplication  *application);
void        xj_calendar_page_show_month   (XjCalendarPage *self,
                                           int             year,
                                           int             month);
gboolean    xj_calendar_page_get_busy     (XjCalendarPage *self);
XjCalendar *xj_calendar_page_get_calendar (XjCalendarPage *self);
gboolean    xj_calendar_page_select       (XjCalendarPage *self,
                                           gint64          schedule_id,
                                           gint64          at);

G_END_DECLS
