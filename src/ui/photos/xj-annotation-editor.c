/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjAnnotationEditor: drawing over a photo — pen, arrow, ellipse,
 * rectangle and text label, four colours, three widths, undo and redo.
 * Saving draws the annotated rendition and thumbnail in a worker, then
 * stores the vector drawing (xj_store_set_answer_photo_annotation); the
 * photo itself is never changed.
 */
#define G_LOG_DOMAIN "xj-annotation"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-annotation-editor.h"
#include "xj-cancel.h"
#include "xj-icon-button.h"
#include "xj-photo-strip.h"

static const struct {
  XjShapeKind  kind;
  const char  *label;
} tools[] = {
  { XJ_SHAPE_ARROW, N_("Arrow") },
  { XJ_SHAPE_RECTANGLE, N_("Rectangle") },
  { XJ_SHAPE_ELLIPSE, N_("Ellipse") },
  { XJ_SHAPE_PEN, N_("Pen") },
  { XJ_SHAPE_TEXT, N_("Text") },
};

static const struct {
  guint32     color;
  const char *name;
  const char *css;
} swatches[] = {
  { XJ_ANNOTATION_RED, N_("Red"), "swatch-red" },
  { 0xf6d32d, N_("Yellow"), "swatch-yellow" },
  { 0xffffff, N_("White"), "swatch-white" },
  { 0x000000, N_("Black"), "swatch-black" },
};

static const double widths[] = { 0.003, 0.006, 0.012 };

struct _XjAnnotationEditor
{
  AdwWindow           parent_instance;

  XjStore            *store;
  char               *actor;
  gint64              answer_id;
  char               *sha256;
  GCancellable       *cancellable;
  XjAnnotationCanvas *canvas;
  AdwToastOverlay    *toasts;
  GtkToggleButton    *tool_buttons[G_N_ELEMENTS (tools)];
  GtkToggleButton    *swatch_buttons[G_N_ELEMENTS (swatches)];
  GtkDropDown        *width;
  GtkEntry           *text;
  GtkButton          *undo;
  GtkButton          *redo;
  GtkButton          *save;
};

G_DEFINE_FINAL_TYPE (XjAnnotationEditor, xj_annotation_editor, ADW_TYPE_WINDOW)

/* --- helpers -------------------------------------------------------------- */

static void
update_tool (XjAnnotationEditor *self)
{
  XjShapeKind tool = XJ_SHAPE_ARROW;
  guint32 color = XJ_ANNOTATION_RED;

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    if (gtk_toggle_button_get_active (self->tool_buttons[i]))
      tool = tools[i].kind;
  for (guint i = 0; i < G_N_ELEMENTS (swatches); i++)
    if (gtk_toggle_button_get_active (self->swatch_buttons[i]))
      color = swatches[i].color;
  gtk_widget_set_visible (GTK_WIDGET (self->text), tool == XJ_SHAPE_TEXT);
  xj_annotation_canvas_set_tool (self->canvas, tool, color,
                                 widths[MIN (gtk_drop_down_get_selected (self->width), 2)],
                                 gtk_editable_get_text (GTK_EDITABLE (self->text)));
}

static void
update_history (XjAnnotationEditor *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->undo), xj_annotation_canvas_can_undo (self->canvas));
  gtk_widget_set_sensitive (GTK_WIDGET (self->redo), xj_annotation_canvas_can_redo (self->canvas));
}

static GtkToggleButton *
add_toggle (GtkBox          *box,
            GtkToggleButton *group,
            const char      *label,
            const char      *css)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  if (css != NULL)
    {
      /* A swatch shows its colour; its name is for screen readers. */
      gtk_button_set_label (GTK_BUTTON (button), NULL);
      gtk_widget_add_css_class (button, "swatch");
      gtk_widget_add_css_class (button, css);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
    }
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  gtk_box_append (box, button);
  return GTK_TOGGLE_BUTTON (button);
}

/* --- saving --------------------------------------------------------------- */

static void
render_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  XjAnnotationEditor *self = source;
  GError *error = NULL;

  if (!xj_annotation_render_files (xj_store_get_data_dir (self->store), self->sha256, task_data,
                                   &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_rendered_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  XjAnnotationEditor *self = XJ_ANNOTATION_EDITOR (source);
  g_autoptr(GError) error = NULL;
  const char *json = g_task_get_task_data (G_TASK (result));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save), TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error)
      || !xj_store_set_answer_photo_annotation (self->store, self->answer_id, self->sha256,
                                                self->canvas != NULL && xj_annotation_canvas_get_annotation (self->canvas)->shapes->len > 0
                                                ? json : NULL, self->actor, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjAnnotationEditor *self = XJ_ANNOTATION_EDITOR (widget);
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_rendered_cb, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->save), FALSE);
  g_task_set_task_data (task, xj_annotation_to_json (xj_annotation_canvas_get_annotation (self->canvas)),
                        g_free);
  g_task_run_in_thread (task, render_thread);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjAnnotationEditor *self = XJ_ANNOTATION_EDITOR (widget);

  if (g_str_equal (action_name, "editor.undo"))
    xj_annotation_canvas_undo (self->canvas);
  else
    xj_annotation_canvas_redo (self->canvas);
}

static void
on_texture_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(XjAnnotationEditor) self = user_data;
  g_autoptr(GdkTexture) texture = xj_photo_load_texture_finish (result);

  if (texture != NULL && self->canvas != NULL)
    xj_annotation_canvas_set_texture (self->canvas, texture);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_annotation_editor_dispose (GObject *object)
{
  XjAnnotationEditor *self = XJ_ANNOTATION_EDITOR (object);

  xj_cancel_clear (&self->cancellable);
  g_clear_object (&self->store);
  self->canvas = NULL;

  G_OBJECT_CLASS (xj_annotation_editor_parent_class)->dispose (object);
}

