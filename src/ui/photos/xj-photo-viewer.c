/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjPhotoViewer: an answer's photos one at a time, large — next and
 * previous (arrow keys), zoom (Ctrl+scroll, + and −) and pan (drag), the
 * caption (saved as it is typed), capture time, place and camera, the
 * flags of suspicious evidence, removing the photo and annotating it.
 *
 * The rendition is shown at once; the original replaces it when it is in
 * the data folder (not annotated photos: a drawing is made on the
 * rendition).  A photo pulled from the team has no original here: the
 * viewer says it is kept on the team server and offers Download Original,
 * fetched in a worker with its progress shown; offline it says so, and
 * the rendition stays.
 */
#define G_LOG_DOMAIN "xj-photo-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-cancel.h"
#include "xj-team-connection.h"

#include "xj-annotation-editor.h"
#include "xj-photo-original.h"
#include "xj-photo-store.h"
#include "xj-photo-strip.h"
#include "xj-photo-viewer.h"
#include "xj-window-actions.h"

#define ZOOM_STEP 1.25
#define ZOOM_MAX 8.0

struct _XjPhotoViewer
{
  AdwWindow          parent_instance;

  XjStore           *store;
  XjInspection      *inspection;
  char              *actor;
  char              *prompt;
  gint64             answer_id;
  gint64             notice_id;   /* or a notice's photos of one phase */
  int                phase;
  gboolean           read_only;
  GPtrArray         *photos;      /* XjAttachedPhoto */
  guint              index;
  double             zoom;        /* 0: fit the window */
  double             drag_x, drag_y;
  GCancellable      *loading;
  GCancellable      *original_loading;  /* the original's look-up or fetch */
  GTask             *fetching;          /* the fetch running, or NULL */
  guint              progress_source;
  gboolean           original_shown;

  AdwToastOverlay   *toasts;
  AdwWindowTitle    *title;
  GtkScrolledWindow *scroller;
  GtkPicture        *picture;
  GtkEntry          *caption;
  GtkLabel          *details;
  GtkLabel          *flags;
  GtkWidget         *original_bar;
  GtkLabel          *original_label;
  GtkProgressBar    *original_progress;
  GtkButton         *original_button;
};

G_DEFINE_FINAL_TYPE (XjPhotoViewer, xj_photo_viewer, ADW_TYPE_WINDOW)

/* --- helpers -------------------------------------------------------------- */

static XjAttachedPhoto *
current (XjPhotoViewer *self)
{
  return self->index < self->photos->len ? g_ptr_array_index (self->photos, self->index) : NULL;
}

static void
update_actions (XjPhotoViewer *self)
{
  gboolean any = current (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", self->index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", self->index + 1 < self->photos->len);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.delete", any && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.annotate", any && !self->read_only);
  gtk_editable_set_editable (GTK_EDITABLE (self->caption), any && !self->read_only);
}

static void
apply_zoom (XjPhotoViewer *self)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (self->picture);

  if (self->zoom <= 0 || paintable == NULL)
    {
      gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, -1);
      return;
    }
  gtk_widget_set_size_request (GTK_WIDGET (self->picture),
                               gdk_paintable_get_intrinsic_width (paintable) * self->zoom,
                               gdk_paintable_get_intrinsic_height (paintable) * self->zoom);
}

