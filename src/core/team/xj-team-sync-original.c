/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A photo's original on demand.  The pull brings a photo's rendition and
 * thumbnail (every page and report shows those); the original, several
 * megabytes, stays on the team server until someone asks for it.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "xj-photo.h"
#include "xj-store-private.h"
#include "xj-team-codec.h"
#include "xj-team-private.h"
#include "xj-team-sync-private.h"

/* Writes @data to @path (atomically), making its folder first. */
gboolean
_xj_sync_write_file (const char    *path,
                     const guint8  *data,
                     gsize          length,
                     GError       **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", folder,
                   g_strerror (errno));
      return FALSE;
    }
  return g_file_set_contents (path, (const char *) data, (gssize) length, error);
}

/**
 * xj_team_has_original:
 *
 * Returns: whether the original of the photo @sha256 is in the data
 *   folder (FALSE also when there is no such photo)
 */
gboolean
xj_team_has_original (XjStore     *store,
                      const char  *sha256)
{
  g_autofree char *mime = _xj_sync_query_text (store, "SELECT mime FROM photos WHERE sha256 = ?1",
                                               sha256, NULL);
  g_autofree char *path = NULL;

  if (mime == NULL)
    return FALSE;
  path = xj_photo_dup_original_path (xj_store_get_data_dir (store), sha256, mime);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* The original comes in pieces (one round trip each), so that a person
 * waiting for it sees it come; XJ_ORIGINAL_PIECE (bytes) makes them
 * smaller in tests. */
#define PIECE (256 * 1024)

static gint64
piece_size (void)
{
  const char *piece = g_getenv ("XJ_ORIGINAL_PIECE");
  gint64 size = piece != NULL ? g_ascii_strtoll (piece, NULL, 10) : 0;

  return size > 0 ? size : PIECE;
}

/* The original's bytes from the server, piece by piece; NULL with @error
 * set (%XJ_PHOTO_ERROR_NOT_FOUND when the server has no original). */
static GByteArray *
receive (XjTeamConnection     *connection,
         const char           *sha256,
         GCancellable         *cancellable,
         XjTeamFetchProgress   progress,
         gpointer              user_data,
         GError              **error)
{
  const char *params[3] = { sha256, NULL, NULL };
  g_autoptr(PGresult) size = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  gint64 total, piece = piece_size ();

  size = _xj_team_exec (connection, "SELECT length(original) FROM xunjian.photos"
                        " WHERE sha256 = $1 AND original IS NOT NULL", 1, params, error);
  if (size == NULL)
    return NULL;
  if (PQntuples (size) == 0)
    {
      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_FOUND,
                   _("The team server has no original of photo %s."), sha256);
      return NULL;
    }
  total = g_ascii_strtoll (PQgetvalue (size, 0, 0), NULL, 10);
  bytes = g_byte_array_sized_new ((guint) MIN (total, G_MAXUINT));
  if (progress != NULL)
    progress (0, total, user_data);
  while ((gint64) bytes->len < total)
    {
      g_autofree char *from = g_strdup_printf ("%u", bytes->len + 1);
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, piece);
      g_autoptr(PGresult) part = NULL;
      unsigned char *data;
      size_t length = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      params[1] = from;
      params[2] = count;
      part = _xj_team_exec (connection, "SELECT substring(original FROM $2::int FOR $3::int)"
                            " FROM xunjian.photos WHERE sha256 = $1", 3, params, error);
      if (part == NULL)
        return NULL;
      data = PQntuples (part) == 1
             ? PQunescapeBytea ((const unsigned char *) PQgetvalue (part, 0, 0), &length) : NULL;
      if (data == NULL || length == 0)
        {
          PQfreemem (data);
          g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INTEGRITY,
                       _("The team server sent %s %s with content that does not match its hash."),
                       "photos", sha256);
          return NULL;
        }
      g_byte_array_append (bytes, data, (guint) length);
      PQfreemem (data);
      if (progress != NULL)
        progress (bytes->len, total, user_data);
    }
  return g_steal_pointer (&bytes);
}

/**
 * xj_team_fetch_original_full:
 * @sha256: a photo of this laptop
 * @connection: (nullable): the team server, or %NULL when it cannot be
 *   reached (then only an original already here is found)
 * @progress: (nullable): told how much has come, in this thread
 *
 * The photo's original, fetched from the team server when this laptop has
 * only its rendition and thumbnail, in pieces, checked against its hash
 * and written to the data folder only then.  Waits for the server: call
 * it in a worker, with a connection (and a store) of the worker's own.
 *
 * Returns: (transfer full): the original's path in the data folder
 */
char *
xj_team_fetch_original_full (XjStore              *store,
                             XjTeamConnection     *connection,
                             const char           *sha256,
                             GCancellable         *cancellable,
                             XjTeamFetchProgress   progress,
                             gpointer              user_data,
                             GError              **error)
{
  g_autofree char *mime = NULL;
  g_autofree char *path = NULL;
  g_autofree char *actual = NULL;
  g_autoptr(GByteArray) bytes = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  mime = _xj_sync_query_text (store, "SELECT mime FROM photos WHERE sha256 = ?1", sha256, error);
  if (mime == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_FOUND,
                     _("There is no photo %s on this laptop."), sha256);
      return NULL;
    }
  path = xj_photo_dup_original_path (xj_store_get_data_dir (store), sha256, mime);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);
  if (connection == NULL)
    {
      g_set_error_literal (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_CONNECT,
                           _("The original of this photo is on the team server: connect to "
                             "the team to open it."));
      return NULL;
    }
  if ((bytes = receive (connection, sha256, cancellable, progress, user_data, error)) == NULL)
    return NULL;
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes->data, bytes->len);
  if (!g_str_equal (actual, sha256))
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INTEGRITY,
                   _("The team server sent %s %s with content that does not match its hash."),
                   "photos", sha256);
      return NULL;
    }
  if (!_xj_sync_write_file (path, bytes->data, bytes->len, error))
    return NULL;
  return g_steal_pointer (&path);
}

/**
 * xj_team_fetch_original:
 *
 * xj_team_fetch_original_full() without progress or cancellation.
 *
 * Returns: (transfer full): the original's path in the data folder
 */
char *
xj_team_fetch_original (XjStore           *store,
                        XjTeamConnection  *connection,
                        const char        *sha256,
                        GError           **error)
{
  return xj_team_fetch_original_full (store, connection, sha256, NULL, NULL, NULL, error);
}
