/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which sites the Overview shows: all of them, or those checked in a
 * popover.  The list is core's site model (it follows the store) filtered
 * by the search text; the checks live in a set of ids, so a site stays
 * chosen while a search hides it.  A site group (华东区) checks the sites
 * of that group, and names the selection until a site is checked or
 * unchecked by hand; a selection given whole (the board opened from the
 * Overview's group) that is exactly a group's sites is named by it too.
 */
#define G_LOG_DOMAIN "xj-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-site.h"
#include "xj-site-picker.h"
#include "xj-store-list.h"

struct _XjSitePicker
{
  XjPicker        parent_instance;

  GtkSearchEntry *search_entry;
  GtkCheckButton *all_check;
  GtkListBox     *sites_list;
  GtkLabel       *no_match_label;
  GtkDropDown    *group_drop;
  GtkStringList  *groups;        /* "" (none chosen), then each group */
  char           *group;         /* the group chosen, NULL: none */

  GtkFilterListModel *filtered;
  GtkStringFilter *filter;
  GArray         *selection;     /* gint64, sorted; empty: every site */
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (XjSitePicker, xj_site_picker, XJ_TYPE_PICKER)

/* --- helpers -------------------------------------------------------------- */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gboolean
is_selected (XjSitePicker *self,
             gint64        site_id,
             guint        *index)
{
  return g_array_binary_search (self->selection, &site_id, compare_ids, index);
}

static const char *
site_name (XjSitePicker *self,
           gint64        site_id)
{
  GListModel *all = gtk_filter_list_model_get_model (self->filtered);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(XjSite) site = g_list_model_get_item (all, i);

      if (xj_site_get_id (site) == site_id)
        return xj_site_get_name (site);
    }
  return "";
}

/* (nullable): the group whose sites are exactly those chosen, when there
 * are several; borrowed from the site model. */
static const char *
group_of_selection (XjSitePicker *self)
{
  GListModel *all = gtk_filter_list_model_get_model (self->filtered);
  const char *group = NULL;
  guint n_in_group = 0;

  if (self->selection->len < 2)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(XjSite) site = g_list_model_get_item (all, i);
      const char *site_group = xj_site_get_group (site);
      gboolean chosen = is_selected (self, xj_site_get_id (site), NULL);

      if (chosen && (*site_group == '\0' || (group != NULL && !g_str_equal (group, site_group))))
        return NULL;
      if (chosen)
        {
          group = site_group;
          n_in_group++;
        }
    }
  if (group == NULL || n_in_group != self->selection->len)
    return NULL;
  /* And no site of the group left out. */
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(XjSite) site = g_list_model_get_item (all, i);

      if (g_str_equal (xj_site_get_group (site), group)
          && !is_selected (self, xj_site_get_id (site), NULL))
        return NULL;
    }
  return group;
}

static void
update_label (XjSitePicker *self)
{
  g_autofree char *label = NULL;

  if (self->selection->len == 0)
    label = g_strdup (_("All sites"));
  else if (self->group != NULL)
    label = g_strdup (self->group);
  else if (self->selection->len == 1)
    label = g_strdup (site_name (self, g_array_index (self->selection, gint64, 0)));
  else
    label = g_strdup_printf (ngettext ("%u site", "%u sites", self->selection->len),
                             self->selection->len);
  xj_picker_set_label (XJ_PICKER (self), label);
}

/* The checks of the rows shown follow the selection. */
static void
sync_checks (XjSitePicker *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sites_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      gint64 *site_id = check != NULL ? g_object_get_data (G_OBJECT (check), "site-id") : NULL;

      if (site_id != NULL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                     is_selected (self, *site_id, NULL));
    }
}

