/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjSignaturePad: a box to sign in with a mouse, a touchpad, a finger or a
 * stylus.  It keeps each stroke's points with their time (the JSON of
 * xj-signature.h) and draws them smoothly: quadratic curves through the
 * midpoints of successive points, so that a fast stroke sampled sparsely
 * still looks like handwriting rather than a polyline.
 */
#define G_LOG_DOMAIN "xj-signature-pad"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-signature-pad.h"

#define STROKE_WIDTH 2.4

struct _XjSignaturePad
{
  GtkWidget   parent_instance;

  GPtrArray  *strokes;        /* GArray of XjSignaturePoint per stroke */
  GArray     *current;        /* the stroke being drawn, also last in strokes */
  gint64      opened_at;      /* monotonic µs: point times count from here */
  double      drag_x;         /* where the drag began */
  double      drag_y;
  gboolean    stylus_down;    /* the stylus gesture owns the stroke */
};

G_DEFINE_FINAL_TYPE (XjSignaturePad, xj_signature_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EMPTY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- helpers -------------------------------------------------------------- */

static gint64
elapsed_ms (XjSignaturePad *self)
{
  return (g_get_monotonic_time () - self->opened_at) / 1000;
}

/* Every change goes through here: redraw, "changed", and "empty" when it flips. */
static void
strokes_changed (XjSignaturePad *self,
                 gboolean        was_empty)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
  if (was_empty != xj_signature_pad_is_empty (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
}

static void
begin_stroke (XjSignaturePad *self,
              double          x,
              double          y)
{
  gboolean was_empty = xj_signature_pad_is_empty (self);
  XjSignaturePoint point = { x, y, elapsed_ms (self) };

  self->current = g_array_new (FALSE, FALSE, sizeof (XjSignaturePoint));
  g_array_append_val (self->current, point);
  g_ptr_array_add (self->strokes, self->current);
  strokes_changed (self, was_empty);
}

static void
extend_stroke (XjSignaturePad *self,
               double          x,
               double          y)
{
  XjSignaturePoint point = { x, y, elapsed_ms (self) };
  const XjSignaturePoint *last;

  if (self->current == NULL || self->current->len >= XJ_SIGNATURE_MAX_POINTS)
    return;
  /* Sub-pixel jitter only bloats the JSON. */
  last = &g_array_index (self->current, XjSignaturePoint, self->current->len - 1);
  if (fabs (last->x - x) < 0.5 && fabs (last->y - y) < 0.5)
    return;
  g_array_append_val (self->current, point);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
end_stroke (XjSignaturePad *self)
{
  if (self->current != NULL)
    g_signal_emit (self, signals[CHANGED], 0);
  self->current = NULL;
}

static void
draw_stroke (cairo_t *cr,
             GArray  *points)
{
  const XjSignaturePoint *p = (const XjSignaturePoint *) points->data;

  if (points->len == 1)
    {
      /* A dot (the point over an i) is a stroke too. */
      cairo_arc (cr, p[0].x, p[0].y, STROKE_WIDTH / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      return;
    }
  cairo_move_to (cr, p[0].x, p[0].y);
  for (guint i = 1; i + 1 < points->len; i++)
    {
      double mx = (p[i].x + p[i + 1].x) / 2, my = (p[i].y + p[i + 1].y) / 2;
      double x0, y0;

      /* A quadratic through the midpoints, as a cubic: the control point is p[i]. */
      cairo_get_current_point (cr, &x0, &y0);
      cairo_curve_to (cr, x0 + 2.0 / 3 * (p[i].x - x0), y0 + 2.0 / 3 * (p[i].y - y0),
                      mx + 2.0 / 3 * (p[i].x - mx), my + 2.0 / 3 * (p[i].y - my), mx, my);
    }
  cairo_line_to (cr, p[points->len - 1].x, p[points->len - 1].y);
  cairo_stroke (cr);
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_drag_begin_cb (XjSignaturePad *self,
                  double          x,
                  double          y)
{
  if (self->stylus_down)
    return;
  self->drag_x = x;
  self->drag_y = y;
  begin_stroke (self, x, y);
}

static void
on_drag_update_cb (XjSignaturePad *self,
                   double          dx,
                   double          dy)
{
  if (!self->stylus_down)
    extend_stroke (self, self->drag_x + dx, self->drag_y + dy);
}

static void
on_drag_end_cb (XjSignaturePad *self)
{
  if (!self->stylus_down)
    end_stroke (self);
}

static void
on_stylus_down_cb (XjSignaturePad *self,
                   double          x,
                   double          y)
{
  self->stylus_down = TRUE;
  begin_stroke (self, x, y);
}

static void
on_stylus_motion_cb (XjSignaturePad *self,
                     double          x,
                     double          y)
{
  if (self->stylus_down)
    extend_stroke (self, x, y);
}

static void
on_stylus_up_cb (XjSignaturePad *self)
{
  self->stylus_down = FALSE;
  end_stroke (self);
}

/* --- GtkWidget ------------------------------------------------------------ */

static void
xj_signature_pad_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  XjSignaturePad *self = XJ_SIGNATURE_PAD (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  GdkRGBA ink;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);

  /* The line to sign on, as on paper. */
  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 24, height - 28.5);
  cairo_line_to (cr, width - 24, height - 28.5);
  cairo_stroke (cr);

  gdk_cairo_set_source_rgba (cr, &ink);
  cairo_set_line_width (cr, STROKE_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < self->strokes->len; s++)
    draw_stroke (cr, g_ptr_array_index (self->strokes, s));
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
      g_value_set_boolean (value, xj_signature_pad_is_empty (self));
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Any stroke added, finished, undone or cleared. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "signature-pad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
xj_signature_pad_init (XjSignaturePad *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *stylus = gtk_gesture_stylus_new ();

  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->opened_at = g_get_monotonic_time ();

  /* Mouse, touchpad and touch: a drag is a stroke. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  /* A stylus reports its own events (with their full rate); the drag
   * gesture then leaves its emulated pointer alone. */
  g_signal_connect_swapped (stylus, "down", G_CALLBACK (on_stylus_down_cb), self);
  g_signal_connect_swapped (stylus, "motion", G_CALLBACK (on_stylus_motion_cb), self);
  g_signal_connect_swapped (stylus, "up", G_CALLBACK (on_stylus_up_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (stylus));

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Signature box: sign here with the mouse, a finger or a pen"),
                                  -1);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_signature_pad_new (void)
{
  return g_object_new (XJ_TYPE_SIGNATURE_PAD, NULL);
}

/* The strokes as stored in signatures.strokes (see xj-signature.h). */
char *
xj_signature_pad_dup_strokes_json (XjSignaturePad *self)
{
  g_return_val_if_fail (XJ_IS_SIGNATURE_PAD (self), NULL);

  return xj_signature_strokes_to_json (self->strokes);
}

void
xj_signature_pad_clear (XjSignaturePad *self)
{
  gboolean was_empty;

  g_return_if_fail (XJ_IS_SIGNATURE_PAD (self));

  was_empty = xj_signature_pad_is_empty (self);
  if (self->strokes->len == 0)
    return;
  self->current = NULL;
  g_ptr_array_set_size (self->strokes, 0);
  strokes_changed (self, was_empty);
}

/* Takes back the last stroke: a slip need not cost the whole signature. */
void
xj_signature_pad_undo (XjSignaturePad *self)
{
  gboolean was_empty;

  g_return_if_fail (XJ_IS_SIGNATURE_PAD (self));

  if (self->strokes->len == 0)
    return;
  was_empty = xj_signature_pad_is_empty (self);
  self->current = NULL;
  g_ptr_array_remove_index (self->strokes, self->strokes->len - 1);
  strokes_changed (self, was_empty);
}

gboolean
xj_signature_pad_is_empty (XjSignaturePad *self)
{
  g_return_val_if_fail (XJ_IS_SIGNATURE_PAD (self), TRUE);

  return self->strokes->len == 0;
}

/* A whole stroke at once, as if drawn (for tests and for replaying). */
void
xj_signature_pad_add_stroke (XjSignaturePad         *self,
                             const XjSignaturePoint *points,
                             guint                   n_points)
{
  gboolean was_empty;
  GArray *stroke;

  g_return_if_fail (XJ_IS_SIGNATURE_PAD (self));
  g_return_if_fail (points != NULL && n_points > 0);

  was_empty = xj_signature_pad_is_empty (self);
  stroke = g_array_sized_new (FALSE, FALSE, sizeof (XjSignaturePoint), n_points);
  g_array_append_vals (stroke, points, n_points);
  g_ptr_array_add (self->strokes, stroke);
  strokes_changed (self, was_empty);
}
