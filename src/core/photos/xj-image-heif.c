/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HEIF through libheif: the .heic photos of iPhones (HEVC) and AVIF.  The
 * primary image is decoded to RGB with its rotation and mirroring applied;
 * its EXIF block (time, position, camera) is handed to libexif.
 */
#define G_LOG_DOMAIN "xj-photo"

#include "config.h"

#include <libheif/heif.h>
#include <string.h>

#include "xj-image.h"
#include "xj-photo.h"

typedef struct heif_context HeifContext;
typedef struct heif_image_handle HeifHandle;
typedef struct heif_image HeifImage;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HeifContext, heif_context_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HeifHandle, heif_image_handle_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HeifImage, heif_image_release)

gboolean
_xj_image_heif_sniff (const guint8 *data,
                      gsize         length)
{
  /* An ISO media file starts with its "ftyp" box; videos have one too, but
   * with brands libheif says no to. */
  if (length < 12 || memcmp (data + 4, "ftyp", 4) != 0)
    return FALSE;
  return heif_check_filetype (data, (int) MIN (length, G_MAXINT)) != heif_filetype_no;
}

/* What the photos table records: "image/heic" for HEVC, "image/avif"
 * for AV1, "image/heif" for anything else libheif reads. */
const char *
_xj_image_heif_mime (const guint8 *data,
                     gsize         length)
{
  const char *mime = heif_get_file_mime_type (data, (int) MIN (length, G_MAXINT));

  if (g_str_has_prefix (mime, "image/heic"))
    return "image/heic";
  if (g_str_has_prefix (mime, "image/avif"))
    return "image/avif";
  return "image/heif";
}

static gboolean
set_heif_error (GError            **error,
                struct heif_error   result)
{
  int code = result.code == heif_error_Unsupported_filetype
             || result.code == heif_error_Unsupported_feature
             ? XJ_PHOTO_ERROR_UNSUPPORTED : XJ_PHOTO_ERROR_CORRUPT;

  g_set_error_literal (error, XJ_PHOTO_ERROR, code, result.message);
  return FALSE;
}

/* Once per process, before any thread decodes: libheif registers its
 * codec plugins here (kept for the process's lifetime). */
static void
ensure_initialised (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      heif_init (NULL);
      g_once_init_leave (&initialised, 1);
    }
}

/* The primary image of the file; @context must outlive the handle, and
 * @data both. */
static HeifHandle *
open_primary (const guint8  *data,
              gsize          length,
              HeifContext  **context,
              GError       **error)
{
  struct heif_error result;
  HeifHandle *handle = NULL;

  ensure_initialised ();
  *context = heif_context_alloc ();
  result = heif_context_read_from_memory_without_copy (*context, data, length, NULL);
  if (result.code == heif_error_Ok)
    result = heif_context_get_primary_image_handle (*context, &handle);
  if (result.code != heif_error_Ok)
    {
      set_heif_error (error, result);
      return NULL;
    }
  return handle;
}

/* The size as shown (after rotation), from the boxes alone: nothing is
 * decoded, so an image bomb is refused before any pixel memory exists. */
gboolean
_xj_image_heif_read_size (const guint8  *data,
                          gsize          length,
                          int           *width,
                          int           *height,
                          GError       **error)
{
  g_autoptr(HeifContext) context = NULL;
  g_autoptr(HeifHandle) handle = open_primary (data, length, &context, error);

  if (handle == NULL)
    return FALSE;
  *width = heif_image_handle_get_width (handle);
  *height = heif_image_handle_get_height (handle);
  if (*width <= 0 || *height <= 0)
    {
      g_set_error_literal (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_CORRUPT, "no image size");
      return FALSE;
    }
  return TRUE;
}

XjImage *
_xj_image_heif_decode (const guint8  *data,
                       gsize          length,
                       GError       **error)
{
  g_autoptr(HeifContext) context = NULL;
  g_autoptr(HeifHandle) handle = open_primary (data, length, &context, error);
  g_autoptr(HeifImage) decoded = NULL;
  g_autoptr(XjImage) image = NULL;
  struct heif_error result;
  const guint8 *plane;
  int stride = 0, width, height;

  if (handle == NULL)
    return NULL;
  result = heif_decode_image (handle, &decoded, heif_colorspace_RGB, heif_chroma_interleaved_RGB,
                              NULL);
  if (result.code != heif_error_Ok)
    {
      set_heif_error (error, result);
      return NULL;
    }
  width = heif_image_get_width (decoded, heif_channel_interleaved);
  height = heif_image_get_height (decoded, heif_channel_interleaved);
  plane = heif_image_get_plane_readonly (decoded, heif_channel_interleaved, &stride);
  if (plane == NULL || width <= 0 || height <= 0 || stride < width * 3)
    {
      g_set_error_literal (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_CORRUPT, "no RGB image");
      return NULL;
    }
  image = xj_image_new (width, height);
  for (int y = 0; y < height; y++)
    memcpy (image->pixels + (gsize) y * width * 3, plane + (gsize) y * stride, (gsize) width * 3);
  return g_steal_pointer (&image);
}

/**
 * _xj_image_heif_dup_exif:
 *
 * Returns: (nullable): the EXIF block of the primary image as libexif
 * reads it ("Exif\0\0" and the TIFF structure), or %NULL when it has none.
 */
GBytes *
_xj_image_heif_dup_exif (const guint8 *data,
                         gsize         length)
{
  g_autoptr(HeifContext) context = NULL;
  g_autoptr(HeifHandle) handle = open_primary (data, length, &context, NULL);
  g_autofree guint8 *block = NULL;
  GByteArray *exif;
  heif_item_id id;
  gsize size;
  guint32 offset;

  if (handle == NULL || heif_image_handle_get_list_of_metadata_block_IDs (handle, "Exif", &id, 1) < 1)
    return NULL;
  size = heif_image_handle_get_metadata_size (handle, id);
  if (size < 4 + 8)
    return NULL;
  block = g_malloc (size);
  if (heif_image_handle_get_metadata (handle, id, block).code != heif_error_Ok)
    return NULL;
  /* The block starts with the offset of the TIFF header after those four
   * bytes (usually past an "Exif\0\0" of its own). */
  offset = (guint32) block[0] << 24 | (guint32) block[1] << 16 | (guint32) block[2] << 8 | block[3];
  if (offset > size - 4 - 8)
    return NULL;
  exif = g_byte_array_sized_new (6 + size);
  g_byte_array_append (exif, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (exif, block + 4 + offset, size - 4 - offset);
  return g_byte_array_free_to_bytes (exif);
}
