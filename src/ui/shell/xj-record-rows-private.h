/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A GtkListView showing a list model of XjRecords (a lazy XjPagedModel or
 * an XjStoreList): only the rows on screen exist, made by @create once and
 * recycled as the list scrolls, @update showing a record's data in one
 * (@data %NULL: a record still being read, shown as an empty row of the
 * same height).  Rows are XjListRows (xj-list-row.h): one light widget
 * each, as a list view of GTK 4.8 binds up to 200 of them at a jump. */
typedef GtkWidget *(*XjRecordRowCreateFunc) (gpointer   user_data);
typedef void       (*XjRecordRowUpdateFunc) (GtkWidget *row,
                                             gpointer   data,
                                             gpointer   user_data);

void      _xj_record_rows_bind         (GtkListView          *view,
                                        GListModel           *model,
                                        XjRecordRowCreateFunc create,
                                        XjRecordRowUpdateFunc update,
                                        gpointer              user_data);
void      _xj_record_row_show_blank    (GtkWidget            *row);
gpointer  _xj_record_rows_get_data     (GtkListView          *view,
                                        guint                 position);
guint     _xj_record_rows_count_built  (GtkListView          *view);
gboolean  _xj_record_row_is_placeholder (GtkWidget           *row);
GListModel *_xj_record_rows_get_model  (GtkListView          *view);

G_END_DECLS
