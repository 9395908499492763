/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Filter drop-downs shared by the list pages: the first entry is always
 * "all", the rest what the store or the model offers.
 */
#define G_LOG_DOMAIN "xj-filters"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-filters-private.h"
#include "xj-site.h"
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

/* Every site, deactivated ones too (their history stays searchable);
 * @site_ids receives the id of each entry, 0 for "All sites". */
GtkStringList *
_xj_filter_sites_new (XjStore *store,
                      GArray  *site_ids)
{
  GtkStringList *sites = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) list = xj_store_list_sites (store, TRUE, NULL);
  gint64 all = 0;

  gtk_string_list_append (sites, _("All sites"));
  g_array_append_val (site_ids, all);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      XjSite *site = g_ptr_array_index (list, i);
      gint64 id = xj_site_get_id (site);

      gtk_string_list_append (sites, xj_site_get_name (site));
      g_array_append_val (site_ids, id);
    }
  return sites;
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