static void
selection_changed (XjSitePicker *self)
{
  self->syncing = TRUE;
  gtk_check_button_set_active (self->all_check, self->selection->len == 0);
  sync_checks (self);
  if (self->group == NULL)
    gtk_drop_down_set_selected (self->group_drop, 0);
  self->syncing = FALSE;
  update_label (self);
  xj_picker_emit_changed (XJ_PICKER (self));
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_site_toggled_cb (GtkCheckButton *check,
                    XjSitePicker   *self)
{
  gint64 site_id = *(gint64 *) g_object_get_data (G_OBJECT (check), "site-id");
  gboolean active = gtk_check_button_get_active (check);
  guint index;

  if (self->syncing)
    return;
  if (active && !is_selected (self, site_id, &index))
    {
      g_array_append_val (self->selection, site_id);
      g_array_sort (self->selection, compare_ids);
    }
  else if (!active && is_selected (self, site_id, &index))
    g_array_remove_index (self->selection, index);
  else
    return;
  /* Chosen by hand now, not by group. */
  g_clear_pointer (&self->group, g_free);
  selection_changed (self);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  XjSitePicker *self = user_data;
  XjSite *site = item;
  GtkWidget *check = gtk_check_button_new_with_label (xj_site_get_name (site));
  gint64 site_id = xj_site_get_id (site);

  g_object_set_data_full (G_OBJECT (check), "site-id", g_memdup2 (&site_id, sizeof site_id),
                          g_free);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_selected (self, site_id, NULL));
  g_signal_connect (check, "toggled", G_CALLBACK (on_site_toggled_cb), self);
  return check;
}

static void
on_all_toggled_cb (XjSitePicker *self)
{
  if (self->syncing)
    return;
  if (!gtk_check_button_get_active (self->all_check))
    {
      /* "All" goes off by checking a site, not by itself. */
      if (self->selection->len == 0)
        {
          self->syncing = TRUE;
          gtk_check_button_set_active (self->all_check, TRUE);
          self->syncing = FALSE;
        }
      return;
    }
  g_array_set_size (self->selection, 0);
  g_clear_pointer (&self->group, g_free);
  selection_changed (self);
}

