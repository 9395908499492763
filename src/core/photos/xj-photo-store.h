/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-photo.h"
#include "xj-store.h"

G_BEGIN_DECLS

/* A photo as attached to an answer or a notice, with what the photos table
 * knows about it. */
typedef struct
{
  gint64       id;            /* answer_photos.id or notice_photos.id */
  char        *sha256;
  int          position;
  char        *caption;
  char        *mime;
  int          width;
  int          height;
  int          orientation;
  gboolean     has_taken_at;
  gint64       taken_at;
  gboolean     has_gps;
  double       gps_lat;
  double       gps_lon;
  char        *camera;
  char        *original_name;
  gint64       added_at;
  char        *annotation;    /* JSON vector drawing, or NULL (answers only) */
} XjAttachedPhoto;

typedef enum {
  XJ_NOTICE_PHOTO_BEFORE,
  XJ_NOTICE_PHOTO_AFTER,
} XjNoticePhotoPhase;

void        xj_attached_photo_free          (XjAttachedPhoto *photo);

/* Main thread: import + row + "changed::photos", for one file (demo, paste). */
XjPhotoInfo *xj_store_import_photo          (XjStore       *store,
                                             const char    *path,
                                             GError       **error);
gboolean    xj_store_add_photo              (XjStore       *store,
                                             XjPhotoInfo   *info,
                                             GError       **error);
gboolean    xj_store_discard_photo          (XjStore       *store,
                                             XjPhotoInfo   *info,
                                             GError       **error);

/* What photos are attached to: an answer, or a notice before or after its
 * rectification.  XJ_ANSWER_PHOTOS (id) and XJ_NOTICE_PHOTOS (id, phase)
 * make one in place. */
typedef struct
{
  gint64              answer_id;   /* the answer's photos; 0 for a notice's */
  gint64              notice_id;   /* the notice's photos; 0 for an answer's */
  XjNoticePhotoPhase  phase;       /* a notice's: before or after */
} XjPhotoOwner;

#define XJ_ANSWER_PHOTOS(id) (&(const XjPhotoOwner) { .answer_id = (id) })
#define XJ_NOTICE_PHOTOS(id, phase_) \
  (&(const XjPhotoOwner) { .notice_id = (id), .phase = (phase_) })

gboolean    xj_store_attach_photo           (XjStore             *store,
                                             const XjPhotoOwner  *owner,
                                             const char          *sha256,
                                             const char          *caption,
                                             const char          *actor,
                                             gint64              *attachment_id,
                                             GError             **error);
gboolean    xj_store_detach_photo           (XjStore             *store,
                                             const XjPhotoOwner  *owner,
                                             const char          *sha256,
                                             const char          *actor,
                                             GError             **error);
gboolean    xj_store_set_photo_caption      (XjStore             *store,
                                             const XjPhotoOwner  *owner,
                                             const char          *sha256,
                                             const char          *caption,
                                             const char          *actor,
                                             GError             **error);
GPtrArray  *xj_store_list_photos            (XjStore             *store,
                                             const XjPhotoOwner  *owner,
                                             GError             **error);
gboolean    xj_store_set_answer_photo_annotation (XjStore  *store,
                                             gint64               answer_id,
                                             const char          *sha256,
                                             const char          *json,
                                             const char          *actor,
                                             GError             **error);

gboolean    xj_photo_store_check            (XjStore       *store,
                                             GString       *report,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjAttachedPhoto, xj_attached_photo_free)

G_END_DECLS
