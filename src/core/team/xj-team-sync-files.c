/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files a push sends with a record: a photo's original, rendition and
 * thumbnail, a signed report's PDF, read from the data folder.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include "xj-photo.h"
#include "xj-store-private.h"
#include "xj-team-sync-private.h"

/* A photo's rendition or thumbnail, NULL when this laptop has none. */
GBytes *
_xj_sync_read_derived (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (contents, length);
}

/* The bytes that go with a photo or a report. */
GBytes *
_xj_sync_read_file_of (Sync              *sync,
                       const XjSyncTable *table,
                       const char        *record,
                       GError           **error)
{
  const char *data_dir = xj_store_get_data_dir (sync->store);
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (g_str_equal (table->name, "photos"))
    {
      g_autofree char *mime = _xj_sync_query_text (sync->store, "SELECT mime FROM photos"
                                          " WHERE sha256 = ?1", record, error);

      if (mime == NULL)
        return NULL;
      path = xj_photo_dup_original_path (data_dir, record, mime);
    }
  else
    {
      g_autofree char *relative = _xj_sync_query_text (sync->store, "SELECT path FROM reports"
                                              " WHERE uuid = ?1", record, error);

      if (relative == NULL)
        return NULL;
      path = g_build_filename (data_dir, relative, NULL);
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return g_bytes_new_take (contents, length);
}
