/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inspections in the store.  Every answer and remark is written the moment
 * it is given, in its own transaction: there is no Save button to forget.
 */
#define G_LOG_DOMAIN "xj-inspection"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-inspection-private.h"
#include "xj-overview.h"
#include "xj-text.h"
#include "xj-template-store.h"
#include "xj-transaction.h"

#define DEFAULT_LIST_LIMIT 200

/* --- helpers -------------------------------------------------------------- */


static XjOutcome
outcome_from_string (const char *text)
{
  XjOutcome outcome = XJ_OUTCOME_UNANSWERED;

  xj_outcome_from_string (text, &outcome);
  return outcome;
}

static gboolean
sqlite_failed (XjStore  *store,
               int       rc,
               GError  **error)
{
  return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read inspections"));
}

XjOutcome
_xj_inspection_outcome_from_string (const char *text)
{
  return outcome_from_string (text);
}

gboolean
_xj_inspection_sqlite_failed (XjStore  *store,
                              int       rc,
                              GError  **error)
{
  return sqlite_failed (store, rc, error);
}

/* Answers can change only while the inspection is a draft. */
static gboolean
check_draft (XjStore  *store,
             gint64    inspection_id,
             GError  **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT state FROM inspections WHERE id = ?1", error);
  XjInspectionState state = XJ_INSPECTION_DRAFT;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    xj_inspection_state_from_string ((const char *) sqlite3_column_text (stmt, 0), &state);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_NOT_FOUND,
                   _("There is no inspection with ID %lld."), (long long) inspection_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return sqlite_failed (store, rc, error);
  if (state != XJ_INSPECTION_DRAFT)
    {
      g_set_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_READ_ONLY,
                   _("This inspection is %s; its answers can no longer be changed."),
                   xj_inspection_state_get_label (state));
      return FALSE;
    }
  return TRUE;
}

XjInspection *
_xj_inspection_from_row (sqlite3_stmt *stmt)
{
  XjInspection *inspection = g_new0 (XjInspection, 1);
  XjInspectionState state = XJ_INSPECTION_DRAFT;

  inspection->id = sqlite3_column_int64 (stmt, 0);
  inspection->site_id = sqlite3_column_int64 (stmt, 1);
  inspection->site_name = xj_store_column_dup (stmt, 2);
  inspection->template_id = sqlite3_column_int64 (stmt, 3);
  inspection->version_id = sqlite3_column_int64 (stmt, 4);
  inspection->template_name = xj_store_column_dup (stmt, 5);
  if (sqlite3_column_int (stmt, 22) != 0)
    xj_builtins_translate (&inspection->template_name);
  inspection->template_version = sqlite3_column_int (stmt, 6);
  inspection->kind = xj_store_column_dup (stmt, 7);
  xj_inspection_state_from_string ((const char *) sqlite3_column_text (stmt, 8), &state);
  inspection->state = state;
  inspection->inspector = xj_store_column_dup (stmt, 9);
  inspection->rep_name = xj_store_column_dup (stmt, 10);
  inspection->rep_company = xj_store_column_dup (stmt, 11);
  inspection->started_at = sqlite3_column_int64 (stmt, 12);
  inspection->completed_at = sqlite3_column_int64 (stmt, 13);
  inspection->signed_at = sqlite3_column_int64 (stmt, 14);
  inspection->has_score = sqlite3_column_type (stmt, 15) != SQLITE_NULL;
  inspection->score = sqlite3_column_double (stmt, 15);
  inspection->grade = xj_store_column_dup (stmt, 16);
  inspection->failure_index = sqlite3_column_double (stmt, 17);
  inspection->critical_failed = sqlite3_column_int (stmt, 18) != 0;
  inspection->current_item_id = sqlite3_column_int64 (stmt, 19);
  inspection->n_photos = sqlite3_column_int (stmt, 20);
  inspection->n_answered = sqlite3_column_int (stmt, 21);
  inspection->owner = xj_store_column_dup (stmt, 23);
  inspection->laptop = xj_store_column_dup (stmt, 24);
  return inspection;
}

/* --- starting ------------------------------------------------------------- */

