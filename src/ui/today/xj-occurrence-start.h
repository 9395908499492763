/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-schedule.h"
#include "xj-window.h"

G_BEGIN_DECLS

void xj_occurrence_start (XjApplication      *application,
                          XjWindow           *window,
                          const XjOccurrence *occurrence);

G_END_DECLS
