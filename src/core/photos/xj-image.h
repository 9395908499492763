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
  XJ_IMAGE_FORMAT_HEIF,      /* HEIC from phones, AVIF: through libheif */
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

/* HEIF (xj-image-heif.c).  The decoded image is already upright: libheif
 * applies the file's rotation and mirroring (irot, imir), which the HEIF
 * standard makes the orientation that counts. */
gboolean       _xj_image_heif_sniff      (const guint8  *data,
                                          gsize          length);
const char    *_xj_image_heif_mime       (const guint8  *data,
                                          gsize          length);
gboolean       _xj_image_heif_read_size  (const guint8  *data,
                                          gsize          length,
                                          int           *width,
                                          int           *height,
                                          GError       **error);
XjImage       *_xj_image_heif_decode     (const guint8  *data,
                                          gsize          length,
                                          GError       **error);
GBytes        *_xj_image_heif_dup_exif   (const guint8  *data,
                                          gsize          length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjImage, xj_image_free)

G_END_DECLS
