/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A GtkListView showing a list model of XjRecords (a lazy XjPagedModel or
 * an XjStoreList): only the rows on screen are built, by @create from the
 * record's data; a record still being read shows as an empty row of the
 * same height.  @create returns a new widget, usually an AdwActionRow. */
typedef GtkWidget *(*XjRecordRowFunc) (gpointer data,
                                       gpointer user_data);

void      _xj_record_rows_bind         (GtkListView     *view,
                                        GListModel      *model,
                                        XjRecordRowFunc  create,
                                        gpointer         user_data);
gpointer  _xj_record_rows_get_data     (GtkListView     *view,
                                        guint            position);
guint     _xj_record_rows_count_built  (GtkListView     *view);

G_END_DECLS
