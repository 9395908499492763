/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-inspection.h"
#include "xj-scoring.h"
#include "xj-store.h"

G_BEGIN_DECLS

/* A completed inspection of the past, written in bulk (`demo --years`). */
typedef struct {
  gint64         site_id;
  gint64         version_id;
  const char    *kind;
  const char    *inspector;
  const char    *rep_name;       /* "" for none */
  const char    *rep_company;    /* "" for none */
  gint64         schedule_id;
  gint64         occurrence_at;
  gint64         started_at;
  gint64         completed_at;
  const XjScore *score;
} XjPastInspection;

typedef struct {
  gint64      item_id;
  const char *value;
  XjOutcome   outcome;
  const char *remark;
  gint64      answered_at;
} XjPastAnswer;

typedef struct _XjInspectionBulk XjInspectionBulk;

gboolean          xj_store_is_empty          (XjStore                *store,
                                              gboolean               *empty,
                                              GError                **error);

XjInspectionBulk *xj_inspection_bulk_begin   (XjStore                *store,
                                              GError                **error);
gint64            xj_inspection_bulk_add     (XjInspectionBulk       *bulk,
                                              const XjPastInspection *inspection,
                                              const XjPastAnswer     *answers,
                                              guint                   n_answers,
                                              GError                **error);
gboolean          xj_inspection_bulk_commit  (XjInspectionBulk       *bulk,
                                              GError                **error);
void              xj_inspection_bulk_free    (XjInspectionBulk       *bulk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjInspectionBulk, xj_inspection_bulk_free)

G_END_DECLS
