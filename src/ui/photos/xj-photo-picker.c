/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjPhotoPicker: photos picked for something that is not saved yet, as the
 * after-photos of a rectification.  The photos come from the same places
 * as in the runner (xj-photo-source.c: the file chooser, a camera's folder,
 * the clipboard) or are dropped on the picker; they are imported into the
 * photo store in a worker with progress and cancel, and shown as
 * thumbnails, each with a button to remove it again.  From a camera's
 * folder only the photos taken after the "taken-after" time are picked
 * (the folder holds the whole day), and the picker says how many it left.
 */
#define G_LOG_DOMAIN "xj-photo-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-cancel.h"
#include "xj-icon-button.h"
#include "xj-label.h"
#include "xj-photo-async.h"
#include "xj-photo-picker.h"
#include "xj-photo-source.h"
#include "xj-photo-strip.h"
#include "xj-photo.h"

#define THUMBNAIL_SIZE 96

struct _XjPhotoPicker
{
  GtkBox          parent_instance;

  XjStore        *store;
  GPtrArray      *photos;        /* SHA-256 names, in the order picked */
  GPtrArray      *imported;      /* XjPhotoInfo of the rows this picker added */
  gint64          taken_after;
  GCancellable   *import;        /* while an import runs */
  GCancellable   *loading;       /* thumbnails */

  GtkBox         *thumbnails;
  GtkLabel       *hint;
  GtkBox         *progress_box;
  GtkProgressBar *progress;
  GtkLabel       *message;
};

G_DEFINE_FINAL_TYPE (XjPhotoPicker, xj_photo_picker, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_N_PHOTOS,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  XjPhotoPicker *picker;
  gboolean       folder;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->picker);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_free)

/* --- helpers -------------------------------------------------------------- */

static void
on_remove_clicked_cb (GtkButton     *button,
                      XjPhotoPicker *self)
{
  xj_photo_picker_remove (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

static GtkWidget *
make_thumbnail (XjPhotoPicker *self,
                guint          index)
{
  const char *sha256 = g_ptr_array_index (self->photos, index);
  g_autofree char *path = xj_photo_dup_thumbnail_path (xj_store_get_data_dir (self->store), sha256);
  g_autofree char *label = g_strdup_printf (_("Photo %u"), index + 1);
  g_autofree char *remove_label = g_strdup_printf (_("Remove Photo %u"), index + 1);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_image_new ();
  GtkWidget *remove = xj_icon_button_new ("window-close-symbolic", remove_label);

  /* An image, not a picture: it keeps to the thumbnail size whatever the
   * file's. */
  gtk_image_set_pixel_size (GTK_IMAGE (picture), THUMBNAIL_SIZE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_valign (remove, GTK_ALIGN_START);
  gtk_widget_add_css_class (remove, "osd");
  gtk_widget_add_css_class (remove, "circular");
  g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), remove);
  gtk_widget_add_css_class (overlay, "photo-thumbnail");
  xj_photo_show_async (path, self->loading, picture);
  return overlay;
}

static void
show_photos (XjPhotoPicker *self)
{
  GtkWidget *child;

  xj_cancel_clear (&self->loading);
  self->loading = g_cancellable_new ();
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails))) != NULL)
    gtk_box_remove (self->thumbnails, child);
  for (guint i = 0; i < self->photos->len; i++)
    gtk_box_append (self->thumbnails, make_thumbnail (self, i));
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnails), self->photos->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->hint), self->photos->len == 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PHOTOS]);
}

static void
set_message (XjPhotoPicker *self,
             const char    *message)
{
  gtk_label_set_text (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL && *message != '\0');
}

static void
set_busy (XjPhotoPicker *self,
          GCancellable  *import)
{
  g_set_object (&self->import, import);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), import != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.add", import == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.folder", import == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.paste", import == NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* A photo this picker brought into the store and that is not wanted after
 * all (removed, left out, or the dialog closed without saving) goes again,
 * rows and files, unless something has attached it meanwhile; a photo that
 * was in the store before stays. */
static void
take_back (XjPhotoPicker *self,
           const char    *sha256)
{
  for (guint i = self->imported->len; i > 0; i--)
    {
      XjPhotoInfo *info = g_ptr_array_index (self->imported, i - 1);
      g_autoptr(GError) error = NULL;

      if (sha256 != NULL && g_strcmp0 (info->sha256, sha256) != 0)
        continue;
      if (!xj_store_discard_photo (self->store, info, &error))
        g_warning ("Could not take back an imported photo: %s", error->message);
      g_ptr_array_remove_index (self->imported, i - 1);
    }
}

/* Picks what was imported; says file by file what was not, and how many
 * of a folder's photos were older than wanted. */
