/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-template.h"

G_BEGIN_DECLS

#define XJ_TYPE_SECTION_ROW (xj_section_row_get_type ())

G_DECLARE_FINAL_TYPE (XjSectionRow, xj_section_row, XJ, SECTION_ROW, GtkBox)

GtkWidget *xj_section_row_new           (XjTemplateSection *section,
                                         guint              index,
                                         gboolean           editable);
void       xj_section_row_update_item   (XjSectionRow      *self,
                                         guint              item);
void       xj_section_row_show_problems (XjSectionRow      *self,
                                         GPtrArray         *problems);
void       xj_section_row_select        (XjSectionRow      *self,
                                         int                item);
void       xj_section_row_focus         (XjSectionRow      *self,
                                         int                item);

G_END_DECLS
