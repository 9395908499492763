/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The notices of the years of demo history (`demo --years`): a liaison
 * turns a share of the failing checks into notices, the way the board
 * shows them after years of work.  Most are put right and closed before
 * their deadline, some after it, a few stay open (overdue ones are
 * escalated by the day's escalation run) and serious ones are escalated at
 * once; most safety hazards are made safe on the spot and the few raised
 * are put right in time.  Each step goes through the real lifecycle API at the time it
 * happened (the clock is moved for it), inside one outer transaction per
 * batch so that years of notices do not wait for a disk sync each.
 */
#define G_LOG_DOMAIN "xj-demo"

#include "config.h"

#include "xj-clock.h"
#include "xj-demo.h"
#include "xj-demo-private.h"
#include "xj-finding.h"
#include "xj-inspection.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-store.h"
#include "xj-transaction.h"

#define BATCH 200
#define N_AFTER_PHOTOS 6

/* The shares a liaison's board shows after years: of the notices whose
 * deadline has passed, most closed on time, some late, a few still open. */
#define SHARE_LATE 0.22
#define SHARE_LEFT_OPEN 0.06
#define SHARE_ESCALATED 0.04
/* A hazard on a routine check (an exit blocked by bicycles, an
 * extinguisher out of its cabinet) is mostly made safe on the spot while
 * the inspector waits, so no notice; the rest are real hazards, escalated
 * at issue by the rule, and put right quickly: late now and then, never
 * left open. */
#define SHARE_SAFETY_RAISED 0.12
#define SHARE_SAFETY_LATE 0.1

typedef struct {
  XjStore    *store;
  GRand      *rand;
  gint64      now;
  const char *after[N_AFTER_PHOTOS + 1];
  GPtrArray  *photos;     /* owns the after-photos' names */
} Liaison;

static gboolean
step_at (gint64 at,
         gint64 now)
{
  if (at >= now)
    return FALSE;
  xj_clock_set_fixed (at);
  return TRUE;
}

/* One notice from the failures of @inspection_id, played to where its
 * story ends before now. */
static gboolean
raise_notice (Liaison       *l,
              gint64         inspection_id,
              gint64         completed_at,
              GError       **error)
{
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GArray) failed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(XjNotice) notice = NULL;
  GHashTableIter iter;
  XjAnswer *answer;
  gint64 issued = completed_at + g_rand_int_range (l->rand, 1, 6) * HOUR;
  gint64 deadline = issued + g_rand_int_range (l->rand, 2, 8) * DAY;
  double fate = g_rand_double (l->rand);
  gboolean safety, late, left_open = FALSE;
  gint64 id, rectified;

  if (!step_at (issued, l->now))
    return TRUE;
  if ((answers = xj_store_load_answers (l->store, inspection_id, error)) == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &answer) && failed->len < 3)
    if (answer->outcome == XJ_OUTCOME_FAIL)
      g_array_append_val (failed, answer->answer_id);
  if (failed->len == 0)
    return TRUE;
  notice = xj_store_new_notice_from_findings (l->store, (const gint64 *) failed->data, failed->len,
                                              XJ_REPEAT_WINDOW_DAYS_DEFAULT, error);
  if (notice == NULL)
    return FALSE;
  xj_notice_set_addressed_company (notice, COMPANY);
  xj_notice_set_addressed_person (notice, RECIPIENT);
  xj_notice_set_required_action (notice, "请于期限内按检查发现完成整改，并拍照回复");
  safety = xj_notice_get_severity (notice) == XJ_NOTICE_SEVERITY_SAFETY;
  if (safety && g_rand_double (l->rand) >= SHARE_SAFETY_RAISED)
    return TRUE;   /* made safe on the spot */
  if (safety)
    {
      /* The rule's short deadline; acknowledged two hours on. */
      deadline = xj_notice_get_deadline (notice);
      late = fate < SHARE_SAFETY_LATE;
    }
  else
    {
      xj_notice_set_deadline (notice, deadline);
      left_open = fate > 1 - SHARE_LEFT_OPEN;
      late = !left_open && fate > 1 - SHARE_LEFT_OPEN - SHARE_LATE;
    }
  if (!xj_store_create_notice (l->store, notice, XJ_REPEAT_WINDOW_DAYS_DEFAULT, LIAISON, error))
    return FALSE;
  id = xj_notice_get_id (notice);
  if (!_xj_demo_notice_step (l->store, id, XJ_NOTICE_ACTION_ISSUE, NULL, 0, error))
    return FALSE;
  /* Safety hazards are escalated as they are issued (the rule); a share
   * of the others by the liaison. */
  if (fate < SHARE_ESCALATED && !safety)
    {
      if (step_at (issued + 2 * HOUR, l->now)
          && !xj_store_escalate_notice (l->store, id, "严重问题，报项目经理督办", LIAISON, error))
        return FALSE;
    }
  if (!step_at (issued + g_rand_int_range (l->rand, 2, safety ? 3 : 30) * HOUR, l->now))
    return TRUE;
  if (!_xj_demo_notice_step (l->store, id, XJ_NOTICE_ACTION_ACKNOWLEDGE, NULL, 0, error))
    return FALSE;
  if (left_open)
    return TRUE;   /* still waiting: overdue once its deadline passes */
  if (late)
    rectified = deadline + g_rand_int_range (l->rand, 6, safety ? 48 : 10 * 24) * HOUR;
  else
    rectified = issued + (gint64) ((deadline - issued) * (0.3 + 0.55 * g_rand_double (l->rand)));
  if (!step_at (rectified, l->now)
      || !_xj_demo_notice_step (l->store, id, XJ_NOTICE_ACTION_RECTIFY,
                                l->after, 0, error))
    return error == NULL || *error == NULL;
  if (!step_at (rectified + g_rand_int_range (l->rand, 1, 8) * HOUR, l->now))
    return TRUE;
  return _xj_demo_notice_step (l->store, id, XJ_NOTICE_ACTION_ACCEPT, NULL, 0, error)
         && _xj_demo_notice_step (l->store, id, XJ_NOTICE_ACTION_CLOSE, NULL, 0, error);
}

