/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjPhotoStrip: the photos of one answer on its item row — thumbnails
 * read from the thumbnail files in a worker, flags for photos that are
 * suspicious as evidence (taken far from the inspection, or already used
 * in another one: a badge on the thumbnail and a line under the strip, so
 * that nobody has to hover to see it), a drop target for files and the
 * progress of an import.
 */
#define G_LOG_DOMAIN "xj-photo-strip"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-annotation.h"
#include "xj-cancel.h"
#include "xj-icon-button.h"
#include "xj-photo-flags.h"
#include "xj-photo-store.h"
#include "xj-photo-strip.h"

#define THUMBNAIL_SIZE 72

struct _XjPhotoStrip
{
  GtkBox          parent_instance;

  GPtrArray      *photos;        /* XjAttachedPhoto */
  GCancellable   *loading;
  GtkBox         *thumbnails;
  GtkLabel       *flags;
  GtkBox         *progress_box;
  GtkProgressBar *progress;
};

G_DEFINE_FINAL_TYPE (XjPhotoStrip, xj_photo_strip, GTK_TYPE_BOX)

enum {
  SIGNAL_OPEN,
  SIGNAL_FILES,
  SIGNAL_CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- textures ------------------------------------------------------------- */

static void
load_texture_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = gdk_texture_new_from_filename (task_data, &error);

  if (texture == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

void
xj_photo_load_texture_async (const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, xj_photo_load_texture_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_texture_thread);
}

GdkTexture *
xj_photo_load_texture_finish (GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (texture == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not show a photo: %s", error->message);
  return texture;
}

static void
on_shown_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GdkTexture) texture = xj_photo_load_texture_finish (result);

  if (texture == NULL)
    return;
  if (GTK_IS_PICTURE (widget))
    gtk_picture_set_paintable (GTK_PICTURE (widget), GDK_PAINTABLE (texture));
  else
    gtk_image_set_from_paintable (GTK_IMAGE (widget), GDK_PAINTABLE (texture));
}

void
xj_photo_show_import_progress (GtkProgressBar *bar,
                               guint           done,
                               guint           total)
{
  g_autofree char *text = g_strdup_printf (_("Importing photo %u of %u…"), MIN (done + 1, total),
                                           total);

  gtk_progress_bar_set_fraction (bar, total > 0 ? (double) done / total : 0);
  gtk_progress_bar_set_text (bar, text);
}

/* An import's progress bar beside the button that cancels it, hidden until
 * an import starts. */
GtkBox *
xj_photo_import_progress_new (GtkProgressBar **progress,
                              GtkWidget      **cancel)
{
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));

  *progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  *cancel = xj_icon_button_new ("process-stop-symbolic", _("Cancel the Import"));
  gtk_progress_bar_set_show_text (*progress, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (*progress), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (*progress), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (*cancel, "flat");
  gtk_box_append (box, GTK_WIDGET (*progress));
  gtk_box_append (box, *cancel);
  gtk_widget_set_visible (GTK_WIDGET (box), FALSE);
  return box;
}

void
xj_photo_show_async (const char   *path,
                     GCancellable *cancellable,
                     GtkWidget    *picture_or_image)
{
  g_return_if_fail (GTK_IS_PICTURE (picture_or_image) || GTK_IS_IMAGE (picture_or_image));

  xj_photo_load_texture_async (path, cancellable, on_shown_loaded_cb,
                               g_object_ref (picture_or_image));
}

char *
xj_photo_dup_shown_path (const char *data_dir,
                         const char *sha256,
                         const char *annotation,
                         gboolean    thumbnail)
{
  if (annotation != NULL)
    {
      g_autofree char *path = thumbnail
                              ? xj_annotation_dup_thumbnail_path (data_dir, sha256, annotation)
                              : xj_annotation_dup_rendition_path (data_dir, sha256, annotation);

      /* Drawn in a worker when saved; until then the plain photo. */
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return thumbnail ? xj_photo_dup_thumbnail_path (data_dir, sha256)
                   : xj_photo_dup_rendition_path (data_dir, sha256);
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_thumbnail_clicked_cb (GtkButton    *button,
                         XjPhotoStrip *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  g_signal_emit (self, signals[SIGNAL_OPEN], 0, index);
}

static void
on_cancel_clicked_cb (XjPhotoStrip *self)
{
  g_signal_emit (self, signals[SIGNAL_CANCEL], 0);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            XjPhotoStrip  *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_FILES], 0, g_value_get_boxed (value));
  return TRUE;
}

/* --- helpers -------------------------------------------------------------- */

/* What makes a photo suspicious as evidence, or NULL. */
char *
xj_photo_describe_flags (XjStore                *store,
                         const XjInspection     *inspection,
                         const XjAttachedPhoto  *photo)
{
  g_autoptr(GError) error = NULL;
  char *flags;

  if (inspection == NULL)
    return NULL;
  flags = xj_store_dup_photo_flags (store, inspection, photo->sha256, photo->has_taken_at,
                                    photo->taken_at, &error);
  if (error != NULL)
    g_warning ("Could not check the photo: %s", error->message);
  return flags;
}

