/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-inspection.h"
#include "xj-store.h"

G_BEGIN_DECLS

/* Another inspection whose answers carry the same photo (same bytes). */
typedef struct
{
  gint64  inspection_id;
  char   *site_name;
  gint64  started_at;
} XjPhotoUse;

void        xj_photo_use_free          (XjPhotoUse          *use);

GPtrArray  *xj_store_list_photo_uses   (XjStore             *store,
                                        const char          *sha256,
                                        gint64               except_inspection_id,
                                        GError             **error);
char       *xj_store_dup_photo_flags   (XjStore             *store,
                                        const XjInspection  *inspection,
                                        const char          *sha256,
                                        gboolean             has_taken_at,
                                        gint64               taken_at,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjPhotoUse, xj_photo_use_free)

G_END_DECLS
