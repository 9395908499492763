/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The evidence a camera writes into a photo, as far as it is present. */
typedef struct
{
  int       orientation;   /* 1–8; 1 when absent or invalid */
  gboolean  has_taken_at;
  gint64    taken_at;      /* Unix seconds */
  gboolean  has_gps;
  double    gps_lat;       /* degrees, south negative */
  double    gps_lon;       /* degrees, west negative */
  char     *camera;        /* "Make Model", "" when absent */
} XjExif;

void  xj_exif_read  (const guint8 *data,
                     gsize         length,
                     XjExif       *exif);
void  xj_exif_clear (XjExif       *exif);

G_END_DECLS
