/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A button that shows only an icon: @label is its tooltip and the name a
 * screen reader (and a test driving it over AT-SPI) finds it by.
 */
#define G_LOG_DOMAIN "xj-icon-button"

#include "config.h"

#include "xj-icon-button.h"

GtkWidget *
xj_icon_button_new (const char *icon_name,
                    const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}
