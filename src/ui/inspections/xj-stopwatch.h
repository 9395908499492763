/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define XJ_TYPE_STOPWATCH (xj_stopwatch_get_type ())
G_DECLARE_FINAL_TYPE (XjStopwatch, xj_stopwatch, XJ, STOPWATCH, AdwBin)

GtkWidget *xj_stopwatch_new          (void);
void       xj_stopwatch_set_seconds  (XjStopwatch *self,
                                      double       seconds);
void       xj_stopwatch_set_started  (XjStopwatch *self,
                                      gint64       started_ms);
void       xj_stopwatch_set_limit    (XjStopwatch *self,
                                      double       seconds);
void       xj_stopwatch_toggle       (XjStopwatch *self);
gboolean   xj_stopwatch_get_running  (XjStopwatch *self);
void       xj_stopwatch_set_editable (XjStopwatch *self,
                                      gboolean     editable);

G_END_DECLS
