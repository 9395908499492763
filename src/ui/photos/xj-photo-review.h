/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-runner.h"

G_BEGIN_DECLS

#define XJ_TYPE_PHOTO_REVIEW (xj_photo_review_get_type ())
G_DECLARE_FINAL_TYPE (XjPhotoReview, xj_photo_review, XJ, PHOTO_REVIEW, AdwWindow)

/* @results: (transfer none) (element-type XjPhotoImportResult) of an import. */
XjPhotoReview *xj_photo_review_new          (XjRunner      *runner,
                                             GPtrArray     *results);
guint          xj_photo_review_get_n_photos (XjPhotoReview *self);
/* The item a photo will be attached to (0: not attached). */
gint64         xj_photo_review_get_item     (XjPhotoReview *self,
                                             guint          index);
void           xj_photo_review_set_item     (XjPhotoReview *self,
                                             guint          index,
                                             gint64         item_id);

G_END_DECLS
