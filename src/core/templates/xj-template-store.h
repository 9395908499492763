/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-record.h"
#include "xj-store.h"
#include "xj-store-list.h"
#include "xj-template.h"

G_BEGIN_DECLS

/* A row of the templates list: the latest version of each template. */
typedef struct {
  gint64    id;               /* templates.id */
  char     *uid;
  char     *name;             /* of the latest version */
  char     *default_kind;     /* of the latest version; NULL or "daily" … */
  int       version;          /* latest version number */
  gint64    version_id;
  guint     n_items;          /* in the latest version */
  gboolean  builtin;
  gboolean  archived;
  guint     n_inspections;    /* using any version */
  gint64    updated_at;       /* when the latest version was made */
} XjTemplateSummary;

typedef struct {
  gint64    version_id;
  int       version;
  char     *name;
  gint64    created_at;
  guint     n_inspections;
} XjTemplateVersionInfo;

void         xj_template_summary_free         (XjTemplateSummary     *summary);
void         xj_template_version_info_free    (XjTemplateVersionInfo *info);

GPtrArray   *xj_store_list_templates          (XjStore      *store,
                                               gboolean      include_archived,
                                               GError      **error);
XjStoreList *xj_template_model_new            (XjStore      *store,
                                               gboolean      include_archived);
GPtrArray   *xj_store_list_template_versions  (XjStore      *store,
                                               gint64        template_id,
                                               GError      **error);
XjTemplate  *xj_store_load_template_version   (XjStore      *store,
                                               gint64        version_id,
                                               GError      **error);
XjTemplate  *xj_store_load_template           (XjStore      *store,
                                               gint64        template_id,
                                               GError      **error);
gboolean     xj_store_is_template_version_used (XjStore     *store,
                                               gint64        version_id,
                                               gboolean     *used,
                                               GError      **error);
gboolean     xj_store_save_template           (XjStore      *store,
                                               XjTemplate   *tmpl,
                                               const char   *actor,
                                               GError      **error);
gint64       xj_store_duplicate_template      (XjStore      *store,
                                               gint64        template_id,
                                               const char   *name,
                                               const char   *actor,
                                               GError      **error);
gboolean     xj_store_set_template_archived   (XjStore      *store,
                                               gint64        template_id,
                                               gboolean      archived,
                                               const char   *actor,
                                               GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTemplateSummary, xj_template_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTemplateVersionInfo, xj_template_version_info_free)

G_END_DECLS
