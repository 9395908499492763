/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-template.h"

G_BEGIN_DECLS

#define XJ_TYPE_ITEM_CONTROL (xj_item_control_get_type ())
G_DECLARE_FINAL_TYPE (XjItemControl, xj_item_control, XJ, ITEM_CONTROL, AdwBin)

/* Emits "changed" (value, nullable) when the person gives a valid answer and
 * "invalid" (message) when what was typed cannot be stored; "done" when
 * Enter confirmed a typed answer; "timer" (Unix ms, 0: none) when a
 * stopwatch starts or is reset. */
XjItemControl *xj_item_control_new          (const XjTemplateItem *item);
void           xj_item_control_set_value    (XjItemControl        *self,
                                             const char           *value);
const char    *xj_item_control_get_value    (XjItemControl        *self);
void           xj_item_control_set_editable (XjItemControl        *self,
                                             gboolean              editable);
void           xj_item_control_set_photo_count (XjItemControl     *self,
                                             guint                 n_photos);
void           xj_item_control_flush        (XjItemControl        *self);
void           xj_item_control_set_timer    (XjItemControl        *self,
                                             gint64                started_ms);
gboolean       xj_item_control_toggle_stopwatch (XjItemControl    *self);
gboolean       xj_item_control_get_timer_running (XjItemControl   *self);
gboolean       xj_item_control_focus        (XjItemControl        *self);

G_END_DECLS
