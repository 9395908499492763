/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-paged-model.h"
#include "xj-schedule.h"

G_BEGIN_DECLS

/* Schedules by site name, then id, as a lazy list of XjRecords holding an
 * XjSchedule each; @site_id 0 for every site. */
XjPagedModel *xj_schedule_model_new (XjStore *store,
                                     gint64   site_id);

G_END_DECLS
