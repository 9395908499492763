/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjPicker: what the period and site pickers share — the menu button and
 * its popover from the picker's template, the button's label, the
 * "changed" signal and the template's disposal.
 */
#define G_LOG_DOMAIN "xj-overview-page"

#include "config.h"

#include "xj-picker.h"

typedef struct
{
  GtkMenuButton *button;
  GtkPopover    *popover;
} XjPickerPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (XjPicker, xj_picker, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- GObject -------------------------------------------------------------- */

static void
xj_picker_dispose (GObject *object)
{
  /* The template is the concrete picker's. */
  gtk_widget_dispose_template (GTK_WIDGET (object), G_OBJECT_TYPE (object));
  G_OBJECT_CLASS (xj_picker_parent_class)->dispose (object);
}

static void
xj_picker_class_init (XjPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xj_picker_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
xj_picker_init (XjPicker *self)
{
}

/* --- public API ----------------------------------------------------------- */

void
xj_picker_class_set_template (GtkWidgetClass *widget_class,
                              const char     *resource,
                              const char     *button_id,
                              const char     *popover_id)
{
  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), XJ_TYPE_PICKER));

  gtk_widget_class_set_template_from_resource (widget_class, resource);
  gtk_widget_class_bind_template_child_full (widget_class, button_id, FALSE,
                                             G_PRIVATE_OFFSET (XjPicker, button));
  gtk_widget_class_bind_template_child_full (widget_class, popover_id, FALSE,
                                             G_PRIVATE_OFFSET (XjPicker, popover));
}

GtkMenuButton *
xj_picker_get_button (XjPicker *self)
{
  XjPickerPrivate *priv = xj_picker_get_instance_private (self);

  g_return_val_if_fail (XJ_IS_PICKER (self), NULL);
  return priv->button;
}

GtkPopover *
xj_picker_get_popover (XjPicker *self)
{
  XjPickerPrivate *priv = xj_picker_get_instance_private (self);

  g_return_val_if_fail (XJ_IS_PICKER (self), NULL);
  return priv->popover;
}

void
xj_picker_set_label (XjPicker   *self,
                     const char *label)
{
  g_return_if_fail (XJ_IS_PICKER (self));
  gtk_menu_button_set_label (xj_picker_get_button (self), label);
}

void
xj_picker_emit_changed (XjPicker *self)
{
  g_return_if_fail (XJ_IS_PICKER (self));
  g_signal_emit (self, signals[CHANGED], 0);
}
