/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "xj-certificate.h"
#include "xj-cli.h"
#include "xj-demo.h"
#include "xj-inspection.h"
#include "xj-report-archive.h"
#include "xj-signature.h"

#define DEMO_USAGE "xunjian demo [--photos DIR] [--sites N] [--years N]"

/* Demo only (README): unlocks the demo inspector's self-signed certificate. */
#define DEMO_PASSPHRASE   "xunjian-demo"
#define DEMO_INSPECTOR    "张伟"
#define DEMO_ORGANISATION "华信物业服务质量监督中心"

static gboolean
parse_count (const char *text,
             guint       max,
             guint      *out)
{
  guint64 value;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, max, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

/* The demo inspector's certificate, then every completed inspection that
 * has its handwritten signatures is signed and archived, oldest first. */
static gboolean
sign_demo_inspections (XjStore  *store,
                       guint    *n_signed,
                       GError  **error)
{
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  g_autoptr(GPtrArray) completed = NULL;

  *n_signed = 0;
  if (!xj_certificate_create_self_signed (xj_store_get_data_dir (store), DEMO_INSPECTOR,
                                          DEMO_ORGANISATION, DEMO_PASSPHRASE, error))
    return FALSE;
  filter.state = XJ_INSPECTION_COMPLETED;
  filter.limit = 10000;
  if ((completed = xj_store_list_inspections (store, &filter, error)) == NULL)
    return FALSE;
  for (guint i = completed->len; i-- > 0;)
    {
      XjInspection *inspection = g_ptr_array_index (completed, i);
      g_autoptr(XjArchivedReport) report = NULL;

      if (!xj_store_check_inspection_signatures (store, inspection->id, NULL))
        continue;
      report = xj_inspection_sign (store, inspection->id, &(XjSignOptions) {
                                     .organisation = DEMO_ORGANISATION,
                                     .passphrase = DEMO_PASSPHRASE,
                                   }, NULL, error);
      if (report == NULL)
        return FALSE;
      (*n_signed)++;
    }
  return TRUE;
}

/* Removes @path and everything under it: a demo folder that failed. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
fail_move (GError     **error,
           const char  *path,
           int          saved_errno)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not put the demo data into “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Moves what was built in @from into @to: the folder itself when @to is not
 * there yet, else entry by entry over its empty database, the database
 * last. */
static gboolean
move_into_place (const char  *from,
                 const char  *to,
                 GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (to, G_FILE_TEST_EXISTS))
    return g_rename (from, to) == 0 || fail_move (error, to, errno);
  if ((dir = g_dir_open (from, 0, error)) == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *there = g_build_filename (to, name, NULL);

      if (!g_str_has_prefix (name, "xunjian.db") && g_file_test (there, G_FILE_TEST_EXISTS))
        return fail_move (error, there, EEXIST);
      g_ptr_array_insert (names, g_str_equal (name, "xunjian.db") ? -1 : 0, g_strdup (name));
    }
  for (const char *const *suffix = (const char *const[]) { "-wal", "-shm", "-journal", NULL };
       *suffix != NULL; suffix++)
    {
      g_autofree char *stale = g_strconcat (to, G_DIR_SEPARATOR_S, "xunjian.db", *suffix, NULL);

      g_unlink (stale);
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *here = g_build_filename (from, g_ptr_array_index (names, i), NULL);
      g_autofree char *there = g_build_filename (to, g_ptr_array_index (names, i), NULL);

      if (g_rename (here, there) != 0)
        return fail_move (error, there, errno);
    }
  g_rmdir (from);
  return TRUE;
}

/* Builds the demo in a folder beside @cli's data folder and moves it into
 * place only once complete: a demo that fails half way leaves nothing. */
static gboolean
build_beside (XjCli                *cli,
              const XjDemoOptions  *options,
              guint                *n_signed,
              GError              **error)
{
  g_autofree char *parent = g_path_get_dirname (cli->data_dir);
  g_autofree char *temp = g_strdup_printf ("%s.demo-XXXXXX", cli->data_dir);
  XjCli building = *cli;
  gboolean done;

  if (g_mkdir_with_parents (parent, 0700) != 0 || g_mkdtemp (temp) == NULL)
    return fail_move (error, cli->data_dir, errno);
  building.data_dir = temp;
  building.store = NULL;
  if (xj_cli_get_store (&building) == NULL)
    {
      remove_tree (temp);
      return FALSE;   /* said */
    }
  done = xj_demo_fill (building.store, options, error)
         && sign_demo_inspections (building.store, n_signed, error);
  g_clear_object (&building.store);
  if (!done || !move_into_place (temp, cli->data_dir, error))
    {
      remove_tree (temp);
      return FALSE;
    }
  return TRUE;
}

int
xj_cli_demo (XjCli *cli)
{
  g_autofree char *photos = xj_cli_take_option (cli, "--photos");
  g_autofree char *sites = xj_cli_take_option (cli, "--sites");
  g_autofree char *years = xj_cli_take_option (cli, "--years");
  g_autoptr(GError) error = NULL;
  XjDemoOptions options = { 0 };
  guint n_signed = 0;
  XjStore *store;

  if (cli->argc != 0)
    return xj_cli_usage (DEMO_USAGE);
  if (!parse_count (sites, 10000, &options.n_sites))
    return xj_cli_fail (_("--sites takes a number from 1 to 10000, not “%s”"), sites);
  if (!parse_count (years, 20, &options.years))
    return xj_cli_fail (_("--years takes a number from 1 to 20, not “%s”"), years);
  if (photos != NULL && !g_file_test (photos, G_FILE_TEST_IS_DIR))
    return xj_cli_fail (_("--photos: “%s” is not a folder"), photos);
  options.photos_dir = photos;
  options.seed = 20261125;

  /* Only into a folder without data; its store is closed again before
   * the demo replaces its empty database. */
  if (g_file_test (cli->data_dir, G_FILE_TEST_EXISTS))
    {
      if ((store = xj_cli_get_store (cli)) == NULL)
        return 1;
      if (!xj_demo_check_empty (store, &error))
        return xj_cli_fail_error (error);
      g_clear_object (&cli->store);
    }
  if (!build_beside (cli, &options, &n_signed, &error))
    return error != NULL ? xj_cli_fail_error (error) : 1;
  printf (_("Demo data written to “%s”.\n"), cli->data_dir);
  printf (ngettext ("%u inspection signed and archived (demo certificate passphrase: %s).\n",
                       "%u inspections signed and archived (demo certificate passphrase: %s).\n",
                       n_signed), n_signed, DEMO_PASSPHRASE);
  return 0;
}