static gboolean
validate_start (const XjInspectionStart  *start,
                GError                  **error)
{
  guint n_kinds = 0;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n_kinds);

  if (start->site_id <= 0)
    {
      g_set_error_literal (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID,
                           _("Choose the site to inspect."));
      return FALSE;
    }
  if (start->template_id <= 0)
    {
      g_set_error_literal (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID,
                           _("Choose a checklist."));
      return FALSE;
    }
  if (!xj_template_choice_is_valid (kinds, n_kinds, start->kind))
    {
      g_set_error_literal (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID,
                           _("Choose the kind of inspection."));
      return FALSE;
    }
  if (xj_text_is_blank (start->inspector))
    {
      g_set_error_literal (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID,
                           _("Enter the inspector’s name."));
      return FALSE;
    }
  if (xj_inspection_kind_needs_representative (start->kind)
      && (xj_text_is_blank (start->rep_name) || xj_text_is_blank (start->rep_company)))
    {
      g_set_error_literal (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID,
                           _("Weekly and monthly checks are accompanied by the property "
                             "company’s representative: enter their name and company."));
      return FALSE;
    }
  return TRUE;
}

/**
 * xj_store_start_inspection:
 *
 * Starts a draft on the latest version of the template.
 * Returns: the new inspection's id, or 0 on error.
 */
gint64
xj_store_start_inspection (XjStore                  *store,
                           const XjInspectionStart  *start,
                           GError                  **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  gboolean mystery = g_str_has_prefix (start->kind != NULL ? start->kind : "", "mystery");
  sqlite3_stmt *stmt;
  gint64 version_id = 0;
  gint64 site_active = 0;
  gint64 now = xj_clock_now ();
  gint64 id;

  g_return_val_if_fail (XJ_IS_STORE (store), 0);
  g_return_val_if_fail (start != NULL, 0);

  if (!validate_start (start, error))
    return 0;
  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return 0;

  if (!xj_store_query_int64 (store,
                             "SELECT v.id FROM template_versions v JOIN templates t "
                             "ON t.id = v.template_id WHERE t.id = ?1 AND t.archived = 0 "
                             "ORDER BY v.version DESC LIMIT 1", start->template_id, &version_id,
                             NULL, _("Could not read checklists"), error))
    return 0;
  if (version_id == 0)
    {
      g_set_error_literal (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID,
                           _("The chosen checklist no longer exists; choose another."));
      return 0;
    }

  if (!xj_store_query_int64 (store, "SELECT active FROM sites WHERE id = ?1", start->site_id,
                             &site_active, NULL, _("Could not read sites"), error))
    return 0;
  if (site_active == 0)
    {
      g_set_error_literal (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID,
                           _("The chosen site is not active; choose another."));
      return 0;
    }

  stmt = xj_store_prepare (store,
                           "INSERT INTO inspections (site_id, version_id, kind, inspector, "
                           "rep_name, rep_company, schedule_id, occurrence_at, started_at, "
                           "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, start->site_id);
  sqlite3_bind_int64 (stmt, 2, version_id);
  sqlite3_bind_text (stmt, 3, start->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, g_strstrip (g_strdup (start->inspector)), -1, g_free);
  /* Mystery shoppers are not accompanied: nothing to record. */
  sqlite3_bind_text (stmt, 5, mystery || start->rep_name == NULL ? "" : start->rep_name, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, mystery || start->rep_company == NULL ? "" : start->rep_company, -1,
                     SQLITE_TRANSIENT);
  if (start->schedule_id > 0)
    {
      sqlite3_bind_int64 (stmt, 7, start->schedule_id);
      sqlite3_bind_int64 (stmt, 8, start->occurrence_at);
    }
  sqlite3_bind_int64 (stmt, 9, start->started_at > 0 ? start->started_at : now);
  sqlite3_bind_int64 (stmt, 10, now);
  if (!xj_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (xj_store_get_db (store));

  if (!xj_store_audit (store, start->inspector, "inspection", id, "start", start->kind, error)
      || !xj_transaction_commit (tx, error))
    return 0;
  xj_store_emit_changed (store, "inspections");
  return id;
}

/* --- reading -------------------------------------------------------------- */

XjInspection *
xj_store_get_inspection (XjStore  *store,
                         gint64    inspection_id,
                         GError  **error)
{
  XjInspection *inspection;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  if (!xj_store_query_row (store, "SELECT " INSPECTION_COLUMNS INSPECTION_FROM "WHERE i.id = ?1",
                           inspection_id, (XjStoreRowFunc) _xj_inspection_from_row,
                           (gpointer *) &inspection, _("Could not read inspections"), error))
    return NULL;
  if (inspection == NULL)
    g_set_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_NOT_FOUND,
                 _("There is no inspection with ID %lld."), (long long) inspection_id);
  return inspection;
}

XjTemplate *
xj_store_load_inspection_template (XjStore  *store,
                                   gint64    inspection_id,
                                   GError  **error)
{
  g_autoptr(XjInspection) inspection = xj_store_get_inspection (store, inspection_id, error);

  if (inspection == NULL)
    return NULL;
  return xj_store_load_template_version (store, inspection->version_id, error);
}

/**
 * xj_store_load_answers:
 *
 * Returns: (transfer full) (element-type gint64 XjAnswer): the answers of
 * the inspection by item id.
 */
GHashTable *
xj_store_load_answers (XjStore  *store,
                       gint64    inspection_id,
                       GError  **error)
{
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         (GDestroyNotify) xj_answer_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  stmt = xj_store_prepare (store,
                           "SELECT a.item_id, a.value, a.outcome, a.remark, a.answered_at, a.id, "
                           "(SELECT count(*) FROM answer_photos p WHERE p.answer_id = a.id), "
                           "coalesce(a.timer_started_ms, 0) "
                           "FROM answers a WHERE a.inspection_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjAnswer *answer = g_new0 (XjAnswer, 1);
      const char *outcome = (const char *) sqlite3_column_text (stmt, 2);

      answer->item_id = sqlite3_column_int64 (stmt, 0);
      answer->value = xj_store_column_dup (stmt, 1);
      answer->outcome = outcome_from_string (outcome);
      answer->remark = xj_store_column_dup (stmt, 3);
      answer->answered_at = sqlite3_column_int64 (stmt, 4);
      answer->answer_id = sqlite3_column_int64 (stmt, 5);
      answer->n_photos = sqlite3_column_int (stmt, 6);
      answer->timer_started_ms = sqlite3_column_int64 (stmt, 7);
      g_hash_table_insert (answers, &answer->item_id, answer);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&answers);
}

/* --- answering ------------------------------------------------------------ */

static gboolean
touch_inspection (XjStore  *store,
                  gint64    inspection_id,
                  gint64    item_id,
                  gint64    now,
                  GError  **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "UPDATE inspections SET updated_at = ?1, "
                                         "current_item_id = ?2 WHERE id = ?3", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, item_id);
  sqlite3_bind_int64 (stmt, 3, inspection_id);
  return xj_store_step_done (store, stmt, error);
}

