/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-application.h"

G_BEGIN_DECLS

/* The most notifications one check posts one by one; beyond, one summary. */
#define XJ_NOTICE_REMINDERS_MAX 5

void  xj_notice_reminders_run  (XjApplication *application,
                                GCancellable  *cancellable);
guint xj_notice_reminders_get_n_running (void);

G_END_DECLS
