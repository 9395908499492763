/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"
#include "xj-template.h"

G_BEGIN_DECLS

char *xj_template_content_sha256          (const XjTemplate  *tmpl);
char *xj_store_get_template_version_sha256 (XjStore          *store,
                                            gint64            version_id,
                                            GError          **error);

G_END_DECLS
