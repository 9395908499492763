/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync: push the outbox, then pull what the others wrote.
 *
 * Push takes the outbox in bounded batches; an inspection goes with its
 * answers, their photos, its signatures and its report in the same batch
 * (the server lets those be written only in the transaction that signs
 * it).  A batch is one server transaction and one local one: its outbox
 * rows are deleted in the local transaction, committed only after the
 * server's COMMIT succeeded, so a batch cut short anywhere is sent again,
 * harmlessly (every write is by UUID; a written-once record that the
 * server holds with other content is an integrity error).  Photo and
 * report bytes go only when the server lacks them.
 *
 * Pull reads what other laptops wrote by transaction (not by login: the
 * same person may use two laptops; this laptop's own push transactions
 * are remembered and skipped): the rows of transactions that ended after the last pull's
 * watermark and before the oldest one still running now
 * (pg_snapshot_xmin).  A transaction still running, whatever sequence
 * numbers it took, is therefore read by a later pull, never skipped.
 * The watermark is kept in team_settings 'pull_seq' (a server xid8, then
 * the own transactions still ahead of it) once every table has been read; rows read again after an interrupted pull are
 * applied again, harmlessly.  Pulled rows are applied table by table in
 * reference order, with capture off inside the pull's own transaction;
 * then the notices whose events moved are folded (xj-team-fold.c).
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "xj-clock.h"
#include "xj-photo.h"
#include "xj-store-private.h"
#include "xj-team-codec.h"
#include "xj-team-fold.h"
#include "xj-team-laptop.h"
#include "xj-team-merge.h"
#include "xj-team-numbers.h"
#include "xj-team-private.h"
#include "xj-team-server.h"
#include "xj-team-sync.h"

#define PUSH_BATCH 200

typedef struct
{
  XjStore          *store;
  XjTeamConnection *connection;
  GCancellable     *cancellable;
  XjTeamSyncResult *result;
  guint             pull_limit;     /* XJ_SYNC_BATCH (tests): rows per batch */
  gint64            stop_after;     /* XJ_SYNC_STOP_AFTER (tests): batches, then _exit */
  gint64            batches;
  GHashTable       *locked_later;   /* uuid -> body: inspections signed once their parts are in */
  char             *pulled_until;   /* the pull's watermark, once every table is read */
  GHashTable       *notices;        /* uuids of notices pulled, merged or given events */
  GHashTable       *events;         /* uuids of the notice events pulled */
  char             *watermark;      /* where this pull starts ("0": from the beginning) */
  GString          *own_txids;      /* this laptop's push transactions not yet behind the watermark */
} Sync;

typedef struct
{
  gint64             id;
  const XjSyncTable *table;
  char              *record;
  guint              rank;
} OutboxRow;

static void
outbox_row_free (gpointer data)
{
  OutboxRow *row = data;

  g_free (row->record);
  g_free (row);
}

/* Tests cut a sync short at a chosen point, as a crash would. */
static void
batch_done (Sync *sync)
{
  if (sync->stop_after > 0 && ++sync->batches >= sync->stop_after)
    _exit (9);
}

static gboolean
set_capture (XjStore     *store,
             gboolean     on,
             GError     **error)
{
  return xj_store_exec (store, on ? "UPDATE team_settings SET value = 'on' WHERE key = 'capture'"
                                  : "UPDATE team_settings SET value = 'off' WHERE key = 'capture'",
                        error);
}

/* The next batch: the oldest outbox rows, with every row of the same
 * inspection (its answers, their photos, its signatures, its report). */
