/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjAnnotationCanvas: the photo with its drawing, and the drawing being
 * made with the pointer.  Shapes are kept in image fractions (0–1), drawn
 * by the same Cairo code that makes the annotated files
 * (xj_annotation_draw), so what is seen here is what the report prints.
 * Undo and redo keep whole copies of the drawing: a few hundred shapes.
 */
#define G_LOG_DOMAIN "xj-annotation"

#include "config.h"

#include "xj-annotation-canvas.h"

struct _XjAnnotationCanvas
{
  GtkWidget     parent_instance;

  GdkTexture   *texture;
  XjAnnotation *annotation;
  GPtrArray    *undo;        /* XjAnnotation, oldest first */
  GPtrArray    *redo;
  XjShape      *drawing;     /* the shape under the pointer */
  XjShapeKind   tool;
  guint32       color;
  double        width;
  char         *text;
  double        start_x, start_y;
};

G_DEFINE_FINAL_TYPE (XjAnnotationCanvas, xj_annotation_canvas, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers -------------------------------------------------------------- */

/* Where the photo is drawn: fitted and centred. */
static graphene_rect_t
image_bounds (XjAnnotationCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double iw = self->texture != NULL ? gdk_texture_get_width (self->texture) : 4;
  double ih = self->texture != NULL ? gdk_texture_get_height (self->texture) : 3;
  double scale = MIN (width / iw, height / ih);

  return GRAPHENE_RECT_INIT ((width - iw * scale) / 2, (height - ih * scale) / 2,
                             iw * scale, ih * scale);
}

static void
to_image (XjAnnotationCanvas *self,
          double              x,
          double              y,
          double             *ix,
          double             *iy)
{
  graphene_rect_t bounds = image_bounds (self);

  *ix = bounds.size.width > 0 ? CLAMP ((x - bounds.origin.x) / bounds.size.width, 0, 1) : 0;
  *iy = bounds.size.height > 0 ? CLAMP ((y - bounds.origin.y) / bounds.size.height, 0, 1) : 0;
}

static void
remember (XjAnnotationCanvas *self)
{
  g_ptr_array_add (self->undo, xj_annotation_copy (self->annotation));
  g_ptr_array_set_size (self->redo, 0);
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_drag_begin_cb (GtkGestureDrag     *gesture,
                  double              x,
                  double              y,
                  XjAnnotationCanvas *self)
{
  double ix, iy;

  self->start_x = x;
  self->start_y = y;
  to_image (self, x, y, &ix, &iy);
  g_clear_pointer (&self->drawing, xj_shape_free);
  if (self->tool == XJ_SHAPE_TEXT)
    {
      XjShape *label;

      if (self->text == NULL || *self->text == '\0')
        return;
      label = xj_shape_new (XJ_SHAPE_TEXT, self->color, self->width * 6);
      label->text = g_strdup (self->text);
      xj_shape_add_point (label, ix, iy);
      xj_annotation_canvas_add_shape (self, label);
      return;
    }
  self->drawing = xj_shape_new (self->tool, self->color, self->width);
  xj_shape_add_point (self->drawing, ix, iy);
  if (self->tool != XJ_SHAPE_PEN)
    xj_shape_add_point (self->drawing, ix, iy);
}

static void
on_drag_update_cb (GtkGestureDrag     *gesture,
                   double              dx,
                   double              dy,
                   XjAnnotationCanvas *self)
{
  double ix, iy;

  if (self->drawing == NULL)
    return;
  to_image (self, self->start_x + dx, self->start_y + dy, &ix, &iy);
  if (self->tool == XJ_SHAPE_PEN)
    xj_shape_add_point (self->drawing, ix, iy);
  else
    g_array_index (self->drawing->points, XjShapePoint, 1) = (XjShapePoint) { ix, iy };
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end_cb (GtkGestureDrag     *gesture,
                double              dx,
                double              dy,
                XjAnnotationCanvas *self)
{
  XjShape *shape = g_steal_pointer (&self->drawing);

  if (shape != NULL)
    xj_annotation_canvas_add_shape (self, shape);
}

/* --- GtkWidget ------------------------------------------------------------ */

static void
xj_annotation_canvas_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  XjAnnotationCanvas *self = XJ_ANNOTATION_CANVAS (widget);
  graphene_rect_t bounds = image_bounds (self);
  cairo_t *cr;

  if (self->texture == NULL)
    return;
  gtk_snapshot_append_texture (snapshot, self->texture, &bounds);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_translate (cr, bounds.origin.x, bounds.origin.y);
  xj_annotation_draw (self->annotation, cr, bounds.size.width, bounds.size.height);
  if (self->drawing != NULL)
    xj_shape_draw (self->drawing, cr, bounds.size.width, bounds.size.height);
  cairo_destroy (cr);
}

static void
xj_annotation_canvas_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 600;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_annotation_canvas_finalize (GObject *object)
{
  XjAnnotationCanvas *self = XJ_ANNOTATION_CANVAS (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->annotation, xj_annotation_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->drawing, xj_shape_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (xj_annotation_canvas_parent_class)->finalize (object);
}

static void
xj_annotation_canvas_class_init (XjAnnotationCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = xj_annotation_canvas_finalize;
  widget_class->snapshot = xj_annotation_canvas_snapshot;
  widget_class->measure = xj_annotation_canvas_measure;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
xj_annotation_canvas_init (XjAnnotationCanvas *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->annotation = xj_annotation_new ();
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_annotation_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_annotation_free);
  self->tool = XJ_SHAPE_ARROW;
  self->color = XJ_ANNOTATION_RED;
  self->width = 0.006;
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
}

/* --- public API ----------------------------------------------------------- */

XjAnnotationCanvas *
xj_annotation_canvas_new (void)
{
  return g_object_new (XJ_TYPE_ANNOTATION_CANVAS, NULL);
}

void
xj_annotation_canvas_set_texture (XjAnnotationCanvas *self,
                                  GdkTexture         *texture)
{
  g_return_if_fail (XJ_IS_ANNOTATION_CANVAS (self));

  g_set_object (&self->texture, texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Starts from a stored drawing: editing is re-opening. */
void
xj_annotation_canvas_set_annotation (XjAnnotationCanvas *self,
                                     const XjAnnotation *annotation)
{
  g_return_if_fail (XJ_IS_ANNOTATION_CANVAS (self));

  g_clear_pointer (&self->annotation, xj_annotation_free);
  self->annotation = annotation != NULL ? xj_annotation_copy (annotation) : xj_annotation_new ();
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const XjAnnotation *
xj_annotation_canvas_get_annotation (XjAnnotationCanvas *self)
{
  g_return_val_if_fail (XJ_IS_ANNOTATION_CANVAS (self), NULL);

  return self->annotation;
}

void
xj_annotation_canvas_set_tool (XjAnnotationCanvas *self,
                               XjShapeKind         tool,
                               guint32             color,
                               double              width,
                               const char         *text)
{
  g_return_if_fail (XJ_IS_ANNOTATION_CANVAS (self));

  self->tool = tool;
  self->color = color;
  self->width = width;
  g_free (self->text);
  self->text = g_strdup (text);
}

void
xj_annotation_canvas_add_shape (XjAnnotationCanvas *self,
                                XjShape            *shape)
{
  g_return_if_fail (XJ_IS_ANNOTATION_CANVAS (self));

  remember (self);
  g_ptr_array_add (self->annotation->shapes, shape);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static gboolean
step (XjAnnotationCanvas *self,
      GPtrArray          *from,
      GPtrArray          *to)
{
  if (from->len == 0)
    return FALSE;
  g_ptr_array_add (to, g_steal_pointer (&self->annotation));
  self->annotation = g_ptr_array_steal_index (from, from->len - 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

gboolean
xj_annotation_canvas_undo (XjAnnotationCanvas *self)
{
  g_return_val_if_fail (XJ_IS_ANNOTATION_CANVAS (self), FALSE);

  return step (self, self->undo, self->redo);
}

gboolean
xj_annotation_canvas_redo (XjAnnotationCanvas *self)
{
  g_return_val_if_fail (XJ_IS_ANNOTATION_CANVAS (self), FALSE);

  return step (self, self->redo, self->undo);
}

gboolean
xj_annotation_canvas_can_undo (XjAnnotationCanvas *self)
{
  return self->undo->len > 0;
}

gboolean
xj_annotation_canvas_can_redo (XjAnnotationCanvas *self)
{
  return self->redo->len > 0;
}
