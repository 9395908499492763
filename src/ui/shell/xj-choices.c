/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Choosing a site or a checklist: one way for every page and dialog.  The
 * entries are core's own list models (XjStoreList), which follow the
 * store, so no page keeps an array of ids beside a list of names.
 */
#define G_LOG_DOMAIN "xj-choices"

#include "config.h"

#include "xj-choices-private.h"
#include "xj-record.h"
#include "xj-site.h"
#include "xj-store-list.h"
#include "xj-template-store.h"

#define LIST_KEY "xj-choices-list"

/* --- models --------------------------------------------------------------- */

/**
 * _xj_site_choices_new:
 * @all_label: (nullable): the first entry, for "all sites" (id 0)
 *
 * Returns: (transfer full): XjSites, active first, by name
 */
GListModel *
_xj_site_choices_new (XjStore    *store,
                      gboolean    include_inactive,
                      const char *all_label)
{
  g_autoptr(XjStoreList) sites = xj_site_model_new (store, include_inactive);
  g_autoptr(GListStore) all = NULL;
  g_autoptr(GListStore) parts = NULL;
  g_autoptr(XjSite) everything = NULL;
  GListModel *choices;

  if (all_label == NULL)
    return G_LIST_MODEL (g_steal_pointer (&sites));

  /* An unsaved site has the id 0. */
  everything = xj_site_new (all_label, XJ_SITE_KIND_ESTATE);
  all = g_list_store_new (XJ_TYPE_SITE);
  g_list_store_append (all, everything);
  parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (parts, all);
  g_list_store_append (parts, sites);
  choices = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&parts))));
  g_object_set_data_full (G_OBJECT (choices), LIST_KEY, g_steal_pointer (&sites), g_object_unref);
  return choices;
}

/* Returns: (transfer full): records of XjTemplateSummary, checklists in use */
GListModel *
_xj_template_choices_new (XjStore *store)
{
  return G_LIST_MODEL (xj_template_model_new (store, FALSE));
}

static XjStoreList *
store_list (GListModel *choices)
{
  XjStoreList *list = g_object_get_data (G_OBJECT (choices), LIST_KEY);

  return list != NULL ? list : XJ_IS_STORE_LIST (choices) ? XJ_STORE_LIST (choices) : NULL;
}

/* Returns: (nullable): why the sites or checklists could not be read */
const GError *
_xj_choices_get_error (GListModel *choices)
{
  XjStoreList *list = store_list (choices);

  return list != NULL ? xj_store_list_get_error (list) : NULL;
}

/* No site or checklist to choose (the "all" entry aside). */
gboolean
_xj_choices_is_empty (GListModel *choices)
{
  XjStoreList *list = store_list (choices);

  return g_list_model_get_n_items (list != NULL ? G_LIST_MODEL (list) : choices) == 0;
}

/* --- entries -------------------------------------------------------------- */

gint64
_xj_choice_get_id (gpointer item)
{
  if (XJ_IS_SITE (item))
    return xj_site_get_id (item);
  if (XJ_IS_RECORD (item) && !xj_record_is_placeholder (item))
    return ((XjTemplateSummary *) xj_record_get_data (item))->id;
  return 0;
}

const char *
_xj_choice_get_name (gpointer item)
{
  if (XJ_IS_SITE (item))
    return xj_site_get_name (item);
  if (XJ_IS_RECORD (item) && !xj_record_is_placeholder (item))
    return ((XjTemplateSummary *) xj_record_get_data (item))->name;
  return "";
}

static char *
dup_name (GObject *item)
{
  return g_strdup (_xj_choice_get_name (item));
}

static GtkExpression *
name_expression_new (void)
{
  return gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (dup_name),
                                      NULL, NULL);
}

