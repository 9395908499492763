/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where photos come from, for every place that takes them (an item in the
 * runner, the after-photos of a rectification): the file chooser for
 * photos or a camera's folder, and the clipboard — files copied in a file
 * manager, or an image (imported in a worker, then added to the store).
 * Moved out of the runner so that both use the same code.
 */
#define G_LOG_DOMAIN "xj-photo-source"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-photo-source.h"
#include "xj-photo-store.h"
#include "xj-photo.h"

typedef struct
{
  XjPhotoPathsFunc func;
  gpointer         user_data;
  GDestroyNotify   destroy;
  gboolean         folder;
} Choice;

static void
choice_free (Choice *choice)
{
  if (choice->destroy != NULL)
    choice->destroy (choice->user_data);
  g_free (choice);
}

/* What a paste gives: files to import, or the pasted image imported. */
typedef struct
{
  GStrv      paths;
  GPtrArray *results;   /* of XjPhotoImportResult */
} Pasted;

static void
pasted_free (Pasted *pasted)
{
  g_strfreev (pasted->paths);
  g_clear_pointer (&pasted->results, g_ptr_array_unref);
  g_free (pasted);
}

/* --- the file chooser ----------------------------------------------------- */

GStrv
xj_photo_source_file_paths (GSList *files)
{
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_strv_builder_add (paths, path);
    }
  return g_strv_builder_end (paths);
}

/* Returns: (transfer full) (nullable): the photos of @folder to import,
 *   NULL-terminated; NULL with @error set when the folder cannot be read or
 *   holds no photos. */
GStrv
xj_photo_source_folder_paths (const char  *folder,
                              GError     **error)
{
  g_autoptr(GPtrArray) paths = xj_photo_list_folder (folder, error);

  if (paths == NULL)
    return NULL;
  if (paths->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There are no photos in this folder."));
      return NULL;
    }
  g_ptr_array_add (paths, NULL);
  return (GStrv) g_ptr_array_steal (paths, NULL);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  Choice *choice = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
      g_auto(GStrv) chosen = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);

          if (path != NULL)
            g_strv_builder_add (paths, path);
        }
      chosen = g_strv_builder_end (paths);
      if (chosen[0] != NULL)
        choice->func ((const char * const *) chosen, choice->folder, choice->user_data);
    }
  choice_free (choice);
  g_object_unref (chooser);
}

/**
 * xj_photo_source_choose:
 * @widget: whose window the chooser is modal to
 * @folder: choose a camera's folder rather than photos
 *
 * Shows the file chooser; @func gets what was chosen.
 */
void
xj_photo_source_choose (GtkWidget        *widget,
                        gboolean          folder,
                        XjPhotoPathsFunc  func,
                        gpointer          user_data,
                        GDestroyNotify    destroy)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  Choice *choice = g_new0 (Choice, 1);

  choice->func = func;
  choice->user_data = user_data;
  choice->destroy = destroy;
  choice->folder = folder;
  chooser = gtk_file_chooser_native_new (folder ? _("Import Photos from Folder") : _("Attach Photos"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         folder ? _("_Import") : _("_Attach"), NULL);
  if (!folder)
    {
      gtk_file_filter_set_name (filter, _("Photos (JPEG, PNG, HEIC)"));
      gtk_file_filter_add_mime_type (filter, "image/jpeg");
      gtk_file_filter_add_mime_type (filter, "image/png");
      gtk_file_filter_add_mime_type (filter, "image/heic");
      gtk_file_filter_add_mime_type (filter, "image/heif");
      gtk_file_filter_add_mime_type (filter, "image/avif");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- the clipboard -------------------------------------------------------- */

static void
paste_import_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  XjStore *store = g_task_get_source_object (task);
  GBytes *png = task_data;
  XjPhotoImportResult *result = g_new0 (XjPhotoImportResult, 1);

  result->path = g_strdup (_("Pasted image"));
  result->info = xj_photo_import_bytes (xj_store_get_data_dir (store), png, result->path,
                                        cancellable, &result->error);
  g_task_return_pointer (task, result, (GDestroyNotify) xj_photo_import_result_free);
}

/* Back on the main thread: the store's row for the imported files. */
static void
on_paste_imported_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XjPhotoImportResult) imported = g_task_propagate_pointer (G_TASK (result), &error);
  Pasted *pasted;

  if (imported == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (imported->info != NULL && !xj_store_add_photo (XJ_STORE (source), imported->info, &error))
    {
      xj_photo_info_discard_files (imported->info);
      g_clear_pointer (&imported->info, xj_photo_info_free);
      imported->error = g_steal_pointer (&error);
    }
  pasted = g_new0 (Pasted, 1);
  pasted->results = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_photo_import_result_free);
  g_ptr_array_add (pasted->results, g_steal_pointer (&imported));
  g_task_return_pointer (task, pasted, (GDestroyNotify) pasted_free);
}

static void
on_clipboard_texture_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result,
                                                                      NULL);
  g_autoptr(GTask) import = NULL;

  if (texture == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("The clipboard holds no image or photo files to paste."));
      return;
    }
  import = g_task_new (g_task_get_task_data (task), NULL, on_paste_imported_cb,
                       g_object_ref (task));
  g_task_set_task_data (import, gdk_texture_save_to_png_bytes (texture),
                        (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (import, paste_import_thread);
}

static void
on_clipboard_files_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, NULL);
  Pasted *pasted = g_new0 (Pasted, 1);

  if (value != NULL && G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    pasted->paths = xj_photo_source_file_paths (g_value_get_boxed (value));
  else
    pasted->paths = g_new0 (char *, 1);
  g_task_return_pointer (task, pasted, (GDestroyNotify) pasted_free);
}

/**
 * xj_photo_source_paste_async:
 *
 * Reads the clipboard of @widget: copied files are handed back to import;
 * an image is imported into @store at once.
 */
void
xj_photo_source_paste_async (GtkWidget           *widget,
                             XjStore             *store,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  GTask *task = g_task_new (widget, NULL, callback, user_data);

  g_task_set_source_tag (task, xj_photo_source_paste_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                    on_clipboard_files_cb, task);
  else
    gdk_clipboard_read_texture_async (clipboard, NULL, on_clipboard_texture_cb, task);
}

/**
 * xj_photo_source_paste_finish:
 * @paths: (out): the copied files to import, when the clipboard held files
 *
 * Returns: (transfer full) (nullable): the pasted image's import result
 * (one XjPhotoImportResult, its photo in the store); %NULL when @paths was
 * set instead, or with @error set when there was nothing to paste.
 */
GPtrArray *
xj_photo_source_paste_finish (GAsyncResult  *result,
                              GStrv         *paths,
                              GError       **error)
{
  Pasted *pasted;
  GPtrArray *results;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == xj_photo_source_paste_async,
                        NULL);

  *paths = NULL;
  pasted = g_task_propagate_pointer (G_TASK (result), error);
  if (pasted == NULL)
    return NULL;
  *paths = g_steal_pointer (&pasted->paths);
  results = g_steal_pointer (&pasted->results);
  pasted_free (pasted);
  return results;
}
