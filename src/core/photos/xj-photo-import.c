/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing one photo: the heavy part that any thread may run (check,
 * hash, read EXIF, make the rendition and thumbnail, store the three
 * files) and the short row insert that runs on the caller's connection.
 * Everything that can refuse a file happens in memory before the first
 * byte is written, so a refused file leaves nothing behind.
 */
#define G_LOG_DOMAIN "xj-photo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "xj-clock.h"
#include "xj-exif.h"
#include "xj-image.h"
#include "xj-photo-private.h"
#include "xj-store.h"

void
xj_photo_info_free (XjPhotoInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->sha256);
  g_free (info->camera);
  g_free (info->original_name);
  g_strfreev (info->created_files);
  g_free (info);
}

/**
 * xj_photo_info_discard_files:
 *
 * Removes the files that the import of @info wrote, for when its row could
 * not be inserted.  Files that were already stored are left alone.
 */
void
xj_photo_info_discard_files (XjPhotoInfo *info)
{
  g_return_if_fail (info != NULL);

  for (guint i = 0; info->created_files != NULL && info->created_files[i] != NULL; i++)
    g_unlink (info->created_files[i]);
  g_clear_pointer (&info->created_files, g_strfreev);
}

/* --- rendition and thumbnail --------------------------------------------- */

static gboolean
make_derived (XjImageFormat   format,
              GBytes         *original,
              int             orientation,
              GBytes        **rendition,
              GBytes        **thumbnail,
              GError        **error)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (original, &length);
  g_autoptr(XjImage) decoded = NULL;
  g_autoptr(XjImage) scaled = NULL;
  g_autoptr(XjImage) upright = NULL;
  g_autoptr(XjImage) small = NULL;
  const XjImage *current;

  decoded = xj_image_decode (format, data, length, XJ_PHOTO_RENDITION_SIZE, error);
  if (decoded == NULL)
    return FALSE;
  current = decoded;
  if (MAX (current->width, current->height) > XJ_PHOTO_RENDITION_SIZE)
    current = scaled = xj_image_scale_to_fit (current, XJ_PHOTO_RENDITION_SIZE);
  /* Turned after scaling: fewer pixels to move. */
  if (orientation != 1)
    current = upright = xj_image_apply_orientation (current, orientation);
  small = xj_image_scale_to_fit (current, XJ_PHOTO_THUMBNAIL_SIZE);

  *rendition = xj_image_encode_jpeg (current, XJ_PHOTO_RENDITION_QUALITY, error);
  if (*rendition == NULL)
    return FALSE;
  *thumbnail = xj_image_encode_jpeg (small, XJ_PHOTO_THUMBNAIL_QUALITY, error);
  if (*thumbnail == NULL)
    {
      g_clear_pointer (rendition, g_bytes_unref);
      return FALSE;
    }
  return TRUE;
}

static gboolean
stored_with_size (const char *path,
                  gint64      size)
{
  GStatBuf info;

  return g_stat (path, &info) == 0 && S_ISREG (info.st_mode) && info.st_size == size;
}

static gboolean
store_file (const char  *path,
            GBytes      *bytes,
            const char  *display_name,
            GPtrArray   *created,
            GError     **error)
{
  if (!_xj_photo_write_file (path, bytes, display_name, error))
    return FALSE;
  g_ptr_array_add (created, g_strdup (path));
  return TRUE;
}

/* --- checks -------------------------------------------------------------- */

/* A HEIF whose codec this computer lacks is unsupported, not damaged. */
static gboolean
set_unreadable (GError       **error,
                const GError  *decoder_error,
                const char    *display_name)
{
  if (g_error_matches (decoder_error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_UNSUPPORTED))
    g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_UNSUPPORTED,
                 _("“%s” is a HEIF image that cannot be decoded on this computer (%s). Export "
                   "it as JPEG on the phone or in a photo viewer and import that."),
                 display_name, decoder_error->message);
  else
    g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_CORRUPT,
                 _("The photo “%s” is damaged and cannot be read (%s). Copy it again "
                   "from the camera or phone."), display_name, decoder_error->message);
  return FALSE;
}

