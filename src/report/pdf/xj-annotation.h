/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* A drawing over a photo, stored as vector data in answer_photos.annotation
 * (the photo itself is never changed).  The JSON, version 1:
 *
 *   { "version": 1,
 *     "shapes": [ { "kind": "arrow",       pen | arrow | ellipse | rectangle | text
 *                   "color": "#e01b24",    #rrggbb
 *                   "width": 0.006,        line width (text: font size) as a
 *                                          fraction of the image's long side
 *                   "points": [[0.2, 0.3], [0.5, 0.6]],
 *                   "text": "漏水" } ] }    text shapes only
 *
 * Points are fractions of the upright image's width and height (0–1), so a
 * drawing fits any size of the same photo.  pen: the stroke's points;
 * arrow: tail, head; ellipse and rectangle: two opposite corners; text:
 * the top-left corner of the label. */

typedef enum {
  XJ_SHAPE_PEN,
  XJ_SHAPE_ARROW,
  XJ_SHAPE_ELLIPSE,
  XJ_SHAPE_RECTANGLE,
  XJ_SHAPE_TEXT,
  XJ_N_SHAPE_KINDS
} XjShapeKind;

typedef struct
{
  double x;
  double y;
} XjShapePoint;

typedef struct
{
  XjShapeKind  kind;
  guint32      color;     /* 0xRRGGBB */
  double       width;
  GArray      *points;    /* XjShapePoint */
  char        *text;
} XjShape;

typedef struct
{
  GPtrArray   *shapes;    /* XjShape, drawn in order */
} XjAnnotation;

#define XJ_ANNOTATION_RED 0xe01b24

XjShape      *xj_shape_new                     (XjShapeKind         kind,
                                                guint32             color,
                                                double              width);
void          xj_shape_free                    (XjShape            *shape);
void          xj_shape_add_point               (XjShape            *shape,
                                                double              x,
                                                double              y);

XjAnnotation *xj_annotation_new                (void);
XjAnnotation *xj_annotation_copy               (const XjAnnotation *annotation);
void          xj_annotation_free               (XjAnnotation       *annotation);
XjAnnotation *xj_annotation_from_json          (const char         *json,
                                                GError            **error);
char         *xj_annotation_to_json            (const XjAnnotation *annotation);

/* Draws on @cr over an image of @width × @height device units; the same
 * code draws the editor's canvas and the annotated files. */
void          xj_annotation_draw               (const XjAnnotation *annotation,
                                                cairo_t            *cr,
                                                double              width,
                                                double              height);
void          xj_shape_draw                    (const XjShape      *shape,
                                                cairo_t            *cr,
                                                double              width,
                                                double              height);

/* The annotated rendition and thumbnail of a photo: beside the plain ones,
 * named by the photo's hash and the drawing's (renditions/ab/<sha>-<hash>.jpg). */
char         *xj_annotation_dup_rendition_path (const char         *data_dir,
                                                const char         *sha256,
                                                const char         *json);
char         *xj_annotation_dup_thumbnail_path (const char         *data_dir,
                                                const char         *sha256,
                                                const char         *json);

/* Any thread: @json drawn over the JPEG @source_path, scaled to fit
 * @max_long_side (0: as it is), written to @target_path (JPEG, @quality). */
gboolean      xj_annotation_render             (const char         *json,
                                                const char         *source_path,
                                                const char         *target_path,
                                                int                 max_long_side,
                                                int                 quality,
                                                GError            **error);
/* Both annotated files of a stored photo, unless they are there already. */
gboolean      xj_annotation_render_files       (const char         *data_dir,
                                                const char         *sha256,
                                                const char         *json,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjShape, xj_shape_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjAnnotation, xj_annotation_free)

G_END_DECLS
