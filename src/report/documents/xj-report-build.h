/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-inspection-record.h"
#include "xj-report-data.h"
#include "xj-store.h"

G_BEGIN_DECLS

XjReportData       *xj_report_data_from_record        (const XjInspectionRecord *record,
                                                       const char  *organisation,
                                                       const char  *logo_path,
                                                       GError     **error);
XjReportData       *xj_report_data_from_inspection    (XjStore     *store,
                                                       gint64       inspection_id,
                                                       const char  *organisation,
                                                       const char  *logo_path,
                                                       GError     **error);
XjNoticeReportData *xj_notice_report_data_from_notice (XjStore     *store,
                                                       gint64       notice_id,
                                                       const char  *organisation,
                                                       GError     **error);

G_END_DECLS
