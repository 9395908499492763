/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "xj-inspection.h"
#include "xj-site-merge.h"

G_BEGIN_DECLS

/* The columns _xj_inspection_from_row() reads, and their tables. */
#define INSPECTION_COLUMNS \
  "i.id, " XJ_MERGED_SITE_ID ("s") ", " XJ_MERGED_SITE_NAME ("s") ", v.template_id, i.version_id, v.name, v.version, i.kind, " \
  "i.state, i.inspector, i.rep_name, i.rep_company, i.started_at, " \
  "coalesce(i.completed_at, 0), coalesce(i.signed_at, 0), i.score, i.grade, " \
  "coalesce(i.failure_index, 0), i.critical_failed, coalesce(i.current_item_id, 0), " \
  "(SELECT count(*) FROM answers a JOIN answer_photos p ON p.answer_id = a.id " \
  "  WHERE a.inspection_id = i.id), " \
  "(SELECT count(*) FROM answers a WHERE a.inspection_id = i.id " \
  "  AND a.outcome <> 'unanswered'), " \
  "(SELECT builtin FROM templates t WHERE t.id = v.template_id), i.owner, i.laptop "
#define INSPECTION_FROM \
  "FROM inspections i JOIN sites s ON s.id = i.site_id " \
  "JOIN template_versions v ON v.id = i.version_id "


/* Shared by the inspection store's files (xj-inspection-store.c, xj-inspection-query.c). */
XjOutcome  _xj_inspection_outcome_from_string (const char   *text);
gboolean   _xj_inspection_sqlite_failed       (XjStore      *store,
                                               int           rc,
                                               GError      **error);

/* The inspections an XjInspectionFilter selects (?1 … ?5). */
#define INSPECTION_FILTER_WHERE \
  "WHERE (?1 = 0 OR " XJ_SITE_IN ("i.site_id", "?1") ") AND (?2 IS NULL OR i.kind = ?2) " \
  "AND (?3 IS NULL OR i.state = ?3) AND (?4 = 0 OR i.started_at >= ?4) " \
  "AND (?5 = 0 OR i.started_at < ?5) " \
  "AND (?10 = 0 OR (?10 = 1) = (i.owner IS NULL " \
  "  OR i.owner IS (SELECT value FROM team_settings WHERE key = 'user'))) "

void          _xj_inspection_bind_filter      (sqlite3_stmt             *stmt,
                                               const XjInspectionFilter *filter);
XjInspection *_xj_inspection_from_row          (sqlite3_stmt *stmt);

G_END_DECLS
