/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "xj-report-data.h"

G_BEGIN_DECLS

#define XJ_REPORT_ERROR (xj_report_error_quark ())

typedef enum {
  XJ_REPORT_ERROR_FAILED,
  XJ_REPORT_ERROR_NO_FONT,      /* no Chinese TrueType font installed */
  XJ_REPORT_ERROR_FONT,         /* the font could not be subset or embedded */
  XJ_REPORT_ERROR_IMAGE,        /* a photo or the logo could not be read */
  XJ_REPORT_ERROR_WRITE,        /* the PDF could not be written */
} XjReportError;

/* Environment variable naming the font family to use instead of the default
 * (for machines with another Chinese TrueType font, and for tests). */
#define XJ_REPORT_FONT_ENV "XUNJIAN_REPORT_FONT"

/* fraction runs from 0 to 1.  The synchronous writers call it in their own
 * thread; the asynchronous ones in the caller's thread-default main context. */
typedef void (*XjReportProgressFunc) (double   fraction,
                                      gpointer user_data);

GQuark   xj_report_error_quark              (void);

gboolean xj_report_write_inspection         (const XjReportData       *data,
                                             const char               *path,
                                             XjReportProgressFunc      progress,
                                             gpointer                  progress_data,
                                             GCancellable             *cancellable,
                                             GError                  **error);
gboolean xj_report_write_notice             (const XjNoticeReportData *data,
                                             const char               *path,
                                             XjReportProgressFunc      progress,
                                             gpointer                  progress_data,
                                             GCancellable             *cancellable,
                                             GError                  **error);

/* The async writers take ownership of data; progress_data must stay valid
 * until callback has run. */
void     xj_report_write_inspection_async   (XjReportData             *data,
                                             const char               *path,
                                             XjReportProgressFunc      progress,
                                             gpointer                  progress_data,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data);
gboolean xj_report_write_inspection_finish  (GAsyncResult             *result,
                                             GError                  **error);
void     xj_report_write_notice_async       (XjNoticeReportData       *data,
                                             const char               *path,
                                             XjReportProgressFunc      progress,
                                             gpointer                  progress_data,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data);
gboolean xj_report_write_notice_finish      (GAsyncResult             *result,
                                             GError                  **error);

G_END_DECLS
