/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-report.h"

G_BEGIN_DECLS

/* A JPEG of width × height whose size grows with detail (0 = smooth). */
void          report_fixture_make_jpeg       (const char *path,
                                              int         width,
                                              int         height,
                                              int         detail,
                                              guint       seed);

/* An inspection at a Chinese site: n_items answers in sections of ten,
 * the first n_failures of every (n_items / n_failures) failing, and the
 * photos (paths of JPEGs width × height) spread over the failures and a few
 * passed answers. */
XjReportData *report_fixture_inspection      (guint       n_items,
                                              guint       n_failures,
                                              GPtrArray  *photo_paths,
                                              int         width,
                                              int         height);

XjNoticeReportData *report_fixture_notice    (XjNoticeReportType  type,
                                              GPtrArray          *photo_paths,
                                              int                 width,
                                              int                 height);

extern const char *report_fixture_site;
extern const char *report_fixture_prompts[];
extern const char *report_fixture_remarks[];

G_END_DECLS
