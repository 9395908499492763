/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-site-merge.h"

#include "xj-archive-list.h"
#include "xj-numbers-private.h"

G_BEGIN_DECLS

/* An XjArchiveEntry's columns (_xj_archive_entry_from_row ()). */
#define ARCHIVE_COLUMNS \
  "r.id, i.id, " XJ_FULL_NUMBER ("r.") ", " XJ_MERGED_SITE_NAME ("s") ", " \
  "i.kind, ifnull(i.started_at, r.created_at), i.score, i.grade, r.signer, " \
  "r.created_at, r.month "
/* Newest inspection first (a monthly report by the day it was archived). */
#define ARCHIVE_ORDER "ORDER BY ifnull(i.started_at, r.created_at) DESC, r.id DESC "
/* The archived reports an XjArchiveQuery selects (?1 … ?6). */
/* Inspection reports, and monthly reports (no inspection, no site: they
 * fall out of any filter by site, kind or grade and are dated by the day
 * they were archived). */
#define ARCHIVE_FROM_WHERE \
  "FROM reports r " \
  "LEFT JOIN inspections i ON i.id = r.inspection_id " \
  "LEFT JOIN sites s ON s.id = i.site_id " \
  "WHERE (?1 IS NULL OR instr (" XJ_FULL_NUMBER ("r.") " || ' ' || ifnull(" XJ_MERGED_SITE_NAME ("s") ", '') " \
  "  || ' ' || r.signer || ' ' || ifnull(i.inspector, '') || ' ' || ifnull(i.rep_name, '') " \
  "  || ' ' || ifnull(r.month, ''), ?1) > 0) " \
  "AND (?2 = 0 OR " XJ_SITE_IN ("i.site_id", "?2") ") AND (?3 IS NULL OR i.kind = ?3) " \
  "AND (?4 IS NULL OR i.grade = ?4) " \
  "AND (?5 = 0 OR ifnull(i.started_at, r.created_at) >= ?5) " \
  "AND (?6 = 0 OR ifnull(i.started_at, r.created_at) < ?6) "

void            _xj_archive_bind_query     (sqlite3_stmt         *stmt,
                                            const XjArchiveQuery *query);
XjArchiveEntry *_xj_archive_entry_from_row (sqlite3_stmt         *stmt);

G_END_DECLS
