/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "xj-inspection.h"
#include "xj-photo-store.h"
#include "xj-signature.h"
#include "xj-store.h"
#include "xj-template.h"

G_BEGIN_DECLS

/* A notice raised from an inspection, as its report lists it. */
typedef struct {
  gint64  id;
  char   *number;
  gint64  deadline;            /* 0: none */
} XjInspectionNotice;

/* A photo of an answer, with what makes it suspicious as evidence. */
typedef struct {
  XjAttachedPhoto *photo;
  char            *flags;      /* NULL: nothing (xj_store_dup_photo_flags) */
} XjRecordPhoto;

/* Everything a report of one inspection prints and signing checks, read
 * in one read transaction: one consistent state of the inspection.  Plain
 * data: whoever holds it never goes back to the store. */
typedef struct {
  char         *data_dir;      /* where the photos' files are */
  XjInspection *inspection;
  XjTemplate   *tmpl;          /* the version the inspection used */
  GHashTable   *answers;       /* item id → XjAnswer */
  GHashTable   *previous;      /* item key → XjPreviousAnswer (repeat findings) */
  GHashTable   *photos;        /* answer id (gint64 *) → GPtrArray of XjRecordPhoto */
  GPtrArray    *signatures;    /* of XjSignature */
  GPtrArray    *notices;       /* of XjInspectionNotice: issued ones, oldest first */
} XjInspectionRecord;

void                xj_inspection_notice_free          (XjInspectionNotice  *notice);
void                xj_inspection_record_free          (XjInspectionRecord  *record);

GPtrArray          *xj_store_list_inspection_notices   (XjStore             *store,
                                                        gint64               inspection_id,
                                                        GError             **error);
XjInspectionRecord *xj_store_read_inspection_record    (XjStore             *store,
                                                        gint64               inspection_id,
                                                        GError             **error);

GPtrArray          *xj_inspection_record_get_photos    (const XjInspectionRecord *record,
                                                        gint64               answer_id);
gboolean            xj_inspection_record_check_signatures (const XjInspectionRecord *record,
                                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjInspectionNotice, xj_inspection_notice_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjInspectionRecord, xj_inspection_record_free)

G_END_DECLS