static const char next_batch_sql[] =
  "WITH head AS (SELECT id, table_name, record FROM team_outbox ORDER BY id LIMIT ?1),"
  "  insp AS (SELECT i.id FROM head h JOIN inspections i ON i.uuid = h.record"
  "      WHERE h.table_name = 'inspections'"
  "    UNION SELECT a.inspection_id FROM head h JOIN answers a ON a.uuid = h.record"
  "      WHERE h.table_name = 'answers'"
  "    UNION SELECT a.inspection_id FROM head h JOIN answer_photos p ON p.uuid = h.record"
  "      JOIN answers a ON a.id = p.answer_id WHERE h.table_name = 'answer_photos'"
  "    UNION SELECT s.inspection_id FROM head h JOIN signatures s ON s.uuid = h.record"
  "      WHERE h.table_name = 'signatures' AND s.inspection_id IS NOT NULL"
  "    UNION SELECT r.inspection_id FROM head h JOIN reports r ON r.uuid = h.record"
  "      WHERE h.table_name = 'reports'),"
  "  parts AS (SELECT 'inspections' AS t, i.uuid AS u FROM insp JOIN inspections i ON i.id = insp.id"
  "    UNION ALL SELECT 'answers', a.uuid FROM insp JOIN answers a ON a.inspection_id = insp.id"
  "    UNION ALL SELECT 'answer_photos', p.uuid FROM insp"
  "      JOIN answers a ON a.inspection_id = insp.id JOIN answer_photos p ON p.answer_id = a.id"
  "    UNION ALL SELECT 'signatures', s.uuid FROM insp JOIN signatures s"
  "      ON s.inspection_id = insp.id"
  "    UNION ALL SELECT 'reports', r.uuid FROM insp JOIN reports r ON r.inspection_id = insp.id)"
  "SELECT id, table_name, record FROM head"
  "  UNION SELECT o.id, o.table_name, o.record FROM parts"
  "  JOIN team_outbox o ON o.table_name = parts.t AND o.record = parts.u"
  "  ORDER BY 1";