static gboolean
check_image (XjImageFormat   format,
             const guint8   *data,
             gsize           length,
             const char     *display_name,
             int            *width,
             int            *height,
             GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (format == XJ_IMAGE_FORMAT_UNKNOWN)
    {
      _xj_photo_set_format_error (data, length, display_name, error);
      return FALSE;
    }
  if (!xj_image_read_size (format, data, length, width, height, &local_error))
    return set_unreadable (error, local_error, display_name);
  /* The header alone decides: a few kilobytes can claim gigapixels. */
  if ((gint64) *width * *height > XJ_PHOTO_MAX_PIXELS)
    {
      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_TOO_MANY_PIXELS,
                   _("The photo “%s” is %d × %d pixels (%.0f megapixels); photos of at most "
                     "%d megapixels are accepted. Save a smaller copy with a photo editor "
                     "and import that."), display_name, *width, *height,
                   (double) *width * *height / 1e6, XJ_PHOTO_MAX_PIXELS / 1000000);
      return FALSE;
    }
  return TRUE;
}

/* --- import -------------------------------------------------------------- */

/* Hashing and writing the original take as long as decoding it, and a
 * laptop has two cores: they run side by side.  The original is only
 * staged (a flushed temporary file) until the decoder has accepted it. */
typedef struct
{
  GBytes     *original;
  const char *data_dir;
  const char *mime;
  const char *display_name;
  char       *sha256;
  char       *original_path;
  char       *staged;      /* NULL when the original was stored before */
  GError     *error;
} OriginalJob;

static gpointer
hash_and_stage (gpointer data)
{
  OriginalJob *job = data;
  gsize length = 0;
  const guint8 *bytes = g_bytes_get_data (job->original, &length);
  g_autofree char *folder = NULL;

  job->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes, length);
  job->original_path = xj_photo_dup_original_path (job->data_dir, job->sha256, job->mime);
  if (stored_with_size (job->original_path, length))
    return NULL;
  folder = g_build_filename (job->data_dir, "photos", NULL);
  job->staged = _xj_photo_stage_file (folder, job->original, job->display_name, &job->error);
  return NULL;
}

static void
original_job_clear (OriginalJob *job)
{
  if (job->staged != NULL)
    g_unlink (job->staged);
  g_clear_pointer (&job->staged, g_free);
  g_clear_pointer (&job->sha256, g_free);
  g_clear_pointer (&job->original_path, g_free);
  g_clear_error (&job->error);
}

static void
fill_exif (XjPhotoInfo   *info,
           XjImageFormat  format,
           const guint8  *data,
           gsize          length)
{
  g_autoptr(GBytes) heif_exif = NULL;
  XjExif exif;

  info->orientation = 1;
  if (format == XJ_IMAGE_FORMAT_HEIF)
    heif_exif = _xj_image_heif_dup_exif (data, length);
  if (format != XJ_IMAGE_FORMAT_JPEG && heif_exif == NULL)
    {
      info->camera = g_strdup ("");
      return;
    }
  if (heif_exif != NULL)
    data = g_bytes_get_data (heif_exif, &length);
  xj_exif_read (data, length, &exif);
  /* A HEIF is decoded upright already (its irot/imir boxes are what the
   * standard says counts; phones write the same turn into EXIF). */
  info->orientation = format == XJ_IMAGE_FORMAT_HEIF ? 1 : exif.orientation;
  info->has_taken_at = exif.has_taken_at;
  info->taken_at = exif.taken_at;
  info->has_gps = exif.has_gps;
  info->gps_lat = exif.gps_lat;
  info->gps_lon = exif.gps_lon;
  info->camera = g_steal_pointer (&exif.camera);
  xj_exif_clear (&exif);
}

