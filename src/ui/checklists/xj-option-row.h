/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-template.h"

G_BEGIN_DECLS

#define XJ_TYPE_OPTION_ROW (xj_option_row_get_type ())

G_DECLARE_FINAL_TYPE (XjOptionRow, xj_option_row, XJ, OPTION_ROW, GtkListBoxRow)

GtkWidget *xj_option_row_new         (XjTemplateOption *option,
                                      guint             index,
                                      gboolean          editable);
void       xj_option_row_set_problem (XjOptionRow      *self,
                                      const char       *message);

G_END_DECLS