static GPtrArray *
next_batch (Sync    *sync,
            guint    limit,
            GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (outbox_row_free);
  sqlite3_stmt *stmt = xj_store_prepare (sync->store, next_batch_sql, error);
  guint n_tables;
  const XjSyncTable *tables = _xj_sync_get_tables (&n_tables);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OutboxRow *row = g_new0 (OutboxRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->table = _xj_sync_find_table ((const char *) sqlite3_column_text (stmt, 1));
      row->record = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->rank = row->table != NULL ? (guint) (row->table - tables) : n_tables;
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (sync->store), rc, "team_outbox");
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const OutboxRow *x = *(OutboxRow **) a;
  const OutboxRow *y = *(OutboxRow **) b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The photos of @rows the server has already. */
static GHashTable *
server_photos (Sync       *sync,
               GPtrArray  *rows,
               GError    **error)
{
  g_autoptr(GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) list = g_string_new ("{");
  g_autoptr(PGresult) result = NULL;
  const char *params[1];

  for (guint i = 0; i < rows->len; i++)
    {
      OutboxRow *row = g_ptr_array_index (rows, i);

      if (row->table != NULL && g_str_equal (row->table->name, "photos"))
        g_string_append_printf (list, "%s%s", list->len > 1 ? "," : "", row->record);
    }
  if (list->len == 1)
    return g_steal_pointer (&held);
  g_string_append_c (list, '}');
  params[0] = list->str;
  result = _xj_team_exec (sync->connection, "SELECT sha256 FROM xunjian.photos"
                          " WHERE sha256 = ANY ($1::text[])", 1, params, error);
  if (result == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (result); i++)
    g_hash_table_add (held, g_strdup (PQgetvalue (result, i, 0)));
  return g_steal_pointer (&held);
}

/* The bytes that go with a photo or a report. */
static GBytes *
read_file_of (Sync              *sync,
              const XjSyncTable *table,
              const char        *record,
              GError           **error)
{
  const char *data_dir = xj_store_get_data_dir (sync->store);
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (g_str_equal (table->name, "photos"))
    {
      g_autofree char *mime = _xj_sync_query_text (sync->store, "SELECT mime FROM photos"
                                          " WHERE sha256 = ?1", record, error);

      if (mime == NULL)
        return NULL;
      path = xj_photo_dup_original_path (data_dir, record, mime);
    }
  else
    {
      g_autofree char *relative = _xj_sync_query_text (sync->store, "SELECT path FROM reports"
                                              " WHERE uuid = ?1", record, error);

      if (relative == NULL)
        return NULL;
      path = g_build_filename (data_dir, relative, NULL);
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return g_bytes_new_take (contents, length);
}

/* A record the server knows under another UUID (a built-in checklist, made
 * on every laptop): this laptop takes the server's UUID.  TRUE in
 * @adopted when it did, and then nothing is sent. */
static gboolean
adopt_identity (Sync              *sync,
                const XjSyncTable *table,
                const char        *record,
                const char        *body,
                const char        *content_sha256,
                gboolean          *adopted,
                GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  const char *params[2] = { record, NULL };

  *adopted = FALSE;
  if (g_str_equal (table->name, "templates"))
    {
      uid = _xj_sync_query_text (sync->store, "SELECT uid FROM templates WHERE uuid = ?1", record, error);
      params[1] = uid;
      result = _xj_team_exec (sync->connection, "SELECT uuid::text FROM xunjian.templates"
                              " WHERE uid = $2 AND uuid <> $1::uuid", 2, params, error);
    }
  else
    {
      params[1] = content_sha256;
      result = _xj_team_exec (sync->connection, "SELECT uuid::text FROM xunjian.template_versions"
                              " WHERE content_sha256 = $2 AND uuid <> $1::uuid", 2, params, error);
    }
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    return TRUE;
  (void) body;
  sql = g_strdup_printf ("UPDATE %s SET uuid = ?2 WHERE uuid = ?1", table->name);
  if (!set_capture (sync->store, FALSE, error)
      || (stmt = xj_store_prepare (sync->store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, PQgetvalue (result, 0, 0), -1, SQLITE_TRANSIENT);
  if (!xj_store_step_done (sync->store, stmt, error) || !set_capture (sync->store, TRUE, error))
    return FALSE;
  *adopted = TRUE;
  return TRUE;
}

static gboolean
push_row (Sync        *sync,
          OutboxRow   *row,
          GHashTable  *held_photos,
          GError     **error)
{
  const XjSyncTable *table = row->table;
  g_autofree char *body = _xj_sync_encode (sync->store, table, row->record, error);
  g_autofree char *content_sha256 = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PGresult) result = NULL;
  const char *params[3] = { row->record, body, NULL };
  int lengths[3] = { 0, 0, 0 };
  int formats[3] = { 0, 0, 0 };
  gboolean adopted = FALSE;

  if (body == NULL)
    return error == NULL || *error == NULL;   /* gone from this laptop: nothing to send */
  if (g_str_equal (table->name, "template_versions")
      && (content_sha256 = _xj_sync_content_sha256 (sync->store, body, error)) == NULL)
    return FALSE;
  if ((g_str_equal (table->name, "templates") || content_sha256 != NULL)
      && !adopt_identity (sync, table, row->record, body, content_sha256, &adopted, error))
    return FALSE;
  if (adopted)
    return TRUE;
  if (table->kind == XJ_SYNC_SHARED)
    {
      if (g_str_equal (table->name, "notices"))
        g_hash_table_add (sync->notices, g_strdup (row->record));
      return _xj_merge_push_shared (sync->store, sync->connection, table, row->record, body,
                                    sync->result, error);
    }
  if (g_str_equal (table->name, "photos") && g_hash_table_contains (held_photos, row->record))
    return TRUE;
  if (g_str_equal (table->name, "photos") || g_str_equal (table->name, "reports"))
    {
      if ((bytes = read_file_of (sync, table, row->record, error)) == NULL)
        return FALSE;
      params[2] = g_bytes_get_data (bytes, NULL);
      lengths[2] = (int) g_bytes_get_size (bytes);
      formats[2] = 1;
    }
  else
    params[2] = content_sha256;

  result = _xj_team_exec_binary (sync->connection, table->server_write,
                                 strstr (table->server_write, "$3") != NULL ? 3 : 2,
                                 params, lengths, formats, error);
  if (result == NULL)
    {
      g_prefix_error (error, "%s %s: ", table->name, row->record);
      return FALSE;
    }
  if (PQntuples (result) > 0)
    {
      sync->result->pushed++;
      if (bytes != NULL)
        {
          sync->result->bytes_sent += (gint64) g_bytes_get_size (bytes);
          if (g_str_equal (table->name, "photos"))
            sync->result->photos_sent++;
        }
    }
  else if (table->kind == XJ_SYNC_WRITTEN_ONCE)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT body = $2::jsonb FROM xunjian.%s"
                                              " WHERE %s = $1", table->remote,
                                              g_str_equal (table->key, "uuid")
                                              ? "uuid = $1::uuid AND uuid" : "sha256");
      g_autoptr(PGresult) same = _xj_team_exec (sync->connection, sql, 2, params, error);

      if (same == NULL)
        return FALSE;
      if (PQntuples (same) == 1 && g_str_equal (PQgetvalue (same, 0, 0), "f"))
        {
          g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INTEGRITY,
                       _("The team server holds %s %s with other content: a record written "
                         "once cannot change."), table->name, row->record);
          return FALSE;
        }
    }
  return TRUE;
}

