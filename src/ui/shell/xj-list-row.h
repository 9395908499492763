/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define XJ_TYPE_LIST_ROW (xj_list_row_get_type ())

G_DECLARE_DERIVABLE_TYPE (XjListRow, xj_list_row, XJ, LIST_ROW, GtkWidget)

struct _XjListRowClass
{
  GtkWidgetClass parent_class;
};

GtkWidget  *xj_list_row_new          (void);
void        xj_list_row_set_text     (XjListRow  *self,
                                      const char *title,
                                      const char *subtitle,
                                      const char *tail);
const char *xj_list_row_get_title    (XjListRow  *self);
const char *xj_list_row_get_subtitle (XjListRow  *self);
const char *xj_list_row_get_tail     (XjListRow  *self);
void        xj_list_row_add_prefix   (XjListRow  *self,
                                      GtkWidget  *child);
void        xj_list_row_add_suffix   (XjListRow  *self,
                                      GtkWidget  *child);
void        xj_list_row_set_child_tooltip (GtkWidget  *child,
                                           const char *text);

G_END_DECLS
