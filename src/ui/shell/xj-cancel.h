/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Cancels the work running under *@cancellable, if any, and drops it: what
 * a widget does when it starts the work again or goes away. */
static inline void
xj_cancel_clear (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

G_END_DECLS