/* team_settings 'pull_seq' holds the watermark, then after a slash the
 * transactions this laptop pushed that a later pull must still skip
 * ("812/815,820"). */
static gboolean
set_watermark (XjStore     *store,
               const char  *watermark,
               const char  *own_txids,
               GError     **error)
{
  g_autofree char *value = *own_txids != '\0' ? g_strdup_printf ("%s/%s", watermark, own_txids)
                                              : g_strdup (watermark);

  return _xj_team_set_setting (store, "pull_seq", value, error);
}

static gboolean
remember_own_txid (Sync    *sync,
                   GError **error)
{
  g_autoptr(PGresult) xid = _xj_team_exec (sync->connection, "SELECT pg_current_xact_id()::text",
                                           0, NULL, error);

  if (xid == NULL)
    return FALSE;
  g_string_append_printf (sync->own_txids, "%s%s", sync->own_txids->len > 0 ? "," : "",
                          PQgetvalue (xid, 0, 0));
  return set_watermark (sync->store, sync->watermark, sync->own_txids->str, error);
}

/* The own transactions the next pull still has to skip: those not behind
 * @watermark. */
static char *
own_txids_after (const char *own,
                 const char *watermark)
{
  g_auto(GStrv) xids = g_strsplit (own, ",", -1);
  g_autoptr(GString) kept = g_string_new (NULL);
  guint64 floor = g_ascii_strtoull (watermark, NULL, 10);

  for (guint i = 0; xids[i] != NULL; i++)
    if (*xids[i] != '\0' && g_ascii_strtoull (xids[i], NULL, 10) >= floor)
      g_string_append_printf (kept, "%s%s", kept->len > 0 ? "," : "", xids[i]);
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

static gboolean
push_batch (Sync       *sync,
            GPtrArray  *rows,
            GError    **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(GHashTable) held = NULL;
  sqlite3_stmt *stmt;

  g_ptr_array_sort (rows, compare_rank);
  if ((tx = xj_transaction_begin (sync->store, error)) == NULL
      || !_xj_team_run (sync->connection, "BEGIN", error))
    return FALSE;
  if ((held = server_photos (sync, rows, error)) == NULL)
    goto fail;
  for (guint i = 0; i < rows->len; i++)
    {
      OutboxRow *row = g_ptr_array_index (rows, i);

      if (row->table != NULL && !push_row (sync, row, held, error))
        goto fail;
      if ((stmt = xj_store_prepare (sync->store, "DELETE FROM team_outbox WHERE id = ?1",
                                    error)) == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, row->id);
      if (!xj_store_step_done (sync->store, stmt, error))
        goto fail;
    }
  /* The pull skips what this laptop wrote by its transactions, not by its
   * login: the same person may work on two laptops. */
  if (!remember_own_txid (sync, error))
    goto fail;
  /* The server first: a local commit that fails afterwards only sends the
   * batch again (and pulls it back, harmlessly). */
  if (!_xj_team_run (sync->connection, "COMMIT", error))
    return FALSE;
  return xj_transaction_commit (tx, error);

fail:
  _xj_team_rollback (sync->connection);
  return FALSE;
}

static gboolean
push (Sync    *sync,
      GError **error)
{
  for (;;)
    {
      g_autoptr(GPtrArray) rows = NULL;

      if (g_cancellable_set_error_if_cancelled (sync->cancellable, error)
          || (rows = next_batch (sync, sync->pull_limit > 0 ? sync->pull_limit : PUSH_BATCH,
                                 error)) == NULL)
        return FALSE;
      if (rows->len == 0)
        return TRUE;
      if (!push_batch (sync, rows, error))
        return FALSE;
      batch_done (sync);
    }
}

/* What comes with a pulled photo or report: written to the data folder
 * before the row that points at it. */
static gboolean
store_file_of (Sync              *sync,
               const XjSyncTable *table,
               const char        *record,
               const char        *body,
               const guint8      *data,
               gsize              length,
               GError           **error)
{
  const char *data_dir = xj_store_get_data_dir (sync->store);
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  sync->result->bytes_received += (gint64) length;
  if (g_str_equal (table->name, "photos"))
    {
      g_autoptr(XjPhotoInfo) info = NULL;
      g_autofree char *name = _xj_sync_query_text (sync->store, "SELECT ?1 ->> 'original_name'", body,
                                          error);

      if (!g_str_equal (sha256, record))
        goto corrupt;
      info = xj_photo_import_bytes (data_dir, bytes, name != NULL ? name : "", sync->cancellable,
                                    error);
      sync->result->photos_received++;
      return info != NULL;
    }
  else
    {
      g_autofree char *relative = _xj_sync_query_text (sync->store, "SELECT ?1 ->> 'path'", body, error);
      g_autofree char *expected = _xj_sync_query_text (sync->store, "SELECT ?1 ->> 'sha256'", body, error);
      g_autofree char *path = NULL;
      g_autofree char *folder = NULL;

      if (relative == NULL || expected == NULL || !g_str_equal (sha256, expected)
          || g_path_is_absolute (relative) || strstr (relative, "..") != NULL)
        goto corrupt;
      path = g_build_filename (data_dir, relative, NULL);
      folder = g_path_get_dirname (path);
      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", folder,
                       g_strerror (errno));
          return FALSE;
        }
      return g_file_set_contents (path, (const char *) data, (gssize) length, error);
    }

