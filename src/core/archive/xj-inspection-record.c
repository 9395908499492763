/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One inspection's complete record for its report and its signing: the
 * inspection, the template version it used, the answers and the earlier
 * answers that make a failure a repeat, the photos with their evidence
 * flags, the signatures and the notices, read in one read transaction so
 * that a report is always of one state (a write committed meanwhile by
 * another connection is either all in it or not at all).
 */
#define G_LOG_DOMAIN "xj-archive"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-inspection-record.h"
#include "xj-numbers-private.h"
#include "xj-photo-flags.h"

typedef struct {
  XjStore  *store;
  gboolean  began;             /* FALSE: inside the caller's transaction */
} ReadTransaction;

void
xj_inspection_notice_free (XjInspectionNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->number);
  g_free (notice);
}

static void
record_photo_free (XjRecordPhoto *photo)
{
  xj_attached_photo_free (photo->photo);
  g_free (photo->flags);
  g_free (photo);
}

void
xj_inspection_record_free (XjInspectionRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->data_dir);
  g_clear_pointer (&record->inspection, xj_inspection_free);
  g_clear_pointer (&record->tmpl, xj_template_free);
  g_clear_pointer (&record->answers, g_hash_table_unref);
  g_clear_pointer (&record->previous, g_hash_table_unref);
  g_clear_pointer (&record->photos, g_hash_table_unref);
  g_clear_pointer (&record->signatures, g_ptr_array_unref);
  g_clear_pointer (&record->notices, g_ptr_array_unref);
  g_free (record);
}

/**
 * xj_store_list_inspection_notices:
 *
 * The notices raised from an inspection that have been issued (drafts are
 * not yet anyone's business), oldest first.
 * Returns: (transfer full) (element-type XjInspectionNotice): the
 *   notices, or %NULL with @error set.
 */
GPtrArray *
xj_store_list_inspection_notices (XjStore  *store,
                                  gint64    inspection_id,
                                  GError  **error)
{
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_inspection_notice_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  stmt = xj_store_prepare (store,
                           "SELECT id, " XJ_FULL_NUMBER ("") ", deadline FROM notices "
                           "WHERE inspection_id = ?1 AND state <> 'draft' "
                           "ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjInspectionNotice *notice = g_new0 (XjInspectionNotice, 1);

      notice->id = sqlite3_column_int64 (stmt, 0);
      notice->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      notice->deadline = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (notices, notice);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read notices"));
      return NULL;
    }
  return g_steal_pointer (&notices);
}

/* A deferred transaction: the first read fixes the snapshot (WAL), which
 * every later read of the record shares.  Inside a transaction of the
 * caller's the reads are already one. */
static gboolean
read_transaction_begin (ReadTransaction  *txn,
                        XjStore          *store,
                        GError          **error)
{
  sqlite3 *db = xj_store_get_db (store);
  int rc;

  txn->store = store;
  txn->began = FALSE;
  if (!sqlite3_get_autocommit (db))
    return TRUE;
  rc = sqlite3_exec (db, "BEGIN DEFERRED", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return xj_store_set_sqlite_error (error, db, rc, _("Could not read inspections"));
  txn->began = TRUE;
  return TRUE;
}

static void
read_transaction_end (ReadTransaction *txn)
{
  sqlite3 *db;

  if (!txn->began)
    return;
  db = xj_store_get_db (txn->store);
  /* Nothing was written: ending it cannot lose anything. */
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  txn->began = FALSE;
}

/* The photos of every answer that has some, with their flags. */
static gboolean
read_photos (XjStore             *store,
             XjInspectionRecord  *record,
             GError             **error)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, record->answers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      XjAnswer *answer = value;
      g_autoptr(GPtrArray) attached = NULL;
      g_autoptr(GPtrArray) photos = NULL;
      gint64 *key;

      if (answer->n_photos == 0)
        continue;
      attached = xj_store_list_photos (store, XJ_ANSWER_PHOTOS (answer->answer_id), error);
      if (attached == NULL)
        return FALSE;
      photos = g_ptr_array_new_with_free_func ((GDestroyNotify) record_photo_free);
      /* Each attached photo moves into its XjRecordPhoto. */
      g_ptr_array_set_free_func (attached, NULL);
      for (guint i = 0; i < attached->len; i++)
        {
          XjRecordPhoto *photo = g_new0 (XjRecordPhoto, 1);

          photo->photo = g_ptr_array_index (attached, i);
          g_ptr_array_add (photos, photo);
        }
      for (guint i = 0; i < photos->len; i++)
        {
          XjRecordPhoto *photo = g_ptr_array_index (photos, i);
          g_autoptr(GError) flags_error = NULL;

          photo->flags = xj_store_dup_photo_flags (store, record->inspection, photo->photo->sha256,
                                                   photo->photo->has_taken_at,
                                                   photo->photo->taken_at, &flags_error);
          if (flags_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&flags_error));
              return FALSE;
            }
        }
      key = g_new (gint64, 1);
      *key = answer->answer_id;
      g_hash_table_insert (record->photos, key, g_steal_pointer (&photos));
    }
  return TRUE;
}

static gboolean
read_record (XjStore             *store,
             XjInspectionRecord  *record,
             gint64               inspection_id,
             GError             **error)
{
  return (record->inspection = xj_store_get_inspection (store, inspection_id, error)) != NULL
         && (record->tmpl = xj_store_load_inspection_template (store, inspection_id, error)) != NULL
         && (record->answers = xj_store_load_answers (store, inspection_id, error)) != NULL
         && (record->previous = xj_store_load_previous_answers (store, inspection_id, error)) != NULL
         && read_photos (store, record, error)
         && (record->signatures = xj_store_list_inspection_signatures (store, inspection_id,
                                                                       error)) != NULL
         && (record->notices = xj_store_list_inspection_notices (store, inspection_id,
                                                                 error)) != NULL;
}

/**
 * xj_store_read_inspection_record:
 *
 * The whole record of an inspection, read in one read transaction (or in
 * the caller's transaction, when one is open).
 * Returns: (transfer full): the record, or %NULL with @error set.
 */
XjInspectionRecord *
xj_store_read_inspection_record (XjStore  *store,
                                 gint64    inspection_id,
                                 GError  **error)
{
  g_autoptr(XjInspectionRecord) record = NULL;
  ReadTransaction txn;
  gboolean ok;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  record = g_new0 (XjInspectionRecord, 1);
  record->data_dir = g_strdup (xj_store_get_data_dir (store));
  record->photos = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  if (!read_transaction_begin (&txn, store, error))
    return NULL;
  ok = read_record (store, record, inspection_id, error);
  read_transaction_end (&txn);
  return ok ? g_steal_pointer (&record) : NULL;
}

/**
 * xj_inspection_record_get_photos:
 *
 * Returns: (transfer none) (nullable) (element-type XjRecordPhoto): the
 *   photos of the answer @answer_id, or %NULL when it has none.
 */
GPtrArray *
xj_inspection_record_get_photos (const XjInspectionRecord *record,
                                 gint64                    answer_id)
{
  g_return_val_if_fail (record != NULL, NULL);

  return g_hash_table_lookup (record->photos, &answer_id);
}

/**
 * xj_inspection_record_check_signatures:
 *
 * xj_inspection_check_signatures() on the record: reads nothing.
 */
gboolean
xj_inspection_record_check_signatures (const XjInspectionRecord  *record,
                                       GError                   **error)
{
  g_return_val_if_fail (record != NULL, FALSE);

  return xj_inspection_check_signatures (record->inspection, record->signatures, error);
}
