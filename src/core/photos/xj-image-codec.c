/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JPEG (libturbojpeg) and PNG (libpng's simplified API) in and out of
 * XjImage; HEIF in xj-image-heif.c.  JPEGs are decoded at the smallest DCT
 * scale that still gives the size asked for: a 12-megapixel photo for a
 * 1600-pixel rendition is decoded at half size, four times fewer pixels.
 * CMYK and YCCK JPEGs (made for print, or passed through Photoshop) are
 * decoded to CMYK and turned into RGB here.
 */
#define G_LOG_DOMAIN "xj-photo"

#include "config.h"

#include <png.h>
#include <string.h>
#include <turbojpeg.h>

#include "xj-image.h"
#include "xj-photo.h"

typedef void *TjHandle;

static void
free_tj_handle (TjHandle handle)
{
  if (handle != NULL)
    tjDestroy (handle);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (TjHandle, free_tj_handle, NULL)

XjImageFormat
xj_image_sniff_format (const guint8 *data,
                       gsize         length)
{
  static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return XJ_IMAGE_FORMAT_JPEG;
  if (length >= 8 && memcmp (data, png_signature, 8) == 0)
    return XJ_IMAGE_FORMAT_PNG;
  if (_xj_image_heif_sniff (data, length))
    return XJ_IMAGE_FORMAT_HEIF;
  return XJ_IMAGE_FORMAT_UNKNOWN;
}

/* --- JPEG ---------------------------------------------------------------- */

static gboolean
set_tj_error (GError   **error,
              TjHandle   handle)
{
  g_set_error_literal (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_CORRUPT, tjGetErrorStr2 (handle));
  return FALSE;
}

static gboolean
jpeg_read_size (TjHandle       handle,
                const guint8  *data,
                gsize          length,
                int           *width,
                int           *height,
                GError       **error)
{
  int subsampling, colorspace;

  if (tjDecompressHeader3 (handle, data, length, width, height,
                           &subsampling, &colorspace) != 0)
    return set_tj_error (error, handle);
  return TRUE;
}

/* The smallest scale whose output still has a long side of at least
 * @min_long_side (or the full size for smaller photos); never enlarges. */
static tjscalingfactor
pick_scale (int width,
            int height,
            int min_long_side)
{
  tjscalingfactor best = { 1, 1 };
  int long_side = MAX (width, height);
  int target = MIN (min_long_side, long_side);
  int n_factors = 0;
  tjscalingfactor *factors = tjGetScalingFactors (&n_factors);

  for (int i = 0; i < n_factors; i++)
    {
      tjscalingfactor f = factors[i];

      if (f.num > f.denom || TJSCALED (long_side, f) < target)
        continue;
      if (TJSCALED (long_side, f) < TJSCALED (long_side, best))
        best = f;
    }
  return best;
}

/* Whether the JPEG carries Adobe's APP14 marker.  Photoshop, the source of
 * nearly every CMYK JPEG, writes it and stores CMYK inverted (255 = no
 * ink); libjpeg passes the values through as stored. */
static gboolean
has_adobe_marker (const guint8 *data,
                  gsize         length)
{
  gsize at = 2;

  while (at + 4 <= length && data[at] == 0xff)
    {
      guint8 marker = data[at + 1];
      gsize size = ((gsize) data[at + 2] << 8) | data[at + 3];

      if (marker == 0xda || marker == 0xd9)   /* the image data, or its end */
        break;
      if (marker == 0xee && size >= 7 && at + 9 <= length && memcmp (data + at + 4, "Adobe", 5) == 0)
        return TRUE;
      at += 2 + size;
    }
  return FALSE;
}

/* Without a colour management system: the naive conversion, which is what
 * every browser does for these files and is close enough for evidence. */
static void
cmyk_to_rgb (guint8       *rgb,
             const guint8 *cmyk,
             gsize         n_pixels,
             gboolean      inverted)
{
  for (gsize i = 0; i < n_pixels; i++, rgb += 3, cmyk += 4)
    {
      guint c = cmyk[0], m = cmyk[1], y = cmyk[2], k = cmyk[3];

      if (!inverted)
        {
          c = 255 - c;
          m = 255 - m;
          y = 255 - y;
          k = 255 - k;
        }
      rgb[0] = (c * k + 127) / 255;
      rgb[1] = (m * k + 127) / 255;
      rgb[2] = (y * k + 127) / 255;
    }
}

static XjImage *
jpeg_decode (const guint8  *data,
             gsize          length,
             int            min_long_side,
             GError       **error)
{
  g_auto(TjHandle) handle = tjInitDecompress ();
  g_autoptr(XjImage) image = NULL;
  g_autofree guint8 *cmyk = NULL;
  tjscalingfactor scale;
  int width, height, subsampling, colorspace;
  gboolean four_channels;

  if (tjDecompressHeader3 (handle, data, length, &width, &height, &subsampling, &colorspace) != 0)
    {
      set_tj_error (error, handle);
      return NULL;
    }
  four_channels = colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
  scale = pick_scale (width, height, min_long_side);
  image = xj_image_new (TJSCALED (width, scale), TJSCALED (height, scale));
  if (four_channels)
    cmyk = g_malloc ((gsize) image->width * image->height * 4);
  /* A warning (such as "premature end of JPEG file") means the picture
   * is not what the camera wrote: evidence must be whole, so it fails. */
  if (tjDecompress2 (handle, data, length, four_channels ? cmyk : image->pixels, image->width, 0,
                     image->height, four_channels ? TJPF_CMYK : TJPF_RGB, 0) != 0)
    {
      set_tj_error (error, handle);
      return NULL;
    }
  if (four_channels)
    cmyk_to_rgb (image->pixels, cmyk, (gsize) image->width * image->height,
                 has_adobe_marker (data, length));
  return g_steal_pointer (&image);
}

static void
free_tj_buffer (gpointer buffer)
{
  tjFree (buffer);
}

GBytes *
xj_image_encode_jpeg (const XjImage  *image,
                      int             quality,
                      GError        **error)
{
  g_auto(TjHandle) handle = tjInitCompress ();
  unsigned char *buffer = NULL;
  unsigned long size = 0;

  if (tjCompress2 (handle, image->pixels, image->width, 0, image->height, TJPF_RGB,
                   &buffer, &size, TJSAMP_420, quality, 0) != 0)
    {
      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_WRITE, "%s", tjGetErrorStr2 (handle));
      tjFree (buffer);
      return NULL;
    }
  return g_bytes_new_with_free_func (buffer, size, free_tj_buffer, buffer);
}

/* --- PNG ----------------------------------------------------------------- */

static gboolean
png_begin (png_image     *png,
           const guint8  *data,
           gsize          length,
           GError       **error)
{
  memset (png, 0, sizeof *png);
  png->version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory (png, data, length))
    {
      g_set_error_literal (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_CORRUPT, png->message);
      png_image_free (png);
      return FALSE;
    }
  return TRUE;
}

