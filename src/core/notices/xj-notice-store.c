/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Notices in the store: creating them with their number, editing drafts
 * and reading them back.  The board's queries are in xj-notice-board.c.
 *
 * Numbers (ZG-2026-0001) are assigned when the notice is created, as a
 * draft, not when it is issued (where they come from: xj-numbers.c):
 * - the schema wants a number on every row (number NOT NULL UNIQUE), and a
 *   draft is already what the liaison prints, discusses and refers to;
 * - the counter is bumped in the same BEGIN IMMEDIATE transaction as the
 *   insert (notice_counters, or a block leased from the team), so a failed save
 *   rolls the counter back with it (no gap) and two writers, even in two
 *   processes, are serialised by SQLite's write lock (no duplicate);
 * - the counter never goes back, so a number is never reused; the one way
 *   a number goes unused is a draft discarded on purpose, which the audit
 *   log records with its number and reason.
 * The type cannot change after creation: the number carries it.  The year
 * is the creation time's year in the local time zone.
 */
#define G_LOG_DOMAIN "xj-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-finding.h"
#include "xj-notice-private.h"
#include "xj-notice-store.h"
#include "xj-transaction.h"

/* --- rows ----------------------------------------------------------------- */

static void
take_text (char         **field,
           sqlite3_stmt  *stmt,
           int            column)
{
  _xj_notice_set_string (field, (const char *) sqlite3_column_text (stmt, column));
}

static XjNotice *
notice_from_row (sqlite3_stmt *stmt)
{
  XjNotice *self = g_object_new (XJ_TYPE_NOTICE, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  take_text (&self->number, stmt, 1);
  xj_notice_type_from_string ((const char *) sqlite3_column_text (stmt, 2), &self->type);
  xj_notice_state_from_string ((const char *) sqlite3_column_text (stmt, 3), &self->state);
  self->site_id = sqlite3_column_int64 (stmt, 4);
  take_text (&self->site_name, stmt, 5);
  take_text (&self->project_manager, stmt, 6);
  self->inspection_id = sqlite3_column_int64 (stmt, 7);
  xj_notice_severity_from_string ((const char *) sqlite3_column_text (stmt, 8), &self->severity);
  xj_responsible_party_from_string ((const char *) sqlite3_column_text (stmt, 9), &self->party);
  take_text (&self->addressed_company, stmt, 10);
  take_text (&self->addressed_person, stmt, 11);
  take_text (&self->area, stmt, 12);
  take_text (&self->description, stmt, 13);
  take_text (&self->required_action, stmt, 14);
  self->deadline = sqlite3_column_int64 (stmt, 15);
  self->created_at = sqlite3_column_int64 (stmt, 16);
  self->issued_at = sqlite3_column_int64 (stmt, 17);
  take_text (&self->issued_by, stmt, 18);
  self->acknowledged_at = sqlite3_column_int64 (stmt, 19);
  take_text (&self->acknowledged_by, stmt, 20);
  self->rectified_at = sqlite3_column_int64 (stmt, 21);
  take_text (&self->rectification_remark, stmt, 22);
  self->verified_at = sqlite3_column_int64 (stmt, 23);
  take_text (&self->verified_by, stmt, 24);
  self->closed_at = sqlite3_column_int64 (stmt, 25);
  self->escalated = sqlite3_column_int (stmt, 26) != 0;
  self->escalated_at = sqlite3_column_int64 (stmt, 27);
  take_text (&self->escalation_reason, stmt, 28);
  self->repeat = sqlite3_column_int (stmt, 29) != 0;
  self->needs_decision = sqlite3_column_int (stmt, 30) != 0;
  return self;
}

gboolean
_xj_notice_read_error (XjStore  *store,
                       int       rc,
                       GError  **error)
{
  return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                    _("Could not read notices"));
}

/* Runs @stmt (bound, not yet stepped) and collects its notices. */
GPtrArray *
_xj_notice_collect (XjStore       *store,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (notices, notice_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _xj_notice_read_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&notices);
}