static guint
find_id (GListModel *model,
         gint64      id)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (_xj_choice_get_id (item) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* GtkDropDown and AdwComboRow both choose with the properties "model",
 * "expression", "selected" and "selected-item": one way for the two. */
static void
set_choices (gpointer    chooser,
             GListModel *choices)
{
  g_autoptr(GtkExpression) expression = name_expression_new ();

  g_object_set (chooser, "expression", expression, "model", choices, NULL);
}

static gint64
get_chosen_id (gpointer chooser)
{
  g_autoptr(GObject) item = NULL;

  g_object_get (chooser, "selected-item", &item, NULL);
  return _xj_choice_get_id (item);
}

static void
select_id (gpointer chooser,
           gint64   id)
{
  g_autoptr(GListModel) model = NULL;
  guint position;

  g_object_get (chooser, "model", &model, NULL);
  position = find_id (model, id);
  if (position != GTK_INVALID_LIST_POSITION)
    g_object_set (chooser, "selected", position, NULL);
}

/* --- widgets -------------------------------------------------------------- */

/* @choices: (nullable): set later with gtk_drop_down_set_model() if %NULL */
GtkDropDown *
_xj_choice_dropdown_new (GListModel *choices,
                         const char *accessible_label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (choices != NULL ? g_object_ref (choices)
                                                                            : NULL,
                                                            name_expression_new ()));

  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), accessible_label);
  return dropdown;
}

/* For a drop-down built by its template. */
void
_xj_dropdown_set_choices (GtkDropDown *dropdown,
                          GListModel  *choices)
{
  set_choices (dropdown, choices);
}

/* The chosen entry's id; 0 for "all" or nothing chosen. */
gint64
_xj_dropdown_get_id (GtkDropDown *dropdown)
{
  return get_chosen_id (dropdown);
}

void
_xj_dropdown_select_id (GtkDropDown *dropdown,
                        gint64       id)
{
  select_id (dropdown, id);
}

static void
on_name_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (wrap))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
on_name_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  wrap)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *name = _xj_choice_get_name (gtk_list_item_get_item (list_item));

  gtk_label_set_text (GTK_LABEL (label), name);
  /* Cut short in the row: the whole name on hover. */
  gtk_widget_set_tooltip_text (label, GPOINTER_TO_INT (wrap) ? NULL : name);
}

/* Long checklist and site names: whole, wrapped, in the list; ellipsized
 * with a tooltip in the row itself. */
void
_xj_combo_row_wrap_names (AdwComboRow *row)
{
  for (int wrap = 0; wrap <= 1; wrap++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (on_name_setup_cb), GINT_TO_POINTER (wrap));
      g_signal_connect (factory, "bind", G_CALLBACK (on_name_bind_cb), GINT_TO_POINTER (wrap));
      if (wrap)
        adw_combo_row_set_list_factory (row, factory);
      else
        adw_combo_row_set_factory (row, factory);
    }
}

void
_xj_combo_row_set_choices (AdwComboRow *row,
                           GListModel  *choices)
{
  set_choices (row, choices);
}

gint64
_xj_combo_row_get_id (AdwComboRow *row)
{
  return get_chosen_id (row);
}

void
_xj_combo_row_select_id (AdwComboRow *row,
                         gint64       id)
{
  select_id (row, id);
}

/* --- the kind a checklist is made for -------------------------------------- */

/* Returns: (nullable): the kind of inspection ("daily" …) the checklist
 * chosen in @row is made for */
const char *
_xj_combo_row_get_default_kind (AdwComboRow *row)
{
  gpointer item = adw_combo_row_get_selected_item (row);

  if (XJ_IS_RECORD (item) && !xj_record_is_placeholder (item))
    return ((XjTemplateSummary *) xj_record_get_data (item))->default_kind;
  return NULL;
}

/* Chooses, in a row of checklists, the first one made for @kind; returns
 * whether there is one. */
gboolean
_xj_combo_row_select_for_kind (AdwComboRow *row,
                               const char  *kind)
{
  GListModel *model = adw_combo_row_get_model (row);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (XJ_IS_RECORD (item) && !xj_record_is_placeholder (XJ_RECORD (item))
          && g_strcmp0 (((XjTemplateSummary *) xj_record_get_data (XJ_RECORD (item)))->default_kind,
                        kind) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* In a row listing xj_template_get_kinds(), chooses @kind when it is one. */
void
_xj_kind_row_select (AdwComboRow *row,
                     const char  *kind)
{
  guint n_kinds = 0;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n_kinds);

  for (guint i = 0; kind != NULL && i < n_kinds; i++)
    if (strcmp (kinds[i].id, kind) == 0)
      adw_combo_row_set_selected (row, i);
}
