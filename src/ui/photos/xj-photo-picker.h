/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-store.h"

G_BEGIN_DECLS

#define XJ_TYPE_PHOTO_PICKER (xj_photo_picker_get_type ())
G_DECLARE_FINAL_TYPE (XjPhotoPicker, xj_photo_picker, XJ, PHOTO_PICKER, GtkBox)

/* Photos picked for something not saved yet (the after-photos of a
 * rectification): thumbnails with a remove button, added from the file
 * chooser, a camera's folder, by dropping files or pasting.  Property
 * "n-photos"; "busy" while an import runs. */
XjPhotoPicker *xj_photo_picker_new          (XjStore            *store);
void           xj_photo_picker_set_taken_after (XjPhotoPicker   *self,
                                             gint64              taken_after);
void           xj_photo_picker_add_stored   (XjPhotoPicker      *self,
                                             const char * const *photos);
void           xj_photo_picker_add_paths    (XjPhotoPicker      *self,
                                             const char * const *paths);
void           xj_photo_picker_import_folder (XjPhotoPicker     *self,
                                             const char         *folder);
void           xj_photo_picker_paste        (XjPhotoPicker      *self);
void           xj_photo_picker_remove       (XjPhotoPicker      *self,
                                             guint               index);
guint          xj_photo_picker_get_n_photos (XjPhotoPicker      *self);
gboolean       xj_photo_picker_get_busy     (XjPhotoPicker      *self);
GStrv          xj_photo_picker_dup_photos   (XjPhotoPicker      *self);
const char    *xj_photo_picker_get_message  (XjPhotoPicker      *self);

G_END_DECLS