corrupt:
  g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INTEGRITY,
               _("The team server sent %s %s with content that does not match its hash."),
               table->name, record);
  return FALSE;
}

/* @body as it may be taken in now: a signed inspection that is not
 * signed here yet comes in as completed (in @open_body) and is kept in
 * locked_later. */
static gboolean
defer_lock (Sync        *sync,
            const char  *record,
            const char  *body,
            char       **open_body,
            GError     **error)
{
  g_autofree char *state = _xj_sync_query_text (sync->store, "SELECT ?1 ->> 'state'", body, error);
  g_autofree char *here = NULL;

  *open_body = NULL;
  if (state == NULL || (!g_str_equal (state, "signed") && !g_str_equal (state, "archived")))
    return error == NULL || *error == NULL;
  here = _xj_sync_query_text (sync->store, "SELECT state FROM inspections WHERE uuid = ?1", record, error);
  if (here != NULL && (g_str_equal (here, "signed") || g_str_equal (here, "archived")))
    return TRUE;
  if ((*open_body = _xj_sync_query_text (sync->store, "SELECT json_set(?1, '$.state',"
                                          " 'completed')", body, error)) == NULL)
    return FALSE;
  g_hash_table_replace (sync->locked_later, g_strdup (record), g_strdup (body));
  return TRUE;
}

/* The inspections taken in as completed get their signed state, now that
 * everything that hangs from them is here. */
static gboolean
lock_signed (Sync    *sync,
             GError **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  const XjSyncTable *table = _xj_sync_find_table ("inspections");
  GHashTableIter iter;
  gpointer record, body;

  if (g_hash_table_size (sync->locked_later) == 0)
    return TRUE;
  if ((tx = xj_transaction_begin (sync->store, error)) == NULL
      || !set_capture (sync->store, FALSE, error))
    return FALSE;
  g_hash_table_iter_init (&iter, sync->locked_later);
  while (g_hash_table_iter_next (&iter, &record, &body))
    if (!_xj_sync_apply (sync->store, table, record, body, error))
      return FALSE;
  return set_capture (sync->store, TRUE, error) && xj_transaction_commit (tx, error);
}