static char *
describe (const XjAttachedPhoto *photo)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (photo->has_taken_at)
    {
      g_autoptr(GDateTime) taken = g_date_time_new_from_unix_local (photo->taken_at);
      g_autofree char *when = g_date_time_format (taken, "%Y-%m-%d %H:%M:%S");

      g_string_append_printf (text, _("Taken %s"), when);
    }
  else
    g_string_append (text, _("No capture time in the photo"));
  if (photo->has_gps)
    {
      /* Translators: a position, e.g. "31.23041° N, 121.47370° E" */
      g_string_append (text, " · ");
      g_string_append_printf (text, _("%.5f° %s, %.5f° %s"), ABS (photo->gps_lat),
                              photo->gps_lat >= 0 ? C_("latitude", "N") : C_("latitude", "S"),
                              ABS (photo->gps_lon),
                              photo->gps_lon >= 0 ? C_("longitude", "E") : C_("longitude", "W"));
    }
  if (photo->camera != NULL && *photo->camera != '\0')
    g_string_append_printf (text, " · %s", photo->camera);
  if (photo->original_name != NULL && *photo->original_name != '\0')
    g_string_append_printf (text, " · %s", photo->original_name);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_texture_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(XjPhotoViewer) self = user_data;
  g_autoptr(GdkTexture) texture = xj_photo_load_texture_finish (result);

  /* The original may have come first. */
  if (texture == NULL || self->original_shown)
    return;
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  apply_zoom (self);
}

/* --- the original --------------------------------------------------------- */

static void
say_original (XjPhotoViewer *self,
              const char    *text,
              gboolean       offer)
{
  if (text != NULL)
    gtk_label_set_text (self->original_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->original_button), offer);
  gtk_widget_set_visible (GTK_WIDGET (self->original_progress), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.download-original", offer);
  gtk_widget_set_visible (GTK_WIDGET (self->original_bar), text != NULL);
}

static void
show_original (XjPhotoViewer *self,
               GdkTexture    *texture)
{
  g_autofree char *text = g_strdup_printf (_("Showing the original (%d × %d)."),
                                           gdk_texture_get_width (texture),
                                           gdk_texture_get_height (texture));

  self->original_shown = TRUE;
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  apply_zoom (self);
  say_original (self, text, FALSE);
}

static void
on_original_looked_up_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(XjPhotoViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  XjOriginalWhere where = XJ_ORIGINAL_MISSING;
  g_autoptr(GdkTexture) texture = xj_photo_original_load_finish (result, &where, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture != NULL)
    show_original (self, texture);
  else if (where == XJ_ORIGINAL_ON_SERVER)
    say_original (self, _("Shown at reduced size: the original is kept on the team server."),
                  TRUE);
  else if (error != NULL)
    g_debug ("The original of the photo is not shown: %s", error->message);
}