static XjImage *
png_decode (const guint8  *data,
            gsize          length,
            GError       **error)
{
  /* Transparent areas are shown on white paper in the report. */
  png_color white = { 255, 255, 255 };
  g_autoptr(XjImage) image = NULL;
  png_image png;

  if (!png_begin (&png, data, length, error))
    return NULL;
  png.format = PNG_FORMAT_RGB;
  image = xj_image_new (png.width, png.height);
  if (!png_image_finish_read (&png, &white, image->pixels, 0, NULL))
    {
      g_set_error_literal (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_CORRUPT, png.message);
      png_image_free (&png);
      return NULL;
    }
  png_image_free (&png);
  return g_steal_pointer (&image);
}

/* --- public -------------------------------------------------------------- */

/**
 * xj_image_read_size:
 *
 * Reads the dimensions from the header alone, so that an image bomb is
 * refused before any pixel memory is allocated.
 */
gboolean
xj_image_read_size (XjImageFormat   format,
                    const guint8   *data,
                    gsize           length,
                    int            *width,
                    int            *height,
                    GError        **error)
{
  if (format == XJ_IMAGE_FORMAT_JPEG)
    {
      g_auto(TjHandle) handle = tjInitDecompress ();

      return jpeg_read_size (handle, data, length, width, height, error);
    }
  if (format == XJ_IMAGE_FORMAT_PNG)
    {
      png_image png;

      if (!png_begin (&png, data, length, error))
        return FALSE;
      *width = png.width;
      *height = png.height;
      png_image_free (&png);
      return TRUE;
    }
  if (format == XJ_IMAGE_FORMAT_HEIF)
    return _xj_image_heif_read_size (data, length, width, height, error);
  g_set_error_literal (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_IMAGE, "");
  return FALSE;
}

/**
 * xj_image_decode:
 * @min_long_side: the decoder may return a smaller image as long as its
 *   long side stays at least this (JPEG only; PNG and HEIF are always full
 *   size, HEIF already turned upright)
 */
XjImage *
xj_image_decode (XjImageFormat   format,
                 const guint8   *data,
                 gsize           length,
                 int             min_long_side,
                 GError        **error)
{
  if (format == XJ_IMAGE_FORMAT_JPEG)
    return jpeg_decode (data, length, min_long_side, error);
  if (format == XJ_IMAGE_FORMAT_PNG)
    return png_decode (data, length, error);
  if (format == XJ_IMAGE_FORMAT_HEIF)
    return _xj_image_heif_decode (data, length, error);
  g_set_error_literal (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_IMAGE, "");
  return NULL;
}
