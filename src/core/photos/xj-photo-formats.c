/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which files are photos.  A phone or camera folder holds more than JPEGs:
 * HEIC from iPhones (imported through libheif), and WebP, GIF, RAW files
 * and videos that cannot be evidence as they are.  Those are named, with
 * what to do, instead of being skipped without a word.
 */
#define G_LOG_DOMAIN "xj-photo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "xj-photo-private.h"

typedef enum {
  KIND_IMAGE,    /* an image format we do not read */
  KIND_RAW,      /* a camera's raw sensor data */
  KIND_VIDEO,
} Kind;

/* Lower-case file name endings that a folder listing picks up. */
static const char *const importable[] = { ".jpg", ".jpeg", ".png", ".heic", ".heif", ".avif" };
static const struct {
  const char *suffix;
  const char *format;
  Kind        kind;
} unsupported[] = {
  { ".webp", "WebP", KIND_IMAGE }, { ".gif", "GIF", KIND_IMAGE }, { ".bmp", "BMP", KIND_IMAGE },
  { ".tif", "TIFF", KIND_IMAGE }, { ".tiff", "TIFF", KIND_IMAGE },
  { ".dng", "DNG", KIND_RAW }, { ".cr2", "CR2", KIND_RAW }, { ".cr3", "CR3", KIND_RAW },
  { ".nef", "NEF", KIND_RAW }, { ".arw", "ARW", KIND_RAW }, { ".orf", "ORF", KIND_RAW },
  { ".rw2", "RW2", KIND_RAW }, { ".raf", "RAF", KIND_RAW },
  { ".mov", "MOV", KIND_VIDEO }, { ".mp4", "MP4", KIND_VIDEO }, { ".m4v", "M4V", KIND_VIDEO },
  { ".3gp", "3GP", KIND_VIDEO }, { ".avi", "AVI", KIND_VIDEO },
};

static int
find_unsupported_suffix (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
    if (g_str_has_suffix (lower, unsupported[i].suffix))
      return (int) i;
  return -1;
}

/* The format by its first bytes, for files whose name says nothing. */
static const char *
sniff_unsupported (const guint8 *data,
                   gsize         length,
                   Kind         *kind)
{
  *kind = KIND_IMAGE;
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "WebP";
  if (length >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "GIF";
  if (length >= 4 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0))
    return "TIFF";
  if (length >= 26 && data[0] == 'B' && data[1] == 'M')
    return "BMP";
  if (length >= 12 && memcmp (data + 4, "ftyp", 4) == 0)
    {
      if (memcmp (data + 8, "crx ", 4) == 0)
        {
          *kind = KIND_RAW;
          return "CR3";
        }
      if (memcmp (data + 8, "hei", 3) == 0 || memcmp (data + 8, "mif1", 4) == 0
          || memcmp (data + 8, "avi", 3) == 0)
        return "HEIF";
      *kind = KIND_VIDEO;
      return "MP4";
    }
  return NULL;
}

/**
 * _xj_photo_set_format_error:
 * @display_name: the file as messages name it
 *
 * Sets the error for a file that is not a JPEG, PNG or HEIF image: what it
 * is, as far as its name and first bytes tell, and what to do instead.
 */
void
_xj_photo_set_format_error (const guint8  *data,
                            gsize          length,
                            const char    *display_name,
                            GError       **error)
{
  int index = find_unsupported_suffix (display_name);
  const char *format = NULL;
  Kind kind = KIND_IMAGE;

  if (index >= 0)
    {
      format = unsupported[index].format;
      kind = unsupported[index].kind;
    }
  /* A TIFF structure under a RAW name is the RAW file it says it is. */
  if (format == NULL || kind == KIND_IMAGE)
    {
      Kind sniffed_kind;
      const char *sniffed = sniff_unsupported (data, length, &sniffed_kind);

      if (sniffed != NULL && (format == NULL || sniffed_kind != KIND_IMAGE))
        {
          format = sniffed;
          kind = sniffed_kind;
        }
    }
  if (format == NULL)
    {
      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_IMAGE,
                   _("“%s” is not a photo: Xunjian accepts JPEG, PNG and HEIC images. "
                     "Choose a photo taken with a camera or phone."), display_name);
      return;
    }
  switch (kind)
    {
    case KIND_RAW:
      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_UNSUPPORTED,
                   /* Translators: the second %s is a format name such as "DNG" */
                   _("“%s” is a camera RAW file (%s), which Xunjian cannot import. Import the "
                     "JPEG the camera saved with it, or export a JPEG from it and import that."),
                   display_name, format);
      break;
    case KIND_VIDEO:
      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_UNSUPPORTED,
                   _("“%s” is a video (%s), not a photo. Take a screenshot of the moment that "
                     "shows the problem and import that."), display_name, format);
      break;
    case KIND_IMAGE:
    default:
      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_UNSUPPORTED,
                   /* Translators: the second %s is a format name such as "WebP" */
                   _("“%s” is a %s image, which Xunjian cannot import. Open it in an image "
                     "viewer, save it as JPEG and import that."), display_name, format);
      break;
    }
}

static gboolean
is_listed (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (name[0] == '.')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (importable); i++)
    if (g_str_has_suffix (lower, importable[i]))
      return TRUE;
  return find_unsupported_suffix (name) >= 0;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * xj_photo_list_folder:
 *
 * Returns: (transfer full) (element-type filename): full paths of the
 * photos (and of the images and videos that an import will refuse by name)
 * directly in @folder, sorted by name (the order cameras number them in).
 * Side files such as an iPhone's .AAE edits are left out.
 */
GPtrArray *
xj_photo_list_folder (const char  *folder,
                      GError     **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (folder != NULL, NULL);

  dir = g_dir_open (folder, 0, error);
  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!is_listed (name))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  g_ptr_array_sort (paths, compare_names);
  return g_steal_pointer (&paths);
}
