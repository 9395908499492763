/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checklist files: reading and writing them by their extension (JSON or
 * CSV), importing into and exporting from the store.  Nothing is imported
 * unless the whole file is valid.  The helpers both readers share are in
 * xj-template-import.c.
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "xj-template-io.h"
#include "xj-template-private.h"

/* --- files ---------------------------------------------------------------- */

static gboolean
has_suffix (const char *path,
            const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

XjTemplate *
xj_template_read_file (const char  *path,
                       GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *data = NULL;
  g_autofree char *base = g_path_get_basename (path);
  gsize length = 0;
  gboolean json = has_suffix (path, ".json");

  if (!json && !has_suffix (path, ".csv"))
    {
      g_set_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_FILE,
                   _("“%s” is neither a .json nor a .csv file. Choose a checklist file with one of these endings."),
                   base);
      return NULL;
    }
  /* Look at the size first: a huge file is refused without reading it. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_FILE,
                   _("“%s” is not a regular file. Choose a checklist file."), base);
      return NULL;
    }
  if (g_file_info_get_size (info) > XJ_TEMPLATE_FILE_MAX)
    {
      g_set_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_FILE,
                   _("%s: The file is too large (%.1f MB); checklists are at most %d MB. Check that it is the right file."),
                   base, g_file_info_get_size (info) / (1024.0 * 1024.0),
                   XJ_TEMPLATE_FILE_MAX / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return json ? xj_template_from_json (data, length, path, error)
              : xj_template_from_csv (data, length, path, error);
}

gboolean
xj_template_write_file (const XjTemplate  *tmpl,
                        const char        *path,
                        GError           **error)
{
  g_autofree char *text = NULL;
  g_autofree char *base = g_path_get_basename (path);

  if (has_suffix (path, ".json"))
    text = xj_template_to_json (tmpl);
  else if (has_suffix (path, ".csv"))
    text = xj_template_to_csv (tmpl);
  else
    {
      g_set_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_FILE,
                   _("“%s” does not end in .json or .csv. Name the file with the format you want."),
                   base);
      return FALSE;
    }
  /* g_file_set_contents writes a temporary file and renames it. */
  return g_file_set_contents (path, text, -1, error);
}

gint64
xj_store_import_template (XjStore     *store,
                          const char  *path,
                          const char  *actor,
                          GError     **error)
{
  g_autoptr(XjTemplate) tmpl = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), 0);

  if ((tmpl = xj_template_read_file (path, error)) == NULL)
    return 0;
  tmpl->template_id = 0;
  if (!xj_store_save_template (store, tmpl, actor, error))
    return 0;
  return tmpl->template_id;
}

gboolean
xj_store_export_template (XjStore     *store,
                          gint64       template_id,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(XjTemplate) tmpl = xj_store_load_template (store, template_id, error);

  return tmpl != NULL && xj_template_write_file (tmpl, path, error);
}
