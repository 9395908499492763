/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-inspection.h"
#include "xj-photo-strip.h"

G_BEGIN_DECLS

#define XJ_TYPE_ITEM_ROW (xj_item_row_get_type ())
G_DECLARE_FINAL_TYPE (XjItemRow, xj_item_row, XJ, ITEM_ROW, AdwBin)

/* Signals: "answer" (value, nullable) and "remark" (text) when the person
 * gives them; "entered" when the row gets the keyboard or a click; "done"
 * (in_remark) when Enter confirmed a remark or a typed answer; "timer"
 * (Unix ms, 0: none) when its stopwatch starts or is reset. */
XjItemRow            *xj_item_row_new            (const XjTemplateItem   *item,
                                                  guint                   number,
                                                  GMenuModel             *remarks_menu);
const XjTemplateItem *xj_item_row_get_item       (XjItemRow              *self);
void                  xj_item_row_set_answer     (XjItemRow              *self,
                                                  const XjAnswer         *answer);
const char           *xj_item_row_get_value      (XjItemRow              *self);
void                  xj_item_row_set_previous   (XjItemRow              *self,
                                                  const XjPreviousAnswer *previous,
                                                  gint64                  now);
void                  xj_item_row_set_read_only  (XjItemRow              *self,
                                                  gboolean                read_only);
void                  xj_item_row_set_current    (XjItemRow              *self,
                                                  gboolean                current);
void                  xj_item_row_set_error      (XjItemRow              *self,
                                                  const char             *message);
void                  xj_item_row_remark_failed  (XjItemRow              *self,
                                                  const char             *message);
void                  xj_item_row_choose         (XjItemRow              *self,
                                                  const char             *value);
gboolean              xj_item_row_focus_control  (XjItemRow              *self);
void                  xj_item_row_focus_remark   (XjItemRow              *self);
void                  xj_item_row_flush          (XjItemRow              *self);
gboolean              xj_item_row_toggle_stopwatch (XjItemRow            *self);
gboolean              xj_item_row_get_timer_running (XjItemRow           *self);
gboolean              xj_item_row_is_repeat      (XjItemRow              *self);
XjPhotoStrip         *xj_item_row_get_photo_strip (XjItemRow             *self);

G_END_DECLS
