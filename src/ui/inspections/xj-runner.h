/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"
#include "xj-inspection.h"
#include "xj-item-row.h"

G_BEGIN_DECLS

#define XJ_TYPE_RUNNER (xj_runner_get_type ())
G_DECLARE_FINAL_TYPE (XjRunner, xj_runner, XJ, RUNNER, AdwBin)

XjRunner           *xj_runner_new                (XjApplication *application,
                                                  gint64         inspection_id,
                                                  GError       **error);
gint64              xj_runner_get_inspection_id  (XjRunner      *self);
const XjInspection *xj_runner_get_inspection     (XjRunner      *self);
const XjTemplate   *xj_runner_get_template       (XjRunner      *self);
GHashTable         *xj_runner_get_answers        (XjRunner      *self);
gboolean            xj_runner_get_read_only      (XjRunner      *self);
gboolean            xj_runner_get_foreign        (XjRunner      *self);
XjItemRow          *xj_runner_get_current_row    (XjRunner      *self);
XjItemRow          *xj_runner_get_row            (XjRunner      *self,
                                                  gint64         item_id);
void                xj_runner_jump_to_item       (XjRunner      *self,
                                                  gint64         item_id);
gboolean            xj_runner_complete           (XjRunner      *self,
                                                  GError       **error);
void                xj_runner_flush              (XjRunner      *self);

G_END_DECLS
