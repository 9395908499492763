/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The base of the Overview's pickers (period, sites): a menu button whose
 * popover holds the choice, the button's label saying what is chosen, and
 * a "changed" signal when the choice changes. */
#define XJ_TYPE_PICKER (xj_picker_get_type ())
G_DECLARE_DERIVABLE_TYPE (XjPicker, xj_picker, XJ, PICKER, AdwBin)

struct _XjPickerClass
{
  AdwBinClass parent_class;
};

/* In a picker's class_init: its template, in which @button_id names the
 * GtkMenuButton and @popover_id its popover. */
void           xj_picker_class_set_template (GtkWidgetClass *widget_class,
                                             const char     *resource,
                                             const char     *button_id,
                                             const char     *popover_id);

GtkMenuButton *xj_picker_get_button         (XjPicker       *self);
GtkPopover    *xj_picker_get_popover        (XjPicker       *self);
void           xj_picker_set_label          (XjPicker       *self,
                                             const char     *label);
void           xj_picker_emit_changed       (XjPicker       *self);

G_END_DECLS
