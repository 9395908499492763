/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The photo store on disk: where each file lives, reading a file the user
 * chose (refusing what is not a plain readable file of sane size), and
 * writing so that nothing is ever half stored — a temporary file in the
 * same folder, flushed to the disk, then renamed over the final name.
 */
#define G_LOG_DOMAIN "xj-photo"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xj-photo-private.h"

G_DEFINE_QUARK (xj-photo-error-quark, xj_photo_error)

/* --- paths ---------------------------------------------------------------- */

/* Files are spread over 256 folders by the first two hex digits of their
 * hash so that no folder grows to tens of thousands of entries. */
static char *
hashed_path (const char *data_dir,
             const char *area,
             const char *sha256,
             const char *extension)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };
  g_autofree char *name = g_strconcat (sha256, extension, NULL);

  return g_build_filename (data_dir, area, prefix, name, NULL);
}

char *
xj_photo_dup_original_path (const char *data_dir,
                            const char *sha256,
                            const char *mime)
{
  static const struct { const char *mime, *suffix; } suffixes[] = {
    { "image/png", ".png" }, { "image/heic", ".heic" }, { "image/heif", ".heif" },
    { "image/avif", ".avif" },
  };
  const char *suffix = ".jpg";

  g_return_val_if_fail (data_dir != NULL && sha256 != NULL && strlen (sha256) == 64, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_strcmp0 (mime, suffixes[i].mime) == 0)
      suffix = suffixes[i].suffix;
  return hashed_path (data_dir, "photos", sha256, suffix);
}

char *
xj_photo_dup_rendition_path (const char *data_dir,
                             const char *sha256)
{
  g_return_val_if_fail (data_dir != NULL && sha256 != NULL && strlen (sha256) == 64, NULL);

  return hashed_path (data_dir, "renditions", sha256, ".jpg");
}

char *
xj_photo_dup_thumbnail_path (const char *data_dir,
                             const char *sha256)
{
  g_return_val_if_fail (data_dir != NULL && sha256 != NULL && strlen (sha256) == 64, NULL);

  return hashed_path (data_dir, "thumbnails", sha256, ".jpg");
}

/* --- reading ------------------------------------------------------------- */

/**
 * _xj_photo_read_file:
 *
 * Reads the whole of @path, refusing folders, pipes and devices (opened
 * without blocking so that a pipe cannot hang the import), empty files
 * and files above XJ_PHOTO_MAX_BYTES before reading them.
 */
GBytes *
_xj_photo_read_file (const char  *path,
                     GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree guint8 *buffer = NULL;
  struct stat info;
  gsize done = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd >= 0 && fstat (fd, &info) != 0)
    {
      close (fd);
      fd = -1;
    }
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_UNREADABLE,
                   _("Could not open the photo “%s”: %s. Check that the file exists and "
                     "that you are allowed to read it."), display, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (info.st_mode))
    {
      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_UNREADABLE,
                   S_ISDIR (info.st_mode)
                   ? _("“%s” is a folder, not a photo. Choose the photo files inside it.")
                   : _("“%s” is not an ordinary file (it is a device or a pipe). "
                       "Choose a photo file."), display);
      close (fd);
      return NULL;
    }
  if (info.st_size == 0)
    {
      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_EMPTY,
                   _("The photo “%s” is empty (0 bytes): it was not copied completely. "
                     "Copy it again from the camera or phone."), display);
      close (fd);
      return NULL;
    }
  if (info.st_size > XJ_PHOTO_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (info.st_size);
      g_autofree char *limit = g_format_size (XJ_PHOTO_MAX_BYTES);

      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_TOO_LARGE,
                   _("The photo “%s” is too large (%s); photos of at most %s are accepted. "
                     "Save a smaller copy with a photo editor and import that."),
                   display, size, limit);
      close (fd);
      return NULL;
    }

  buffer = g_malloc (info.st_size);
  while (done < (gsize) info.st_size)
    {
      gssize n = read (fd, buffer + done, info.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : EIO;

          g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_UNREADABLE,
                       _("Could not read the photo “%s”: %s. Check the disk or card it is on."),
                       display, g_strerror (saved));
          close (fd);
          return NULL;
        }
      done += n;
    }
  close (fd);
  return g_bytes_new_take (g_steal_pointer (&buffer), done);
}

/* --- writing ------------------------------------------------------------- */

static gboolean
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *display_name,
                 const char  *target)
{
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *folder_display = g_filename_display_name (folder);

  /* EFBIG: the file size limit of the process or file system is reached,
   * which for the person importing is the same as a full disk. */
  if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EFBIG)
    g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NO_SPACE,
                 _("Could not store the photo “%s” in “%s”: the disk is full (%s). "
                   "Free some space and import the photo again."),
                 display_name, folder_display, g_strerror (saved_errno));
  else
    g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_WRITE,
                 _("Could not store the photo “%s” in “%s”: %s. Check that the data folder "
                   "is on a working disk and that you may write to it."),
                 display_name, folder_display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

static void
sync_folder (const char *folder)
{
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* Makes the rename itself durable; failure here loses nothing but
   * that guarantee, so it is not reported. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * _xj_photo_stage_file:
 * @folder: where the temporary file goes; on the same file system as the
 *   final name
 * @display_name: the photo's name as the person knows it, for messages
 *
 * First half of a safe write: @bytes in a temporary file, flushed to the
 * disk.  Returns: (transfer full): the temporary file's path.
 */
char *
_xj_photo_stage_file (const char  *folder,
                      GBytes      *bytes,
                      const char  *display_name,
                      GError     **error)
{
  g_autofree char *temp = g_build_filename (folder, ".import-XXXXXX", NULL);
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  int fd;

  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      set_write_error (error, errno, display_name, temp);
      return NULL;
    }
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_write_error (error, errno, display_name, temp);
      return NULL;
    }
  if (!write_all (fd, data, length) || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (temp);
      set_write_error (error, saved, display_name, temp);
      return NULL;
    }
  if (close (fd) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      set_write_error (error, saved, display_name, temp);
      return NULL;
    }
  return g_steal_pointer (&temp);
}

/**
 * _xj_photo_commit_file:
 *
 * Second half: renames the staged file to @target.  The temporary file is
 * gone afterwards, whether this succeeded or not.
 */
gboolean
_xj_photo_commit_file (const char  *temp,
                       const char  *target,
                       const char  *display_name,
                       GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (target);

  if (g_mkdir_with_parents (folder, 0755) != 0 || g_rename (temp, target) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      return set_write_error (error, saved, display_name, target);
    }
  sync_folder (folder);
  return TRUE;
}

/**
 * _xj_photo_write_file:
 *
 * Writes @bytes to @target through a flushed temporary file in the same
 * folder and a rename: after a crash or a full disk there is either the
 * whole file or none.
 */
gboolean
_xj_photo_write_file (const char  *target,
                      GBytes      *bytes,
                      const char  *display_name,
                      GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *temp = _xj_photo_stage_file (folder, bytes, display_name, error);

  return temp != NULL && _xj_photo_commit_file (temp, target, display_name, error);
}
