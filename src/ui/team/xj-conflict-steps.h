/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "xj-team-conflicts.h"

G_BEGIN_DECLS

/* The two steps of a notice that cannot both stand (a 'steps' conflict),
 * side by side with their evidence: who, when, the step, its remark and
 * the photos it judged (thumbnails, loaded in a worker). */
GtkWidget *xj_conflict_steps_new (const XjTeamConflict *conflict,
                                  const char           *data_dir,
                                  GCancellable         *cancellable);

G_END_DECLS
