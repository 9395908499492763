/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "xj-record.h"
#include "xj-store.h"

G_BEGIN_DECLS

#define XJ_TYPE_PAGED_MODEL (xj_paged_model_get_type ())
G_DECLARE_FINAL_TYPE (XjPagedModel, xj_paged_model, XJ, PAGED_MODEL, GObject)

void          xj_paged_model_set_query   (XjPagedModel        *self,
                                          gconstpointer        query);
void          xj_paged_model_reload      (XjPagedModel        *self);
gboolean      xj_paged_model_get_loading (XjPagedModel        *self);
gboolean      xj_paged_model_get_counted (XjPagedModel        *self);
gboolean      xj_paged_model_get_keyed   (XjPagedModel        *self);
const GError *xj_paged_model_get_error   (XjPagedModel        *self);
void          xj_paged_model_set_page_size (XjPagedModel      *self,
                                          guint                page_size);
void          xj_paged_model_set_key_stride (XjPagedModel     *self,
                                          guint                stride);

guint xj_paged_model_get_n_running (void);

G_END_DECLS
