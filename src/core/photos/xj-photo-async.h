/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-photo.h"
#include "xj-store.h"

G_BEGIN_DECLS

/* Called on the caller's main context after each file. */
typedef void (*XjPhotoProgressFunc) (guint        done,
                                     guint        total,
                                     const char  *path,
                                     gpointer     user_data);

/* One file of an import: its details, or why it was refused. */
typedef struct
{
  char        *path;
  XjPhotoInfo *info;
  GError      *error;
} XjPhotoImportResult;

void        xj_photo_import_result_free (XjPhotoImportResult *result);

void        xj_photo_import_async       (XjStore              *store,
                                         const char * const   *paths,
                                         XjPhotoProgressFunc   progress,
                                         gpointer              progress_data,
                                         GDestroyNotify        progress_destroy,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GPtrArray  *xj_photo_import_finish      (XjStore              *store,
                                         GAsyncResult         *result,
                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjPhotoImportResult, xj_photo_import_result_free)

G_END_DECLS
