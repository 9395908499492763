/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjRowWindow: the first rows of a long list model, growing a few rows a
 * frame up to the whole model.
 *
 * A GtkListView of GTK 4.8 builds a row widget for up to 200 items from
 * its top at once: when a list of thousands is counted, the frame that
 * follows makes, styles, binds and measures two hundred rows (a schedule's
 * row is eight widgets), a freeze of a tenth of a second and more on a
 * slow processor, for the dozen rows on screen.  Between the list and the
 * model, this window first shows a screenful, then ROWS_PER_FRAME more
 * every frame of @view's frame clock until the list view would build no
 * more, and then all of the model.  The same when the model replaces all
 * its rows (a new count) while the list is at its top.  Other changes are
 * passed on as they come.
 */
#define G_LOG_DOMAIN "xj-row-window"

#include "config.h"

#include "xj-row-window-private.h"

/* More than a screenful of rows of 50 pixels on a 1080-pixel screen. */
#define FIRST_ROWS 24
#define ROWS_PER_FRAME 16
/* A list view of GTK 4.8 builds rows for 200 items, and two either side. */
#define GROW_UNTIL 208

struct _XjRowWindow
{
  GObject     parent_instance;

  GListModel *model;
  guint       n_model;   /* the model's count as last announced */
  guint       limit;     /* G_MAXUINT: the whole model */
  GtkWidget  *view;      /* weak */
  guint       tick_id;
};

static void xj_row_window_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XjRowWindow, xj_row_window, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      xj_row_window_list_model_init))

static guint
n_shown (XjRowWindow *self)
{
  return MIN (self->limit, self->n_model);
}

static gboolean
on_tick_cb (GtkWidget     *view,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  XjRowWindow *self = user_data;
  guint before = n_shown (self);
  guint after;

  self->limit = self->limit + ROWS_PER_FRAME >= GROW_UNTIL || before >= self->n_model
                ? G_MAXUINT : self->limit + ROWS_PER_FRAME;
  after = n_shown (self);
  if (after > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
  if (self->limit != G_MAXUINT)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
grow (XjRowWindow *self)
{
  if (self->limit == G_MAXUINT || self->tick_id != 0 || self->view == NULL)
    return;
  self->tick_id = gtk_widget_add_tick_callback (self->view, on_tick_cb, g_object_ref (self),
                                                g_object_unref);
}

static gboolean
scrolled (XjRowWindow *self)
{
  GtkAdjustment *adjustment = GTK_IS_SCROLLABLE (self->view)
                              ? gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view)) : NULL;

  return adjustment != NULL && gtk_adjustment_get_value (adjustment) > 0;
}

static void
on_items_changed_cb (GListModel  *model,
                     guint        position,
                     guint        removed,
                     guint        added,
                     XjRowWindow *self)
{
  guint before = n_shown (self);
  guint after;

  /* All rows new (a count): a screenful first, unless the list is
   * scrolled down, where the list view keeps its place only if it is told
   * of all the rows. */
  if (position == 0 && removed == self->n_model && !scrolled (self))
    self->limit = FIRST_ROWS;
  self->n_model = self->n_model - removed + added;
  after = n_shown (self);
  if (self->limit == G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  else if (position < MAX (before, after))
    g_list_model_items_changed (G_LIST_MODEL (self), position, before - MIN (before, position),
                                after - MIN (after, position));
  grow (self);
}

/* --- GListModel ----------------------------------------------------------- */

static GType
xj_row_window_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (XJ_ROW_WINDOW (model)->model);
}

static guint
xj_row_window_get_n_items (GListModel *model)
{
  return n_shown (XJ_ROW_WINDOW (model));
}

static gpointer
xj_row_window_get_item (GListModel *model,
                        guint       position)
{
  XjRowWindow *self = XJ_ROW_WINDOW (model);

  return position < n_shown (self) ? g_list_model_get_item (self->model, position) : NULL;
}

static void
xj_row_window_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = xj_row_window_get_item_type;
  iface->get_n_items = xj_row_window_get_n_items;
  iface->get_item = xj_row_window_get_item;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_row_window_dispose (GObject *object)
{
  XjRowWindow *self = XJ_ROW_WINDOW (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_weak_pointer (&self->view);

  G_OBJECT_CLASS (xj_row_window_parent_class)->dispose (object);
}

static void
xj_row_window_class_init (XjRowWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xj_row_window_dispose;
}

static void
xj_row_window_init (XjRowWindow *self)
{
}

/* --- API ------------------------------------------------------------------ */

/**
 * _xj_row_window_new:
 * @model: (transfer none): the list
 * @view: (transfer none): whose frame clock paces the growth
 */
XjRowWindow *
_xj_row_window_new (GListModel *model,
                    GtkWidget  *view)
{
  XjRowWindow *self = g_object_new (XJ_TYPE_ROW_WINDOW, NULL);

  self->model = g_object_ref (model);
  self->n_model = g_list_model_get_n_items (model);
  self->limit = FIRST_ROWS;
  g_set_weak_pointer (&self->view, view);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  grow (self);
  return self;
}

/* Returns: (transfer none): the whole list */
GListModel *
_xj_row_window_get_model (XjRowWindow *self)
{
  g_return_val_if_fail (XJ_IS_ROW_WINDOW (self), NULL);

  return self->model;
}

/* TRUE while the window does not show the whole list yet. */
gboolean
_xj_row_window_get_growing (XjRowWindow *self)
{
  g_return_val_if_fail (XJ_IS_ROW_WINDOW (self), FALSE);

  return self->limit != G_MAXUINT;
}