static GtkWidget *
make_thumbnail (XjPhotoStrip          *self,
                XjStore               *store,
                const XjAttachedPhoto *photo,
                const char            *flags,
                guint                  index)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_picture_new ();
  g_autofree char *path = xj_photo_dup_shown_path (xj_store_get_data_dir (store), photo->sha256,
                                                   photo->annotation, TRUE);
  g_autofree char *label = g_strdup_printf (_("Photo %u"), index + 1);

  gtk_widget_set_size_request (picture, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);
  if (flags != NULL)
    {
      GtkWidget *badge = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_halign (badge, GTK_ALIGN_END);
      gtk_widget_set_valign (badge, GTK_ALIGN_START);
      gtk_widget_add_css_class (badge, "photo-flag");
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), badge);
      gtk_widget_set_tooltip_text (button, flags);
      gtk_widget_add_css_class (button, "flagged");
    }
  else if (*photo->caption != '\0')
    gtk_widget_set_tooltip_text (button, photo->caption);
  gtk_button_set_child (GTK_BUTTON (button), overlay);
  gtk_widget_add_css_class (button, "photo-thumbnail");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, flags != NULL ? flags : "",
                                  -1);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_thumbnail_clicked_cb), self);
  xj_photo_show_async (path, self->loading, picture);
  return button;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_photo_strip_dispose (GObject *object)
{
  XjPhotoStrip *self = XJ_PHOTO_STRIP (object);

  xj_cancel_clear (&self->loading);

  G_OBJECT_CLASS (xj_photo_strip_parent_class)->dispose (object);
}

static void
xj_photo_strip_finalize (GObject *object)
{
  XjPhotoStrip *self = XJ_PHOTO_STRIP (object);

  g_clear_pointer (&self->photos, g_ptr_array_unref);

  G_OBJECT_CLASS (xj_photo_strip_parent_class)->finalize (object);
}

static void
xj_photo_strip_class_init (XjPhotoStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xj_photo_strip_dispose;
  object_class->finalize = xj_photo_strip_finalize;

  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_FILES] = g_signal_new ("files", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, GDK_TYPE_FILE_LIST);
  signals[SIGNAL_CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
xj_photo_strip_init (XjPhotoStrip *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  GtkWidget *cancel;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_attached_photo_free);
  self->loading = g_cancellable_new ();

  self->thumbnails = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnails), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->thumbnails));

  self->flags = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->flags, TRUE);
  gtk_label_set_xalign (self->flags, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->flags), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->flags), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->flags), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->flags));

  self->progress_box = xj_photo_import_progress_new (&self->progress, &cancel);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->progress_box));

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* --- public API ----------------------------------------------------------- */

XjPhotoStrip *
xj_photo_strip_new (void)
{
  return g_object_new (XJ_TYPE_PHOTO_STRIP, NULL);
}

/* Lists the answer's photos (a short read) and shows their thumbnails. */
void
xj_photo_strip_load (XjPhotoStrip       *self,
                     XjStore            *store,
                     const XjInspection *inspection,
                     gint64              answer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GString) all_flags = g_string_new (NULL);
  GtkWidget *child;

  g_return_if_fail (XJ_IS_PHOTO_STRIP (self));

  xj_cancel_clear (&self->loading);
  self->loading = g_cancellable_new ();
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails))) != NULL)
    gtk_box_remove (self->thumbnails, child);

  photos = answer_id > 0 ? xj_store_list_photos (store, XJ_ANSWER_PHOTOS (answer_id), &error)
                         : NULL;
  if (answer_id > 0 && photos == NULL)
    g_warning ("Could not list the photos: %s", error->message);
  g_ptr_array_set_size (self->photos, 0);
  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      XjAttachedPhoto *photo = g_ptr_array_index (photos, i);
      g_autofree char *flags = xj_photo_describe_flags (store, inspection, photo);

      gtk_box_append (self->thumbnails, make_thumbnail (self, store, photo, flags, i));
      g_ptr_array_add (self->photos, g_steal_pointer (&photos->pdata[i]));
      if (flags != NULL)
        {
          if (all_flags->len > 0)
            g_string_append_c (all_flags, '\n');
          /* Translators: "⚠ Photo 2: Taken 2026-12-03 08:10, 38 hours before the inspection." */
          g_string_append_printf (all_flags, _("⚠ Photo %u: %s"), i + 1, flags);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnails), self->photos->len > 0);
  gtk_label_set_text (self->flags, all_flags->str);
  gtk_widget_set_visible (GTK_WIDGET (self->flags), all_flags->len > 0);
}

guint
xj_photo_strip_get_n_shown (XjPhotoStrip *self)
{
  guint n = 0;

  g_return_val_if_fail (XJ_IS_PHOTO_STRIP (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* @text NULL hides the progress. */
void
xj_photo_strip_set_progress (XjPhotoStrip *self,
                             double        fraction,
                             const char   *text)
{
  g_return_if_fail (XJ_IS_PHOTO_STRIP (self));

  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), text != NULL);
  gtk_progress_bar_set_fraction (self->progress, CLAMP (fraction, 0, 1));
  gtk_progress_bar_set_text (self->progress, text);
}