static void
bind_deadline (sqlite3_stmt *stmt,
               int           index,
               gint64        deadline)
{
  if (deadline > 0)
    sqlite3_bind_int64 (stmt, index, deadline);
  else
    sqlite3_bind_null (stmt, index);
}

/* --- creating ------------------------------------------------------------- */

static gboolean
insert_findings (XjStore   *store,
                 XjNotice  *notice,
                 GError   **error)
{
  for (guint i = 0; i < notice->findings->len; i++)
    {
      sqlite3_stmt *stmt = xj_store_prepare (store,
                                             "INSERT INTO notice_findings (notice_id, answer_id) "
                                             "VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, notice->id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (notice->findings, gint64, i));
      if (!xj_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Shared with the rectification, which adds the after-photos. */
gboolean
_xj_notice_insert_photos (XjStore            *store,
                          gint64              notice_id,
                          const char         *phase,
                          const char *const  *photos,
                          guint               n_photos,
                          GError            **error)
{
  for (guint i = 0; i < n_photos; i++)
    {
      sqlite3_stmt *stmt = xj_store_prepare (store,
                                             "INSERT INTO notice_photos (notice_id, sha256, phase, "
                                             "position, added_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                                             "ON CONFLICT DO NOTHING", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, notice_id);
      sqlite3_bind_text (stmt, 2, photos[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, phase, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, (int) i);
      sqlite3_bind_int64 (stmt, 5, xj_clock_now ());
      if (!xj_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Shared with the lifecycle: one row of history per change of state. */
gboolean
_xj_notice_insert_event (XjStore     *store,
                         gint64       notice_id,
                         const char  *actor,
                         const char  *from_state,
                         const char  *to_state,
                         gint64       deadline,
                         const char  *remark,
                         GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "INSERT INTO notice_events (notice_id, at, actor, "
                                         "from_state, to_state, deadline, remark) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice_id);
  sqlite3_bind_int64 (stmt, 2, xj_clock_now ());
  sqlite3_bind_text (stmt, 3, actor != NULL ? actor : "", -1, SQLITE_TRANSIENT);
  if (from_state != NULL)
    sqlite3_bind_text (stmt, 4, from_state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, to_state, -1, SQLITE_STATIC);
  bind_deadline (stmt, 6, deadline);
  sqlite3_bind_text (stmt, 7, remark != NULL ? remark : "", -1, SQLITE_TRANSIENT);
  return xj_store_step_done (store, stmt, error);
}

/* The findings must still be failed answers of the notice's site; a repeat
 * among them makes the notice a repeat. */
static gboolean
check_notice_findings (XjStore   *store,
                       XjNotice  *notice,
                       guint      repeat_window_days,
                       gboolean  *repeat,
                       GError   **error)
{
  g_autoptr(GPtrArray) findings = NULL;

  *repeat = FALSE;
  if (notice->findings->len == 0)
    return TRUE;
  findings = xj_store_load_findings (store, (const gint64 *) notice->findings->data,
                                     notice->findings->len, repeat_window_days, error);
  if (findings == NULL || !xj_findings_check (findings, notice->site_id, error))
    return FALSE;
  for (guint i = 0; i < findings->len; i++)
    if (((XjFinding *) g_ptr_array_index (findings, i))->previous_answer_id > 0)
      *repeat = TRUE;
  return TRUE;
}

/**
 * xj_store_create_notice:
 * @notice: an unsaved notice (from xj_notice_new() or
 *   xj_store_new_notice_from_findings(), edited as the liaison chose)
 * @repeat_window_days: the repeat-finding window (the preference)
 *
 * Saves @notice as a draft and gives it its id and number; one
 * transaction with the number, the findings, the photos, a history row and
 * an audit entry.  On failure nothing is written and no number is used.
 */
gboolean
xj_store_create_notice (XjStore     *store,
                        XjNotice    *notice,
                        guint        repeat_window_days,
                        const char  *actor,
                        GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *base = NULL;
  g_autofree char *number = NULL;
  g_auto(XjNumber) next = { 0 };
  const char *type = xj_notice_type_to_string (notice->type);
  gint64 now = xj_clock_now ();
  gint64 id;
  gboolean repeat = FALSE;
  sqlite3_stmt *stmt;
  int year;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (XJ_IS_NOTICE (notice), FALSE);
  g_return_val_if_fail (notice->id == 0, FALSE);

  if (!xj_notice_validate (notice, error))
    return FALSE;
  local = g_date_time_new_from_unix_local (now);
  year = g_date_time_get_year (local);

  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  if (!check_notice_findings (store, notice, repeat_window_days, &repeat, error)
      || !_xj_numbers_next (store, XJ_NUMBER_NOTICE, type, year, &next, error)
      || !_xj_numbers_take (store, XJ_NUMBER_NOTICE, type, &next, error))
    return FALSE;
  base = g_strdup_printf ("%s-%04d-%04" G_GINT64_FORMAT, xj_notice_type_get_prefix (notice->type),
                          year, next.seq);
  number = xj_number_dup_full (base, next.suffix);

  stmt = xj_store_prepare (store,
                           "INSERT INTO notices (type, year, seq, number, site_id, inspection_id, "
                           "severity, responsible_party, addressed_company, addressed_person, "
                           "area, description, required_action, deadline, repeat, created_at, "
                           "updated_at, number_suffix) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                           "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, next.seq);
  sqlite3_bind_text (stmt, 4, base, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, notice->site_id);
  if (notice->inspection_id > 0)
    sqlite3_bind_int64 (stmt, 6, notice->inspection_id);
  sqlite3_bind_text (stmt, 7, xj_notice_severity_to_string (notice->severity), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, xj_responsible_party_to_string (notice->party), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, notice->addressed_company, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, notice->addressed_person, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, notice->area, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, notice->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, notice->required_action, -1, SQLITE_TRANSIENT);
  bind_deadline (stmt, 14, notice->deadline);
  sqlite3_bind_int (stmt, 15, repeat ? 1 : 0);
  sqlite3_bind_int64 (stmt, 16, now);
  sqlite3_bind_text (stmt, 17, next.suffix, -1, SQLITE_TRANSIENT);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (xj_store_get_db (store));
  notice->id = id;

  if (!insert_findings (store, notice, error)
      || !_xj_notice_insert_photos (store, id, "before",
                                    (const char *const *) notice->before_photos->pdata,
                                    notice->before_photos->len, error)
      || !_xj_notice_insert_event (store, id, actor, NULL, "draft", notice->deadline, NULL,
                                   error)
      || !xj_store_audit (store, actor, "notice", id, "create", number, error)
      || !xj_transaction_commit (tx, error))
    {
      notice->id = 0;
      return FALSE;
    }

  _xj_notice_set_string (&notice->number, number);
  notice->state = XJ_NOTICE_STATE_DRAFT;
  notice->created_at = now;
  notice->repeat = repeat;
  g_object_notify (G_OBJECT (notice), "id");
  g_object_notify (G_OBJECT (notice), "number");
  g_object_notify (G_OBJECT (notice), "repeat");
  xj_store_emit_changed (store, "notices");
  return TRUE;
}

/**
 * xj_store_save_notice_draft:
 *
 * Saves the edits of a draft: everything but its type (its number carries
 * it), findings and site.  Refused once the notice was issued — what was
 * handed over is not changed behind the recipient's back.
 */
gboolean
xj_store_save_notice_draft (XjStore     *store,
                            XjNotice    *notice,
                            const char  *actor,
                            GError     **error)
{
  g_auto(XjNoticeCurrent) current = { 0 };
  g_autoptr(XjTransaction) tx = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (XJ_IS_NOTICE (notice), FALSE);
  g_return_val_if_fail (notice->id > 0, FALSE);

  if (!xj_notice_validate (notice, error)
      || (tx = _xj_notice_begin (store, notice->id, &current, error)) == NULL)
    return FALSE;
  if (current.state != XJ_NOTICE_STATE_DRAFT)
    {
      g_set_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_ILLEGAL_TRANSITION,
                   _("Notice %s is %s; only a draft can be edited."),
                   notice->number, xj_notice_state_get_label (current.state));
      return FALSE;
    }
  if (current.type != notice->type)
    {
      g_set_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID,
                   _("The type of notice %s cannot change: its number says what it is. "
                     "Discard it and raise a new one."), notice->number);
      return FALSE;
    }

  stmt = xj_store_prepare (store,
                           "UPDATE notices SET severity = ?1, responsible_party = ?2, "
                           "addressed_company = ?3, addressed_person = ?4, area = ?5, "
                           "description = ?6, required_action = ?7, deadline = ?8, "
                           "updated_at = ?9 WHERE id = ?10", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, xj_notice_severity_to_string (notice->severity), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, xj_responsible_party_to_string (notice->party), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, notice->addressed_company, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, notice->addressed_person, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, notice->area, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, notice->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, notice->required_action, -1, SQLITE_TRANSIENT);
  bind_deadline (stmt, 8, notice->deadline);
  sqlite3_bind_int64 (stmt, 9, xj_clock_now ());
  sqlite3_bind_int64 (stmt, 10, notice->id);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;

  stmt = xj_store_prepare (store,
                           "DELETE FROM notice_photos WHERE notice_id = ?1 AND phase = 'before'",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice->id);
  if (!xj_store_step_done (store, stmt, error)
      || !_xj_notice_insert_photos (store, notice->id, "before",
                                    (const char *const *) notice->before_photos->pdata,
                                    notice->before_photos->len, error)
      || !xj_store_audit (store, actor, "notice", notice->id, "edit", notice->number, error)
      || !xj_transaction_commit (tx, error))
    return FALSE;

  xj_store_emit_changed (store, "notices");
  return TRUE;
}

/* --- reading -------------------------------------------------------------- */

static gboolean
load_details (XjStore   *store,
              XjNotice  *notice,
              GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT answer_id FROM notice_findings WHERE notice_id = ?1 "
                           "ORDER BY answer_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    xj_notice_add_finding (notice, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _xj_notice_read_error (store, rc, error);

  stmt = xj_store_prepare (store,
                           "SELECT sha256, phase FROM notice_photos WHERE notice_id = ?1 "
                           "ORDER BY phase, position, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean after = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "after") == 0;

      g_ptr_array_add (after ? notice->after_photos : notice->before_photos,
                       g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _xj_notice_read_error (store, rc, error);
  return TRUE;
}

/**
 * xj_store_get_notice:
 *
 * Returns: (transfer full): the notice with its findings and photos.
 */
XjNotice *
xj_store_get_notice (XjStore  *store,
                     gint64    notice_id,
                     GError  **error)
{
  g_autoptr(XjNotice) notice = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  if (!xj_store_query_row (store, "SELECT " XJ_NOTICE_COLUMNS "WHERE n.id = ?1", notice_id,
                           (XjStoreRowFunc) notice_from_row, (gpointer *) &notice,
                           _("Could not read notices"), error))
    return NULL;
  if (notice == NULL)
    g_set_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_NOT_FOUND,
                 _("There is no notice with ID %lld."), (long long) notice_id);
  if (notice == NULL || !load_details (store, notice, error))
    return NULL;
  return g_steal_pointer (&notice);
}

/**
 * xj_store_find_notice_number:
 * @number: a notice number as printed (ZG-2026-0001), in any case
 * @notice_id: (out): its notice's ID
 *
 * Returns: %TRUE if a notice has that number; else %FALSE with
 * %XJ_NOTICE_ERROR_NOT_FOUND.
 */
gboolean
xj_store_find_notice_number (XjStore     *store,
                             const char  *number,
                             gint64      *notice_id,
                             GError     **error)
{
  g_autofree char *upper = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (number != NULL && notice_id != NULL, FALSE);

  stmt = xj_store_prepare (store, "SELECT id FROM notices WHERE " XJ_FULL_NUMBER ("") " = ?1", error);
  if (stmt == NULL)
    return FALSE;
  upper = g_utf8_strup (number, -1);
  sqlite3_bind_text (stmt, 1, g_strstrip (upper), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *notice_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_NOT_FOUND,
                 _("There is no notice numbered %s."), number);
  else if (rc != SQLITE_ROW)
    _xj_notice_read_error (store, rc, error);
  return rc == SQLITE_ROW;
}
