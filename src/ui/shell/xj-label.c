/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The label that pages and dialogs build in code for a sentence: wrapped,
 * starting at the left, with a style class (heading, dim-label,
 * field-error …) when given.
 */
#define G_LOG_DOMAIN "xj-label"

#include "config.h"

#include "xj-label.h"

GtkWidget *
xj_label_new_wrapped (const char *text,
                      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}
