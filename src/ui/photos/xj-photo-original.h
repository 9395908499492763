/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Where a photo's original is. */
typedef enum
{
  XJ_ORIGINAL_HERE,        /* in the data folder */
  XJ_ORIGINAL_ON_SERVER,   /* not here; this laptop is in a team, whose server keeps it */
  XJ_ORIGINAL_MISSING,     /* nowhere this laptop knows */
} XjOriginalWhere;

/* In a worker: where the original of photo @sha256 is, and when it is
 * here, the original itself as a texture (turned as the camera said). */
void        xj_photo_original_load_async   (const char           *data_dir,
                                            const char           *sha256,
                                            const char           *mime,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GdkTexture *xj_photo_original_load_finish  (GAsyncResult         *result,
                                            XjOriginalWhere      *where,
                                            GError              **error);

/* In a worker with a store and a team connection of its own: fetches the
 * original from the team server (hash-checked), then loads it.  While it
 * runs, xj_photo_original_fetch_get_progress() on the task tells how much
 * has come. */
GTask      *xj_photo_original_fetch_async  (const char           *data_dir,
                                            const char           *sha256,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    xj_photo_original_fetch_get_progress (GTask          *task,
                                                  gint64         *received,
                                                  gint64         *total);
GdkTexture *xj_photo_original_fetch_finish (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
