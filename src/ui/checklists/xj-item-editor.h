/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-template.h"

G_BEGIN_DECLS

#define XJ_TYPE_ITEM_EDITOR (xj_item_editor_get_type ())

G_DECLARE_FINAL_TYPE (XjItemEditor, xj_item_editor, XJ, ITEM_EDITOR, AdwBin)

void  xj_item_editor_set_item             (XjItemEditor   *self,
                                           XjTemplateItem *item,
                                           gboolean        editable);
double xj_item_editor_get_scroll          (XjItemEditor   *self);
void  xj_item_editor_set_scroll           (XjItemEditor   *self,
                                           double          value);
void  xj_item_editor_show_problems        (XjItemEditor   *self,
                                           GPtrArray      *problems);
guint xj_item_editor_get_n_input_errors   (XjItemEditor   *self);
void  xj_item_editor_focus_prompt         (XjItemEditor   *self);

G_END_DECLS