static gboolean
show_progress_cb (gpointer user_data)
{
  XjPhotoViewer *self = user_data;
  gint64 received = 0, total = 0;

  if (self->fetching == NULL)
    return G_SOURCE_CONTINUE;
  if (xj_photo_original_fetch_get_progress (self->fetching, &received, &total))
    {
      g_autofree char *done = g_format_size (received);
      g_autofree char *size = g_format_size (total);
      /* Translators: how much of a photo has been downloaded, "1.2 MB of 3.4 MB" */
      g_autofree char *text = g_strdup_printf (_("%s of %s"), done, size);

      gtk_progress_bar_set_fraction (self->original_progress, (double) received / total);
      gtk_progress_bar_set_text (self->original_progress, text);
    }
  else
    {
      /* Until the server says how large the original is. */
      gtk_progress_bar_set_text (self->original_progress, "");
      gtk_progress_bar_pulse (self->original_progress);
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_fetching (XjPhotoViewer *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->fetching);
}

static void
on_original_fetched_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(XjPhotoViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = xj_photo_original_fetch_finish (result, &error);

  if (self->fetching != G_TASK (result))
    return;   /* another photo's, cancelled */
  stop_fetching (self);
  if (texture != NULL)
    show_original (self, texture);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else if (g_error_matches (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_CONNECT))
    say_original (self, _("The team server cannot be reached, so the original stays there for "
                          "now. The photo is shown at reduced size: try again when online."),
                  TRUE);
  else
    {
      g_autofree char *text = g_strdup_printf (_("The original could not be downloaded: %s"),
                                               error->message);

      say_original (self, text, TRUE);
    }
}

/* Looks for the photo's original (in a worker): shown when it is here,
 * offered when the team's server keeps it. */
static void
look_up_original (XjPhotoViewer   *self,
                  XjAttachedPhoto *photo)
{
  xj_cancel_clear (&self->original_loading);
  stop_fetching (self);
  self->original_shown = FALSE;
  say_original (self, NULL, FALSE);
  if (photo->annotation != NULL)
    return;
  self->original_loading = g_cancellable_new ();
  xj_photo_original_load_async (xj_store_get_data_dir (self->store), photo->sha256, photo->mime,
                                self->original_loading, on_original_looked_up_cb,
                                g_object_ref (self));
}

static void
show_current (XjPhotoViewer *self)
{
  XjAttachedPhoto *photo = current (self);
  g_autofree char *subtitle = NULL;
  g_autofree char *path = NULL;
  g_autofree char *details = NULL;
  g_autofree char *flags = NULL;

  update_actions (self);
  if (photo == NULL)
    return;
  subtitle = g_strdup_printf (_("Photo %u of %u"), self->index + 1, self->photos->len);
  adw_window_title_set_title (self->title, self->prompt);
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_editable_set_text (GTK_EDITABLE (self->caption), photo->caption);
  details = describe (photo);
  gtk_label_set_text (self->details, details);
  flags = xj_photo_describe_flags (self->store, self->inspection, photo);
  gtk_label_set_text (self->flags, flags);
  gtk_widget_set_visible (GTK_WIDGET (self->flags), flags != NULL);

  xj_cancel_clear (&self->loading);
  self->loading = g_cancellable_new ();
  path = xj_photo_dup_shown_path (xj_store_get_data_dir (self->store), photo->sha256,
                                  photo->annotation, FALSE);
  xj_photo_load_texture_async (path, self->loading, on_texture_loaded_cb, g_object_ref (self));
  look_up_original (self, photo);
}

static void
reload (XjPhotoViewer *self)
{
  g_autoptr(GError) error = NULL;
  /* A notice's photos when it has a notice, else the answer's. */
  const XjPhotoOwner owner = { self->answer_id, self->notice_id, self->phase };
  GPtrArray *photos = xj_store_list_photos (self->store, &owner, &error);

  if (photos == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  self->photos = photos;
  if (self->photos->len == 0)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  self->index = MIN (self->index, self->photos->len - 1);
  show_current (self);
}

static void
save_caption (XjPhotoViewer *self)
{
  XjAttachedPhoto *photo = current (self);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->caption));
  g_autoptr(GError) error = NULL;

  if (photo == NULL || self->read_only || g_strcmp0 (text, photo->caption) == 0)
    return;
  if (!xj_store_set_photo_caption (self->store, XJ_ANSWER_PHOTOS (self->answer_id), photo->sha256,
                                   text, self->actor, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

static void
set_zoom (XjPhotoViewer *self,
          double         zoom)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (self->picture);

  /* From "fit", zoom starts at the size the photo is shown at. */
  if (self->zoom <= 0 && paintable != NULL && gdk_paintable_get_intrinsic_width (paintable) > 0)
    {
      double shown = (double) gtk_widget_get_width (GTK_WIDGET (self->scroller))
                     / gdk_paintable_get_intrinsic_width (paintable);

      zoom = zoom > 1 ? shown * zoom : shown / ZOOM_STEP;
    }
  else
    zoom = (self->zoom > 0 ? self->zoom : 1) * zoom;
  self->zoom = zoom < 0.2 ? 0 : MIN (zoom, ZOOM_MAX);
  apply_zoom (self);
}

/* --- callbacks ------------------------------------------------------------ */

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              XjPhotoViewer            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK))
    return FALSE;
  set_zoom (self, dy < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
  return TRUE;
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  XjPhotoViewer  *self)
{
  self->drag_x = gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (self->scroller));
  self->drag_y = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   XjPhotoViewer  *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller), self->drag_x - dx);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), self->drag_y - dy);
}

