/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "xj-inspection.h"
#include "xj-store.h"

G_BEGIN_DECLS

#define XJ_ARCHIVE_ERROR (xj_archive_error_quark ())

typedef enum {
  XJ_ARCHIVE_ERROR_FAILED,
  XJ_ARCHIVE_ERROR_NOT_FOUND,     /* no such inspection or archived report */
  XJ_ARCHIVE_ERROR_STATE,         /* not completed, or already signed */
  XJ_ARCHIVE_ERROR_NOT_SIGNED,    /* export: the inspection has no signed report */
  XJ_ARCHIVE_ERROR_ALTERED,       /* the archived file does not match its SHA-256 */
  XJ_ARCHIVE_ERROR_IO,
  XJ_ARCHIVE_ERROR_WRONG_SIGNER,  /* no certificate of the inspector named on the report */
  XJ_ARCHIVE_ERROR_UNKNOWN_SIGNER, /* intact, but signed by a certificate no one here knows */
  XJ_ARCHIVE_ERROR_NUMBER_TAKEN,  /* the report's number went to another report meanwhile */
} XjArchiveError;

/* A row of the reports table, with the file's absolute path. */
typedef struct {
  gint64  id;
  gint64  inspection_id;
  char   *number;
  char   *path;              /* absolute */
  char   *relative_path;     /* as stored: relative to the data folder */
  char   *sha256;
  gint64  bytes;
  char   *signer;
  gint64  created_at;
} XjArchivedReport;

GQuark            xj_archive_error_quark        (void);
void              xj_archived_report_free       (XjArchivedReport    *report);

gboolean          xj_inspection_check_signable  (const XjInspection  *inspection,
                                                 GError             **error);

XjArchivedReport *xj_store_archive_report       (XjStore             *store,
                                                 const XjArchivedReport *report,
                                                 const char          *temp_path,
                                                 GError             **error);
XjArchivedReport *xj_store_get_archived_report  (XjStore             *store,
                                                 gint64               inspection_id,
                                                 GError             **error);
XjArchivedReport *xj_store_find_archived_report (XjStore             *store,
                                                 gint64               report_id,
                                                 GError             **error);
XjArchivedReport *xj_store_archive_monthly_report (XjStore           *store,
                                                   const char        *month,
                                                   const XjArchivedReport *report,
                                                   const char        *temp_path,
                                                   GError           **error);
XjArchivedReport *xj_store_find_monthly_report  (XjStore             *store,
                                                 const char          *month,
                                                 gboolean            *found,
                                                 GError             **error);
gboolean          xj_store_check_month_unarchived (XjStore           *store,
                                                   const char        *month,
                                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjArchivedReport, xj_archived_report_free)

G_END_DECLS