static void
on_search_changed_cb (XjSitePicker *self)
{
  gtk_string_filter_set_search (self->filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

/* Whether @list holds @names (NULL-terminated) in that order. */
static gboolean
same_strings (GListModel *list,
              GPtrArray  *names)
{
  if (g_list_model_get_n_items (list) + 1 != names->len)
    return FALSE;
  for (guint i = 0; i + 1 < names->len; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (list), i), names->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

/* The groups the sites have, from the site model (no query). */
static void
refresh_groups (XjSitePicker *self)
{
  GListModel *all = gtk_filter_list_model_get_model (self->filtered);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  guint chosen = 0;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(XjSite) site = g_list_model_get_item (all, i);
      const char *group = xj_site_get_group (site);

      if (*group != '\0' && !g_ptr_array_find_with_equal_func (names, group, g_str_equal, NULL))
        g_ptr_array_add (names, (gpointer) group);
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_insert (names, 0, (gpointer) _("Site group…"));
  g_ptr_array_add (names, NULL);
  self->syncing = TRUE;
  /* Only when they changed: the drop-down makes its rows again. */
  if (!same_strings (G_LIST_MODEL (self->groups), names))
    gtk_string_list_splice (self->groups, 0, n_old, (const char *const *) names->pdata);
  for (guint i = 1; self->group != NULL && i + 1 < names->len; i++)
    if (g_str_equal (names->pdata[i], self->group))
      chosen = i;
  gtk_drop_down_set_selected (self->group_drop, chosen);
  self->syncing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->group_drop), names->len > 2);
}

static void
on_group_selected_cb (XjSitePicker *self)
{
  guint chosen = gtk_drop_down_get_selected (self->group_drop);

  if (self->syncing || chosen == 0 || chosen == GTK_INVALID_LIST_POSITION)
    return;
  xj_site_picker_select_group (self, gtk_string_list_get_string (self->groups, chosen));
}

static void
on_items_changed_cb (XjSitePicker *self)
{
  /* A selection given before the sites were loaded, named now. */
  if (self->group == NULL)
    self->group = g_strdup (group_of_selection (self));
  refresh_groups (self);
  gtk_widget_set_visible (GTK_WIDGET (self->no_match_label),
                          g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0);
  update_label (self);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_site_picker_dispose (GObject *object)
{
  XjSitePicker *self = XJ_SITE_PICKER (object);

  g_clear_object (&self->filtered);
  G_OBJECT_CLASS (xj_site_picker_parent_class)->dispose (object);
}

static void
xj_site_picker_finalize (GObject *object)
{
  g_clear_pointer (&XJ_SITE_PICKER (object)->selection, g_array_unref);
  g_clear_pointer (&XJ_SITE_PICKER (object)->group, g_free);
  G_OBJECT_CLASS (xj_site_picker_parent_class)->finalize (object);
}

static void
xj_site_picker_class_init (XjSitePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_site_picker_dispose;
  object_class->finalize = xj_site_picker_finalize;
  xj_picker_class_set_template (widget_class, "/io/github/xunjian/Xunjian/xj-site-picker.ui",
                                "sites_button", "sites_popover");
  gtk_widget_class_bind_template_child (widget_class, XjSitePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XjSitePicker, all_check);
  gtk_widget_class_bind_template_child (widget_class, XjSitePicker, sites_list);
  gtk_widget_class_bind_template_child (widget_class, XjSitePicker, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, XjSitePicker, group_drop);
}

static void
xj_site_picker_init (XjSitePicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->selection = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->groups = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->group_drop, G_LIST_MODEL (self->groups));
  g_object_unref (self->groups);   /* the drop-down keeps it */
  g_signal_connect_swapped (self->group_drop, "notify::selected",
                            G_CALLBACK (on_group_selected_cb), self);
  g_signal_connect_swapped (self->all_check, "toggled", G_CALLBACK (on_all_toggled_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed_cb), self);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_site_picker_new (XjStore *store)
{
  XjSitePicker *self;
  GtkExpression *name;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  self = g_object_new (XJ_TYPE_SITE_PICKER, NULL);
  name = gtk_property_expression_new (XJ_TYPE_SITE, NULL, "name");
  self->filter = gtk_string_filter_new (name);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  /* Inactive sites too: their history is part of the figures. */
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (xj_site_model_new (store, TRUE)),
                                              GTK_FILTER (self->filter));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (on_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->sites_list, G_LIST_MODEL (self->filtered), create_row, self,
                           NULL);
  refresh_groups (self);
  update_label (self);
  return GTK_WIDGET (self);
}

const gint64 *
xj_site_picker_get_selection (XjSitePicker *self,
                              guint        *n_sites)
{
  g_return_val_if_fail (XJ_IS_SITE_PICKER (self), NULL);
  g_return_val_if_fail (n_sites != NULL, NULL);

  *n_sites = self->selection->len;
  return self->selection->len > 0 ? (const gint64 *) self->selection->data : NULL;
}

/**
 * xj_site_picker_set_selection:
 * @site_ids: (nullable) (array length=n_sites): none: every site
 *
 * Checks these sites, and only those, named by their group when they are
 * exactly a group's sites; emits "changed".
 */
void
xj_site_picker_set_selection (XjSitePicker *self,
                              const gint64 *site_ids,
                              guint         n_sites)
{
  g_return_if_fail (XJ_IS_SITE_PICKER (self));
  g_return_if_fail (site_ids != NULL || n_sites == 0);

  g_array_set_size (self->selection, 0);
  g_array_append_vals (self->selection, site_ids, n_sites);
  g_array_sort (self->selection, compare_ids);
  g_free (self->group);
  self->group = g_strdup (group_of_selection (self));
  refresh_groups (self);
  selection_changed (self);
}

/**
 * xj_site_picker_select_group:
 *
 * Checks the sites of @group, and only those.
 */
void
xj_site_picker_select_group (XjSitePicker *self,
                             const char   *group)
{
  GListModel *all;

  g_return_if_fail (XJ_IS_SITE_PICKER (self));
  g_return_if_fail (group != NULL);

  all = gtk_filter_list_model_get_model (self->filtered);
  g_array_set_size (self->selection, 0);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(XjSite) site = g_list_model_get_item (all, i);
      gint64 site_id = xj_site_get_id (site);

      if (g_str_equal (xj_site_get_group (site), group))
        g_array_append_val (self->selection, site_id);
    }
  g_array_sort (self->selection, compare_ids);
  g_free (self->group);
  self->group = g_strdup (group);
  refresh_groups (self);
  selection_changed (self);
}
