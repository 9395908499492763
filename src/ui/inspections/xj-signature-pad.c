/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjSignaturePad: a handwritten signature, kept as strokes rather than
 * pixels so that a report can redraw it at any resolution and so that
 * the timing of the hand stays as evidence.  A stylus gives pressure; a
 * mouse or a finger drags at constant pressure.
 *
 * The JSON, for notices and inspections alike:
 *   { "width": 480, "height": 160,
 *     "strokes": [ [ [x, y, t_ms, pressure], … ], … ] }
 * with x and y in widget pixels of a pad of that size and t in
 * milliseconds since the first point of the signature.
 */
#define G_LOG_DOMAIN "xj-signature-pad"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "xj-signature-pad.h"

typedef struct {
  double x, y, pressure;
  gint64 t_ms;
} Point;

struct _XjSignaturePad
{
  GtkWidget   parent_instance;

  GPtrArray  *strokes;      /* GArray of Point each */
  GPtrArray  *undone;       /* strokes taken back, for redo */
  GArray     *current;      /* the stroke being drawn, also last in strokes */
  gint64      origin_us;    /* monotonic time of the first point */
  double      drag_x, drag_y;
};

G_DEFINE_FINAL_TYPE (XjSignaturePad, xj_signature_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EMPTY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define LINE_WIDTH 2.6

/* --- helpers -------------------------------------------------------------- */

static GArray *
stroke_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (Point));
}

