/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-site-merge.h"

#include "xj-archive-list.h"
#include "xj-numbers-private.h"

G_BEGIN_DECLS

/* The archived reports an XjArchiveQuery selects (?1 … ?6). */
#define ARCHIVE_FROM_WHERE \
  "FROM inspections i " \
  "JOIN reports r ON r.inspection_id = i.id " \
  "JOIN sites s ON s.id = i.site_id " \
  "WHERE (?1 IS NULL OR instr (" XJ_FULL_NUMBER ("r.") " || ' ' || s.name || ' ' || r.signer " \
  "  || ' ' || i.inspector || ' ' || i.rep_name, ?1) > 0) " \
  "AND (?2 = 0 OR " XJ_SITE_IN ("i.site_id", "?2") ") AND (?3 IS NULL OR i.kind = ?3) " \
  "AND (?4 IS NULL OR i.grade = ?4) AND (?5 = 0 OR i.started_at >= ?5) " \
  "AND (?6 = 0 OR i.started_at < ?6) "

void            _xj_archive_bind_query     (sqlite3_stmt         *stmt,
                                            const XjArchiveQuery *query);
XjArchiveEntry *_xj_archive_entry_from_row (sqlite3_stmt         *stmt);

G_END_DECLS
