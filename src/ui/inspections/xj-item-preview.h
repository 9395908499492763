/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-template.h"

G_BEGIN_DECLS

#define XJ_TYPE_ITEM_PREVIEW (xj_item_preview_get_type ())

G_DECLARE_FINAL_TYPE (XjItemPreview, xj_item_preview, XJ, ITEM_PREVIEW, AdwBin)

void       xj_item_preview_set_item (XjItemPreview        *self,
                                     const XjTemplateItem *item);

G_END_DECLS
