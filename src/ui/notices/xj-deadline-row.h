/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define XJ_TYPE_DEADLINE_ROW (xj_deadline_row_get_type ())
G_DECLARE_FINAL_TYPE (XjDeadlineRow, xj_deadline_row, XJ, DEADLINE_ROW, AdwActionRow)

gint64     xj_deadline_row_get_deadline (XjDeadlineRow *self);
void       xj_deadline_row_set_deadline (XjDeadlineRow *self,
                                         gint64         deadline);

G_END_DECLS
