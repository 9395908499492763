/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-annotation-canvas.h"
#include "xj-photo-store.h"

G_BEGIN_DECLS

#define XJ_TYPE_ANNOTATION_EDITOR (xj_annotation_editor_get_type ())
G_DECLARE_FINAL_TYPE (XjAnnotationEditor, xj_annotation_editor, XJ, ANNOTATION_EDITOR, AdwWindow)

XjAnnotationEditor *xj_annotation_editor_new        (XjStore               *store,
                                                     const char            *actor,
                                                     gint64                 answer_id,
                                                     const XjAttachedPhoto *photo);
XjAnnotationCanvas *xj_annotation_editor_get_canvas (XjAnnotationEditor    *self);
void                xj_annotation_editor_set_tool   (XjAnnotationEditor    *self,
                                                     XjShapeKind            tool);

G_END_DECLS
