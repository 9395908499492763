/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The archive's list: signed reports with their inspection's site, kind,
 * date and grade, filtered (read a page at a time in a worker by
 * xj-archive-model.c: an archive of years scans too much for the main
 * loop).
 */
#define G_LOG_DOMAIN "xj-archive-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-archive-list.h"
#include "xj-archive-private.h"

void
xj_archive_entry_free (XjArchiveEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->number);
  g_free (entry->site_name);
  g_free (entry->kind);
  g_free (entry->grade);
  g_free (entry->signer);
  g_free (entry->month);
  g_free (entry);
}

XjArchiveEntry *
_xj_archive_entry_from_row (sqlite3_stmt *stmt)
{
  XjArchiveEntry *entry = g_new0 (XjArchiveEntry, 1);

  entry->report_id = sqlite3_column_int64 (stmt, 0);
  entry->inspection_id = sqlite3_column_int64 (stmt, 1);
  entry->number = xj_store_column_dup_or_empty (stmt, 2);
  entry->site_name = xj_store_column_dup_or_empty (stmt, 3);
  entry->kind = xj_store_column_dup_or_empty (stmt, 4);
  entry->started_at = sqlite3_column_int64 (stmt, 5);
  entry->has_score = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
  entry->score = sqlite3_column_double (stmt, 6);
  entry->grade = xj_store_column_dup_or_empty (stmt, 7);
  entry->signer = xj_store_column_dup_or_empty (stmt, 8);
  entry->created_at = sqlite3_column_int64 (stmt, 9);
  entry->month = xj_store_column_dup_or_empty (stmt, 10);
  return entry;
}

/* Binds ?1 … ?6 of ARCHIVE_FROM_WHERE. */
void
_xj_archive_bind_query (sqlite3_stmt         *stmt,
                        const XjArchiveQuery *query)
{
  if (query->search != NULL && *query->search != '\0')
    sqlite3_bind_text (stmt, 1, query->search, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, query->site_id);
  if (query->kind != NULL)
    sqlite3_bind_text (stmt, 3, query->kind, -1, SQLITE_TRANSIENT);
  if (query->grade != NULL)
    sqlite3_bind_text (stmt, 4, query->grade, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, query->from);
  sqlite3_bind_int64 (stmt, 6, query->to);
}

/* --- the files, for checking them ----------------------------------------- */

static void
xj_archived_file_free (XjArchivedFile *file)
{
  if (file == NULL)
    return;
  g_free (file->number);
  g_free (file->path);
  g_free (file->sha256);
  g_free (file);
}

/**
 * xj_store_list_archived_files:
 *
 * Every archived report's file with the size and SHA-256 recorded when it
 * was signed, oldest first.
 *
 * Returns: (transfer full) (element-type XjArchivedFile): the files, or
 *   %NULL with @error set
 */
GPtrArray *
xj_store_list_archived_files (XjStore  *store,
                              GError  **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_archived_file_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  stmt = xj_store_prepare (store, "SELECT " XJ_FULL_NUMBER ("") ", path, sha256, bytes FROM reports "
                           "ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjArchivedFile *file = g_new0 (XjArchivedFile, 1);

      file->number = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      file->path = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      file->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      file->bytes = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (files, file);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                 _("Could not read the archive"));
      return NULL;
    }
  return g_steal_pointer (&files);
}
