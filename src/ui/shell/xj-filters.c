/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Filter drop-downs shared by the list pages: the first entry is always
 * "all", the rest what the model offers (sites: xj-choices-private.h).
 */
#define G_LOG_DOMAIN "xj-filters"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-filters-private.h"
#include "xj-template.h"

GtkDropDown *
_xj_filter_dropdown_new (GtkStringList *labels,
                         const char    *accessible_label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (labels), NULL));

  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), accessible_label);
  return dropdown;
}

/* "All kinds", then the inspection kinds in xj_template_get_kinds() order. */
GtkStringList *
_xj_filter_kinds_new (void)
{
  GtkStringList *kinds = gtk_string_list_new (NULL);
  guint n_kinds = 0;
  const XjTemplateChoice *choices = xj_template_get_kinds (&n_kinds);

  gtk_string_list_append (kinds, _("All kinds"));
  for (guint i = 0; i < n_kinds; i++)
    gtk_string_list_append (kinds, choices[i].label);
  return kinds;
}
