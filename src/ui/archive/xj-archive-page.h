/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"

G_BEGIN_DECLS

#define XJ_TYPE_ARCHIVE_PAGE (xj_archive_page_get_type ())
G_DECLARE_FINAL_TYPE (XjArchivePage, xj_archive_page, XJ, ARCHIVE_PAGE, AdwBin)

GtkWidget *xj_archive_page_new          (XjApplication *application);
gboolean   xj_archive_page_get_loading  (XjArchivePage *self);
guint      xj_archive_page_get_n_rows   (XjArchivePage *self);
void       xj_archive_page_set_search   (XjArchivePage *self,
                                         const char    *text);

G_END_DECLS
