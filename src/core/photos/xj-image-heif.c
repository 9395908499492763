/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HEIF through libheif: the .heic photos of iPhones (HEVC) and AVIF.  The
 * primary image is decoded to RGB with its rotation and mirroring applied;
 * its EXIF block (time, position, camera) is handed to libexif.
 *
 * libheif is opened at the first file that looks like HEIF, not linked:
 * loading it with its codecs (libde265, x265, libstdc++ …) cost every start
 * of `xunjian` some 4 ms of CPU, a `sync` with nothing to do included
 * (issue 13), and most runs never see a HEIF file.
 */
#define G_LOG_DOMAIN "xj-photo"

#include "config.h"

#include <dlfcn.h>
#include <glib/gi18n-lib.h>
#include <libheif/heif.h>
#include <string.h>

#include "xj-image.h"
#include "xj-photo.h"

/* The library of libheif 1.x (meson asks for 1.15 or newer). */
#define HEIF_LIBRARY "libheif.so.1"

typedef struct heif_context HeifContext;
typedef struct heif_image_handle HeifHandle;
typedef struct heif_image HeifImage;

/* The functions of libheif used here, by their names without "heif_". */
typedef struct
{
  __typeof__ (heif_init) *init;
  __typeof__ (heif_check_filetype) *check_filetype;
  __typeof__ (heif_get_file_mime_type) *get_file_mime_type;
  __typeof__ (heif_context_alloc) *context_alloc;
  __typeof__ (heif_context_free) *context_free;
  __typeof__ (heif_context_read_from_memory_without_copy) *context_read_from_memory_without_copy;
  __typeof__ (heif_context_get_primary_image_handle) *context_get_primary_image_handle;
  __typeof__ (heif_image_handle_release) *image_handle_release;
  __typeof__ (heif_image_handle_get_width) *image_handle_get_width;
  __typeof__ (heif_image_handle_get_height) *image_handle_get_height;
  __typeof__ (heif_image_handle_get_list_of_metadata_block_IDs) *image_handle_get_list_of_metadata_block_IDs;
  __typeof__ (heif_image_handle_get_metadata_size) *image_handle_get_metadata_size;
  __typeof__ (heif_image_handle_get_metadata) *image_handle_get_metadata;
  __typeof__ (heif_decode_image) *decode_image;
  __typeof__ (heif_image_release) *image_release;
  __typeof__ (heif_image_get_width) *image_get_width;
  __typeof__ (heif_image_get_height) *image_get_height;
  __typeof__ (heif_image_get_plane_readonly) *image_get_plane_readonly;
} HeifApi;

#define HEIF_SYMBOL(name) { "heif_" #name, G_STRUCT_OFFSET (HeifApi, name) }

static HeifApi heif;

/* libheif, opened and initialised once per process (kept for its
 * lifetime), before any thread decodes; FALSE when it cannot be loaded. */
static gboolean
heif_available (void)
{
  static const struct { const char *name; glong offset; } symbols[] = {
    HEIF_SYMBOL (init), HEIF_SYMBOL (check_filetype), HEIF_SYMBOL (get_file_mime_type),
    HEIF_SYMBOL (context_alloc), HEIF_SYMBOL (context_free),
    HEIF_SYMBOL (context_read_from_memory_without_copy),
    HEIF_SYMBOL (context_get_primary_image_handle), HEIF_SYMBOL (image_handle_release),
    HEIF_SYMBOL (image_handle_get_width), HEIF_SYMBOL (image_handle_get_height),
    HEIF_SYMBOL (image_handle_get_list_of_metadata_block_IDs),
    HEIF_SYMBOL (image_handle_get_metadata_size), HEIF_SYMBOL (image_handle_get_metadata),
    HEIF_SYMBOL (decode_image), HEIF_SYMBOL (image_release), HEIF_SYMBOL (image_get_width),
    HEIF_SYMBOL (image_get_height), HEIF_SYMBOL (image_get_plane_readonly),
  };
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      /* dlopen rather than GModule, whose -Wl,--export-dynamic would
       * make every symbol of the executables dynamic (more to load). */
      void *module = dlopen (HEIF_LIBRARY, RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE);
      HeifApi api = { 0 };
      gboolean ok = module != NULL;

      for (guint i = 0; ok && i < G_N_ELEMENTS (symbols); i++)
        {
          void *symbol = dlsym (module, symbols[i].name);

          memcpy (G_STRUCT_MEMBER_P (&api, symbols[i].offset), &symbol, sizeof symbol);
          ok = symbol != NULL;
        }
      if (ok)
        {
          api.init (NULL);
          heif = api;
        }
      else
        g_debug ("HEIF photos cannot be read: %s", dlerror ());
      g_once_init_leave (&loaded, ok ? 1 : 2);
    }
  return loaded == 1;
}

static void
context_free (HeifContext *context)
{
  heif.context_free (context);
}

static void
handle_release (HeifHandle *handle)
{
  heif.image_handle_release (handle);
}

static void
image_release (HeifImage *image)
{
  heif.image_release (image);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HeifContext, context_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HeifHandle, handle_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HeifImage, image_release)

gboolean
_xj_image_heif_sniff (const guint8 *data,
                      gsize         length)
{
  /* An ISO media file starts with its "ftyp" box; videos have one too, but
   * with brands libheif says no to. */
  if (length < 12 || memcmp (data + 4, "ftyp", 4) != 0 || !heif_available ())
    return FALSE;
  return heif.check_filetype (data, (int) MIN (length, G_MAXINT)) != heif_filetype_no;
}

/* What the photos table records: "image/heic" for HEVC, "image/avif"
 * for AV1, "image/heif" for anything else libheif reads. */
const char *
_xj_image_heif_mime (const guint8 *data,
                     gsize         length)
{
  const char *mime = heif_available () ? heif.get_file_mime_type (data, (int) MIN (length, G_MAXINT))
                                        : "";

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

  if (!heif_available ())
    {
      g_set_error_literal (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_UNSUPPORTED,
                           _("HEIF photos cannot be read on this computer: libheif is not "
                             "installed."));
      return NULL;
    }
  *context = heif.context_alloc ();
  result = heif.context_read_from_memory_without_copy (*context, data, length, NULL);
  if (result.code == heif_error_Ok)
    result = heif.context_get_primary_image_handle (*context, &handle);
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
  *width = heif.image_handle_get_width (handle);
  *height = heif.image_handle_get_height (handle);
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
  result = heif.decode_image (handle, &decoded, heif_colorspace_RGB, heif_chroma_interleaved_RGB,
                              NULL);
  if (result.code != heif_error_Ok)
    {
      set_heif_error (error, result);
      return NULL;
    }
  width = heif.image_get_width (decoded, heif_channel_interleaved);
  height = heif.image_get_height (decoded, heif_channel_interleaved);
  plane = heif.image_get_plane_readonly (decoded, heif_channel_interleaved, &stride);
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

  if (handle == NULL || heif.image_handle_get_list_of_metadata_block_IDs (handle, "Exif", &id, 1) < 1)
    return NULL;
  size = heif.image_handle_get_metadata_size (handle, id);
  if (size < 4 + 8)
    return NULL;
  block = g_malloc (size);
  if (heif.image_handle_get_metadata (handle, id, block).code != heif_error_Ok)
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