static gboolean
apply_batch (Sync              *sync,
             const XjSyncTable *table,
             PGresult          *result,
             GError           **error)
{
  g_autoptr(XjTransaction) tx = xj_transaction_begin (sync->store, error);

  if (tx == NULL || !set_capture (sync->store, FALSE, error))
    return FALSE;
  for (int i = 0; i < PQntuples (result); i++)
    {
      const char *record = PQgetvalue (result, i, 0);
      const char *body = PQgetvalue (result, i, 3);

      if (!PQgetisnull (result, i, 4))
        {
          size_t length = 0;
          unsigned char *data = PQunescapeBytea ((const unsigned char *) PQgetvalue (result, i, 4),
                                                 &length);
          gboolean ok = data != NULL
                        && store_file_of (sync, table, record, body, data, length, error);

          PQfreemem (data);
          if (!ok)
            return FALSE;
        }
      if (g_str_equal (table->name, "inspections"))
        {
          /* A signed inspection arrives before its answers, signatures and
           * report: it is taken in as completed and locked at the end. */
          g_autofree char *open_body = NULL;

          if (!defer_lock (sync, record, body, &open_body, error))
            return FALSE;
          if (!_xj_sync_apply (sync->store, table, record,
                               open_body != NULL ? open_body : body, error))
            return FALSE;
          sync->result->pulled++;
          continue;
        }
      if (g_str_equal (table->name, "notice_events"))
        {
          g_autofree char *notice = _xj_sync_query_text (sync->store, "SELECT ?1 ->> 'notice_id'",
                                                         body, error);

          if (notice == NULL)
            return FALSE;
          g_hash_table_add (sync->notices, g_steal_pointer (&notice));
          g_hash_table_add (sync->events, g_strdup (record));
        }
      else if (g_str_equal (table->name, "notices"))
        g_hash_table_add (sync->notices, g_strdup (record));
      if (table->kind == XJ_SYNC_SHARED)
        {
          /* Changed here too and not sent yet: the next push merges it. */
          g_autofree char *waiting = _xj_sync_query_text (sync->store, "SELECT 1 FROM team_outbox"
                                                          " WHERE record = ?1", record, error);

          if (waiting != NULL)
            continue;
          if ((error != NULL && *error != NULL)
              || !_xj_shadow_set (sync->store, table->name, record,
                                  g_ascii_strtoll (PQgetvalue (result, i, 5), NULL, 10), body,
                                  error))
            return FALSE;
        }
      if (!_xj_sync_apply (sync->store, table, record, body, error))
        return FALSE;
      sync->result->pulled++;
    }
  return set_capture (sync->store, TRUE, error) && xj_transaction_commit (tx, error);
}

/* The notices whose events or fields moved: their state folded again from
 * their event log, in one local transaction. */
static gboolean
fold_notices (Sync    *sync,
              GError **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(GList) notices = NULL;

  if (g_hash_table_size (sync->notices) == 0)
    return TRUE;
  if ((tx = xj_transaction_begin (sync->store, error)) == NULL
      || !set_capture (sync->store, FALSE, error))
    return FALSE;
  notices = g_list_sort (g_hash_table_get_keys (sync->notices), (GCompareFunc) g_strcmp0);
  for (GList *l = notices; l != NULL; l = l->next)
    if (!_xj_fold_notice (sync->store, l->data, sync->events, &sync->result->conflicts_found,
                          error))
      return FALSE;
  if (!set_capture (sync->store, TRUE, error) || !xj_transaction_commit (tx, error))
    return FALSE;
  xj_store_emit_changed (sync->store, "notices");
  return TRUE;
}

/* The team's register of signing certificates (public parts), into the
 * data folder's keys/ beside the laptop's own: a report signed on another
 * laptop verifies here against the certificate the team knows. */
