/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-numbers.h"

G_BEGIN_DECLS

/* A number as shown everywhere: the base number, and "-" and the suffix
 * when it has one (ZG-2026-0001-B).  @t: the table's alias and a dot, or "". */
#define XJ_FULL_NUMBER(t) \
  "(" t "number || CASE " t "number_suffix WHEN '' THEN '' ELSE '-' || " t "number_suffix END)"

gboolean _xj_numbers_next (XjStore       *store,
                           XjNumberKind   kind,
                           const char    *notice_type,
                           int            year,
                           XjNumber      *number,
                           GError       **error);
gboolean _xj_numbers_take (XjStore         *store,
                           XjNumberKind     kind,
                           const char      *notice_type,
                           const XjNumber  *number,
                           GError         **error);

G_END_DECLS
