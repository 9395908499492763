/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

/* One demo inspection, answered as an inspector would. */
typedef struct
{
  gint64       site_id;
  gint64       template_id;
  const char  *kind;
  gint64       started_at;
  guint        n_failures;     /* failed items, spread over the checklist */
  guint        fail_offset;    /* shifts which items fail (same offset: repeat findings) */
  GPtrArray   *photos;         /* (element-type utf8) SHA-256s attached to the failures */
  gboolean     complete;
  gboolean     sign;           /* handwritten signatures too (needs complete) */
} XjDemoInspection;

gint64    xj_demo_find_builtin          (XjStore                 *store,
                                         const char              *name,
                                         GError                 **error);
gint64    xj_demo_add_extended_template (XjStore                 *store,
                                         guint                    n_items,
                                         GError                 **error);
gint64    xj_demo_add_inspection        (XjStore                 *store,
                                         const XjDemoInspection  *spec,
                                         GError                 **error);
char     *xj_demo_make_strokes          (const char              *name);
gboolean  xj_demo_add_inspections       (XjStore                 *store,
                                         GPtrArray               *photos,
                                         GError                 **error);
gboolean  xj_demo_add_history           (XjStore                 *store,
                                         const char              *photos_dir,
                                         GError                 **error);

G_END_DECLS