static void
add_results (XjPhotoPicker *self,
             GPtrArray     *results,
             gboolean       folder)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  guint older = 0;

  for (guint i = 0; i < results->len; i++)
    {
      XjPhotoImportResult *result = g_ptr_array_index (results, i);
      g_autofree char *sha256 = NULL;
      gboolean left_out;

      if (result->info == NULL)
        {
          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          g_string_append (problems, result->error->message);
          continue;
        }
      sha256 = g_strdup (result->info->sha256);
      left_out = folder && self->taken_after > 0 && result->info->has_taken_at
                 && result->info->taken_at < self->taken_after;
      if (result->info->row_created)
        g_ptr_array_add (self->imported, g_steal_pointer (&result->info));
      if (left_out)
        {
          older++;
          take_back (self, sha256);
        }
      else if (!g_ptr_array_find_with_equal_func (self->photos, sha256, g_str_equal, NULL))
        g_ptr_array_add (self->photos, g_steal_pointer (&sha256));
    }
  if (older > 0)
    {
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append_printf (problems,
                              g_dngettext (NULL,
                                           "%u photo of the folder was taken before the notice "
                                           "was issued and was left out.",
                                           "%u photos of the folder were taken before the notice "
                                           "was issued and were left out.", older), older);
    }
  set_message (self, problems->str);
  show_photos (self);
}

static void
on_import_progress_cb (guint        done,
                       guint        total,
                       const char  *path,
                       gpointer     user_data)
{
  XjPhotoPicker *self = user_data;

  xj_photo_show_import_progress (self->progress, done, total);
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ImportJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = xj_photo_import_finish (XJ_STORE (source), result, &error);

  set_busy (job->picker, NULL);
  if (results != NULL)
    add_results (job->picker, results, job->folder);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_message (job->picker, error->message);
}

static void
import (XjPhotoPicker      *self,
        const char * const *paths,
        gboolean            folder)
{
  g_autoptr(GCancellable) cancellable = NULL;
  ImportJob *job;

  if (paths == NULL || paths[0] == NULL)
    return;
  if (self->import != NULL)
    {
      set_message (self, _("Photos are still being imported: wait or cancel first."));
      return;
    }
  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  set_message (self, NULL);
  on_import_progress_cb (0, g_strv_length ((char **) paths), NULL, self);
  job = g_new0 (ImportJob, 1);
  job->picker = g_object_ref (self);
  job->folder = folder;
  xj_photo_import_async (self->store, paths, on_import_progress_cb, g_object_ref (self),
                         g_object_unref, cancellable, on_imported_cb, job);
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_chosen_cb (const char * const *paths,
              gboolean            folder,
              gpointer            user_data)
{
  XjPhotoPicker *self = user_data;

  if (folder)
    xj_photo_picker_import_folder (self, paths[0]);
  else
    xj_photo_picker_add_paths (self, paths);
}

static void
on_pasted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(XjPhotoPicker) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GPtrArray) results = xj_photo_source_paste_finish (result, &paths, &error);

  if (error != NULL)
    set_message (self, error->message);
  else if (results != NULL)
    add_results (self, results, FALSE);
  else
    xj_photo_picker_add_paths (self, (const char * const *) paths);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            XjPhotoPicker *self)
{
  g_auto(GStrv) paths = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  paths = xj_photo_source_file_paths (g_value_get_boxed (value));
  xj_photo_picker_add_paths (self, (const char * const *) paths);
  return TRUE;
}

static void
picker_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XjPhotoPicker *self = XJ_PHOTO_PICKER (widget);

  if (g_str_equal (action_name, "picker.add") || g_str_equal (action_name, "picker.folder"))
    xj_photo_source_choose (widget, g_str_equal (action_name, "picker.folder"), on_chosen_cb,
                            g_object_ref (self), g_object_unref);
  else if (g_str_equal (action_name, "picker.paste"))
    xj_photo_picker_paste (self);
  else if (self->import != NULL)
    g_cancellable_cancel (self->import);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_photo_picker_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  XjPhotoPicker *self = XJ_PHOTO_PICKER (object);

  switch (prop_id)
    {
    case PROP_N_PHOTOS:
      g_value_set_uint (value, self->photos->len);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->import != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xj_photo_picker_dispose (GObject *object)
{
  XjPhotoPicker *self = XJ_PHOTO_PICKER (object);

  xj_cancel_clear (&self->import);
  xj_cancel_clear (&self->loading);
  /* Closed without saving: what it imported and nobody attached goes. */
  if (self->store != NULL && self->imported->len > 0)
    {
      take_back (self, NULL);
      xj_store_emit_changed (self->store, "photos");
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xj_photo_picker_parent_class)->dispose (object);
}

static void
xj_photo_picker_finalize (GObject *object)
{
  XjPhotoPicker *self = XJ_PHOTO_PICKER (object);

  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->imported, g_ptr_array_unref);

  G_OBJECT_CLASS (xj_photo_picker_parent_class)->finalize (object);
}