static const char *
format_mime (XjImageFormat  format,
             const guint8  *data,
             gsize          length)
{
  switch (format)
    {
    case XJ_IMAGE_FORMAT_PNG:
      return "image/png";
    case XJ_IMAGE_FORMAT_HEIF:
      return _xj_image_heif_mime (data, length);
    case XJ_IMAGE_FORMAT_JPEG:
    case XJ_IMAGE_FORMAT_UNKNOWN:
    default:
      return "image/jpeg";
    }
}

static XjPhotoInfo *
import_data (const char    *data_dir,
             GBytes        *original,
             const char    *original_name,
             const char    *display_name,
             GCancellable  *cancellable,
             GError       **error)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (original, &length);
  XjImageFormat format = xj_image_sniff_format (data, length);
  g_autoptr(XjPhotoInfo) info = g_new0 (XjPhotoInfo, 1);
  g_autoptr(GBytes) rendition = NULL;
  g_autoptr(GBytes) thumbnail = NULL;
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *rendition_path = NULL;
  g_autofree char *thumbnail_path = NULL;
  OriginalJob job = { 0 };
  GThread *thread;
  gboolean decoded;

  if (!check_image (format, data, length, display_name, &info->width, &info->height, error))
    return NULL;
  info->mime = format_mime (format, data, length);
  info->bytes = length;
  info->original_name = g_strdup (original_name != NULL ? original_name : "");

  job.original = original;
  job.data_dir = data_dir;
  job.mime = info->mime;
  job.display_name = display_name;
  thread = g_thread_new ("xj-photo-hash", hash_and_stage, &job);
  fill_exif (info, format, data, length);
  decoded = make_derived (format, original, info->orientation, &rendition, &thumbnail,
                          &local_error);
  g_thread_join (thread);

  if (!decoded)
    {
      set_unreadable (error, local_error, display_name);
      original_job_clear (&job);
      return NULL;
    }
  if (job.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job.error));
      original_job_clear (&job);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      original_job_clear (&job);
      return NULL;
    }

  info->sha256 = g_strdup (job.sha256);
  rendition_path = xj_photo_dup_rendition_path (data_dir, info->sha256);
  thumbnail_path = xj_photo_dup_thumbnail_path (data_dir, info->sha256);
  if (job.staged != NULL)
    {
      gboolean committed = _xj_photo_commit_file (job.staged, job.original_path,
                                                   display_name, error);

      g_clear_pointer (&job.staged, g_free);
      if (!committed)
        {
          original_job_clear (&job);
          return NULL;
        }
      g_ptr_array_add (created, g_strdup (job.original_path));
    }
  original_job_clear (&job);
  if ((!g_file_test (rendition_path, G_FILE_TEST_IS_REGULAR)
       && !store_file (rendition_path, rendition, display_name, created, error))
      || (!g_file_test (thumbnail_path, G_FILE_TEST_IS_REGULAR)
          && !store_file (thumbnail_path, thumbnail, display_name, created, error)))
    {
      for (guint i = 0; i < created->len; i++)
        g_unlink (created->pdata[i]);
      return NULL;
    }
  g_ptr_array_add (created, NULL);
  info->created_files = (char **) g_ptr_array_free (g_steal_pointer (&created), FALSE);
  return g_steal_pointer (&info);
}

/**
 * xj_photo_import_file:
 * @data_dir: the data folder (photos/, renditions/ and thumbnails/ are
 *   made inside it)
 *
 * Stores the photo at @path byte for byte under its SHA-256, with its
 * rendition and thumbnail.  Safe in any thread; touches no database: insert
 * the returned info with xj_photo_info_insert() or xj_store_add_photo().
 *
 * Returns: (transfer full): what was learned, or %NULL with an
 * %XJ_PHOTO_ERROR that names the file, says what is wrong and what to do.
 */
XjPhotoInfo *
xj_photo_import_file (const char    *data_dir,
                      const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GBytes) original = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  original = _xj_photo_read_file (path, error);
  if (original == NULL)
    return NULL;
  display_name = g_filename_display_name (path);
  base = g_filename_display_basename (path);
  return import_data (data_dir, original, base, display_name, cancellable, error);
}