static gboolean
pull_certificates (Sync    *sync,
                   GError **error)
{
  g_autoptr(PGresult) rows = _xj_team_exec (sync->connection, "SELECT sha256, pem"
                                            " FROM xunjian.certificates", 0, NULL, error);
  g_autofree char *folder = g_build_filename (xj_store_get_data_dir (sync->store), "keys", NULL);

  if (rows == NULL)
    return FALSE;
  if (PQntuples (rows) > 0 && g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", folder,
                   g_strerror (errno));
      return FALSE;
    }
  for (int i = 0; i < PQntuples (rows); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.crt.pem", PQgetvalue (rows, i, 0));
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS)
          && !g_file_set_contents (path, PQgetvalue (rows, i, 1), -1, error))
        return FALSE;
    }
  return TRUE;
}

/* Whether others wrote anything in the window at all: one question for an
 * empty sync instead of one per table. */
static gboolean
anything_new (Sync        *sync,
              const char  *from,
              const char  *until,
              gboolean    *any,
              GError     **error)
{
  guint n_tables;
  const XjSyncTable *tables = _xj_sync_get_tables (&n_tables);
  g_autoptr(GString) sql = g_string_new ("SELECT");
  g_autoptr(PGresult) result = NULL;
  g_autofree char *own = g_strdup_printf ("{%s}", sync->own_txids->str);
  const char *params[] = { from, until, own };

  for (guint t = 0; t < n_tables; t++)
    g_string_append_printf (sql, "%s EXISTS (SELECT 1 FROM xunjian.%s WHERE txid >= $1::xid8"
                            " AND txid < $2::xid8 AND txid <> ALL ($3::xid8[]))",
                            t > 0 ? " OR" : "", tables[t].remote);
  if ((result = _xj_team_exec (sync->connection, sql->str, 3, params, error)) == NULL)
    return FALSE;
  *any = g_str_equal (PQgetvalue (result, 0, 0), "t");
  return TRUE;
}

static gboolean
pull (Sync    *sync,
      GError **error)
{
  const char *from = sync->watermark;
  g_autoptr(PGresult) now = NULL;
  g_autofree char *until = NULL;
  guint n_tables;
  const XjSyncTable *tables = _xj_sync_get_tables (&n_tables);
  g_autofree char *own = g_strdup_printf ("{%s}", sync->own_txids->str);
  gboolean any = FALSE;

  if (error != NULL && *error != NULL)
    return FALSE;
  now = _xj_team_exec (sync->connection, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text",
                       0, NULL, error);
  if (now == NULL)
    return FALSE;
  until = g_strdup (PQgetvalue (now, 0, 0));
  if (!anything_new (sync, from != NULL ? from : "0", until, &any, error))
    return FALSE;
  for (guint t = 0; any && t < n_tables; t++)
    {
      const XjSyncTable *table = &tables[t];
      g_autofree char *last = g_strdup ("0");
      g_autofree char *sql = NULL;
      gboolean with_bytes = g_str_equal (table->name, "photos")
                            || g_str_equal (table->name, "reports");
      int limit = sync->pull_limit > 0 ? (int) sync->pull_limit : table->pull_batch;

      sql = g_strdup_printf ("SELECT %s::text, author, seq, (%s)::text, %s, %s FROM xunjian.%s"
                             " WHERE txid >= $1::xid8 AND txid < $2::xid8 AND seq > $3::bigint"
                             " AND txid <> ALL ($4::xid8[]) ORDER BY seq LIMIT %d",
                             table->key, table->server_body,
                             g_str_equal (table->name, "photos") ? "original"
                             : with_bytes ? "pdf" : "NULL::bytea",
                             table->kind == XJ_SYNC_SHARED ? "version" : "0",
                             table->remote, limit);
      for (;;)
        {
          const char *params[] = { from != NULL ? from : "0", until, last, own };
          g_autoptr(PGresult) rows = NULL;
          int n;

          if (g_cancellable_set_error_if_cancelled (sync->cancellable, error)
              || (rows = _xj_team_exec (sync->connection, sql, 4, params, error)) == NULL)
            return FALSE;
          if ((n = PQntuples (rows)) == 0)
            break;
          if (!apply_batch (sync, table, rows, error))
            {
              g_prefix_error (error, _("Could not take in what the team server sent: "));
              return FALSE;
            }
          g_free (last);
          last = g_strdup (PQgetvalue (rows, n - 1, 1 + 1));
          batch_done (sync);
          if (n < limit)
            break;
        }
    }
  if (!lock_signed (sync, error) || !fold_notices (sync, error)
      || !pull_certificates (sync, error))
    return FALSE;
  /* Kept with the sync's end (xj_team_sync), in one local transaction. */
  sync->pulled_until = g_steal_pointer (&until);
  return TRUE;
}

