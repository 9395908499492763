/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"

G_BEGIN_DECLS

#define XJ_TYPE_NEW_INSPECTION_DIALOG (xj_new_inspection_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XjNewInspectionDialog, xj_new_inspection_dialog, XJ, NEW_INSPECTION_DIALOG,
                      AdwWindow)

XjNewInspectionDialog *xj_new_inspection_dialog_new     (XjApplication         *application);
void                   xj_new_inspection_dialog_prefill (XjNewInspectionDialog *self,
                                                         gint64                 site_id,
                                                         gint64                 template_id,
                                                         const char            *kind,
                                                         gint64                 schedule_id,
                                                         gint64                 occurrence_at);

G_END_DECLS
