/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-template-store.h"

G_BEGIN_DECLS

/* Inside a transaction the caller holds: writes @tmpl's content as version
 * @version of template @template_id and sets the ids in @tmpl. */
gboolean _xj_template_insert_version (XjStore     *store,
                                      XjTemplate  *tmpl,
                                      gint64       template_id,
                                      int          version,
                                      GError     **error);
gboolean _xj_template_find_uid      (XjStore     *store,
                                      const char  *uid,
                                      gint64      *template_id,
                                      gboolean    *builtin,
                                      int         *latest,
                                      GError     **error);
/* Inside a transaction: a new templates row; @uid is used when free. */
gint64   _xj_template_insert_family  (XjStore     *store,
                                      const char  *uid,
                                      gboolean     builtin,
                                      GError     **error);

XjTemplate *_xj_store_load_template_version_as_stored (XjStore  *store,
                                                      gint64    version_id,
                                                      GError  **error);

G_END_DECLS

G_BEGIN_DECLS

/* Installs one built-in checklist file unless its content version is
 * installed already; @installed says whether anything was written. */
gboolean _xj_templates_install_builtin (XjStore     *store,
                                        GBytes      *json,
                                        const char  *name,
                                        gboolean    *installed,
                                        GError     **error);

G_END_DECLS
