/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "xj-inspection.h"

G_BEGIN_DECLS

/* Shared by the inspection store's files (xj-inspection-store.c, xj-inspection-query.c). */
char      *_xj_inspection_dup_column          (sqlite3_stmt *stmt,
                                               int           column);
XjOutcome  _xj_inspection_outcome_from_string (const char   *text);
gboolean   _xj_inspection_sqlite_failed       (XjStore      *store,
                                               int           rc,
                                               GError      **error);

G_END_DECLS