static void
on_caption_leave_cb (XjPhotoViewer *self)
{
  save_caption (self);
}

/* --- actions -------------------------------------------------------------- */

static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjPhotoViewer *self = XJ_PHOTO_VIEWER (widget);
  gboolean next = g_str_equal (action_name, "viewer.next");

  save_caption (self);
  if (next && self->index + 1 < self->photos->len)
    self->index++;
  else if (!next && self->index > 0)
    self->index--;
  self->zoom = 0;
  apply_zoom (self);
  show_current (self);
}

static void
zoom_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_zoom (XJ_PHOTO_VIEWER (widget),
            g_str_equal (action_name, "viewer.zoom-in") ? ZOOM_STEP : 1 / ZOOM_STEP);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XjPhotoViewer *self = XJ_PHOTO_VIEWER (widget);
  XjAttachedPhoto *photo = current (self);
  g_autoptr(GError) error = NULL;

  if (photo == NULL || self->read_only)
    return;
  /* The file stays in the photo store: only the attachment goes. */
  if (!xj_store_detach_photo (self->store, XJ_ANSWER_PHOTOS (self->answer_id), photo->sha256,
                              self->actor, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

static void
annotate_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XjPhotoViewer *self = XJ_PHOTO_VIEWER (widget);
  XjAttachedPhoto *photo = current (self);
  XjAnnotationEditor *editor;

  if (photo == NULL || self->read_only)
    return;
  editor = xj_annotation_editor_new (self->store, self->actor, self->answer_id, photo);
  xj_window_present_over (GTK_WINDOW (editor), GTK_WIDGET (self));
}

static void
download_original_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  XjPhotoViewer *self = XJ_PHOTO_VIEWER (widget);
  XjAttachedPhoto *photo = current (self);

  if (photo == NULL || self->fetching != NULL || self->original_shown)
    return;
  say_original (self, _("Downloading the original from the team server…"), FALSE);
  gtk_progress_bar_set_fraction (self->original_progress, 0);
  gtk_progress_bar_set_text (self->original_progress, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->original_progress), TRUE);
  if (self->original_loading == NULL)
    self->original_loading = g_cancellable_new ();
  self->fetching = g_object_ref (xj_photo_original_fetch_async (xj_store_get_data_dir (self->store),
                                                                photo->sha256,
                                                                self->original_loading,
                                                                on_original_fetched_cb,
                                                                g_object_ref (self)));
  self->progress_source = g_timeout_add (100, show_progress_cb, self);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_photo_viewer_dispose (GObject *object)
{
  XjPhotoViewer *self = XJ_PHOTO_VIEWER (object);

  xj_cancel_clear (&self->loading);
  xj_cancel_clear (&self->original_loading);
  stop_fetching (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_PHOTO_VIEWER);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xj_photo_viewer_parent_class)->dispose (object);
}

static void
xj_photo_viewer_finalize (GObject *object)
{
  XjPhotoViewer *self = XJ_PHOTO_VIEWER (object);

  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->inspection, xj_inspection_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->prompt, g_free);

  G_OBJECT_CLASS (xj_photo_viewer_parent_class)->finalize (object);
}

static gboolean
on_close_request_cb (XjPhotoViewer *self)
{
  save_caption (self);
  return FALSE;
}

