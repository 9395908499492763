/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

/* One demo inspection, answered as an inspector would (see
 * xj_demo_add_inspection ()).  Fields after `sign` are optional. */
typedef struct
{
  gint64       site_id;
  gint64       template_id;    /* 0: the template of template_uid */
  const char  *kind;
  gint64       started_at;     /* 0: now, on the clock as it is (no replay) */
  guint        n_failures;     /* failed items, spread over the checklist */
  guint        fail_offset;    /* shifts which items fail (same offset: repeat findings) */
  GPtrArray   *photos;         /* (element-type utf8) SHA-256s attached to the failures */
  gboolean     complete;
  gboolean     sign;           /* handwritten signatures too (needs complete) */
  const char  *template_uid;
  const char *const *fail_keys;   /* instead of n_failures: the items (keys) that fail, */
  const char *const *remarks;     /* each with the remark of the same index */
  const char  *inspector;      /* NULL: the demo's inspector and representative */
  const char  *rep_name;
  const char  *rep_company;
  GArray      *failed_answers; /* out: the failed answers' ids, in the failures' order */
} XjDemoInspection;

gint64    xj_demo_find_builtin          (XjStore                 *store,
                                         const char              *name,
                                         GError                 **error);
gint64    xj_demo_add_extended_template (XjStore                 *store,
                                         guint                    n_items,
                                         GError                 **error);
char     *xj_demo_make_strokes          (const char              *name);
gint64    xj_demo_add_inspection        (XjStore                 *store,
                                         const XjDemoInspection  *spec,
                                         GError                 **error);
gboolean  xj_demo_add_history           (XjStore                 *store,
                                         const char              *photos_dir,
                                         GError                 **error);

G_END_DECLS
