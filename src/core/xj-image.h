/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Pixels of a photo in memory: 8-bit RGB, rows packed (stride = 3 × width). */
typedef struct
{
  int     width;
  int     height;
  guint8 *pixels;
  gsize   capacity;   /* bytes behind @pixels (a reused buffer may be larger) */
} XjImage;

typedef enum {
  XJ_IMAGE_FORMAT_UNKNOWN,
  XJ_IMAGE_FORMAT_JPEG,
  XJ_IMAGE_FORMAT_PNG,
} XjImageFormat;

XjImage       *xj_image_new              (int            width,
                                          int            height);
void           xj_image_free             (XjImage       *image);
XjImage       *xj_image_scale_to_fit     (const XjImage *image,
                                          int            max_long_side);
XjImage       *xj_image_apply_orientation (const XjImage *image,
                                          int            orientation);

/* Codecs (xj-image-codec.c).  Errors are XJ_PHOTO_ERROR codes whose
 * message is the decoder's own detail; the caller names the file. */
XjImageFormat  xj_image_sniff_format     (const guint8  *data,
                                          gsize          length);
gboolean       xj_image_read_size        (XjImageFormat  format,
                                          const guint8  *data,
                                          gsize          length,
                                          int           *width,
                                          int           *height,
                                          GError       **error);
XjImage       *xj_image_decode           (XjImageFormat  format,
                                          const guint8  *data,
                                          gsize          length,
                                          int            min_long_side,
                                          GError       **error);
GBytes        *xj_image_encode_jpeg      (const XjImage *image,
                                          int            quality,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjImage, xj_image_free)

G_END_DECLS