/* Binds a statement's parameters from ?3 on (?1 and ?2 are the inspection
 * and the item). */
typedef void (*AnswerBindFunc) (sqlite3_stmt  *stmt,
                                gconstpointer  data);

/* The one path of the answer-row writes: in one transaction the draft is
 * checked, @sql is run with the inspection and the item as ?1 and ?2 and the
 * rest bound by @bind, and the inspection remembers where the inspector was. */
static gboolean
write_answer_row (XjStore         *store,
                  gint64           inspection_id,
                  gint64           item_id,
                  gint64           now,
                  const char      *sql,
                  AnswerBindFunc   bind,
                  gconstpointer    data,
                  GError         **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  sqlite3_stmt *stmt;

  if ((tx = xj_transaction_begin (store, error)) == NULL
      || !check_draft (store, inspection_id, error)
      || (stmt = xj_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  bind (stmt, data);
  if (!xj_store_step_done (store, stmt, error)
      || !touch_inspection (store, inspection_id, item_id, now, error)
      || !xj_transaction_commit (tx, error))
    return FALSE;

  xj_store_emit_changed (store, "answers");
  return TRUE;
}

typedef struct
{
  const char *value;
  XjOutcome   outcome;
  gint64      now;
} AnswerValue;

static void
bind_answer_value (sqlite3_stmt  *stmt,
                   gconstpointer  data)
{
  const AnswerValue *answer = data;

  if (answer->value != NULL)
    sqlite3_bind_text (stmt, 3, answer->value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, xj_outcome_to_string (answer->outcome), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, answer->now);
}

/**
 * xj_store_set_answer:
 * @value: (nullable): the answer as text (see xj_template_item_check_value),
 *   "na", or %NULL to clear it
 *
 * Writes one answer durably (one transaction, synchronous commit).  This is
 * the hot path of the runner: prepared statements, no reads beyond the
 * state check.
 */
gboolean
xj_store_set_answer (XjStore               *store,
                     gint64                 inspection_id,
                     const XjTemplateItem  *item,
                     const char            *value,
                     GError               **error)
{
  AnswerValue answer = { value, XJ_OUTCOME_UNANSWERED, xj_clock_now () };

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (item != NULL && item->id > 0, FALSE);

  if (value != NULL && !xj_template_item_check_value (item, value, error))
    return FALSE;
  answer.outcome = xj_template_item_evaluate (item, value, NULL);
  return write_answer_row (store, inspection_id, item->id, answer.now,
                           "INSERT INTO answers (inspection_id, item_id, value, outcome, "
                           "answered_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                           "ON CONFLICT (inspection_id, item_id) DO UPDATE SET "
                           "value = excluded.value, outcome = excluded.outcome, "
                           "answered_at = excluded.answered_at, timer_started_ms = NULL",
                           bind_answer_value, &answer, error);
}

typedef struct
{
  const char *text;
  gint64      now;
  gint64      started_ms;
} AnswerExtra;

static void
bind_answer_remark (sqlite3_stmt  *stmt,
                    gconstpointer  data)
{
  const AnswerExtra *extra = data;

  sqlite3_bind_text (stmt, 3, extra->text != NULL ? extra->text : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, extra->now);
}

gboolean
xj_store_set_remark (XjStore               *store,
                     gint64                 inspection_id,
                     const XjTemplateItem  *item,
                     const char            *remark,
                     GError               **error)
{
  AnswerExtra extra = { remark, xj_clock_now (), 0 };

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (item != NULL && item->id > 0, FALSE);

  if (remark != NULL && strlen (remark) > 4000)
    {
      g_set_error_literal (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID,
                           _("The remark is too long: keep it under 4000 bytes "
                             "(about 1300 Chinese characters)."));
      return FALSE;
    }
  /* A remark may come before the answer: the row is made unanswered. */
  return write_answer_row (store, inspection_id, item->id, extra.now,
                           "INSERT INTO answers (inspection_id, item_id, remark, answered_at) "
                           "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (inspection_id, item_id) "
                           "DO UPDATE SET remark = excluded.remark",
                           bind_answer_remark, &extra, error);
}

/**
 * xj_store_ensure_answer:
 * @answer_id: (out): the answers row of the item
 *
 * A photo may come before the answer (as a remark may): the row is made
 * unanswered when there is none yet.  Refused on a completed inspection.
 */
gboolean
xj_store_ensure_answer (XjStore               *store,
                        gint64                 inspection_id,
                        const XjTemplateItem  *item,
                        gint64                *answer_id,
                        GError               **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (item != NULL && item->id > 0 && answer_id != NULL, FALSE);

  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  if (!check_draft (store, inspection_id, error))
    return FALSE;
  stmt = xj_store_prepare (store,
                           "INSERT INTO answers (inspection_id, item_id, answered_at) "
                           "VALUES (?1, ?2, ?3) ON CONFLICT (inspection_id, item_id) "
                           "DO UPDATE SET item_id = item_id RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_int64 (stmt, 2, item->id);
  sqlite3_bind_int64 (stmt, 3, xj_clock_now ());
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *answer_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite_failed (store, rc, error);
      return FALSE;
    }
  if (!xj_transaction_commit (tx, error))
    return FALSE;
  xj_store_emit_changed (store, "answers");
  return TRUE;
}

static void
bind_answer_timer (sqlite3_stmt  *stmt,
                   gconstpointer  data)
{
  const AnswerExtra *extra = data;

  sqlite3_bind_int64 (stmt, 3, extra->now);
  if (extra->started_ms > 0)
    sqlite3_bind_int64 (stmt, 4, extra->started_ms);
}

/**
 * xj_store_set_timer_started:
 * @started_ms: the wall-clock instant a stopwatch was started (Unix
 *   milliseconds), or 0 when it was reset
 *
 * A running stopwatch is stored, so that it keeps running when the runner
 * closes or the program stops; its answer (xj_store_set_answer) ends it.
 */
gboolean
xj_store_set_timer_started (XjStore               *store,
                            gint64                 inspection_id,
                            const XjTemplateItem  *item,
                            gint64                 started_ms,
                            GError               **error)
{
  AnswerExtra extra = { NULL, xj_clock_now (), started_ms };

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (item != NULL && item->id > 0 && started_ms >= 0, FALSE);

  return write_answer_row (store, inspection_id, item->id, extra.now,
                           "INSERT INTO answers (inspection_id, item_id, answered_at, "
                           "timer_started_ms) VALUES (?1, ?2, ?3, ?4) "
                           "ON CONFLICT (inspection_id, item_id) DO UPDATE SET "
                           "timer_started_ms = excluded.timer_started_ms",
                           bind_answer_timer, &extra, error);
}

/* Where the inspector was, so that a resumed draft opens there. */
gboolean
xj_store_set_current_item (XjStore  *store,
                           gint64    inspection_id,
                           gint64    item_id,
                           GError  **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "UPDATE inspections SET current_item_id = ?1 "
                                         "WHERE id = ?2 AND state = 'draft'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, inspection_id);
  return xj_store_step_done (store, stmt, error);
}

/* --- completing ----------------------------------------------------------- */

static gboolean
learn_remarks (XjStore  *store,
               gint64    inspection_id,
               gint64    now,
               GError  **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "INSERT INTO frequent_remarks (text, uses, last_used) "
                                         "SELECT trim(remark), 1, ?2 FROM answers "
                                         "WHERE inspection_id = ?1 AND length(trim(remark)) "
                                         "BETWEEN 1 AND 500 "
                                         "ON CONFLICT (text) DO UPDATE SET uses = uses + 1, "
                                         "last_used = excluded.last_used", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_int64 (stmt, 2, now);
  return xj_store_step_done (store, stmt, error);
}

gboolean
xj_store_complete_inspection (XjStore     *store,
                              gint64       inspection_id,
                              const char  *actor,
                              GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(XjScore) score = NULL;
  sqlite3_stmt *stmt;
  gint64 now = xj_clock_now ();

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  if (!check_draft (store, inspection_id, error)
      || (tmpl = xj_store_load_inspection_template (store, inspection_id, error)) == NULL
      || (answers = xj_store_load_answers (store, inspection_id, error)) == NULL)
    return FALSE;

  missing = xj_inspection_missing_required (tmpl, answers);
  if (missing->len > 0)
    {
      XjTemplateItem *first = g_ptr_array_index (missing, 0);

      g_set_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INCOMPLETE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u item still needs an answer, a remark or a photo, "
                                "starting with “%s”.",
                                "%u items still need an answer, a remark or a photo, "
                                "starting with “%s”.", missing->len),
                   missing->len, first->prompt);
      return FALSE;
    }

  score = xj_inspection_score (tmpl, answers);
  stmt = xj_store_prepare (store,
                           "UPDATE inspections SET state = 'completed', completed_at = ?1, "
                           "score = ?2, grade = ?3, failure_index = ?4, critical_failed = ?5, "
                           "updated_at = ?1 WHERE id = ?6", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  if (score->has_score)
    sqlite3_bind_double (stmt, 2, round (score->score * 10) / 10);
  sqlite3_bind_text (stmt, 3, xj_grade_to_string (score->grade), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, score->failure_index);
  sqlite3_bind_int (stmt, 5, score->critical_failed ? 1 : 0);
  sqlite3_bind_int64 (stmt, 6, inspection_id);
  /* The Overview's totals of it, in the same transaction. */
  if (!xj_store_step_done (store, stmt, error)
      || !xj_overview_refresh_totals (store, error)
      || !learn_remarks (store, inspection_id, now, error)
      || !xj_store_audit (store, actor, "inspection", inspection_id, "complete",
                          xj_grade_to_string (score->grade), error)
      || !xj_transaction_commit (tx, error))
    return FALSE;

  xj_store_emit_changed (store, "inspections");
  return TRUE;
}

/* --- lists ---------------------------------------------------------------- */

/* Binds ?1 … ?5 and ?10 of INSPECTION_FILTER_WHERE. */
void
_xj_inspection_bind_filter (sqlite3_stmt             *stmt,
                            const XjInspectionFilter *filter)
{
  sqlite3_bind_int64 (stmt, 1, filter->site_id);
  if (filter->kind != NULL)
    sqlite3_bind_text (stmt, 2, filter->kind, -1, SQLITE_TRANSIENT);
  if (filter->state >= 0)
    sqlite3_bind_text (stmt, 3, xj_inspection_state_to_string (filter->state), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, filter->from);
  sqlite3_bind_int64 (stmt, 5, filter->to);
  sqlite3_bind_int (stmt, 10, filter->whose);
}

/**
 * xj_store_list_inspections:
 *
 * Newest first, one page at a time (the index on started_at makes a page
 * cheap whatever the size of the archive).
 * Returns: (transfer full) (element-type XjInspection)
 */
GPtrArray *
xj_store_list_inspections (XjStore                   *store,
                           const XjInspectionFilter  *filter,
                           GError                   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_inspection_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  stmt = xj_store_prepare (store,
                           "SELECT " INSPECTION_COLUMNS INSPECTION_FROM INSPECTION_FILTER_WHERE
                           "ORDER BY i.started_at DESC, i.id DESC LIMIT ?6 OFFSET ?7", error);
  if (stmt == NULL)
    return NULL;
  _xj_inspection_bind_filter (stmt, filter);
  sqlite3_bind_int (stmt, 6, filter->limit > 0 ? filter->limit : DEFAULT_LIST_LIMIT);
  sqlite3_bind_int (stmt, 7, filter->offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, _xj_inspection_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
