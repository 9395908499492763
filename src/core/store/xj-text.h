/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for NULL, "" and text of white space only (Unicode-aware: the
 * ideographic space U+3000 counts). */
gboolean xj_text_is_blank (const char *text);

G_END_DECLS
