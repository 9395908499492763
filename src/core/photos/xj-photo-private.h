/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-photo.h"

G_BEGIN_DECLS

GBytes   *_xj_photo_read_file  (const char  *path,
                                GError     **error);
char     *_xj_photo_stage_file (const char  *folder,
                                GBytes      *bytes,
                                const char  *display_name,
                                GError     **error);
gboolean  _xj_photo_commit_file (const char *temp,
                                const char  *target,
                                const char  *display_name,
                                GError     **error);
gboolean  _xj_photo_write_file (const char  *target,
                                GBytes      *bytes,
                                const char  *display_name,
                                GError     **error);

void      _xj_photo_set_format_error (const guint8 *data,
                                      gsize         length,
                                      const char   *display_name,
                                      GError      **error);

G_END_DECLS
