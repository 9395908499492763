/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-inspection.h"
#include "xj-photo-store.h"

G_BEGIN_DECLS

#define XJ_TYPE_PHOTO_STRIP (xj_photo_strip_get_type ())
G_DECLARE_FINAL_TYPE (XjPhotoStrip, xj_photo_strip, XJ, PHOTO_STRIP, GtkBox)

/* Signals: "open" (guint index) when a thumbnail is clicked; "files"
 * (GdkFileList boxed) when files are dropped on it; "cancel" while an
 * import runs. */
XjPhotoStrip *xj_photo_strip_new          (void);
void          xj_photo_strip_load         (XjPhotoStrip       *self,
                                           XjStore            *store,
                                           const XjInspection *inspection,
                                           gint64              answer_id);
guint         xj_photo_strip_get_n_shown  (XjPhotoStrip       *self);
void          xj_photo_strip_set_progress (XjPhotoStrip       *self,
                                           double              fraction,
                                           const char         *text);

/* Any thread: a thumbnail or rendition file as a texture, for the strip,
 * the viewer and the review; NULL when it cannot be read. */
void          xj_photo_load_texture_async (const char         *path,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
GdkTexture   *xj_photo_load_texture_finish (GAsyncResult      *result);
/* "Importing photo 3 of 60…" on an import's progress bar. */
void          xj_photo_show_import_progress (GtkProgressBar *bar,
                                             guint           done,
                                             guint           total);
GtkBox       *xj_photo_import_progress_new (GtkProgressBar **progress,
                                            GtkWidget      **cancel);
/* Loads @path in a worker into a GtkPicture or GtkImage (kept alive). */
void          xj_photo_show_async         (const char         *path,
                                           GCancellable       *cancellable,
                                           GtkWidget          *picture_or_image);
/* The file to show for an attachment: annotated when it has a drawing. */
char         *xj_photo_dup_shown_path     (const char         *data_dir,
                                           const char         *sha256,
                                           const char         *annotation,
                                           gboolean            thumbnail);

char         *xj_photo_describe_flags     (XjStore            *store,
                                           const XjInspection *inspection,
                                           const XjAttachedPhoto *photo);

G_END_DECLS
