/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"
#include "xj-template.h"

G_BEGIN_DECLS

gboolean xj_templates_install_builtins (XjStore  *store,
                                        GError  **error);
void     xj_builtins_translate          (char    **text);
void     xj_builtins_translate_template (XjTemplate *tmpl);
gboolean xj_builtins_is_translation     (const char *source,
                                         const char *text);

G_END_DECLS
