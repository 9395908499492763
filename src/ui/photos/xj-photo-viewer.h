/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-photo-store.h"

G_BEGIN_DECLS

#define XJ_TYPE_PHOTO_VIEWER (xj_photo_viewer_get_type ())
G_DECLARE_FINAL_TYPE (XjPhotoViewer, xj_photo_viewer, XJ, PHOTO_VIEWER, AdwWindow)

/* Shows the photos of one answer from @index; follows the store. */
XjPhotoViewer *xj_photo_viewer_new       (XjStore       *store,
                                          const char    *actor,
                                          gint64         inspection_id,
                                          gint64         answer_id,
                                          const char    *prompt,
                                          guint          index,
                                          gboolean       read_only);
XjPhotoViewer *xj_photo_viewer_new_for_notice (XjStore           *store,
                                               gint64             notice_id,
                                               XjNoticePhotoPhase phase,
                                               const char        *title,
                                               guint              index);
guint          xj_photo_viewer_get_index (XjPhotoViewer *self);
double         xj_photo_viewer_get_zoom  (XjPhotoViewer *self);
gboolean       xj_photo_viewer_is_showing_original (XjPhotoViewer *self);

G_END_DECLS
