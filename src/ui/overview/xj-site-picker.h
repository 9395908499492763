/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-picker.h"
#include "xj-store.h"

G_BEGIN_DECLS

#define XJ_TYPE_SITE_PICKER (xj_site_picker_get_type ())
G_DECLARE_FINAL_TYPE (XjSitePicker, xj_site_picker, XJ, SITE_PICKER, XjPicker)

/* All sites or a selection, checked in a popover with a search; emits
 * "changed" when the selection changes. */
GtkWidget    *xj_site_picker_new           (XjStore      *store);
/* (nullable): the ids chosen, by id; NULL for every site */
const gint64 *xj_site_picker_get_selection (XjSitePicker *self,
                                            guint        *n_sites);
void          xj_site_picker_select_group  (XjSitePicker *self,
                                            const char   *group);
void          xj_site_picker_set_selection (XjSitePicker *self,
                                            const gint64 *site_ids,
                                            guint         n_sites);

G_END_DECLS
