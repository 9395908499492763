/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the templates page and its import / export.
 */
#pragma once

#include "xj-templates-page.h"

G_BEGIN_DECLS

XjApplication *_xj_templates_page_get_application (XjTemplatesPage *self);
void _xj_templates_page_choose_import  (XjTemplatesPage *self);
void _xj_templates_page_choose_export  (XjTemplatesPage *self,
                                        gint64           template_id,
                                        const char      *name);

G_END_DECLS
