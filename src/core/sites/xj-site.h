/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"
#include "xj-store-list.h"

G_BEGIN_DECLS

#define XJ_SITE_ERROR (xj_site_error_quark ())

typedef enum {
  XJ_SITE_ERROR_NAME_EMPTY,
  XJ_SITE_ERROR_NAME_TOO_LONG,
  XJ_SITE_ERROR_NAME_TAKEN,
  XJ_SITE_ERROR_NOT_FOUND,
  XJ_SITE_ERROR_MERGE_SELF,
  XJ_SITE_ERROR_MERGED,
} XjSiteError;

typedef enum {
  XJ_SITE_KIND_ESTATE,
  XJ_SITE_KIND_STORE,
  XJ_SITE_KIND_SERVICE_DESK,
} XjSiteKind;

#define XJ_SITE_NAME_MAX 120
#define XJ_SITE_GROUP_MAX 60

#define XJ_TYPE_SITE (xj_site_get_type ())
G_DECLARE_FINAL_TYPE (XjSite, xj_site, XJ, SITE, GObject)

GQuark      xj_site_error_quark         (void);

const char *xj_site_kind_to_string      (XjSiteKind   kind);
const char *xj_site_kind_get_label      (XjSiteKind   kind);

XjSite     *xj_site_new                 (const char  *name,
                                         XjSiteKind   kind);
gint64      xj_site_get_id              (XjSite      *self);
const char *xj_site_get_name            (XjSite      *self);
void        xj_site_set_name            (XjSite      *self,
                                         const char  *name);
XjSiteKind  xj_site_get_kind            (XjSite      *self);
void        xj_site_set_kind            (XjSite      *self,
                                         XjSiteKind   kind);
const char *xj_site_get_address         (XjSite      *self);
void        xj_site_set_address         (XjSite      *self,
                                         const char  *address);
const char *xj_site_get_contact         (XjSite      *self);
void        xj_site_set_contact         (XjSite      *self,
                                         const char  *contact);
const char *xj_site_get_group           (XjSite      *self);
void        xj_site_set_group           (XjSite      *self,
                                         const char  *group);
const char *xj_site_get_project_manager (XjSite      *self);
void        xj_site_set_project_manager (XjSite      *self,
                                         const char  *project_manager);
gboolean    xj_site_get_active          (XjSite      *self);
const char *xj_site_get_uuid            (XjSite      *self);
const char *xj_site_get_merged_into     (XjSite      *self);
gboolean    xj_site_get_possible_duplicate (XjSite   *self);
char       *xj_site_normalise_name      (const char  *name);

GStrv       xj_store_list_site_groups   (XjStore     *store,
                                         GError     **error);
GArray     *xj_store_list_group_sites   (XjStore     *store,
                                         const char  *group,
                                         GError     **error);
gboolean    xj_store_save_site          (XjStore     *store,
                                         XjSite      *site,
                                         const char  *actor,
                                         GError     **error);
gboolean    xj_store_set_site_active    (XjStore     *store,
                                         gint64       site_id,
                                         gboolean     active,
                                         const char  *actor,
                                         GError     **error);
XjSite     *xj_store_get_site           (XjStore     *store,
                                         gint64       site_id,
                                         GError     **error);
GPtrArray  *xj_store_list_sites         (XjStore     *store,
                                         gboolean     include_inactive,
                                         GError     **error);
XjStoreList *xj_site_model_new          (XjStore     *store,
                                         gboolean     include_inactive);

G_END_DECLS
