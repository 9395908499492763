/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"
#include "xj-template.h"

G_BEGIN_DECLS

/* The JSON format's "format_version"; docs/template-format.md. */
#define XJ_TEMPLATE_FORMAT_VERSION 1
/* Files larger than this are refused before they are parsed. */
#define XJ_TEMPLATE_FILE_MAX (5 * 1024 * 1024)
/* Our format nests 7 levels; anything much deeper is not a template. */
#define XJ_TEMPLATE_JSON_DEPTH_MAX 20
#define XJ_TEMPLATE_ITEMS_MAX 2000

char        *xj_template_to_json      (const XjTemplate  *tmpl);
char        *xj_template_to_csv       (const XjTemplate  *tmpl);

/* Parse and validate; @filename only names the file in messages.  On a bad
 * file: NULL and XJ_TEMPLATE_ERROR_FILE with every problem, one per line,
 * each starting with the file and a line number or JSON path. */
XjTemplate  *xj_template_from_json    (const char        *data,
                                       gsize              length,
                                       const char        *filename,
                                       GError           **error);
XjTemplate  *xj_template_from_csv     (const char        *data,
                                       gsize              length,
                                       const char        *filename,
                                       GError           **error);

/* By extension (.json or .csv, any case). */
XjTemplate  *xj_template_read_file    (const char        *path,
                                       GError           **error);
gboolean     xj_template_write_file   (const XjTemplate  *tmpl,
                                       const char        *path,
                                       GError           **error);

/* Read, validate, then store as a new template in one transaction.
 * Returns: the new template's id, 0 on error (nothing stored). */
gint64       xj_store_import_template (XjStore           *store,
                                       const char        *path,
                                       const char        *actor,
                                       GError           **error);
gboolean     xj_store_export_template (XjStore           *store,
                                       gint64             template_id,
                                       const char        *path,
                                       GError           **error);

G_END_DECLS