/**
 * _xj_demo_add_history_notices:
 * @raised: (element-type gint64): pairs of a failing inspection's id and
 *   when it was completed, oldest first
 *
 * Raises and follows a notice for each, then runs the escalation of now.
 */
gboolean
_xj_demo_add_history_notices (XjStore  *store,
                              GArray   *raised,
                              GRand    *rand,
                              GError  **error)
{
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_free);
  gint64 fixed = 0;
  gboolean was_fixed = xj_clock_get_fixed (&fixed);
  Liaison l = { store, rand, xj_clock_now (), { NULL }, photos };
  gboolean ok = TRUE;

  /* A few photos of places put right, shared by the rectifications. */
  for (guint i = 0; i < N_AFTER_PHOTOS; i++)
    {
      char *photo = xj_demo_add_photo (store, 9000 + i, TRUE, error);

      if (photo == NULL)
        return FALSE;
      g_ptr_array_add (photos, photo);
      l.after[i] = photo;
    }
  for (guint i = 0; ok && i < raised->len; i += 2 * BATCH)
    {
      g_autoptr(XjTransaction) batch = xj_transaction_begin (store, error);

      if (batch == NULL)
        {
          ok = FALSE;
          break;
        }
      for (guint j = i; ok && j < MIN (raised->len, i + 2 * BATCH); j += 2)
        ok = raise_notice (&l, g_array_index (raised, gint64, j),
                           g_array_index (raised, gint64, j + 1), error);
      ok = ok && xj_transaction_commit (batch, error);
    }
  if (was_fixed)
    xj_clock_set_fixed (fixed);
  else
    xj_clock_unset_fixed ();
  return ok && xj_notices_escalate_due (store, l.now, NULL, error);
}
