/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What to write into a generated photo's EXIF; NULL/0 fields are left out. */
typedef struct
{
  int          orientation;
  const char  *taken;         /* "2026:03:14 09:30:00" */
  const char  *offset;        /* "+08:00" */
  gboolean     has_gps;
  double       lat, lon;      /* signed degrees */
  const char  *make;
  const char  *model;
} XjTestExif;

/* A photo-like JPEG: gradients, shapes and noise (so it compresses like a
 * real photo), or with @quadrants, four flat quadrants red, green, blue and
 * white (top-left, top-right, bottom-left, bottom-right) to find again
 * after orientation. */
GBytes  *xj_test_make_jpeg     (int               width,
                                int               height,
                                int               quality,
                                guint32           seed,
                                gboolean          quadrants);
GBytes  *xj_test_make_png      (int               width,
                                int               height);
GBytes  *xj_test_add_exif      (GBytes           *jpeg,
                                const XjTestExif *exif);
/* The four quadrants as a CMYK JPEG the way Photoshop writes one: Adobe
 * marker, inverted values, YCCK (@ycck) or plain CMYK. */
GBytes  *xj_test_make_cmyk_jpeg (int              width,
                                int               height,
                                gboolean          ycck);
/* An iPhone-like HEIC (HEVC through libheif and x265): the four quadrants
 * stored as they are, @orientation (1–8) written as irot/imir boxes, and
 * @exif (may be NULL) as its EXIF block. */
GBytes  *xj_test_make_heic     (int               width,
                                int               height,
                                int               orientation,
                                const XjTestExif *exif);
/* Files under the photo store's folders of @data_dir (temporary ones too). */
guint    xj_test_count_stored_files (const char   *data_dir);
void     xj_test_write_bytes   (const char       *path,
                                GBytes           *bytes);
/* Decodes a JPEG file at full size into RGB; returns the pixels. */
guint8  *xj_test_decode_jpeg   (const char       *path,
                                int              *width,
                                int              *height);

G_END_DECLS
