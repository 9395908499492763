/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-overview-export.h"

G_BEGIN_DECLS

/* How many rows each table got (headers not counted). */
typedef struct {
  guint inspections;
  guint answers;
  guint notices;
  guint events;
  guint compliance;
} XjXlsxCounts;

gboolean xj_xlsx_export (XjStore             *store,
                         const XjExportRange *range,
                         const char          *path,
                         XjXlsxCounts        *counts,
                         GError             **error);
void     xj_xlsx_export_async  (XjStore             *store,
                                const XjExportRange *range,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
gboolean xj_xlsx_export_finish (XjStore             *store,
                                GAsyncResult        *result,
                                XjXlsxCounts        *counts,
                                GError             **error);

G_END_DECLS
