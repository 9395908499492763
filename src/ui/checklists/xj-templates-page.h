/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"

G_BEGIN_DECLS

#define XJ_TYPE_TEMPLATES_PAGE (xj_templates_page_get_type ())

G_DECLARE_FINAL_TYPE (XjTemplatesPage, xj_templates_page, XJ, TEMPLATES_PAGE, AdwBin)

GtkWidget *xj_templates_page_new          (XjApplication   *application);
GPtrArray *xj_templates_page_get_summaries (XjTemplatesPage *self);
void       xj_templates_page_import_file  (XjTemplatesPage *self,
                                           GFile           *file);
void       xj_templates_page_export_file  (XjTemplatesPage *self,
                                           gint64           template_id,
                                           GFile           *file);

G_END_DECLS
