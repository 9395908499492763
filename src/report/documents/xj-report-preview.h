/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "xj-store.h"

G_BEGIN_DECLS

gboolean xj_inspection_write_preview        (XjStore              *store,
                                             gint64                inspection_id,
                                             const char           *organisation,
                                             const char           *logo_path,
                                             const char           *path,
                                             GCancellable         *cancellable,
                                             GError              **error);
void     xj_inspection_write_preview_async  (XjStore              *store,
                                             gint64                inspection_id,
                                             const char           *organisation,
                                             const char           *logo_path,
                                             const char           *path,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean xj_inspection_write_preview_finish (GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
