/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-store.h"

G_BEGIN_DECLS

/* What can be done with an archived report, from wherever it is shown
 * (the runner, the archive page).  Errors are toasted in the main window. */
typedef enum {
  XJ_ARCHIVE_OPEN,         /* in the desktop's PDF viewer */
  XJ_ARCHIVE_SAVE_COPY,    /* a copy where the user chooses */
  XJ_ARCHIVE_VERIFY,       /* hash and signature, shown in a dialog */
} XjArchiveAction;

/* From a widget action's name: "<group>.open…", "<group>.save-copy" or
 * "<group>.verify". */
XjArchiveAction xj_archive_action_from_name (const char *action_name);

/* @report_id: the report's own id (a monthly report has no inspection). */
void    xj_archive_act               (GtkWidget        *widget,
                                      XjStore          *store,
                                      XjArchiveAction   action,
                                      gint64            report_id);
/* The same for the archived report of an inspection. */
void    xj_archive_act_on_inspection (GtkWidget        *widget,
                                      XjStore          *store,
                                      XjArchiveAction   action,
                                      gint64            inspection_id);

G_END_DECLS
