/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A notice's lifecycle is its event log (DESIGN.md, "The team archive"):
 * events are written once and travel as they are; the notice's state, and
 * the fields its steps set, are derived by folding the log in one order,
 * the same on every laptop: event time, then UUID.
 *
 * The fold applies an event when it starts from the state reached so far.
 * One that does not is set aside, and tried again after each step unless a
 * step in force already left the same state before it: steps made in the
 * same second keep their order whatever their UUIDs, and a step made on a
 * laptop whose clock is behind still follows the step it was made after.  At the end, a set-aside event
 * that starts from the same state as a step in force at its time, but
 * leads elsewhere (verified on one laptop, rejected on another), is a
 * fork: the first step stays in force and the notice needs a decision
 * (one 'steps' conflict).  The same step made twice (two verifications)
 * stands once; no conflict.
 *
 * A decision is itself an event, appended and synced like any other, so
 * every laptop folds to the same end: its from_state and to_state are the
 * same (no step of the lifecycle is), the state of the step kept.  Keeping
 * the step set aside takes the log back to before the step in force and
 * continues from the kept one (with its later steps, if any were made).
 *
 * An escalation is an event too (to_state "escalated"), not a step: it
 * leaves the state as it is.  It stands when the notice was open (issued,
 * acknowledged, rectified) at its time by the steps in force; the first
 * that stands, in fold order, gives the escalation's time and reason.  So
 * two laptops escalating offline make one escalated notice (no conflict),
 * and an escalation made offline against a close elsewhere folds the same
 * on every laptop: it stands if it came before the notice was verified.
 * A notice whose log has no escalation (escalated before escalations were
 * events) keeps its flag as it is.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "xj-clock.h"
#include "xj-notice-lifecycle.h"
#include "xj-store-private.h"
#include "xj-team-fold.h"

typedef enum
{
  FATE_WAITING,     /* not reached yet */
  FATE_APPLIED,     /* in force */
  FATE_ASIDE,       /* did not start from the state reached */
  FATE_DROPPED,     /* decided against, or a duplicate creation */
} Fate;

typedef struct
{
  char   *uuid;
  gint64  at;
  char   *actor;
  char   *from;       /* NULL: the notice's creation */
  char   *to;
  char   *remark;
  Fate    fate;
} Step;

typedef struct
{
  GPtrArray *steps;      /* every event, in fold order */
  GPtrArray *in_force;   /* the applied steps, in order (borrowed) */
  const char *state;
  Step      *kept;       /* the last decision's kept step (borrowed) */
  gboolean   escalations; /* the log has escalation events */
  Step      *escalation; /* the escalation that stands, or NULL (borrowed) */
} Fold;

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->uuid);
  g_free (step->actor);
  g_free (step->from);
  g_free (step->to);
  g_free (step->remark);
  g_free (step);
}

static gboolean
read_steps (XjStore     *store,
            const char  *notice_uuid,
            GPtrArray   *steps,
            GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT e.uuid, e.at, e.actor, e.from_state,"
                                         " e.to_state, e.remark FROM notice_events e"
                                         " JOIN notices n ON n.id = e.notice_id"
                                         " WHERE n.uuid = ?1 ORDER BY e.at, e.uuid", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, notice_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Step *step = g_new0 (Step, 1);

      step->uuid = xj_store_column_dup (stmt, 0);
      step->at = sqlite3_column_int64 (stmt, 1);
      step->actor = xj_store_column_dup (stmt, 2);
      step->from = xj_store_column_dup (stmt, 3);
      step->to = xj_store_column_dup (stmt, 4);
      step->remark = xj_store_column_dup (stmt, 5);
      g_ptr_array_add (steps, step);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, "notice_events");
  return TRUE;
}

static gboolean
is_decision (const Step *step)
{
  return step->from != NULL && g_strcmp0 (step->from, step->to) == 0;
}

static gboolean
is_escalation (const Step *step)
{
  return g_strcmp0 (step->to, XJ_NOTICE_ESCALATION_EVENT) == 0;
}

