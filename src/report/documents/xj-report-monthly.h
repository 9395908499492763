/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-archive-store.h"
#include "xj-certificate.h"
#include "xj-store.h"

G_BEGIN_DECLS

/* The monthly management report of all sites' property checks for one
 * local calendar month, signed with @signer when given. */
gboolean xj_report_write_monthly (XjStore     *store,
                                  int          year,
                                  int          month,
                                  XjSigner    *signer,
                                  const char  *path,
                                  GError     **error);

/* Written, signed with @signer and archived; refused when the month has
 * an archived report already. */
XjArchivedReport *xj_report_archive_monthly (XjStore     *store,
                                             int          year,
                                             int          month,
                                             XjSigner    *signer,
                                             const char  *path,
                                             GError     **error);

G_END_DECLS
