/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjRecord: a row of a list model (an inspection, a schedule, an archived
 * report, a template summary) held by a GObject.
 */
#define G_LOG_DOMAIN "xj-record"

#include "config.h"

#include "xj-record.h"

struct _XjRecord
{
  GObject         parent_instance;

  gpointer        data;
  GDestroyNotify  free_func;
};

G_DEFINE_FINAL_TYPE (XjRecord, xj_record, G_TYPE_OBJECT)

enum {
  SIGNAL_FILLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
xj_record_finalize (GObject *object)
{
  XjRecord *self = XJ_RECORD (object);

  if (self->data != NULL && self->free_func != NULL)
    self->free_func (self->data);
  self->data = NULL;

  G_OBJECT_CLASS (xj_record_parent_class)->finalize (object);
}

static void
xj_record_class_init (XjRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xj_record_finalize;

  /**
   * XjRecord::filled:
   *
   * A placeholder has been given its row (xj_record_take_data()).
   */
  signals[SIGNAL_FILLED] = g_signal_new ("filled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
xj_record_init (XjRecord *self)
{
}

/**
 * xj_record_new:
 * @data: (transfer full): the row
 * @free_func: frees @data with the record
 */
XjRecord *
xj_record_new (gpointer        data,
               GDestroyNotify  free_func)
{
  XjRecord *self = g_object_new (XJ_TYPE_RECORD, NULL);

  g_return_val_if_fail (data != NULL, self);

  self->data = data;
  self->free_func = free_func;
  return self;
}

/* A row whose page is still being read: it shows as an empty row. */
XjRecord *
xj_record_new_placeholder (void)
{
  return g_object_new (XJ_TYPE_RECORD, NULL);
}

/* Returns: (transfer none) (nullable): the row, %NULL for a placeholder */
gpointer
xj_record_get_data (XjRecord *self)
{
  g_return_val_if_fail (XJ_IS_RECORD (self), NULL);

  return self->data;
}

gboolean
xj_record_is_placeholder (XjRecord *self)
{
  g_return_val_if_fail (XJ_IS_RECORD (self), TRUE);

  return self->data == NULL;
}

/**
 * xj_record_take_data:
 * @self: a placeholder
 * @from: a record with data, left a placeholder
 *
 * Moves @from's row into the placeholder @self and emits "filled" on it.
 */
void
xj_record_take_data (XjRecord *self,
                     XjRecord *from)
{
  g_return_if_fail (XJ_IS_RECORD (self) && XJ_IS_RECORD (from));
  g_return_if_fail (self->data == NULL && from->data != NULL);

  self->data = g_steal_pointer (&from->data);
  self->free_func = from->free_func;
  from->free_func = NULL;
  g_signal_emit (self, signals[SIGNAL_FILLED], 0);
}