static void
xj_annotation_editor_finalize (GObject *object)
{
  XjAnnotationEditor *self = XJ_ANNOTATION_EDITOR (object);

  g_free (self->actor);
  g_free (self->sha256);

  G_OBJECT_CLASS (xj_annotation_editor_parent_class)->finalize (object);
}

static void
xj_annotation_editor_class_init (XjAnnotationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_annotation_editor_dispose;
  object_class->finalize = xj_annotation_editor_finalize;

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, undo_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             const char *action)
{
  GtkWidget *button = xj_icon_button_new (icon, label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
xj_annotation_editor_init (XjAnnotationEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *tools_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *tool_group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *swatch_group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  const char *width_names[] = { C_("line width", "Thin"), C_("line width", "Medium"),
                                C_("line width", "Thick"), NULL };

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Annotate Photo"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save), "editor.save");
  gtk_widget_add_css_class (GTK_WIDGET (self->save), "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save));
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_add_css_class (tool_group, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    self->tool_buttons[i] = add_toggle (GTK_BOX (tool_group), i > 0 ? self->tool_buttons[0] : NULL,
                                        _(tools[i].label), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (swatches); i++)
    self->swatch_buttons[i] = add_toggle (GTK_BOX (swatch_group),
                                          i > 0 ? self->swatch_buttons[0] : NULL,
                                          _(swatches[i].name), swatches[i].css);
  self->width = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (width_names));
  gtk_drop_down_set_selected (self->width, 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->width), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Line Width"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->width), _("Line Width"));
  self->text = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->text, _("Label text, then click the photo"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->text), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Label Text"), -1);
  self->undo = GTK_BUTTON (icon_button ("edit-undo-symbolic", _("Undo (Ctrl+Z)"), "editor.undo"));
  self->redo = GTK_BUTTON (icon_button ("edit-redo-symbolic", _("Redo (Ctrl+Shift+Z)"),
                                        "editor.redo"));
  gtk_box_append (GTK_BOX (tools_box), tool_group);
  gtk_box_append (GTK_BOX (tools_box), swatch_group);
  gtk_box_append (GTK_BOX (tools_box), GTK_WIDGET (self->width));
  gtk_box_append (GTK_BOX (tools_box), GTK_WIDGET (self->text));
  gtk_box_append (GTK_BOX (tools_box), GTK_WIDGET (self->undo));
  gtk_box_append (GTK_BOX (tools_box), GTK_WIDGET (self->redo));
  gtk_widget_add_css_class (tools_box, "annotation-tools");
  gtk_box_append (GTK_BOX (box), tools_box);

  self->canvas = xj_annotation_canvas_new ();
  gtk_widget_set_vexpand (GTK_WIDGET (self->canvas), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->canvas), "photo-stage");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Photo to Annotate"), -1);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->canvas));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);

  gtk_toggle_button_set_active (self->tool_buttons[0], TRUE);
  gtk_toggle_button_set_active (self->swatch_buttons[0], TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    g_signal_connect_swapped (self->tool_buttons[i], "toggled", G_CALLBACK (update_tool), self);
  for (guint i = 0; i < G_N_ELEMENTS (swatches); i++)
    g_signal_connect_swapped (self->swatch_buttons[i], "toggled", G_CALLBACK (update_tool), self);
  g_signal_connect_swapped (self->width, "notify::selected", G_CALLBACK (update_tool), self);
  g_signal_connect_swapped (self->text, "changed", G_CALLBACK (update_tool), self);
  g_signal_connect_swapped (self->canvas, "changed", G_CALLBACK (update_history), self);
  update_tool (self);
  update_history (self);
}

/* --- public API ----------------------------------------------------------- */

XjAnnotationEditor *
xj_annotation_editor_new (XjStore               *store,
                          const char            *actor,
                          gint64                 answer_id,
                          const XjAttachedPhoto *photo)
{
  XjAnnotationEditor *self = g_object_new (XJ_TYPE_ANNOTATION_EDITOR, NULL);
  g_autofree char *rendition = xj_photo_dup_rendition_path (xj_store_get_data_dir (store),
                                                            photo->sha256);

  self->store = g_object_ref (store);
  self->actor = g_strdup (actor);
  self->answer_id = answer_id;
  self->sha256 = g_strdup (photo->sha256);
  if (photo->annotation != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(XjAnnotation) annotation = xj_annotation_from_json (photo->annotation, &error);

      if (annotation == NULL)
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      xj_annotation_canvas_set_annotation (self->canvas, annotation);
    }
  /* Drawn over the plain rendition: the stored drawing is the canvas's. */
  xj_photo_load_texture_async (rendition, self->cancellable, on_texture_loaded_cb,
                               g_object_ref (self));
  return self;
}

XjAnnotationCanvas *
xj_annotation_editor_get_canvas (XjAnnotationEditor *self)
{
  g_return_val_if_fail (XJ_IS_ANNOTATION_EDITOR (self), NULL);

  return self->canvas;
}

void
xj_annotation_editor_set_tool (XjAnnotationEditor *self,
                               XjShapeKind         tool)
{
  g_return_if_fail (XJ_IS_ANNOTATION_EDITOR (self));

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    if (tools[i].kind == tool)
      gtk_toggle_button_set_active (self->tool_buttons[i], TRUE);
}
