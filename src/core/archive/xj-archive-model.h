/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-archive-list.h"
#include "xj-paged-model.h"

G_BEGIN_DECLS

/* The archive newest first as a lazy list of XjRecords holding an
 * XjArchiveEntry each (the query's limit and offset are not used). */
XjPagedModel *xj_archive_model_new       (XjStore              *store,
                                          const XjArchiveQuery *query);
void          xj_archive_model_set_query (XjPagedModel         *model,
                                          const XjArchiveQuery *query);

G_END_DECLS
