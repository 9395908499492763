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

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            RowBuilder               *builder)
{
  XjRecord *record = gtk_list_item_get_item (item);
  gpointer data = XJ_IS_RECORD (record) ? xj_record_get_data (record) : NULL;
  GtkWidget *row = gtk_list_item_get_child (item);

  builder->update (row, data, builder->user_data);
  if (data == NULL)
    gtk_widget_add_css_class (row, "placeholder-row");
  else
    gtk_widget_remove_css_class (row, "placeholder-row");
  gtk_list_item_set_activatable (item, data != NULL);
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
  g_signal_connect_data (factory, "bind", G_CALLBACK (on_bind_cb), builder,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_list_view_set_factory (view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (view, GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (model))));
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

      if (row != NULL && !gtk_widget_has_css_class (row, "placeholder-row"))
        n++;
    }
  return n;
}
