/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjStoreList: a list of a few hundred rows at most (sites, checklists),
 * read at once on creation and again on the store's "changed::<table>",
 * so every chooser shows the same, current list.
 */
#define G_LOG_DOMAIN "xj-store-list"

#include "config.h"

#include "xj-store-list.h"

struct _XjStoreList
{
  GObject              parent_instance;

  XjStore             *store;
  GType                item_type;
  XjStoreListLoadFunc  load;
  XjStoreListEqualFunc equal;
  gpointer             user_data;
  GPtrArray           *items;
  GError              *error;
};

static void xj_store_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XjStoreList, xj_store_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      xj_store_list_list_model_init))

static void
on_store_changed_cb (XjStoreList *self)
{
  xj_store_list_reload (self);
}

/* --- GListModel ----------------------------------------------------------- */

static GType
xj_store_list_get_item_type (GListModel *model)
{
  return XJ_STORE_LIST (model)->item_type;
}

static guint
xj_store_list_get_n_items (GListModel *model)
{
  return XJ_STORE_LIST (model)->items->len;
}

static gpointer
xj_store_list_get_item (GListModel *model,
                        guint       position)
{
  XjStoreList *self = XJ_STORE_LIST (model);

  return position < self->items->len ? g_object_ref (self->items->pdata[position]) : NULL;
}

static void
xj_store_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = xj_store_list_get_item_type;
  iface->get_n_items = xj_store_list_get_n_items;
  iface->get_item = xj_store_list_get_item;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_store_list_dispose (GObject *object)
{
  XjStoreList *self = XJ_STORE_LIST (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (xj_store_list_parent_class)->dispose (object);
}

static void
xj_store_list_finalize (GObject *object)
{
  XjStoreList *self = XJ_STORE_LIST (object);

  g_ptr_array_unref (self->items);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (xj_store_list_parent_class)->finalize (object);
}

static void
xj_store_list_class_init (XjStoreListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xj_store_list_dispose;
  object_class->finalize = xj_store_list_finalize;
}

static void
xj_store_list_init (XjStoreList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/* --- public API ----------------------------------------------------------- */

/**
 * xj_store_list_new:
 * @table: whose "changed::@table" reloads the list
 * @load: returns (transfer full) a GPtrArray of @item_type objects
 * @equal: whether two items show the same
 *
 * Reads the list at once; a read that fails leaves the list empty with
 * the error in xj_store_list_get_error().
 */
XjStoreList *
xj_store_list_new (XjStore             *store,
                   const char          *table,
                   GType                item_type,
                   XjStoreListLoadFunc  load,
                   XjStoreListEqualFunc equal,
                   gpointer             user_data)
{
  XjStoreList *self;
  g_autofree char *signal = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL && load != NULL, NULL);

  self = g_object_new (XJ_TYPE_STORE_LIST, NULL);
  self->store = g_object_ref (store);
  self->item_type = item_type;
  self->load = load;
  self->equal = equal;
  self->user_data = user_data;
  signal = g_strconcat ("changed::", table, NULL);
  g_signal_connect_object (store, signal, G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  xj_store_list_reload (self);
  return self;
}

/* Reads the list again; FALSE (and the list emptied) when that failed. */
gboolean
xj_store_list_reload (XjStoreList *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) old = NULL;
  guint head = 0;
  guint tail = 0;

  g_return_val_if_fail (XJ_IS_STORE_LIST (self), FALSE);

  g_clear_error (&self->error);
  items = self->load (self->store, self->user_data, &self->error);
  if (items == NULL)
    items = g_ptr_array_new_with_free_func (g_object_unref);
  old = g_steal_pointer (&self->items);
  self->items = g_steal_pointer (&items);

  /* Only the rows between an equal start and an equal end changed: a
   * chooser keeps its choice when another site is added or renamed. */
  while (head < old->len && head < self->items->len
         && self->equal (old->pdata[head], self->items->pdata[head]))
    head++;
  while (tail < old->len - head && tail < self->items->len - head
         && self->equal (old->pdata[old->len - 1 - tail],
                         self->items->pdata[self->items->len - 1 - tail]))
    tail++;
  if (head + tail < old->len || head + tail < self->items->len)
    g_list_model_items_changed (G_LIST_MODEL (self), head, old->len - head - tail,
                                self->items->len - head - tail);
  return self->error == NULL;
}

/* Returns: (nullable): why the last read failed */
const GError *
xj_store_list_get_error (XjStoreList *self)
{
  g_return_val_if_fail (XJ_IS_STORE_LIST (self), NULL);

  return self->error;
}
