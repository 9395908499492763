/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#ifdef XJ_CORE_COMPILATION
#include <sqlite3.h>
#endif

G_BEGIN_DECLS

#define XJ_PHOTO_ERROR (xj_photo_error_quark ())

typedef enum {
  XJ_PHOTO_ERROR_UNREADABLE,      /* missing, a folder, a pipe, no permission */
  XJ_PHOTO_ERROR_EMPTY,           /* zero bytes */
  XJ_PHOTO_ERROR_TOO_LARGE,       /* more than XJ_PHOTO_MAX_BYTES */
  XJ_PHOTO_ERROR_NOT_IMAGE,       /* not an image at all */
  XJ_PHOTO_ERROR_CORRUPT,         /* truncated or damaged image data */
  XJ_PHOTO_ERROR_TOO_MANY_PIXELS, /* more than XJ_PHOTO_MAX_PIXELS: an image bomb */
  XJ_PHOTO_ERROR_NO_SPACE,        /* the disk (or the file size limit) is full */
  XJ_PHOTO_ERROR_WRITE,           /* any other failure to store the files */
  XJ_PHOTO_ERROR_NOT_FOUND,       /* not in the photo store, or not attached */
  XJ_PHOTO_ERROR_ALREADY_ATTACHED,
  XJ_PHOTO_ERROR_UNSUPPORTED,     /* an image or video in a format we cannot read */
} XjPhotoError;

/* Limits stated in the messages that refuse a file. */
#define XJ_PHOTO_MAX_BYTES      (50 * 1000 * 1000)
#define XJ_PHOTO_MAX_PIXELS     (100 * 1000 * 1000)
#define XJ_PHOTO_RENDITION_SIZE 1600  /* long side, px */
#define XJ_PHOTO_RENDITION_QUALITY 85
#define XJ_PHOTO_THUMBNAIL_SIZE 256
#define XJ_PHOTO_THUMBNAIL_QUALITY 80

/* What an import learned about one photo.  Width and height are those of
 * the stored pixels; the upright size swaps them for orientations 5–8. */
typedef struct
{
  char        *sha256;
  const char  *mime;           /* "image/jpeg", "image/png", "image/heic" … (static) */
  gint64       bytes;
  int          width;
  int          height;
  int          orientation;    /* EXIF 1–8 */
  gboolean     has_taken_at;
  gint64       taken_at;       /* Unix seconds */
  gboolean     has_gps;
  double       gps_lat;
  double       gps_lon;
  char        *camera;         /* "Make Model", or "" */
  char        *original_name;
  /* Files this import wrote (not those that were already stored), so that
   * a failed row insert can take them back. */
  char       **created_files;
  gboolean     row_created;    /* xj_photo_info_insert() added the row */
} XjPhotoInfo;

GQuark        xj_photo_error_quark        (void);
void          xj_photo_info_free          (XjPhotoInfo   *info);

/* Where a photo's files live under the data folder. */
char         *xj_photo_dup_original_path  (const char    *data_dir,
                                           const char    *sha256,
                                           const char    *mime);
char         *xj_photo_dup_rendition_path (const char    *data_dir,
                                           const char    *sha256);
char         *xj_photo_dup_thumbnail_path (const char    *data_dir,
                                           const char    *sha256);

/* The heavy part, for any thread: reads, checks, hashes and stores the
 * original, its rendition and thumbnail.  No database. */
XjPhotoInfo  *xj_photo_import_file        (const char    *data_dir,
                                           const char    *path,
                                           GCancellable  *cancellable,
                                           GError       **error);
XjPhotoInfo  *xj_photo_import_bytes       (const char    *data_dir,
                                           GBytes        *bytes,
                                           const char    *original_name,
                                           GCancellable  *cancellable,
                                           GError       **error);
void          xj_photo_info_discard_files (XjPhotoInfo   *info);

#ifdef XJ_CORE_COMPILATION
/* The short part, on whichever connection the thread owns (core only:
 * elsewhere xj_store_add_photo() and xj_store_discard_photo()). */
gboolean      xj_photo_info_insert        (XjPhotoInfo   *info,
                                           sqlite3       *db,
                                           GError       **error);
gboolean      xj_photo_info_discard       (XjPhotoInfo   *info,
                                           sqlite3       *db,
                                           GError       **error);
#endif

/* The photos of a folder (not its subfolders), sorted by name: JPEG, PNG
 * and HEIF, and the images and videos that cannot be imported, so that the
 * import can name them. */
GPtrArray    *xj_photo_list_folder        (const char    *folder,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjPhotoInfo, xj_photo_info_free)

G_END_DECLS
