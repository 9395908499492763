/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "xj-schedule.h"

G_BEGIN_DECLS

#define XJ_TYPE_CALENDAR (xj_calendar_get_type ())
G_DECLARE_FINAL_TYPE (XjCalendar, xj_calendar, XJ, CALENDAR, GtkWidget)

void       xj_calendar_set_month    (XjCalendar *self,
                                     int         year,
                                     int         month,
                                     GArray     *occurrences);
guint      xj_calendar_count_status (XjCalendar         *self,
                                     int                 day,
                                     XjOccurrenceStatus  status);
GtkWidget *xj_calendar_get_cell     (XjCalendar *self,
                                     int         day);

G_END_DECLS