/**
 * xj_photo_import_bytes:
 * @original_name: how messages and the photo's details name it
 *   ("clipboard.png")
 *
 * As xj_photo_import_file(), for a photo that is not a file (pasted).
 */
XjPhotoInfo *
xj_photo_import_bytes (const char    *data_dir,
                       GBytes        *bytes,
                       const char    *original_name,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (original_name != NULL, NULL);

  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_EMPTY,
                   _("The photo “%s” is empty (0 bytes): it was not copied completely. "
                     "Copy it again from the camera or phone."), original_name);
      return NULL;
    }
  if (g_bytes_get_size (bytes) > XJ_PHOTO_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (g_bytes_get_size (bytes));
      g_autofree char *limit = g_format_size (XJ_PHOTO_MAX_BYTES);

      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_TOO_LARGE,
                   _("The photo “%s” is too large (%s); photos of at most %s are accepted. "
                     "Save a smaller copy with a photo editor and import that."),
                   original_name, size, limit);
      return NULL;
    }
  return import_data (data_dir, bytes, original_name, original_name, cancellable, error);
}

/**
 * xj_photo_info_insert:
 * @db: a connection the calling thread owns
 *
 * Adds the photos row for @info; a photo stored before keeps its row (and
 * its first import time).  Not a user action on its own: attaching the
 * photo is, and is audited.
 */
gboolean
xj_photo_info_insert (XjPhotoInfo  *info,
                      sqlite3      *db,
                      GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (info != NULL && info->sha256 != NULL, FALSE);
  g_return_val_if_fail (db != NULL, FALSE);

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO photos (sha256, bytes, mime, width, height, orientation, "
                           "taken_at, gps_lat, gps_lon, camera, original_name, imported_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                           "ON CONFLICT (sha256) DO NOTHING", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, info->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, info->bytes);
      sqlite3_bind_text (stmt, 3, info->mime, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, info->width);
      sqlite3_bind_int (stmt, 5, info->height);
      sqlite3_bind_int (stmt, 6, info->orientation);
      if (info->has_taken_at)
        sqlite3_bind_int64 (stmt, 7, info->taken_at);
      if (info->has_gps)
        {
          sqlite3_bind_double (stmt, 8, info->gps_lat);
          sqlite3_bind_double (stmt, 9, info->gps_lon);
        }
      sqlite3_bind_text (stmt, 10, info->camera != NULL ? info->camera : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, info->original_name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 12, xj_clock_now ());
      rc = sqlite3_step (stmt);
      info->row_created = rc == SQLITE_DONE && sqlite3_changes (db) == 1;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, db, rc, _("Could not record the photo"));
  return TRUE;
}

/**
 * xj_photo_info_discard:
 * @db: a connection the calling thread owns
 *
 * Takes back an import that is not wanted after all (cancelled, or left
 * out in the review): the row it added and the files it wrote, unless the
 * photo has been attached meanwhile.  A photo stored before the import
 * stays as it was.
 */
gboolean
xj_photo_info_discard (XjPhotoInfo  *info,
                       sqlite3      *db,
                       GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (info != NULL && info->sha256 != NULL, FALSE);
  g_return_val_if_fail (db != NULL, FALSE);

  if (!info->row_created)
    return TRUE;
  rc = sqlite3_prepare_v2 (db,
                           "DELETE FROM photos WHERE sha256 = ?1 "
                           "AND NOT EXISTS (SELECT 1 FROM answer_photos WHERE sha256 = ?1) "
                           "AND NOT EXISTS (SELECT 1 FROM notice_photos WHERE sha256 = ?1) "
                           "AND NOT EXISTS (SELECT 1 FROM notice_step_draft_photos "
                           "                WHERE sha256 = ?1)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, info->sha256, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, db, rc, _("Could not remove the photo"));
  if (sqlite3_changes (db) == 1)
    {
      xj_photo_info_discard_files (info);
      info->row_created = FALSE;
    }
  return TRUE;
}
