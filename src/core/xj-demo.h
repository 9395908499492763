/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *photos_dir;  /* optional: photos to attach as evidence */
  guint       n_sites;     /* 0: the default handful */
  guint       years;       /* 0: the default few months */
  guint32     seed;
} XjDemoOptions;

gboolean xj_demo_fill (XjStore              *store,
                       const XjDemoOptions  *options,
                       GError              **error);

G_END_DECLS
