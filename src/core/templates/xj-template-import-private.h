/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-template-io.h"

G_BEGIN_DECLS

/* Problems found in one file; reported all at once. */
typedef struct {
  char      *filename;
  GPtrArray *lines;     /* "file:line: message" strings */
  GHashTable *bad_items; /* "s/i" of items whose fields did not parse */
} XjImportReport;

void      _xj_import_report_init      (XjImportReport *report,
                                       const char     *filename);
void      _xj_import_report_clear     (XjImportReport *report);
void      _xj_import_report_add       (XjImportReport *report,
                                       const char     *location,
                                       const char     *format,
                                       ...) G_GNUC_PRINTF (3, 4);
void      _xj_import_report_addv      (XjImportReport *report,
                                       const char     *location,
                                       const char     *format,
                                       va_list         args) G_GNUC_PRINTF (3, 0);
void      _xj_import_report_mark_item (XjImportReport *report,
                                       int             section,
                                       int             item);
gboolean  _xj_import_report_item_bad  (XjImportReport *report,
                                       int             section,
                                       int             item);
gboolean  _xj_import_report_finish    (XjImportReport *report,
                                       GError        **error);

/* Text checks shared by both formats: size, NUL bytes, UTF-8, BOM.
 * Returns a terminated copy to parse, or NULL with @report filled. */
char       *_xj_import_check_text     (XjImportReport *report,
                                       const char     *data,
                                       gsize          *length);

/* Accepts an id or one of its English / Chinese spellings. */
gboolean  _xj_import_lookup_alias     (const char     *field,
                                       const char     *text,
                                       const char    **id);

G_END_DECLS
