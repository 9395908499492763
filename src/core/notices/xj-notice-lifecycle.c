/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The life of a notice:
 *
 *   draft ─issue→ issued ─acknowledge→ acknowledged ─rectify→ rectified
 *                   ↑                                            │
 *                   └──────── reject (new deadline) ─────────────┤
 *                                                             accept
 *                   closed ←─close── verified ←──────────────────┘
 *
 * The core refuses everything else, whatever the UI shows.  After a
 * rejection the notice is issued again with a new deadline and must be
 * acknowledged again: the recipient accepts the new date.  Every change is
 * one transaction with a notice_events row (the history, including the
 * deadline a rejection replaced) and an audit entry, then "changed::notices".
 *
 * A draft that will not be issued is discarded (deleted): the schema wants
 * an issue date on every notice past draft, and a withdrawn draft has none.
 * Its number is not reused (the counter stays where it is) and the audit
 * log says which number was discarded and why, so the register's hole is
 * explained.
 *
 * Escalation is a flag, not a state: see xj-notice-escalation.c.
 */
#define G_LOG_DOMAIN "xj-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-private.h"
#include "xj-transaction.h"
#include "xj-words.h"

static const struct {
  const char    *id;
  const char    *label;
  XjNoticeState  from;
  XjNoticeState  to;
} actions[] = {
  [XJ_NOTICE_ACTION_ISSUE] = { "issue", NC_("notice action", "Issue"),
                               XJ_NOTICE_STATE_DRAFT, XJ_NOTICE_STATE_ISSUED },
  [XJ_NOTICE_ACTION_ACKNOWLEDGE] = { "acknowledge", NC_("notice action", "Acknowledge"),
                                     XJ_NOTICE_STATE_ISSUED, XJ_NOTICE_STATE_ACKNOWLEDGED },
  [XJ_NOTICE_ACTION_RECTIFY] = { "rectify", NC_("notice action", "Record rectification"),
                                 XJ_NOTICE_STATE_ACKNOWLEDGED, XJ_NOTICE_STATE_RECTIFIED },
  [XJ_NOTICE_ACTION_ACCEPT] = { "accept", NC_("notice action", "Accept"),
                                XJ_NOTICE_STATE_RECTIFIED, XJ_NOTICE_STATE_VERIFIED },
  [XJ_NOTICE_ACTION_REJECT] = { "reject", NC_("notice action", "Reject"),
                                XJ_NOTICE_STATE_RECTIFIED, XJ_NOTICE_STATE_ISSUED },
  [XJ_NOTICE_ACTION_CLOSE] = { "close", NC_("notice action", "Close Out"),
                               XJ_NOTICE_STATE_VERIFIED, XJ_NOTICE_STATE_CLOSED },
};

G_STATIC_ASSERT (G_N_ELEMENTS (actions) == XJ_NOTICE_N_ACTIONS);

/* --- actions -------------------------------------------------------------- */

gboolean
xj_notice_action_allowed (XjNoticeState   state,
                          XjNoticeAction  action,
                          XjNoticeState  *target)
{
  g_return_val_if_fail ((guint) action < G_N_ELEMENTS (actions), FALSE);

  if (actions[action].from != state)
    return FALSE;
  if (target != NULL)
    *target = actions[action].to;
  return TRUE;
}

XJ_DEFINE_WORD_TO_STRING (extern, xj_notice_action, XjNoticeAction, actions)

XJ_DEFINE_WORD_LABEL (extern, xj_notice_action, XjNoticeAction, actions, "notice action")

static void
set_illegal_error (GError         **error,
                   const XjNoticeCurrent   *current,
                   XjNoticeAction   action)
{
  g_autoptr(GString) allowed = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (actions[i].from == current->state)
      {
        if (allowed->len > 0)
          g_string_append (allowed, C_("list separator", ", "));
        g_string_append (allowed, xj_notice_action_get_label (i));
      }
  if (allowed->len == 0)
    g_string_append (allowed, C_("allowed actions", "nothing"));

  g_set_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_ILLEGAL_TRANSITION,
               _("Cannot “%s” notice %s: it is %s. Allowed now: %s."),
               xj_notice_action_get_label (action), current->number,
               xj_notice_state_get_label (current->state), allowed->str);
}

