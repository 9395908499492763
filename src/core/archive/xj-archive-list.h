/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "xj-store.h"

G_BEGIN_DECLS

/* One archived report as the archive lists it.  Plain data. */
typedef struct {
  gint64    report_id;
  gint64    inspection_id;
  char     *number;
  char     *site_name;
  char     *kind;             /* "daily", "weekly", … */
  gint64    started_at;
  gboolean  has_score;
  double    score;
  char     *grade;            /* "" when none */
  char     *signer;
  gint64    created_at;       /* when it was signed and archived */
  char     *month;            /* a monthly report's "YYYY-MM" (no inspection: id 0); else "" */
} XjArchiveEntry;

typedef struct {
  const char *search;         /* NULL or "": any; else a substring of number, site, signer, inspector */
  gint64      site_id;        /* 0: any */
  const char *kind;           /* NULL: any */
  const char *grade;          /* NULL: any */
  gint64      from;           /* started_at >= from; 0: no bound */
  gint64      to;             /* started_at < to; 0: no bound */
  guint       limit;          /* 0: 100 */
  guint       offset;
} XjArchiveQuery;

#define XJ_ARCHIVE_QUERY_INIT { NULL, 0, NULL, NULL, 0, 0, 0, 0 }

void        xj_archive_entry_free   (XjArchiveEntry        *entry);

/* An archived report's file as it was recorded when it was signed. */
typedef struct {
  char     *number;
  char     *path;             /* relative to the data folder */
  char     *sha256;
  gint64    bytes;
} XjArchivedFile;

GPtrArray  *xj_store_list_archived_files (XjStore          *store,
                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjArchiveEntry, xj_archive_entry_free)

G_END_DECLS
