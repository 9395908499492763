/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-template.h"

G_BEGIN_DECLS

#define XJ_TYPE_RESPONSE_EDITOR (xj_response_editor_get_type ())

G_DECLARE_FINAL_TYPE (XjResponseEditor, xj_response_editor, XJ, RESPONSE_EDITOR, AdwBin)

void  xj_response_editor_set_item         (XjResponseEditor *self,
                                           XjTemplateItem   *item,
                                           gboolean          editable);
void  xj_response_editor_show_problems    (XjResponseEditor *self,
                                           GPtrArray        *problems);
guint xj_response_editor_get_n_input_errors (XjResponseEditor *self);

G_END_DECLS