/* --- transitions ---------------------------------------------------------- */

/* Opens the transaction and checks that @action is allowed now; on
 * failure nothing is left open. */
static XjTransaction *
begin_transition (XjStore          *store,
                  gint64            notice_id,
                  XjNoticeAction    action,
                  XjNoticeCurrent  *current,
                  GError          **error)
{
  g_autoptr(XjTransaction) tx = _xj_notice_begin (store, notice_id, current, error);

  if (tx == NULL)
    return NULL;
  if (!xj_notice_action_allowed (current->state, action, &current->target))
    {
      set_illegal_error (error, current, action);
      return NULL;
    }
  return g_steal_pointer (&tx);
}

/* Moves the state (after the action's own columns were written, which the
 * schema's CHECKs may need), records history and audit, commits. */
static gboolean
finish_transition (XjStore                *store,
                   XjTransaction          *tx,
                   const XjNoticeCurrent  *current,
                   XjNoticeAction          action,
                   const char             *actor,
                   const char             *remark,
                   GError                **error)
{
  const char *from = xj_notice_state_to_string (current->state);
  const char *to = xj_notice_state_to_string (current->target);
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  stmt = xj_store_prepare (store,
                           "UPDATE notices SET state = ?1, updated_at = ?2 WHERE id = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, to, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, xj_clock_now ());
  sqlite3_bind_int64 (stmt, 3, current->id);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  /* What was typed for a step is in the step now, or no longer asked for. */
  stmt = xj_store_prepare (store, "DELETE FROM notice_step_drafts WHERE notice_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, current->id);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;

  detail = g_strdup_printf ("%s: %s → %s%s%s", current->number, from, to,
                            remark != NULL && *remark != '\0' ? ": " : "",
                            remark != NULL ? remark : "");
  /* The event keeps the deadline in force before the change: for a
   * rejection, the one that the new deadline replaced. */
  if (!_xj_notice_insert_event (store, current->id, actor, from, to, current->deadline,
                                remark, error)
      || !xj_store_audit (store, actor, "notice", current->id,
                          xj_notice_action_to_string (action), detail, error)
      || !xj_transaction_commit (tx, error))
    return FALSE;

  xj_store_emit_changed (store, "notices");
  return TRUE;
}

static gboolean
require_future (gint64       deadline,
                GError     **error)
{
  if (deadline > xj_clock_now ())
    return TRUE;
  g_set_error_literal (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID,
                       _("Set a deadline in the future."));
  return FALSE;
}

/* Runs one UPDATE of the action's own columns; ?1 is always the id. */
static gboolean
update_columns (XjStore      *store,
                const char   *sql,
                gint64        notice_id,
                gint64        at,
                const char   *text,
                GError      **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice_id);
  sqlite3_bind_int64 (stmt, 2, at);
  if (text != NULL)
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  return xj_store_step_done (store, stmt, error);
}

/* --- the steps ------------------------------------------------------------ */

/**
 * xj_store_notice_needs_after_photos:
 *
 * Whether recording the rectification of @notice_id needs at least one
 * after-photo: when one of its findings is of an item that requires a
 * photo on failure, its rectification is shown the same way.
 */
gboolean
xj_store_notice_needs_after_photos (XjStore   *store,
                                    gint64     notice_id,
                                    gboolean  *needs,
                                    GError   **error)
{
  gint64 exists = 0;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (needs != NULL, FALSE);

  *needs = FALSE;
  if (!xj_store_query_int64 (store,
                             "SELECT EXISTS (SELECT 1 FROM notice_findings nf "
                             "JOIN answers a ON a.id = nf.answer_id "
                             "JOIN template_items t ON t.id = a.item_id "
                             "WHERE nf.notice_id = ?1 AND t.photo_on_fail = 1)", notice_id,
                             &exists, NULL, _("Could not read notices"), error))
    return FALSE;
  *needs = exists != 0;
  return TRUE;
}

/* What a step needs before anything is opened: the words it asks for, a
 * rejection's new deadline in the future. */
static gboolean
check_options (XjNoticeAction              action,
               const XjNoticeStepOptions  *options,
               GError                    **error)
{
  switch (action)
    {
    case XJ_NOTICE_ACTION_ISSUE:
      return _xj_notice_require_text (options->by, _("Enter who issues the notice."), error);
    case XJ_NOTICE_ACTION_ACKNOWLEDGE:
      return _xj_notice_require_text (options->by, _("Enter who received the notice."), error);
    case XJ_NOTICE_ACTION_RECTIFY:
      return _xj_notice_require_text (options->remark,
                                      _("Describe what was done to rectify the problem."), error);
    case XJ_NOTICE_ACTION_ACCEPT:
      return _xj_notice_require_text (options->by, _("Enter who verified the rectification."),
                                      error);
    case XJ_NOTICE_ACTION_REJECT:
      return _xj_notice_require_text (options->by, _("Enter who verified the rectification."),
                                      error)
             && _xj_notice_require_text (options->remark,
                                         _("Say why the rectification is rejected."), error)
             && require_future (options->new_deadline, error);
    case XJ_NOTICE_ACTION_CLOSE:
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* draft → issued.  Needs a deadline in the future.  A safety hazard is
 * escalated in the same transaction. */
static gboolean
issue (XjStore                *store,
       const XjNoticeCurrent  *current,
       const char             *issuer,
       const char             *actor,
       GError                **error)
{
  gboolean escalated = FALSE;
  gint64 now = xj_clock_now ();

  if (current->deadline <= 0)
    {
      g_set_error_literal (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID,
                           _("Set a deadline before issuing the notice."));
      return FALSE;
    }
  return require_future (current->deadline, error)
         && update_columns (store, "UPDATE notices SET issued_at = ?2, issued_by = ?3 WHERE id = ?1",
                            current->id, now, issuer, error)
         && (current->severity != XJ_NOTICE_SEVERITY_SAFETY
             || _xj_notice_escalate (store, current, "safety", now, actor, &escalated, error));
}

/* issued → acknowledged; the recipient's signature, if any, is kept as a
 * 'recipient' signature of the notice. */
static gboolean
acknowledge (XjStore                    *store,
             const XjNoticeCurrent      *current,
             const XjNoticeStepOptions  *options,
             GError                    **error)
{
  gint64 now = xj_clock_now ();
  sqlite3_stmt *stmt;

  if (!update_columns (store,
                       "UPDATE notices SET acknowledged_at = ?2, acknowledged_by = ?3 "
                       "WHERE id = ?1", current->id, now, options->by, error))
    return FALSE;
  if (options->strokes_json == NULL)
    return TRUE;
  stmt = xj_store_prepare (store,
                           "INSERT INTO signatures (notice_id, role, name, company, signed_at, "
                           "strokes) VALUES (?1, 'recipient', ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, current->id);
  sqlite3_bind_text (stmt, 2, options->by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, options->company != NULL ? options->company : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_text (stmt, 5, options->strokes_json, -1, SQLITE_TRANSIENT);
  return xj_store_step_done (store, stmt, error);
}

/* acknowledged → rectified.  When a finding's item requires a photo on
 * failure, so does its rectification: at least one after-photo. */
static gboolean
rectify (XjStore                    *store,
         const XjNoticeCurrent      *current,
         const XjNoticeStepOptions  *options,
         GError                    **error)
{
  const char *const *after_photos = options->after_photos;
  guint n_photos = after_photos != NULL ? g_strv_length ((char **) after_photos) : 0;
  gboolean want_photos = FALSE;

  if (!xj_store_notice_needs_after_photos (store, current->id, &want_photos, error))
    return FALSE;
  if (want_photos && n_photos == 0)
    {
      g_set_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID,
                   _("Add at least one photo taken after the rectification: the findings of "
                     "notice %s require photos."), current->number);
      return FALSE;
    }
  return update_columns (store,
                         "UPDATE notices SET rectified_at = ?2, rectification_remark = ?3 "
                         "WHERE id = ?1", current->id, xj_clock_now (), options->remark, error)
         && _xj_notice_insert_photos (store, current->id, "after", after_photos, n_photos, error);
}

/* The step's own columns (and rows), written before the state moves. */
static gboolean
write_step (XjStore                    *store,
            const XjNoticeCurrent      *current,
            XjNoticeAction              action,
            const XjNoticeStepOptions  *options,
            const char                 *actor,
            GError                    **error)
{
  switch (action)
    {
    case XJ_NOTICE_ACTION_ISSUE:
      return issue (store, current, options->by, actor, error);
    case XJ_NOTICE_ACTION_ACKNOWLEDGE:
      return acknowledge (store, current, options, error);
    case XJ_NOTICE_ACTION_RECTIFY:
      return rectify (store, current, options, error);
    case XJ_NOTICE_ACTION_ACCEPT:
      return update_columns (store, "UPDATE notices SET verified_at = ?2, verified_by = ?3 "
                             "WHERE id = ?1", current->id, xj_clock_now (), options->by, error);
    case XJ_NOTICE_ACTION_REJECT:
      return update_columns (store, "UPDATE notices SET deadline = ?2, acknowledged_at = NULL, "
                             "acknowledged_by = '', rectified_at = NULL WHERE id = ?1",
                             current->id, options->new_deadline, NULL, error);
    case XJ_NOTICE_ACTION_CLOSE:
    default:
      return update_columns (store, "UPDATE notices SET closed_at = ?2 WHERE id = ?1",
                             current->id, xj_clock_now (), NULL, error);
    }
}

/**
 * xj_store_take_notice_step:
 * @action: the step
 * @options: what the step records (see #XjNoticeStepOptions for the
 *   fields each step reads)
 *
 * Takes one step of the notice's life in one transaction: the step's own
 * columns, then the state, a history row and an audit entry; refused
 * unless the notice's state allows it.  A rejection keeps the previous
 * deadline in the history and clears the acknowledgement and
 * rectification of the rejected round (the history and the after-photos
 * keep them).
 */
gboolean
xj_store_take_notice_step (XjStore                    *store,
                           gint64                      notice_id,
                           XjNoticeAction              action,
                           const XjNoticeStepOptions  *options,
                           GError                    **error)
{
  g_auto(XjNoticeCurrent) current = { 0 };
  g_autoptr(XjTransaction) tx = NULL;
  const char *actor;
  const char *remark;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  actor = options->recorded_by != NULL ? options->recorded_by : options->by;
  /* The history's remark: the recipient's name for an acknowledgement. */
  remark = action == XJ_NOTICE_ACTION_ACKNOWLEDGE ? options->by
           : action == XJ_NOTICE_ACTION_ISSUE || action == XJ_NOTICE_ACTION_CLOSE ? NULL
           : options->remark;
  return check_options (action, options, error)
         && (tx = begin_transition (store, notice_id, action, &current, error)) != NULL
         && write_step (store, &current, action, options, actor, error)
         && finish_transition (store, tx, &current, action, actor, remark, error);
}

/**
 * xj_store_discard_notice_draft:
 * @reason: why the draft is dropped, kept in the audit log
 *
 * Deletes a draft that will not be issued.  Its number stays used.
 */
gboolean
xj_store_discard_notice_draft (XjStore     *store,
                               gint64       notice_id,
                               const char  *reason,
                               const char  *actor,
                               GError     **error)
{
  g_auto(XjNoticeCurrent) current = { 0 };
  g_autoptr(XjTransaction) tx = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if (!_xj_notice_require_text (reason, _("Say why the draft is discarded."), error)
      || (tx = _xj_notice_begin (store, notice_id, &current, error)) == NULL)
    return FALSE;
  if (current.state != XJ_NOTICE_STATE_DRAFT)
    {
      g_set_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_ILLEGAL_TRANSITION,
                   _("Notice %s is %s; only a draft can be discarded."),
                   current.number, xj_notice_state_get_label (current.state));
      return FALSE;
    }
  stmt = xj_store_prepare (store, "DELETE FROM notices WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice_id);
  detail = g_strdup_printf ("%s: %s", current.number, reason);
  if (!xj_store_step_done (store, stmt, error)
      || !xj_store_audit (store, actor, "notice", notice_id, "discard", detail, error)
      || !xj_transaction_commit (tx, error))
    return FALSE;
  xj_store_emit_changed (store, "notices");
  return TRUE;
}
