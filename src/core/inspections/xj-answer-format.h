/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-template.h"

G_BEGIN_DECLS

char *xj_answer_format_value (const XjTemplateItem *item,
                              const char           *value);
char *xj_answer_format_limit (const XjTemplateItem *item);

G_END_DECLS
