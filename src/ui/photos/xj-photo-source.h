/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-photo-async.h"
#include "xj-store.h"

G_BEGIN_DECLS

/* @paths: the chosen files (NULL-terminated), or the one chosen folder
 * when @folder.  Not called when the chooser is cancelled. */
typedef void (*XjPhotoPathsFunc) (const char * const *paths,
                                  gboolean            folder,
                                  gpointer            user_data);

void        xj_photo_source_choose       (GtkWidget           *widget,
                                          gboolean             folder,
                                          XjPhotoPathsFunc     func,
                                          gpointer             user_data,
                                          GDestroyNotify       destroy);
GStrv       xj_photo_source_file_paths   (GSList              *files);
GStrv       xj_photo_source_folder_paths (const char          *folder,
                                          GError             **error);

void        xj_photo_source_paste_async  (GtkWidget           *widget,
                                          XjStore             *store,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray  *xj_photo_source_paste_finish (GAsyncResult        *result,
                                          GStrv               *paths,
                                          GError             **error);

G_END_DECLS