static void
xj_photo_viewer_class_init (XjPhotoViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_photo_viewer_dispose;
  object_class->finalize = xj_photo_viewer_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-photo-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, XjPhotoViewer, toasts);
  gtk_widget_class_bind_template_child (widget_class, XjPhotoViewer, title);
  gtk_widget_class_bind_template_child (widget_class, XjPhotoViewer, scroller);
  gtk_widget_class_bind_template_child (widget_class, XjPhotoViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, XjPhotoViewer, caption);
  gtk_widget_class_bind_template_child (widget_class, XjPhotoViewer, details);
  gtk_widget_class_bind_template_child (widget_class, XjPhotoViewer, flags);
  gtk_widget_class_bind_template_child (widget_class, XjPhotoViewer, original_bar);
  gtk_widget_class_bind_template_child (widget_class, XjPhotoViewer, original_label);
  gtk_widget_class_bind_template_child (widget_class, XjPhotoViewer, original_progress);
  gtk_widget_class_bind_template_child (widget_class, XjPhotoViewer, original_button);

  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "viewer.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "viewer.annotate", NULL, annotate_activated);
  gtk_widget_class_install_action (widget_class, "viewer.download-original", NULL,
                                   download_original_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
add_shortcut (XjPhotoViewer *self,
              GtkEventController *controller,
              const char    *trigger,
              const char    *action)
{
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                                          gtk_named_action_new (action)));
}

static void
xj_photo_viewer_init (XjPhotoViewer *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *caption_focus = gtk_event_controller_focus_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->photos = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.download-original", FALSE);

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), scroll);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect_swapped (caption_focus, "leave", G_CALLBACK (on_caption_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->caption), caption_focus);
  g_signal_connect_swapped (self->caption, "activate", G_CALLBACK (save_caption), self);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);

  /* Bubble phase: the caption entry keeps its arrow keys and signs. */
  add_shortcut (self, keys, "Left", "viewer.previous");
  add_shortcut (self, keys, "Right", "viewer.next");
  add_shortcut (self, keys, "plus|equal|KP_Add", "viewer.zoom-in");
  add_shortcut (self, keys, "minus|KP_Subtract", "viewer.zoom-out");
  add_shortcut (self, keys, "Delete", "viewer.delete");
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* --- public API ----------------------------------------------------------- */

XjPhotoViewer *
xj_photo_viewer_new (XjStore    *store,
                     const char *actor,
                     gint64      inspection_id,
                     gint64      answer_id,
                     const char *prompt,
                     guint       index,
                     gboolean    read_only)
{
  XjPhotoViewer *self = g_object_new (XJ_TYPE_PHOTO_VIEWER, NULL);

  self->store = g_object_ref (store);
  self->actor = g_strdup (actor);
  self->prompt = g_strdup (prompt);
  self->answer_id = answer_id;
  self->read_only = read_only;
  self->index = index;
  self->inspection = xj_store_get_inspection (store, inspection_id, NULL);
  g_signal_connect_object (store, "changed::answer_photos", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  return self;
}

guint
xj_photo_viewer_get_index (XjPhotoViewer *self)
{
  g_return_val_if_fail (XJ_IS_PHOTO_VIEWER (self), 0);

  return self->index;
}

double
xj_photo_viewer_get_zoom (XjPhotoViewer *self)
{
  g_return_val_if_fail (XJ_IS_PHOTO_VIEWER (self), 0);

  return self->zoom;
}

/* Whether the photo shown is its original (not its rendition). */
gboolean
xj_photo_viewer_is_showing_original (XjPhotoViewer *self)
{
  g_return_val_if_fail (XJ_IS_PHOTO_VIEWER (self), FALSE);

  return self->original_shown;
}

/* The photos of a notice, before or after the rectification, from @index:
 * evidence to look at, not to change here. */
XjPhotoViewer *
xj_photo_viewer_new_for_notice (XjStore            *store,
                                gint64              notice_id,
                                XjNoticePhotoPhase  phase,
                                const char         *title,
                                guint               index)
{
  XjPhotoViewer *self = g_object_new (XJ_TYPE_PHOTO_VIEWER, NULL);

  self->store = g_object_ref (store);
  self->prompt = g_strdup (title);
  self->notice_id = notice_id;
  self->phase = phase;
  self->read_only = TRUE;
  self->index = index;
  g_signal_connect_object (store, "changed::notices", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  return self;
}
