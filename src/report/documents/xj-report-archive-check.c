/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The archive, checked: every signed report's PDF against the size and
 * SHA-256 recorded when it was signed (`xunjian check`), and the temporary
 * files a signing killed mid-write left behind, removed (`check` and the
 * application's start-up housekeeping).  Reads every archived file: for a
 * worker or the command line, never the main loop.
 */
#define G_LOG_DOMAIN "xj-archive"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "xj-archive-list.h"
#include "xj-report-archive.h"
#include "xj-report-archive-check.h"

static gboolean
check_one (const char *data_dir,
           const char *number,
           const char *relative_path,
           const char *sha256,
           gint64      bytes,
           GString    *report)
{
  g_autofree char *path = g_build_filename (data_dir, relative_path, NULL);
  g_autofree char *actual = NULL;
  g_autoptr(GError) error = NULL;
  gint64 actual_bytes = 0;

  actual = xj_archive_file_sha256 (path, &actual_bytes, &error);
  if (actual == NULL)
    {
      g_string_append_printf (report, _("Report %s: %s\n"), number, error->message);
      return FALSE;
    }
  if (actual_bytes != bytes || g_strcmp0 (actual, sha256) != 0)
    {
      g_string_append_printf (report, _("Report %s: “%s” was changed after it was signed (it "
                                        "no longer matches the SHA-256 recorded then)\n"),
                              number, path);
      return FALSE;
    }
  return TRUE;
}

/**
 * xj_archive_check:
 * @report: receives one line per problem
 * @n_checked: (out) (optional): how many reports were checked
 *
 * Returns: %TRUE when every archived report is there, byte for byte.
 */
gboolean
xj_archive_check (XjStore  *store,
                  GString  *report,
                  guint    *n_checked,
                  GError  **error)
{
  const char *data_dir;
  g_autoptr(GPtrArray) files = NULL;
  guint problems = 0;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  data_dir = xj_store_get_data_dir (store);
  files = xj_store_list_archived_files (store, error);
  if (files == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      const XjArchivedFile *file = g_ptr_array_index (files, i);

      if (!check_one (data_dir, file->number, file->path, file->sha256, file->bytes, report))
        problems++;
    }
  if (n_checked != NULL)
    *n_checked = files->len;
  if (problems > 0)
    {
      g_set_error (error, XJ_ARCHIVE_ERROR, XJ_ARCHIVE_ERROR_ALTERED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u signed report in “%s” is missing or was changed",
                                "%u signed reports in “%s” are missing or were changed",
                                problems),
                   problems, data_dir);
      return FALSE;
    }
  return TRUE;
}

/* A signing writes ".<number>.pdf.XXXXXX" beside the report it makes
 * (and the signer a further ".XXXXXX" beside that). */
static gboolean
is_temporary (const char *name)
{
  return name[0] == '.' && strstr (name, ".pdf.") != NULL;
}

static guint
remove_in (const char *folder,
           gint64      now,
           GString    *report)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint removed = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GStatBuf info;

      if (g_lstat (path, &info) != 0)
        continue;
      if (S_ISDIR (info.st_mode))
        removed += remove_in (path, now, report);
      else if (S_ISREG (info.st_mode) && is_temporary (name)
               && now - (gint64) info.st_mtime >= XJ_ARCHIVE_STALE_SECONDS
               && g_unlink (path) == 0)
        {
          removed++;
          if (report != NULL)
            g_string_append_printf (report, _("Removed “%s”, left by a signing that was "
                                              "interrupted.\n"), path);
        }
    }
  return removed;
}

/**
 * xj_archive_remove_temporaries:
 * @now: Unix seconds; files untouched for %XJ_ARCHIVE_STALE_SECONDS before
 *   it are leftovers (a younger one may be a signing still running)
 * @report: (nullable): receives one line per file removed
 *
 * Returns: how many files were removed.
 */
guint
xj_archive_remove_temporaries (const char *data_dir,
                               gint64      now,
                               GString    *report)
{
  g_autofree char *archive = NULL;

  g_return_val_if_fail (data_dir != NULL, 0);

  archive = g_build_filename (data_dir, "archive", NULL);
  return remove_in (archive, now, report);
}
