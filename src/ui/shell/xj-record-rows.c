/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The long lists of the pages (Inspections, Schedules, Archive) as list
 * views over core's list models: only a screenful of rows exists, each
 * made once and given the record that scrolls into its place, so a list
 * of a hundred thousand costs what a screenful costs.
 */
#define G_LOG_DOMAIN "xj-record-rows"

#include "config.h"

#include "xj-list-row.h"
#include "xj-record.h"
#include "xj-record-rows-private.h"
#include "xj-row-window-private.h"

typedef struct {
  XjRecordRowCreateFunc create;
  XjRecordRowUpdateFunc update;
  gpointer              user_data;
} RowBuilder;

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RowBuilder               *builder)
{
  gtk_list_item_set_child (item, builder->create (builder->user_data));
}

/* Shows @record in @row; a placeholder is shown blank, with nothing to
 * activate.  Nothing here changes a style class: a new class makes GTK
 * work out the style of the row and all its children again, for every
 * one of the two hundred rows a list view of GTK 4.8 binds at a jump. */
static void
show_record (GtkWidget  *row,
             XjRecord   *record,
             RowBuilder *builder)
{
  gpointer data = XJ_IS_RECORD (record) ? xj_record_get_data (record) : NULL;

  builder->update (row, data, builder->user_data);
  g_object_set_data (G_OBJECT (row), "xj-record-placeholder", GINT_TO_POINTER (data == NULL));
}

static void
on_filled_cb (XjRecord    *record,
              GtkListItem *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  RowBuilder *builder = g_object_get_data (G_OBJECT (item), "xj-record-rows-builder");

  if (row != NULL && builder != NULL && gtk_list_item_get_item (item) == (gpointer) record)
    show_record (row, record, builder);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            RowBuilder               *builder)
{
  XjRecord *record = gtk_list_item_get_item (item);

  show_record (gtk_list_item_get_child (item), record, builder);
  /* A placeholder is filled in place when its page has been read. */
  if (XJ_IS_RECORD (record) && xj_record_is_placeholder (record))
    {
      g_object_set_data (G_OBJECT (item), "xj-record-rows-builder", builder);
      g_signal_connect_object (record, "filled", G_CALLBACK (on_filled_cb), item, 0);
    }
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RowBuilder               *builder)
{
  XjRecord *record = gtk_list_item_get_item (item);

  if (XJ_IS_RECORD (record))
    g_signal_handlers_disconnect_by_func (record, on_filled_cb, item);
}

/* For an update function given no data: a row of the same height with
 * nothing to read. */
void
_xj_record_row_show_blank (GtkWidget *row)
{
  xj_list_row_set_text (XJ_LIST_ROW (row), NULL, NULL, NULL);
}

/**
 * _xj_record_rows_bind:
 * @model: (transfer none): of XjRecords
 *
 * Shows @model in @view, without selection.
 */
void
_xj_record_rows_bind (GtkListView           *view,
                      GListModel            *model,
                      XjRecordRowCreateFunc  create,
                      XjRecordRowUpdateFunc  update,
                      gpointer               user_data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  RowBuilder *builder = g_new0 (RowBuilder, 1);

  builder->create = create;
  builder->update = update;
  builder->user_data = user_data;
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), builder);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), builder);
  g_signal_connect_data (factory, "bind", G_CALLBACK (on_bind_cb), builder,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_list_view_set_factory (view, factory);
  g_object_unref (factory);
  /* A screenful first, then a few rows a frame (xj-row-window.c). */
  gtk_list_view_set_model (view, GTK_SELECTION_MODEL (gtk_no_selection_new (
    G_LIST_MODEL (_xj_row_window_new (model, GTK_WIDGET (view))))));
}

/* Returns: (transfer none) (nullable): the model given to _xj_record_rows_bind() */
GListModel *
_xj_record_rows_get_model (GtkListView *view)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (view);
  GListModel *window = GTK_IS_NO_SELECTION (selection)
                       ? gtk_no_selection_get_model (GTK_NO_SELECTION (selection)) : NULL;

  return XJ_IS_ROW_WINDOW (window) ? _xj_row_window_get_model (XJ_ROW_WINDOW (window)) : NULL;
}

/* Returns: (transfer none) (nullable): the data of the record at
 * @position, %NULL while it is being read */
gpointer
_xj_record_rows_get_data (GtkListView *view,
                          guint        position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autoptr(XjRecord) record = model != NULL ? g_list_model_get_item (model, position) : NULL;

  /* The model holds its loaded records: the data outlives this reference. */
  return record != NULL ? xj_record_get_data (record) : NULL;
}

/* Rows with content built now (for tests and benchmarks). */
guint
_xj_record_rows_count_built (GtkListView *view)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (row != NULL && !_xj_record_row_is_placeholder (row))
        n++;
    }
  return n;
}

/* TRUE while @row shows a record still being read (for tests and benchmarks). */
gboolean
_xj_record_row_is_placeholder (GtkWidget *row)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "xj-record-placeholder"));
}