static void
xj_photo_picker_class_init (XjPhotoPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = xj_photo_picker_get_property;
  object_class->dispose = xj_photo_picker_dispose;
  object_class->finalize = xj_photo_picker_finalize;

  properties[PROP_N_PHOTOS] = g_param_spec_uint ("n-photos", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                 | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "picker.add", NULL, picker_activated);
  gtk_widget_class_install_action (widget_class, "picker.folder", NULL, picker_activated);
  gtk_widget_class_install_action (widget_class, "picker.paste", NULL, picker_activated);
  gtk_widget_class_install_action (widget_class, "picker.cancel", NULL, picker_activated);
  /* Only while the focus is in the picker: in a text field Ctrl+V pastes text. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "picker.paste", NULL);
}

static GtkWidget *
add_button (GtkBox     *box,
            const char *label,
            const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_box_append (box, button);
  return button;
}

static void
xj_photo_picker_init (XjPhotoPicker *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  GtkBox *buttons = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  GtkWidget *cancel;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 8);
  self->photos = g_ptr_array_new_with_free_func (g_free);
  self->imported = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_photo_info_free);
  self->loading = g_cancellable_new ();

  self->thumbnails = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnails), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->thumbnails));

  self->hint = GTK_LABEL (xj_label_new_wrapped (_("No photos yet. Add them, import a camera’s "
                                                  "folder, drop files here or paste (Ctrl+V)."),
                                                "dim-label"));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->hint));

  add_button (buttons, _("_Add Photos…"), "picker.add");
  add_button (buttons, _("Import from _Folder…"), "picker.folder");
  add_button (buttons, _("_Paste"), "picker.paste");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (buttons));

  self->progress_box = xj_photo_import_progress_new (&self->progress, &cancel);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "picker.cancel");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->progress_box));

  self->message = GTK_LABEL (xj_label_new_wrapped (NULL, "field-error"));
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->message));

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* --- public API ----------------------------------------------------------- */

XjPhotoPicker *
xj_photo_picker_new (XjStore *store)
{
  XjPhotoPicker *self = g_object_new (XJ_TYPE_PHOTO_PICKER, NULL);

  self->store = g_object_ref (store);
  return self;
}

/* Photos already in the store, picked before (kept with a draft): shown
 * after those picked so far.  They were not imported by this picker, so
 * it never takes them back. */
void
xj_photo_picker_add_stored (XjPhotoPicker      *self,
                            const char * const *photos)
{
  g_return_if_fail (XJ_IS_PHOTO_PICKER (self));

  for (guint i = 0; photos != NULL && photos[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (self->photos, photos[i], g_str_equal, NULL))
      g_ptr_array_add (self->photos, g_strdup (photos[i]));
  show_photos (self);
}

/* A camera folder's photos taken before @taken_after are left out. */
void
xj_photo_picker_set_taken_after (XjPhotoPicker *self,
                                 gint64         taken_after)
{
  g_return_if_fail (XJ_IS_PHOTO_PICKER (self));
  self->taken_after = taken_after;
}

void
xj_photo_picker_add_paths (XjPhotoPicker      *self,
                           const char * const *paths)
{
  g_return_if_fail (XJ_IS_PHOTO_PICKER (self));
  import (self, paths, FALSE);
}

void
xj_photo_picker_import_folder (XjPhotoPicker *self,
                               const char    *folder)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;

  g_return_if_fail (XJ_IS_PHOTO_PICKER (self));

  if ((paths = xj_photo_source_folder_paths (folder, &error)) == NULL)
    set_message (self, error->message);
  else
    import (self, (const char * const *) paths, TRUE);
}

void
xj_photo_picker_paste (XjPhotoPicker *self)
{
  g_return_if_fail (XJ_IS_PHOTO_PICKER (self));

  if (self->import == NULL)
    xj_photo_source_paste_async (GTK_WIDGET (self), self->store, on_pasted_cb, g_object_ref (self));
}

void
xj_photo_picker_remove (XjPhotoPicker *self,
                        guint          index)
{
  g_autofree char *sha256 = NULL;

  g_return_if_fail (XJ_IS_PHOTO_PICKER (self));
  g_return_if_fail (index < self->photos->len);

  sha256 = g_ptr_array_steal_index (self->photos, index);
  /* Shown (and so no longer kept by whoever follows "n-photos") before it
   * is taken back. */
  show_photos (self);
  take_back (self, sha256);
}

guint
xj_photo_picker_get_n_photos (XjPhotoPicker *self)
{
  g_return_val_if_fail (XJ_IS_PHOTO_PICKER (self), 0);
  return self->photos->len;
}

gboolean
xj_photo_picker_get_busy (XjPhotoPicker *self)
{
  g_return_val_if_fail (XJ_IS_PHOTO_PICKER (self), FALSE);
  return self->import != NULL;
}

/* Returns: (transfer full): the picked photos' SHA-256 names. */
GStrv
xj_photo_picker_dup_photos (XjPhotoPicker *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (XJ_IS_PHOTO_PICKER (self), NULL);

  for (guint i = 0; i < self->photos->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->photos, i));
  return g_strv_builder_end (builder);
}

/* What went wrong with the last import, or "". */
const char *
xj_photo_picker_get_message (XjPhotoPicker *self)
{
  g_return_val_if_fail (XJ_IS_PHOTO_PICKER (self), NULL);
  return gtk_label_get_text (self->message);
}
