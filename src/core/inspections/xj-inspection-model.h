/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-inspection.h"
#include "xj-paged-model.h"

G_BEGIN_DECLS

/* Inspections newest first as a lazy list of XjRecords holding an
 * XjInspection each (the filter's limit and offset are not used);
 * @without_drafts leaves drafts out when the filter asks for any state. */
XjPagedModel *xj_inspection_model_new        (XjStore                  *store,
                                              const XjInspectionFilter *filter,
                                              gboolean                  without_drafts);
void          xj_inspection_model_set_filter (XjPagedModel             *model,
                                              const XjInspectionFilter *filter,
                                              gboolean                  without_drafts);

G_END_DECLS
