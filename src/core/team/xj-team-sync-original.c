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

/**
 * xj_team_fetch_original:
 * @sha256: a photo of this laptop
 *
 * The photo's original, fetched from the team server when this laptop has
 * only its rendition and thumbnail (checked against its hash).  Waits for
 * the server: call it in a worker, with a connection of the worker's own.
 *
 * Returns: (transfer full): the original's path in the data folder
 */
char *
xj_team_fetch_original (XjStore           *store,
                        XjTeamConnection  *connection,
                        const char        *sha256,
                        GError           **error)
{
  g_autofree char *mime = NULL;
  g_autofree char *path = NULL;
  g_autofree char *actual = NULL;
  g_autoptr(PGresult) result = NULL;
  unsigned char *data;
  size_t length = 0;
  const char *params[] = { sha256 };
  gboolean ok;

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
  result = _xj_team_exec (connection, "SELECT original FROM xunjian.photos WHERE sha256 = $1",
                          1, params, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_FOUND,
                   _("The team server has no original of photo %s."), sha256);
      return NULL;
    }
  data = PQunescapeBytea ((const unsigned char *) PQgetvalue (result, 0, 0), &length);
  if (data == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, g_strerror (ENOMEM));
      return NULL;
    }
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
  ok = g_str_equal (actual, sha256);
  if (!ok)
    g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INTEGRITY,
                 _("The team server sent %s %s with content that does not match its hash."),
                 "photos", sha256);
  else
    ok = _xj_sync_write_file (path, data, length, error);
  PQfreemem (data);
  return ok ? g_steal_pointer (&path) : NULL;
}
