/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "xj-annotation.h"

G_BEGIN_DECLS

#define XJ_TYPE_ANNOTATION_CANVAS (xj_annotation_canvas_get_type ())
G_DECLARE_FINAL_TYPE (XjAnnotationCanvas, xj_annotation_canvas, XJ, ANNOTATION_CANVAS, GtkWidget)

/* Signal "changed" after each finished shape, undo or redo. */
XjAnnotationCanvas *xj_annotation_canvas_new        (void);
void          xj_annotation_canvas_set_texture      (XjAnnotationCanvas *self,
                                                     GdkTexture         *texture);
void          xj_annotation_canvas_set_annotation   (XjAnnotationCanvas *self,
                                                     const XjAnnotation *annotation);
const XjAnnotation *xj_annotation_canvas_get_annotation (XjAnnotationCanvas *self);
void          xj_annotation_canvas_set_tool         (XjAnnotationCanvas *self,
                                                     XjShapeKind         tool,
                                                     guint32             color,
                                                     double              width,
                                                     const char         *text);
/* Adds a finished shape as if drawn (points 0–1). */
void          xj_annotation_canvas_add_shape        (XjAnnotationCanvas *self,
                                                     XjShape            *shape);
gboolean      xj_annotation_canvas_undo             (XjAnnotationCanvas *self);
gboolean      xj_annotation_canvas_redo             (XjAnnotationCanvas *self);
gboolean      xj_annotation_canvas_can_undo         (XjAnnotationCanvas *self);
gboolean      xj_annotation_canvas_can_redo         (XjAnnotationCanvas *self);

G_END_DECLS