gboolean
xj_team_sync (XjStore           *store,
              XjTeamConnection  *connection,
              GCancellable      *cancellable,
              XjTeamSyncResult  *result,
              GError           **error)
{
  XjTeamSyncResult local_result = { 0 };
  Sync sync = { store, connection, cancellable, result != NULL ? result : &local_result, 0, 0, 0 };
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autoptr(XjTransaction) tx = NULL;
  g_autofree char *now = NULL;
  gint64 started = g_get_monotonic_time ();
  const char *batch = g_getenv ("XJ_SYNC_BATCH");
  const char *stop = g_getenv ("XJ_SYNC_STOP_AFTER");
  g_autoptr(GHashTable) locked_later = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               g_free, g_free);
  g_autoptr(GHashTable) notices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) own_txids = g_string_new (NULL);
  g_autofree char *own = NULL;
  g_autofree char *watermark = NULL;
  gboolean ok;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (connection != NULL, FALSE);

  memset (sync.result, 0, sizeof *sync.result);
  sync.locked_later = locked_later;
  sync.notices = notices;
  sync.events = events;
  sync.own_txids = own_txids;
  sync.pull_limit = batch != NULL ? (guint) g_ascii_strtoull (batch, NULL, 10) : 0;
  sync.stop_after = stop != NULL ? g_ascii_strtoll (stop, NULL, 10) : 0;
  if ((membership = xj_team_get_membership (store, error)) == NULL)
    return FALSE;
  if (membership->server == NULL)
    {
      g_set_error_literal (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NOT_JOINED,
                           _("This laptop is in no team."));
      return FALSE;
    }
  own = _xj_sync_query_text (store, "SELECT value FROM team_settings WHERE key = ?1", "pull_seq",
                             error);
  if (error != NULL && *error != NULL)
    return FALSE;
  {
    g_auto(GStrv) parts = g_strsplit (own != NULL ? own : "0", "/", 2);

    watermark = g_strdup (parts[0] != NULL && *parts[0] != '\0' ? parts[0] : "0");
    g_string_assign (own_txids, parts[0] != NULL && parts[1] != NULL ? parts[1] : "");
  }
  sync.watermark = watermark;
  /* Numbers are leased here too, so that a laptop keeps numbering offline.
   * The second push sends the notices that the fold left other than the
   * server has them. */
  ok = _xj_team_check_server_version (connection, error) && push (&sync, error)
       && pull (&sync, error) && push (&sync, error)
       && xj_team_numbers_refill (store, connection, error);
  sync.result->elapsed_us = g_get_monotonic_time () - started;
  if (!ok)
    {
      g_free (sync.pulled_until);
      return FALSE;
    }
  now = g_strdup_printf ("%" G_GINT64_FORMAT, xj_clock_now ());
  tx = xj_transaction_begin (store, error);
  g_free (own);
  own = own_txids_after (own_txids->str, sync.pulled_until);
  ok = tx != NULL && set_watermark (store, sync.pulled_until, own, error)
       && _xj_team_set_setting (store, "last_sync_at", now, error)
       && xj_transaction_commit (tx, error);
  g_free (sync.pulled_until);
  sync.result->elapsed_us = g_get_monotonic_time () - started;
  if (!ok)
    return FALSE;
  xj_store_emit_changed (store, "team_settings");
  return TRUE;
}
