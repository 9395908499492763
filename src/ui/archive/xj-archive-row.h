/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-archive-list.h"
#include "xj-list-row.h"

G_BEGIN_DECLS

#define XJ_TYPE_ARCHIVE_ROW (xj_archive_row_get_type ())
G_DECLARE_FINAL_TYPE (XjArchiveRow, xj_archive_row, XJ, ARCHIVE_ROW, XjListRow)

GtkWidget *xj_archive_row_new_empty          (void);
void       xj_archive_row_set_entry          (XjArchiveRow         *self,
                                              const XjArchiveEntry *entry);
gint64     xj_archive_row_get_inspection_id  (XjArchiveRow         *self);

G_END_DECLS
