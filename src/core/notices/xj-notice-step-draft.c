/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is typed in a notice step's dialog, written as it is typed (schema
 * v14, notice_step_drafts), and the photos picked in it (v15,
 * notice_step_draft_photos): neither is lost to a crash before the step
 * is taken.  One row per notice and step; a short write or a one-row
 * read, on the main thread like the runner's remarks.
 */
#define G_LOG_DOMAIN "xj-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-notice-lifecycle.h"
#include "xj-store-private.h"
#include "xj-text.h"

/* Runs @sql with the notice bound to ?1 and the step to ?2. */
static gboolean
run_for_step (XjStore     *store,
              const char  *sql,
              gint64       notice_id,
              const char  *step,
              GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice_id);
  sqlite3_bind_text (stmt, 2, step, -1, SQLITE_STATIC);
  return xj_store_step_done (store, stmt, error);
}

/* A draft with neither a remark nor a photo is no draft. */
static gboolean
drop_if_empty (XjStore     *store,
               gint64       notice_id,
               const char  *step,
               GError     **error)
{
  return run_for_step (store, "DELETE FROM notice_step_drafts WHERE notice_id = ?1 AND step = ?2 "
                              "AND remark = '' AND NOT EXISTS (SELECT 1 FROM notice_step_draft_photos p "
                              "  WHERE p.notice_id = ?1 AND p.step = ?2)",
                       notice_id, step, error);
}

/**
 * xj_store_save_notice_step_draft:
 * @step: the step's word: acknowledge, rectify, accept, reject, escalate
 *   or discard
 * @remark: (nullable): the text as it stands
 *
 * Keeps what is typed in a notice step until the step is taken (which
 * deletes the notice's drafts) or the dialog is closed on purpose
 * (xj_store_forget_notice_step_draft()).
 */
gboolean
xj_store_save_notice_step_draft (XjStore     *store,
                                 gint64       notice_id,
                                 const char  *step,
                                 const char  *remark,
                                 GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  stmt = xj_store_prepare (store, "INSERT INTO notice_step_drafts (notice_id, step, remark, updated_at) "
                                  "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (notice_id, step) DO UPDATE "
                                  "SET remark = excluded.remark, updated_at = excluded.updated_at",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notice_id);
  sqlite3_bind_text (stmt, 2, step, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, xj_text_is_blank (remark) ? "" : remark, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, xj_clock_now ());
  return xj_store_step_done (store, stmt, error)
         && drop_if_empty (store, notice_id, step, error)
         && xj_transaction_commit (tx, error);
}

/**
 * xj_store_save_notice_step_draft_photos:
 * @photos: the SHA-256 names of the photos picked, in order (stored photos)
 *
 * Keeps the photos picked in a notice step (the after-photos of a
 * rectification) with the step's draft, as xj_store_save_notice_step_draft()
 * keeps its remark: they go with it.
 */
gboolean
xj_store_save_notice_step_draft_photos (XjStore            *store,
                                        gint64              notice_id,
                                        const char         *step,
                                        const char * const *photos,
                                        GError            **error)
{
  g_autoptr(XjTransaction) tx = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  if ((tx = xj_transaction_begin (store, error)) == NULL
      || !run_for_step (store, "INSERT INTO notice_step_drafts (notice_id, step, remark, updated_at) "
                               "VALUES (?1, ?2, '', 0) ON CONFLICT (notice_id, step) DO NOTHING",
                        notice_id, step, error)
      || !run_for_step (store, "DELETE FROM notice_step_draft_photos "
                               "WHERE notice_id = ?1 AND step = ?2", notice_id, step, error))
    return FALSE;
  for (guint i = 0; photos != NULL && photos[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = xj_store_prepare (store, "INSERT OR IGNORE INTO notice_step_draft_photos "
                                                    "(notice_id, step, position, sha256) "
                                                    "VALUES (?1, ?2, ?3, ?4)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, notice_id);
      sqlite3_bind_text (stmt, 2, step, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, (int) i);
      sqlite3_bind_text (stmt, 4, photos[i], -1, SQLITE_STATIC);
      if (!xj_store_step_done (store, stmt, error))
        return FALSE;
    }
  return drop_if_empty (store, notice_id, step, error)
         && xj_transaction_commit (tx, error);
}

/**
 * xj_store_forget_notice_step_draft:
 *
 * The dialog of the step was closed on purpose: what was typed and picked
 * for it goes.
 */
gboolean
xj_store_forget_notice_step_draft (XjStore     *store,
                                   gint64       notice_id,
                                   const char  *step,
                                   GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  return (tx = xj_transaction_begin (store, error)) != NULL
         && run_for_step (store, "DELETE FROM notice_step_drafts WHERE notice_id = ?1 AND step = ?2",
                          notice_id, step, error)
         && xj_transaction_commit (tx, error);
}

/**
 * xj_store_dup_notice_step_draft:
 *
 * Returns: (transfer full) (nullable): the remark kept for @step of the
 * notice, or %NULL (with @error unset when there is none)
 */
char *
xj_store_dup_notice_step_draft (XjStore     *store,
                                gint64       notice_id,
                                const char  *step,
                                GError     **error)
{
  g_autofree char *remark = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (step != NULL, NULL);

  stmt = xj_store_prepare (store, "SELECT remark FROM notice_step_drafts "
                                  "WHERE notice_id = ?1 AND step = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, notice_id);
  sqlite3_bind_text (stmt, 2, step, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    remark = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                 _("Could not read what was typed for the notice"));
      return NULL;
    }
  return g_steal_pointer (&remark);
}

/**
 * xj_store_dup_notice_step_draft_photos:
 *
 * Returns: (transfer full) (nullable): the photos kept for @step of the
 * notice in the order picked (an empty list when there are none), or
 * %NULL with @error set
 */
GStrv
xj_store_dup_notice_step_draft_photos (XjStore     *store,
                                       gint64       notice_id,
                                       const char  *step,
                                       GError     **error)
{
  g_autoptr(GStrvBuilder) photos = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (step != NULL, NULL);

  stmt = xj_store_prepare (store, "SELECT sha256 FROM notice_step_draft_photos "
                                  "WHERE notice_id = ?1 AND step = ?2 ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, notice_id);
  sqlite3_bind_text (stmt, 2, step, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (photos, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                 _("Could not read the photos picked for the notice"));
      return NULL;
    }
  return g_strv_builder_end (photos);
}
