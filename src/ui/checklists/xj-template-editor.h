/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"
#include "xj-template.h"

G_BEGIN_DECLS

#define XJ_TYPE_TEMPLATE_EDITOR (xj_template_editor_get_type ())

G_DECLARE_FINAL_TYPE (XjTemplateEditor, xj_template_editor, XJ, TEMPLATE_EDITOR, AdwWindow)

XjTemplateEditor *xj_template_editor_new            (XjApplication    *application,
                                                     XjTemplate       *tmpl);
const XjTemplate *xj_template_editor_get_template   (XjTemplateEditor *self);
guint             xj_template_editor_get_n_problems (XjTemplateEditor *self);
gboolean          xj_template_editor_get_read_only  (XjTemplateEditor *self);
gboolean          xj_template_editor_get_modified   (XjTemplateEditor *self);

G_END_DECLS
