/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

/* The field of a notice's conflict when two of its steps cannot both
 * stand; mine and theirs are the two steps as JSON objects (event, who,
 * at, step, from, to, remark, photos). */
#define XJ_TEAM_STEPS_FIELD "steps"

/* Folds the event log of notice @notice_uuid into its state and the
 * fields its steps set (inside the caller's transaction, capture as the
 * caller set it).  Two steps from the same state that cannot both stand
 * make one 'steps' conflict (recorded once; @pulled_events, the events
 * that came from the team in this sync, tells which one is theirs); a
 * decision among them closes it.  When the fold leaves the notice other
 * than the server last had it, the notice is queued for the next push.
 * @found is incremented by the conflicts recorded now. */
gboolean _xj_fold_notice        (XjStore      *store,
                                 const char   *notice_uuid,
                                 GHashTable   *pulled_events,
                                 gint64       *found,
                                 GError      **error);

/* Settles the 'steps' conflict of @notice_uuid by appending a decision
 * event for the step in @kept_json (the conflict's mine or theirs), then
 * folding again (inside the caller's transaction, capture on). */
gboolean _xj_fold_decide        (XjStore      *store,
                                 const char   *notice_uuid,
                                 const char   *kept_json,
                                 const char   *actor,
                                 GError      **error);

/* The team's copy of notice @notice_uuid taken: its steps made here and
 * never sent go from its history (each kept in the audit as discarded,
 * action 'discard_step'), and the log is folded again without them, so
 * that no later pull folds them back in (inside the caller's transaction,
 * capture off). */
gboolean _xj_fold_discard_local (XjStore      *store,
                                 const char   *notice_uuid,
                                 const char   *actor,
                                 GError      **error);

G_END_DECLS
