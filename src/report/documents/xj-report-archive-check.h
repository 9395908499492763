/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "xj-store.h"

G_BEGIN_DECLS

/* Untouched this long, a signing's temporary file is a leftover. */
#define XJ_ARCHIVE_STALE_SECONDS (60 * 60)

gboolean  xj_archive_check                (XjStore     *store,
                                           GString     *report,
                                           guint       *n_checked,
                                           GError     **error);
guint     xj_archive_remove_temporaries   (const char  *data_dir,
                                           gint64       now,
                                           GString     *report);

G_END_DECLS