static void
changed (XjSignaturePad *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
add_point (XjSignaturePad *self,
           double          x,
           double          y,
           double          pressure)
{
  gint64 now = g_get_monotonic_time ();
  Point point = { x, y, CLAMP (pressure, 0.05, 1.0), 0 };

  if (self->strokes->len == 0 && self->current->len == 0)
    self->origin_us = now;
  point.t_ms = (now - self->origin_us) / 1000;
  g_array_append_val (self->current, point);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Quadratic curves through the midpoints: smooth without overshooting. */
static void
draw_stroke (cairo_t *cr,
             GArray  *stroke)
{
  const Point *p = (const Point *) stroke->data;

  if (stroke->len == 1)
    {
      cairo_arc (cr, p[0].x, p[0].y, LINE_WIDTH * p[0].pressure / 1.5, 0, 2 * G_PI);
      cairo_fill (cr);
      return;
    }
  for (guint i = 1; i < stroke->len; i++)
    {
      double x0 = i == 1 ? p[0].x : (p[i - 2].x + p[i - 1].x) / 2;
      double y0 = i == 1 ? p[0].y : (p[i - 2].y + p[i - 1].y) / 2;
      double x2 = i == stroke->len - 1 ? p[i].x : (p[i - 1].x + p[i].x) / 2;
      double y2 = i == stroke->len - 1 ? p[i].y : (p[i - 1].y + p[i].y) / 2;
      double cx = p[i - 1].x, cy = p[i - 1].y;

      if (i == 1)
        cx = (x0 + x2) / 2, cy = (y0 + y2) / 2;
      cairo_set_line_width (cr, LINE_WIDTH * (0.5 + p[i].pressure * 0.7));
      cairo_move_to (cr, x0, y0);
      cairo_curve_to (cr, x0 + 2.0 / 3 * (cx - x0), y0 + 2.0 / 3 * (cy - y0),
                      x2 + 2.0 / 3 * (cx - x2), y2 + 2.0 / 3 * (cy - y2), x2, y2);
      cairo_stroke (cr);
    }
}

/* --- gestures ------------------------------------------------------------- */

static gboolean
event_is_stylus (GtkGesture *gesture)
{
  GdkEvent *event = gtk_gesture_get_last_event (gesture, gtk_gesture_get_last_updated_sequence (gesture));

  return event != NULL && gdk_event_get_device_tool (event) != NULL;
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  XjSignaturePad *self)
{
  /* A stylus is handled by the stylus gesture, with its pressure. */
  if (event_is_stylus (GTK_GESTURE (gesture)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x = x;
  self->drag_y = y;
  xj_signature_pad_begin_stroke (self, x, y, 1.0);
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   XjSignaturePad *self)
{
  xj_signature_pad_extend_stroke (self, self->drag_x + dx, self->drag_y + dy, 1.0);
}

static void
on_drag_end_cb (XjSignaturePad *self)
{
  xj_signature_pad_end_stroke (self);
}

static double
stylus_pressure (GtkGestureStylus *gesture)
{
  double pressure;

  if (!gtk_gesture_stylus_get_axis (gesture, GDK_AXIS_PRESSURE, &pressure))
    pressure = 1.0;
  return pressure;
}

static void
on_stylus_down_cb (GtkGestureStylus *gesture,
                   double            x,
                   double            y,
                   XjSignaturePad   *self)
{
  xj_signature_pad_begin_stroke (self, x, y, stylus_pressure (gesture));
}

static void
on_stylus_motion_cb (GtkGestureStylus *gesture,
                     double            x,
                     double            y,
                     XjSignaturePad   *self)
{
  if (self->current->len > 0)
    xj_signature_pad_extend_stroke (self, x, y, stylus_pressure (gesture));
}

/* --- GtkWidget ------------------------------------------------------------ */

static void
xj_signature_pad_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  XjSignaturePad *self = XJ_SIGNATURE_PAD (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA ink;
  cairo_t *cr;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The line to sign on. */
  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 16, height * 0.75 + 0.5);
  cairo_line_to (cr, width - 16, height * 0.75 + 0.5);
  cairo_stroke (cr);

  gdk_cairo_set_source_rgba (cr, &ink);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < self->strokes->len; i++)
    draw_stroke (cr, g_ptr_array_index (self->strokes, i));
  if (self->current->len > 0)
    draw_stroke (cr, self->current);
  cairo_destroy (cr);
}

static void
xj_signature_pad_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 160;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_signature_pad_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  XjSignaturePad *self = XJ_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_EMPTY:
      g_value_set_boolean (value, xj_signature_pad_get_empty (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, xj_signature_pad_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, xj_signature_pad_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xj_signature_pad_finalize (GObject *object)
{
  XjSignaturePad *self = XJ_SIGNATURE_PAD (object);

  g_clear_pointer (&self->strokes, g_ptr_array_unref);
  g_clear_pointer (&self->undone, g_ptr_array_unref);
  g_clear_pointer (&self->current, g_array_unref);

  G_OBJECT_CLASS (xj_signature_pad_parent_class)->finalize (object);
}

static void
xj_signature_pad_class_init (XjSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = xj_signature_pad_get_property;
  object_class->finalize = xj_signature_pad_finalize;
  widget_class->snapshot = xj_signature_pad_snapshot;
  widget_class->measure = xj_signature_pad_measure;

  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "signature-pad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
xj_signature_pad_init (XjSignaturePad *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *stylus = gtk_gesture_stylus_new ();

  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->undone = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->current = stroke_new ();

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (stylus, "down", G_CALLBACK (on_stylus_down_cb), self);
  g_signal_connect (stylus, "motion", G_CALLBACK (on_stylus_motion_cb), self);
  g_signal_connect_swapped (stylus, "up", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (stylus));

  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Signature pad: sign here"), -1);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_signature_pad_new (void)
{
  return g_object_new (XJ_TYPE_SIGNATURE_PAD, NULL);
}

gboolean
xj_signature_pad_get_empty (XjSignaturePad *self)
{
  g_return_val_if_fail (XJ_IS_SIGNATURE_PAD (self), TRUE);
  return self->strokes->len == 0 && self->current->len == 0;
}

gboolean
xj_signature_pad_get_can_undo (XjSignaturePad *self)
{
  g_return_val_if_fail (XJ_IS_SIGNATURE_PAD (self), FALSE);
  return self->strokes->len > 0;
}

gboolean
xj_signature_pad_get_can_redo (XjSignaturePad *self)
{
  g_return_val_if_fail (XJ_IS_SIGNATURE_PAD (self), FALSE);
  return self->undone->len > 0;
}

void
xj_signature_pad_begin_stroke (XjSignaturePad *self,
                               double          x,
                               double          y,
                               double          pressure)
{
  g_return_if_fail (XJ_IS_SIGNATURE_PAD (self));

  xj_signature_pad_end_stroke (self);
  add_point (self, x, y, pressure);
}

void
xj_signature_pad_extend_stroke (XjSignaturePad *self,
                                double          x,
                                double          y,
                                double          pressure)
{
  g_return_if_fail (XJ_IS_SIGNATURE_PAD (self));

  if (self->current->len > 0)
    add_point (self, x, y, pressure);
}

void
xj_signature_pad_end_stroke (XjSignaturePad *self)
{
  g_return_if_fail (XJ_IS_SIGNATURE_PAD (self));

  if (self->current->len == 0)
    return;
  g_ptr_array_add (self->strokes, g_steal_pointer (&self->current));
  self->current = stroke_new ();
  /* A new stroke makes what was undone unreachable, as in any editor. */
  g_ptr_array_set_size (self->undone, 0);
  changed (self);
}

void
xj_signature_pad_clear (XjSignaturePad *self)
{
  g_return_if_fail (XJ_IS_SIGNATURE_PAD (self));

  g_array_set_size (self->current, 0);
  g_ptr_array_set_size (self->strokes, 0);
  g_ptr_array_set_size (self->undone, 0);
  changed (self);
}

void
xj_signature_pad_undo (XjSignaturePad *self)
{
  g_return_if_fail (XJ_IS_SIGNATURE_PAD (self));

  if (self->strokes->len == 0)
    return;
  g_ptr_array_add (self->undone, g_ptr_array_steal_index (self->strokes, self->strokes->len - 1));
  changed (self);
}

void
xj_signature_pad_redo (XjSignaturePad *self)
{
  g_return_if_fail (XJ_IS_SIGNATURE_PAD (self));

  if (self->undone->len == 0)
    return;
  g_ptr_array_add (self->strokes, g_ptr_array_steal_index (self->undone, self->undone->len - 1));
  changed (self);
}

/**
 * xj_signature_pad_dup_strokes_json:
 *
 * Returns: (transfer full) (nullable): the signature as JSON, %NULL when
 * nothing was drawn.
 */
char *
xj_signature_pad_dup_strokes_json (XjSignaturePad *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (XJ_IS_SIGNATURE_PAD (self), NULL);

  xj_signature_pad_end_stroke (self);
  if (self->strokes->len == 0)
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, gtk_widget_get_width (GTK_WIDGET (self)));
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, gtk_widget_get_height (GTK_WIDGET (self)));
  json_builder_set_member_name (builder, "strokes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);

      json_builder_begin_array (builder);
      for (guint j = 0; j < stroke->len; j++)
        {
          const Point *p = &g_array_index (stroke, Point, j);

          json_builder_begin_array (builder);
          json_builder_add_double_value (builder, round (p->x * 10) / 10);
          json_builder_add_double_value (builder, round (p->y * 10) / 10);
          json_builder_add_int_value (builder, p->t_ms);
          json_builder_add_double_value (builder, round (p->pressure * 100) / 100);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * xj_signature_pad_set_strokes_json:
 *
 * Shows a stored signature (replacing what is drawn).  On malformed JSON
 * the pad is left as it was.
 */
gboolean
xj_signature_pad_set_strokes_json (XjSignaturePad  *self,
                                   const char      *json,
                                   GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (XJ_IS_SIGNATURE_PAD (self), FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "strokes")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "strokes")))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("This is not a signature."));
      return FALSE;
    }
  array = json_object_get_array_member (json_node_get_object (root), "strokes");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GArray) stroke = stroke_new ();

      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;
      for (guint j = 0; j < json_array_get_length (json_node_get_array (node)); j++)
        {
          JsonNode *pn = json_array_get_element (json_node_get_array (node), j);
          JsonArray *pa = JSON_NODE_HOLDS_ARRAY (pn) ? json_node_get_array (pn) : NULL;
          Point p;

          if (pa == NULL || json_array_get_length (pa) < 4)
            continue;
          p.x = json_array_get_double_element (pa, 0);
          p.y = json_array_get_double_element (pa, 1);
          p.t_ms = json_array_get_int_element (pa, 2);
          p.pressure = json_array_get_double_element (pa, 3);
          g_array_append_val (stroke, p);
        }
      if (stroke->len > 0)
        g_ptr_array_add (strokes, g_steal_pointer (&stroke));
    }
  g_array_set_size (self->current, 0);
  g_ptr_array_set_size (self->strokes, 0);
  g_ptr_array_extend_and_steal (self->strokes, g_steal_pointer (&strokes));
  g_ptr_array_set_size (self->undone, 0);
  changed (self);
  return TRUE;
}
