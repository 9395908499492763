/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-demo-inspections.h"
#include "xj-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *photos_dir;  /* optional: photos to attach as evidence */
  guint       n_sites;     /* 0: the default handful */
  guint       years;       /* 0: the default few months */
  guint32     seed;
} XjDemoOptions;

gboolean xj_demo_check_empty (XjStore  *store,
                              GError  **error);
gboolean xj_demo_fill (XjStore              *store,
                       const XjDemoOptions  *options,
                       GError              **error);

/* A generated photo of a failure (or with @after, of its rectification),
 * imported; its SHA-256. */
char    *xj_demo_add_photo      (XjStore              *store,
                                 guint                 serial,
                                 gboolean              after,
                                 GError              **error);

/* In xj-notice-demo.c: notices in every state for the demo @sites. */
gboolean xj_notice_add_demo     (XjStore              *store,
                                 GPtrArray            *sites,
                                 GError              **error);

/* --- demo data (xj-schedule-demo.c) --------------------------------------- */

typedef struct
{
  gint64 daily_template_id;    /* daily patrol */
  gint64 weekly_template_id;   /* weekly check, Monday 10:30 and Thursday 14:00 */
  gint64 monthly_template_id;  /* monthly check, last working day */
  gint64 spot_template_id;     /* random spot checks, a few items each */
  gint64 mystery_template_id;  /* mystery visits to stores */
  gint64 desk_template_id;     /* mystery visits to service desks, 0: the stores' */
  gint64 call_template_id;     /* mystery calls to the same, 0: none */
} XjScheduleDemoTemplates;

gboolean    xj_schedule_add_demo             (XjStore                       *store,
                                              const XjScheduleDemoTemplates *templates,
                                              gint64                         starts_at,
                                              GError                       **error);

G_END_DECLS
