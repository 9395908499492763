/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-store.h"

G_BEGIN_DECLS

/* What can be done with an archived report, from wherever it is shown
 * (the runner, the archive page).  Errors are toasted in the main window. */
void  xj_archive_open_report  (GtkWidget  *widget,
                               XjStore    *store,
                               gint64      inspection_id);
void  xj_archive_save_copy    (GtkWidget  *widget,
                               XjStore    *store,
                               gint64      inspection_id);
/* The same by the report's own id (a monthly report has no inspection). */
void  xj_archive_open_archived (GtkWidget *widget,
                                XjStore   *store,
                                gint64     report_id);
void  xj_archive_save_archived_copy (GtkWidget *widget,
                                     XjStore   *store,
                                     gint64     report_id);
void  xj_archive_verify       (GtkWidget  *widget,
                               XjStore    *store,
                               gint64      report_id);

G_END_DECLS