static gboolean
try_apply (Fold *fold,
           Step *step)
{
  if (step->from == NULL ? fold->in_force->len > 0 : g_strcmp0 (step->from, fold->state) != 0)
    return FALSE;
  step->fate = FATE_APPLIED;
  g_ptr_array_add (fold->in_force, step);
  fold->state = step->to;
  return TRUE;
}

/* Whether a step in force started from the same state as @step, at its
 * time or before: then @step came too late for that state. */
static gboolean
has_sibling (Fold *fold,
             Step *step)
{
  for (guint i = 0; i < fold->in_force->len; i++)
    {
      Step *other = g_ptr_array_index (fold->in_force, i);

      if (other->at <= step->at && g_strcmp0 (other->from, step->from) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Set-aside steps that follow on now and had no rival: made in the same
 * second as the step before them, or on a laptop whose clock is behind. */
static void
retry_aside (Fold *fold)
{
  gboolean progress = TRUE;

  while (progress)
    {
      progress = FALSE;
      for (guint i = 0; i < fold->steps->len && !progress; i++)
        {
          Step *step = g_ptr_array_index (fold->steps, i);

          if (step->fate == FATE_ASIDE && !has_sibling (fold, step))
            progress = try_apply (fold, step);
        }
    }
}

/* The step in force at @aside's time that started from the same state:
 * its rival when they lead to different states.  @index: its place. */
static Step *
rival_of (Fold  *fold,
          Step  *aside,
          guint *index)
{
  Step *rival = NULL;

  if (aside->from == NULL)
    return NULL;
  for (guint i = 0; i < fold->in_force->len; i++)
    {
      Step *step = g_ptr_array_index (fold->in_force, i);

      if (step->at <= aside->at && g_strcmp0 (step->from, aside->from) == 0)
        {
          rival = step;
          *index = i;
        }
    }
  if (rival == NULL || g_strcmp0 (rival->to, aside->to) == 0)
    return NULL;
  return rival;
}

static void
decide (Fold *fold,
        Step *decision)
{
  decision->fate = FATE_APPLIED;
  for (guint i = 0; i < fold->steps->len; i++)
    {
      Step *aside = g_ptr_array_index (fold->steps, i);
      guint index = 0;
      Step *rival;

      if (aside->fate != FATE_ASIDE || (rival = rival_of (fold, aside, &index)) == NULL)
        continue;
      if (g_strcmp0 (decision->to, aside->to) == 0)
        {
          /* Back to before the step in force, on along the kept one. */
          for (guint j = index; j < fold->in_force->len; j++)
            ((Step *) g_ptr_array_index (fold->in_force, j))->fate = FATE_DROPPED;
          g_ptr_array_set_size (fold->in_force, index);
          fold->state = index > 0 ? ((Step *) g_ptr_array_index (fold->in_force, index - 1))->to
                                  : NULL;
          try_apply (fold, aside);
          fold->kept = aside;
          retry_aside (fold);
          return;
        }
      if (g_strcmp0 (decision->to, rival->to) == 0)
        {
          aside->fate = FATE_DROPPED;
          fold->kept = rival;
          return;
        }
    }
}

/* --- escalations ---------------------------------------------------------- */

static gboolean
is_open (const char *state)
{
  return g_strcmp0 (state, "issued") == 0 || g_strcmp0 (state, "acknowledged") == 0
         || g_strcmp0 (state, "rectified") == 0;
}

/* The state the steps in force had reached at @at (a step of the same
 * second counts as before), NULL before the notice's creation. */
static const char *
state_at (Fold   *fold,
          gint64  at)
{
  const char *state = NULL;

  for (guint i = 0; i < fold->in_force->len; i++)
    {
      Step *step = g_ptr_array_index (fold->in_force, i);

      if (step->at <= at)
        state = step->to;
    }
  return state;
}

/* Whether the steps in force ever reached @state. */
static gboolean
reached (Fold       *fold,
         const char *state)
{
  for (guint i = 0; i < fold->in_force->len; i++)
    if (g_strcmp0 (((Step *) g_ptr_array_index (fold->in_force, i))->to, state) == 0)
      return TRUE;
  return FALSE;
}

/* After the steps: which escalation stands.  One from a laptop whose
 * clock was behind (the notice not open yet at its time) stands when the
 * state it was made in was reached. */
static void
fold_escalations (Fold *fold)
{
  for (guint i = 0; i < fold->steps->len; i++)
    {
      Step *step = g_ptr_array_index (fold->steps, i);
      const char *state;

      if (!is_escalation (step))
        continue;
      fold->escalations = TRUE;
      state = state_at (fold, step->at);
      if (fold->escalation == NULL
          && (is_open (state)
              || ((state == NULL || g_str_equal (state, "draft")) && is_open (step->from)
                  && reached (fold, step->from))))
        {
          step->fate = FATE_APPLIED;
          fold->escalation = step;
        }
      else
        step->fate = FATE_DROPPED;
    }
}

static void
run_fold (Fold *fold)
{
  for (guint i = 0; i < fold->steps->len; i++)
    {
      Step *step = g_ptr_array_index (fold->steps, i);

      if (is_escalation (step))
        continue;
      if (is_decision (step))
        decide (fold, step);
      else if (try_apply (fold, step))
        retry_aside (fold);
      else
        step->fate = step->from == NULL ? FATE_DROPPED : FATE_ASIDE;
    }
  fold_escalations (fold);
}

/* --- what the fold writes ------------------------------------------------- */

/* The lifecycle's name of the step from @from to @to ("accept", "reject" …). */
static const char *
step_name (const char *from,
           const char *to)
{
  XjNoticeState from_state, to_state, target;

  if (from == NULL)
    return "create";
  if (g_strcmp0 (from, to) == 0)
    return "decide";
  if (!xj_notice_state_from_string (from, &from_state) || !xj_notice_state_from_string (to, &to_state))
    return "";
  for (guint i = 0; i < XJ_NOTICE_N_ACTIONS; i++)
    if (xj_notice_action_allowed (from_state, i, &target) && target == to_state)
      return xj_notice_action_to_string (i);
  return "";
}

/* The step as the notice page names it ("Accept", "Reject" …). */
static const char *
step_label (const char *from,
            const char *to)
{
  const char *name = step_name (from, to);

  for (guint i = 0; i < XJ_NOTICE_N_ACTIONS; i++)
    if (g_str_equal (name, xj_notice_action_to_string (i)))
      return xj_notice_action_get_label (i);
  return name;
}

/* The escalation flag, its time and reason from the escalation that
 * stands (none: not escalated). */
static gboolean
write_escalation (XjStore     *store,
                  const char  *notice_uuid,
                  const Step  *escalation,
                  GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "UPDATE notices SET escalated = ?2,"
                                         " escalated_at = ?3, escalation_reason = ?4"
                                         " WHERE uuid = ?1 AND (escalated, escalated_at,"
                                         " escalation_reason) IS NOT (?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, notice_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, escalation != NULL);
  if (escalation != NULL)
    sqlite3_bind_int64 (stmt, 3, escalation->at);
  sqlite3_bind_text (stmt, 4, escalation != NULL ? escalation->remark : "", -1, SQLITE_TRANSIENT);
  return xj_store_step_done (store, stmt, error);
}

/* Writes the state and the fields the steps in force set, as the
 * lifecycle (xj-notice-lifecycle.c) sets them. */
static gboolean
write_state (XjStore     *store,
             const char  *notice_uuid,
             Fold        *fold,
             GError     **error)
{
  gint64 issued_at = 0, acknowledged_at = 0, rectified_at = 0, verified_at = 0, closed_at = 0;
  const char *issued_by = "", *acknowledged_by = "", *remark = NULL, *verified_by = "";
  sqlite3_stmt *stmt;
  gint64 *times[] = { &issued_at, &acknowledged_at, &rectified_at, &verified_at, &closed_at };

  for (guint i = 0; i < fold->in_force->len; i++)
    {
      Step *step = g_ptr_array_index (fold->in_force, i);
      const char *name = step_name (step->from, step->to);

      if (g_str_equal (name, "issue"))
        issued_at = step->at, issued_by = step->actor;
      else if (g_str_equal (name, "acknowledge"))
        acknowledged_at = step->at, acknowledged_by = step->remark;
      else if (g_str_equal (name, "rectify"))
        rectified_at = step->at, remark = step->remark;
      else if (g_str_equal (name, "accept"))
        verified_at = step->at, verified_by = step->actor;
      else if (g_str_equal (name, "reject"))
        acknowledged_at = 0, acknowledged_by = "", rectified_at = 0;
      else if (g_str_equal (name, "close"))
        closed_at = step->at;
    }
  /* Changed only when something differs: with capture on (a decision),
   * an unchanged notice is not sent again. */
  stmt = xj_store_prepare (store, "UPDATE notices SET state = ?2, issued_at = coalesce(?3, issued_at),"
                           " issued_by = ?4, acknowledged_at = ?5, acknowledged_by = ?6,"
                           " rectified_at = ?7, rectification_remark = coalesce(?8,"
                           " rectification_remark), verified_at = ?9, verified_by = ?10,"
                           " closed_at = ?11 WHERE uuid = ?1 AND (state, issued_by,"
                           " acknowledged_at, acknowledged_by, rectified_at, verified_at,"
                           " verified_by, closed_at) IS NOT (?2, ?4, ?5, ?6, ?7, ?9, ?10, ?11)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, notice_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, fold->state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, issued_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, acknowledged_by, -1, SQLITE_TRANSIENT);
  if (remark != NULL)
    sqlite3_bind_text (stmt, 8, remark, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, verified_by, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      static const int columns[] = { 3, 5, 7, 9, 11 };

      if (*times[i] != 0)
        sqlite3_bind_int64 (stmt, columns[i], *times[i]);
    }
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  return !fold->escalations || write_escalation (store, notice_uuid, fold->escalation, error);
}

/* The notice differs from the server's last body in what the fold sets:
 * queued, so the server's copy ends as the fold too. */
static gboolean
queue_if_server_differs (XjStore     *store,
                         const char  *notice_uuid,
                         GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
    "INSERT INTO team_outbox (table_name, record, changed_at)"
    " SELECT 'notices', n.uuid, unixepoch() FROM notices n JOIN team_shadow s"
    "   ON s.table_name = 'notices' AND s.record = n.uuid"
    " WHERE n.uuid = ?1 AND (n.state, n.issued_by, n.acknowledged_at, n.acknowledged_by,"
    "   n.rectified_at, n.verified_at, n.verified_by, n.closed_at, n.escalated,"
    "   n.escalated_at, n.escalation_reason)"
    "   IS NOT (s.body ->> 'state', s.body ->> 'issued_by', s.body ->> 'acknowledged_at',"
    "   s.body ->> 'acknowledged_by', s.body ->> 'rectified_at', s.body ->> 'verified_at',"
    "   s.body ->> 'verified_by', s.body ->> 'closed_at', s.body ->> 'escalated',"
    "   s.body ->> 'escalated_at', s.body ->> 'escalation_reason')"
    " AND NOT EXISTS (SELECT 1 FROM team_outbox o WHERE o.table_name = 'notices'"
    "   AND o.record = n.uuid)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, notice_uuid, -1, SQLITE_TRANSIENT);
  return xj_store_step_done (store, stmt, error);
}

/* One step as the Conflicts page shows it: who, when, which step, the
 * remark, and the after-photos it judged. */
static const char step_json_sql[] =
  "SELECT json_object('event', e.uuid, 'who', e.actor, 'at', e.at, 'step', ?2,"
  "  'from', e.from_state, 'to', e.to_state, 'remark', e.remark,"
  "  'photos', (SELECT json_group_array(p.sha256) FROM (SELECT sha256 FROM notice_photos"
  "    WHERE notice_id = e.notice_id AND phase = 'after' AND added_at <= e.at"
  "    ORDER BY position, id) p))"
  " FROM notice_events e WHERE e.uuid = ?1";

static char *
step_json (XjStore     *store,
           const Step  *step,
           GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, step_json_sql, error);
  char *json = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, step->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, step_name (step->from, step->to), -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json = xj_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, "notice_events");
  return json;
}

static gboolean
record_fork (XjStore     *store,
             const char  *notice_uuid,
             Step        *mine,
             Step        *theirs,
             gint64      *found,
             GError     **error)
{
  g_autofree char *mine_json = step_json (store, mine, error);
  g_autofree char *their_json = mine_json != NULL ? step_json (store, theirs, error) : NULL;
  sqlite3_stmt *stmt;

  if (their_json == NULL)
    return FALSE;
  /* Once: an open 'steps' conflict of the notice stays as first found. */
  stmt = xj_store_prepare (store, "INSERT OR IGNORE INTO team_conflicts (table_name, record,"
                           " field, mine, theirs, their_author, their_changed_at, found_at)"
                           " VALUES ('notices', ?1, '" XJ_TEAM_STEPS_FIELD "', ?2, ?3, ?4, ?5, ?6)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, notice_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mine_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, their_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, theirs->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, theirs->at);
  sqlite3_bind_int64 (stmt, 6, xj_clock_now ());
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  if (found != NULL)
    *found += sqlite3_changes (xj_store_get_db (store));
  return TRUE;
}

/* A decision made elsewhere arrived: the conflict waiting here is closed
 * with the side it kept. */
static gboolean
close_decided (XjStore     *store,
               const char  *notice_uuid,
               const Step  *kept,
               GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "UPDATE team_conflicts SET resolved_at = ?3,"
                                         " kept = CASE WHEN mine ->> 'event' = ?2 THEN 'mine'"
                                         " ELSE 'theirs' END WHERE table_name = 'notices'"
                                         " AND record = ?1 AND field = '" XJ_TEAM_STEPS_FIELD "'"
                                         " AND resolved_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, notice_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kept->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, xj_clock_now ());
  return xj_store_step_done (store, stmt, error);
}

/* --- public (private to the team code) ------------------------------------ */

gboolean
_xj_fold_notice (XjStore      *store,
                 const char   *notice_uuid,
                 GHashTable   *pulled_events,
                 gint64       *found,
                 GError      **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (step_free);
  g_autoptr(GPtrArray) in_force = g_ptr_array_new ();
  Fold fold = { steps, in_force, NULL, NULL, FALSE, NULL };
  Step *aside = NULL;
  Step *rival = NULL;

  if (!read_steps (store, notice_uuid, steps, error))
    return FALSE;
  run_fold (&fold);
  /* A notice without its creation in the log (made before events were
   * kept) is left as it is. */
  if (in_force->len == 0 || ((Step *) g_ptr_array_index (in_force, 0))->from != NULL)
    return TRUE;
  if (!write_state (store, notice_uuid, &fold, error)
      || !queue_if_server_differs (store, notice_uuid, error))
    return FALSE;

  for (guint i = 0; i < steps->len && rival == NULL; i++)
    {
      guint index;

      aside = g_ptr_array_index (steps, i);
      if (aside->fate == FATE_ASIDE)
        rival = rival_of (&fold, aside, &index);
    }
  if (rival != NULL)
    {
      /* Mine is the step made here; on a laptop that made neither, the
       * one in force here. */
      gboolean rival_came = pulled_events != NULL
                            && g_hash_table_contains (pulled_events, rival->uuid);
      gboolean aside_came = pulled_events != NULL
                            && g_hash_table_contains (pulled_events, aside->uuid);

      if (rival_came && !aside_came)
        return record_fork (store, notice_uuid, aside, rival, found, error);
      return record_fork (store, notice_uuid, rival, aside, found, error);
    }
  if (fold.kept != NULL)
    return close_decided (store, notice_uuid, fold.kept, error);
  return TRUE;
}

gboolean
_xj_fold_decide (XjStore      *store,
                 const char   *notice_uuid,
                 const char   *kept_json,
                 const char   *actor,
                 GError      **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *who = NULL;
  g_autofree char *remark = NULL;
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT ?1 ->> 'from', ?1 ->> 'to', ?1 ->> 'who'",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kept_json, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      from = xj_store_column_dup (stmt, 0);
      to = xj_store_column_dup (stmt, 1);
      who = xj_store_column_dup (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (to == NULL)
    {
      g_set_error_literal (error, XJ_STORE_ERROR, XJ_STORE_ERROR_INVALID,
                           _("This conflict names no step that can be kept."));
      return FALSE;
    }
  /* Translators: the remark of a notice's history entry when a person
   * decided between two steps made offline on two laptops; the first %s
   * is the step kept ("Accept", "Reject" …), the second who made it. */
  remark = g_strdup_printf (_("Decision between two offline steps: kept “%s” by %s"),
                            step_label (from, to), who != NULL ? who : "");
  /* The decision comes after every event the notice has, so that it folds
   * after both steps on every laptop whatever the clocks. */
  stmt = xj_store_prepare (store, "INSERT INTO notice_events (notice_id, at, actor, from_state,"
                           " to_state, deadline, remark)"
                           " SELECT n.id, max(?2, coalesce((SELECT max(at) + 1 FROM notice_events"
                           "   WHERE notice_id = n.id), 0)), ?3, ?4, ?4, n.deadline, ?5"
                           " FROM notices n WHERE n.uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, notice_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, xj_clock_now ());
  sqlite3_bind_text (stmt, 3, actor != NULL ? actor : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, remark, -1, SQLITE_TRANSIENT);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (xj_store_get_db (store)) != 1)
    {
      g_set_error_literal (error, XJ_STORE_ERROR, XJ_STORE_ERROR_NOT_FOUND,
                           _("The notice of this conflict is not on this laptop."));
      return FALSE;
    }
  return _xj_fold_notice (store, notice_uuid, NULL, NULL, error);
}

gboolean
_xj_fold_discard_local (XjStore      *store,
                        const char   *notice_uuid,
                        const char   *actor,
                        GError      **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (step_free);
  sqlite3_stmt *stmt;

  if (!read_steps (store, notice_uuid, steps, error))
    return FALSE;
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = g_ptr_array_index (steps, i);
      g_autofree char *json = NULL;
      gboolean waiting;

      /* Local only: made here and never sent (the team would have it). */
      if ((stmt = xj_store_prepare (store, "SELECT 1 FROM team_outbox"
                                    " WHERE table_name = 'notice_events' AND record = ?1",
                                    error)) == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, step->uuid, -1, SQLITE_TRANSIENT);
      waiting = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!waiting)
        continue;
      /* Kept in the history as discarded (the audit is append-only). */
      if ((json = step_json (store, step, error)) == NULL
          || (stmt = xj_store_prepare (store, "INSERT INTO audit_log (at, actor, entity,"
                                       " entity_id, action, detail)"
                                       " SELECT ?1, ?2, 'notice', id, 'discard_step', ?3"
                                       " FROM notices WHERE uuid = ?4", error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, xj_clock_now ());
      sqlite3_bind_text (stmt, 2, actor != NULL ? actor : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, notice_uuid, -1, SQLITE_TRANSIENT);
      if (!xj_store_step_done (store, stmt, error)
          || (stmt = xj_store_prepare (store, "DELETE FROM team_outbox"
                                       " WHERE table_name = 'notice_events' AND record = ?1",
                                       error)) == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, step->uuid, -1, SQLITE_TRANSIENT);
      if (!xj_store_step_done (store, stmt, error)
          || (stmt = xj_store_prepare (store, "DELETE FROM team_set_aside"
                                       " WHERE table_name = 'notice_events' AND record = ?1",
                                       error)) == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, step->uuid, -1, SQLITE_TRANSIENT);
      if (!xj_store_step_done (store, stmt, error)
          || (stmt = xj_store_prepare (store, "DELETE FROM notice_events WHERE uuid = ?1",
                                       error)) == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, step->uuid, -1, SQLITE_TRANSIENT);
      if (!xj_store_step_done (store, stmt, error))
        return FALSE;
    }
  return _xj_fold_notice (store, notice_uuid, NULL, NULL, error);
}
