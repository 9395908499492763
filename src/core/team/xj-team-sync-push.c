/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The push: the outbox in bounded batches; an inspection goes with its
 * answers, their photos, its signatures and its report in the same batch
 * (the server lets those be written only in the transaction that signs
 * it).  A batch is one server transaction and one local one: its outbox
 * rows are deleted in the local transaction, committed only after the
 * server's COMMIT succeeded, so a batch cut short anywhere is sent again,
 * harmlessly (every write is by UUID; a written-once record that the
 * server holds with other content is an integrity error).  Photo and
 * report bytes (an inspection's or a monthly report) go only when the
 * server lacks them.
 *
 * The records of a table that carry no bytes go in sets: copied into a
 * staging table and written with one statement per table and batch
 * (xj-team-sync-stage.c).  A set the server refuses rolls the batch back,
 * and the batch goes again record by record, which names the record.
 *
 * Record by record, owned and written-once records (photos and reports
 * always) go in libpq's pipeline mode: their prepared statements are sent
 * one after the other without waiting, and the answers are read at the
 * next synchronisation point.  The server runs them in the same order, in
 * the same transaction, under the same rules; the first one it refuses is
 * reported by record (the rest of the batch is then not run, and the
 * transaction is rolled back).  Shared records (merged against the
 * server's version) and built-in checklists (which may take the server's
 * UUID) need the server's answer before going on: the pipeline is emptied
 * before them.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "xj-photo.h"
#include "xj-store-private.h"
#include "xj-team-codec.h"
#include "xj-team-merge.h"
#include "xj-team-private.h"
#include "xj-team-sync-private.h"

#define PUSH_BATCH 200
/* Statements, and bytes, sent before their answers are read: the answers
 * waiting must fit the socket's buffer (the server would otherwise stop
 * reading while libpq is still writing). */
#define PIPELINE_DEPTH 500
#define PIPELINE_BYTES (32 * 1024 * 1024)

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

/* The next batch: the oldest outbox rows, with every row of the same
 * inspection (its answers, their photos, its signatures, its report) and
 * the notice of a notice photo or event; nothing set aside
 * (team_outbox_ready, xj-team-set-aside.c).
 * CROSS JOIN keeps SQLite's join order: from the batch's few inspections
 * to their parts, then into the outbox by (table, record); left free, it
 * walked the outbox's every answer row once per batch, quadratic on a
 * large archive (295,000 inspections: 30 records a second). */
static const char next_batch_sql[] =
  "WITH head AS (SELECT id, table_name, record FROM team_outbox_ready ORDER BY id LIMIT ?1),"
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
  /* A notice goes with its photos and events: a notice changed after them
   * (a number suffix at join, a step) waits later in the outbox. */
  "  notc AS (SELECT p.notice_id AS id FROM head h JOIN notice_photos p ON p.uuid = h.record"
  "      WHERE h.table_name = 'notice_photos'"
  "    UNION SELECT e.notice_id FROM head h JOIN notice_events e ON e.uuid = h.record"
  "      WHERE h.table_name = 'notice_events'),"
  "  parts AS (SELECT 'inspections' AS t, i.uuid AS u FROM insp"
  "      CROSS JOIN inspections i ON i.id = insp.id"
  "    UNION ALL SELECT 'answers', a.uuid FROM insp CROSS JOIN answers a"
  "      ON a.inspection_id = insp.id"
  "    UNION ALL SELECT 'answer_photos', p.uuid FROM insp CROSS JOIN answers a"
  "      ON a.inspection_id = insp.id CROSS JOIN answer_photos p ON p.answer_id = a.id"
  "    UNION ALL SELECT 'signatures', s.uuid FROM insp CROSS JOIN signatures s"
  "      ON s.inspection_id = insp.id"
  "    UNION ALL SELECT 'reports', r.uuid FROM insp CROSS JOIN reports r"
  "      ON r.inspection_id = insp.id"
  "    UNION ALL SELECT 'notices', n.uuid FROM notc CROSS JOIN notices n ON n.id = notc.id)"
  "SELECT id, table_name, record FROM head"
  "  UNION SELECT o.id, o.table_name, o.record FROM parts"
  "  CROSS JOIN team_outbox_ready o ON o.table_name = parts.t AND o.record = parts.u"
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

/* The photos and reports of @rows the server has already: a photo by its
 * SHA-256, a report by its UUID with the same SHA-256 (one with other
 * bytes is sent, and refused as an integrity error).  Their bytes are not
 * sent again. */
static GHashTable *
server_held (Sync       *sync,
             GPtrArray  *rows,
             GError    **error)
{
  g_autoptr(GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) photos = g_string_new ("{");
  g_autoptr(GString) reports = g_string_new ("{");
  g_autoptr(GString) hashes = g_string_new ("{");
  g_autoptr(PGresult) result = NULL;
  const char *params[3];

  for (guint i = 0; i < rows->len; i++)
    {
      OutboxRow *row = g_ptr_array_index (rows, i);

      if (row->table != NULL && g_str_equal (row->table->name, "photos"))
        g_string_append_printf (photos, "%s%s", photos->len > 1 ? "," : "", row->record);
      else if (row->table != NULL && g_str_equal (row->table->name, "reports"))
        {
          g_autofree char *sha256 = _xj_sync_query_text (sync->store, "SELECT sha256 FROM reports"
                                                         " WHERE uuid = ?1", row->record, error);

          if (error != NULL && *error != NULL)
            return NULL;
          if (sha256 == NULL)
            continue;
          g_string_append_printf (reports, "%s%s", reports->len > 1 ? "," : "", row->record);
          g_string_append_printf (hashes, "%s%s", hashes->len > 1 ? "," : "", sha256);
        }
    }
  if (photos->len == 1 && reports->len == 1)
    return g_steal_pointer (&held);
  g_string_append_c (photos, '}');
  g_string_append_c (reports, '}');
  g_string_append_c (hashes, '}');
  params[0] = photos->str;
  params[1] = reports->str;
  params[2] = hashes->str;
  result = _xj_team_exec (sync->connection, "SELECT sha256 FROM xunjian.photos"
                          " WHERE sha256 = ANY ($1::text[])"
                          " UNION ALL SELECT r.uuid::text FROM xunjian.reports r"
                          " JOIN unnest ($2::uuid[], $3::text[]) AS l (uuid, sha256)"
                          " ON l.uuid = r.uuid AND l.sha256 = r.sha256", 3, params, error);
  if (result == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (result); i++)
    g_hash_table_add (held, g_strdup (PQgetvalue (result, i, 0)));
  return g_steal_pointer (&held);
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
  if (!_xj_sync_set_capture (sync->store, FALSE, error)
      || (stmt = xj_store_prepare (sync->store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, PQgetvalue (result, 0, 0), -1, SQLITE_TRANSIENT);
  if (!xj_store_step_done (sync->store, stmt, error) || !_xj_sync_set_capture (sync->store, TRUE, error))
    return FALSE;
  *adopted = TRUE;
  return TRUE;
}

/* A statement sent and not answered yet, with what it sent. */
typedef struct
{
  OutboxRow         *row;
  const XjSyncTable *set;   /* or a set statement: the staged records of this table */
  char              *body;
  GBytes    *bytes;       /* a photo's original, a report's PDF */
  GBytes    *rendition;   /* a photo's rendition and thumbnail */
  GBytes    *thumbnail;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_free (pending->body);
  g_clear_pointer (&pending->bytes, g_bytes_unref);
  g_clear_pointer (&pending->rendition, g_bytes_unref);
  g_clear_pointer (&pending->thumbnail, g_bytes_unref);
  g_free (pending);
}

static void
bind_bytes (GBytes      *bytes,
            const char **param,
            int         *length,
            int         *format)
{
  if (bytes == NULL)
    return;
  *param = g_bytes_get_data (bytes, NULL);
  *length = (int) g_bytes_get_size (bytes);
  *format = 1;
}

typedef struct
{
  Sync      *sync;
  GPtrArray *pending;
  gsize      bytes;
  XjStage   *stage;   /* the batch's records that go in sets */
  GPtrArray *moved;   /* staged shared records the server moved: merged after the pipeline */
} Pipeline;

static char *
statement_name (const XjSyncTable *table)
{
  return g_strdup_printf ("xj_push_%s", table->name);
}

/* A written-once record the server had already (it answered no row): the
 * same content, or an integrity error. */
static gboolean
check_written_once (Sync     *sync,
                    Pending  *pending,
                    GError  **error)
{
  const XjSyncTable *table = pending->row->table;
  const char *params[2] = { pending->row->record, pending->body };
  g_autofree char *sql = g_strdup_printf ("SELECT body = $2::jsonb FROM xunjian.%s"
                                          " WHERE %s = $1", table->remote,
                                          g_str_equal (table->key, "uuid")
                                          ? "uuid = $1::uuid AND uuid" : "sha256");
  g_autoptr(PGresult) same = _xj_team_exec (sync->connection, sql, 2, params, error);

  if (same == NULL)
    return FALSE;
  /* Not there: another report holds its month (xj-team-set-aside-month.c). */
  if (PQntuples (same) == 0 && g_str_equal (table->name, "reports"))
    return _xj_set_aside_month_refused (sync, pending->row->record, error);
  if (PQntuples (same) == 1 && g_str_equal (PQgetvalue (same, 0, 0), "f"))
    {
      _xj_sync_note_refused (sync, table, pending->row->record);
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INTEGRITY,
                   _("The team server holds %s %s with other content: a record written "
                     "once cannot change."), table->name, pending->row->record);
      return FALSE;
    }
  return TRUE;
}

/* One answer of the pipeline, in the order sent. */
static void
take_answer (Pipeline   *pipe,
             Pending    *pending,
             PGresult   *answer,
             GPtrArray  *again,
             GError    **error)
{
  Sync *sync = pipe->sync;
  ExecStatusType status = PQresultStatus (answer);

  if (status == PGRES_PIPELINE_ABORTED || (error != NULL && *error != NULL))
    return;
  if (pending->set != NULL)
    {
      if (status != PGRES_TUPLES_OK)
        _xj_team_set_result_error (sync->connection, answer, error);
      else
        _xj_stage_take (sync, pipe->stage, pending->set, answer, pipe->moved, error);
      g_prefix_error (error, "%s: ", pending->set->name);
      return;
    }
  if (status != PGRES_TUPLES_OK)
    {
      _xj_team_set_result_error (sync->connection, answer, error);
      _xj_sync_note_refused (sync, pending->row->table, pending->row->record);
      g_prefix_error (error, "%s %s: ", pending->row->table->name, pending->row->record);
      return;
    }
  if (PQntuples (answer) > 0)
    {
      sync->result->pushed++;
      if (pending->bytes != NULL)
        {
          sync->result->bytes_sent += (gint64) g_bytes_get_size (pending->bytes);
          if (pending->rendition != NULL)
            sync->result->bytes_sent += (gint64) g_bytes_get_size (pending->rendition);
          if (pending->thumbnail != NULL)
            sync->result->bytes_sent += (gint64) g_bytes_get_size (pending->thumbnail);
          if (g_str_equal (pending->row->table->name, "photos"))
            sync->result->photos_sent++;
        }
    }
  else if (pending->row->table->kind == XJ_SYNC_WRITTEN_ONCE)
    g_ptr_array_add (again, pending);
}

/* Reads every answer up to the synchronisation point and leaves pipeline
 * mode; the first refusal in @error.  Called on failure too, so that the
 * connection is usable for the ROLLBACK. */
static gboolean
pipeline_flush (Pipeline  *pipe,
                GError   **error)
{
  Sync *sync = pipe->sync;
  PGconn *conn = _xj_team_connection_get_conn (sync->connection);
  g_autoptr(GError) failure = NULL;
  g_autoptr(GPtrArray) again = g_ptr_array_new ();
  g_autoptr(GPtrArray) pending = g_steal_pointer (&pipe->pending);
  PGresult *answer;

  pipe->pending = g_ptr_array_new_with_free_func (pending_free);
  pipe->bytes = 0;
  if (PQpipelineStatus (conn) == PQ_PIPELINE_OFF)
    return TRUE;
  if (!PQpipelineSync (conn))
    {
      _xj_team_set_result_error (sync->connection, NULL, error);
      return FALSE;
    }
  for (guint i = 0; i < pending->len; i++)
    {
      if ((answer = PQgetResult (conn)) == NULL)
        {
          _xj_team_set_result_error (sync->connection, NULL, error);
          return FALSE;
        }
      take_answer (pipe, g_ptr_array_index (pending, i), answer, again, &failure);
      PQclear (answer);
      /* Each statement's answers end with NULL. */
      while ((answer = PQgetResult (conn)) != NULL)
        PQclear (answer);
    }
  while ((answer = PQgetResult (conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (answer);

      PQclear (answer);
      if (status == PGRES_PIPELINE_SYNC)
        break;
      if (status == PGRES_FATAL_ERROR && PQstatus (conn) != CONNECTION_OK)
        break;
    }
  if (!PQexitPipelineMode (conn) && failure == NULL)
    _xj_team_set_result_error (sync->connection, NULL, &failure);
  if (failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }
  for (guint i = 0; i < again->len; i++)
    if (!check_written_once (sync, g_ptr_array_index (again, i), error))
      return FALSE;
  return _xj_stage_merge_moved (sync, pipe->moved, error);
}

static gboolean
enter_pipeline (Pipeline  *pipe,
                GError   **error)
{
  PGconn *conn = _xj_team_connection_get_conn (pipe->sync->connection);

  if (PQpipelineStatus (conn) == PQ_PIPELINE_OFF && !PQenterPipelineMode (conn))
    {
      _xj_team_set_result_error (pipe->sync->connection, NULL, error);
      return FALSE;
    }
  return TRUE;
}

/* Sends the set statement of @table's staged records without waiting. */
static gboolean
pipeline_send_set (Pipeline           *pipe,
                   const XjSyncTable  *table,
                   GError            **error)
{
  PGconn *conn = _xj_team_connection_get_conn (pipe->sync->connection);
  Pending *pending = g_new0 (Pending, 1);

  pending->set = table;
  g_ptr_array_add (pipe->pending, pending);
  if (!enter_pipeline (pipe, error)
      || !PQsendQueryParams (conn, _xj_stage_get_sql (table), 0, NULL, NULL, NULL, NULL, 0))
    {
      if (error == NULL || *error == NULL)
        _xj_team_set_result_error (pipe->sync->connection, NULL, error);
      return FALSE;
    }
  if (pipe->pending->len >= PIPELINE_DEPTH)
    return pipeline_flush (pipe, error);
  return TRUE;
}

/* Sends @pending's write without waiting for the answer; takes it. */
static gboolean
pipeline_send (Pipeline    *pipe,
               Pending     *pending,
               const char  *extra,
               GError     **error)
{
  Sync *sync = pipe->sync;
  PGconn *conn = _xj_team_connection_get_conn (sync->connection);
  const XjSyncTable *table = pending->row->table;
  g_autofree char *name = statement_name (table);
  const char *params[5] = { pending->row->record, pending->body, extra, NULL, NULL };
  int lengths[5] = { 0, 0, 0, 0, 0 };
  int formats[5] = { 0, 0, 0, 0, 0 };
  int n_params = strstr (table->server_write, "$5") != NULL ? 5
                 : strstr (table->server_write, "$3") != NULL ? 3 : 2;

  bind_bytes (pending->bytes, &params[2], &lengths[2], &formats[2]);
  bind_bytes (pending->rendition, &params[3], &lengths[3], &formats[3]);
  bind_bytes (pending->thumbnail, &params[4], &lengths[4], &formats[4]);
  for (guint i = 0; i < 3; i++)
    pipe->bytes += (gsize) lengths[2 + i];
  g_ptr_array_add (pipe->pending, pending);
  if (!enter_pipeline (pipe, error))
    return FALSE;
  if (!PQsendQueryPrepared (conn, name, n_params, params, lengths, formats, 0))
    {
      _xj_team_set_result_error (sync->connection, NULL, error);
      return FALSE;
    }
  if (pipe->pending->len >= PIPELINE_DEPTH || pipe->bytes >= PIPELINE_BYTES)
    return pipeline_flush (pipe, error);
  return TRUE;
}

static gboolean
push_row (Pipeline    *pipe,
          OutboxRow   *row,
          GHashTable  *held,
          GError     **error)
{
  Sync *sync = pipe->sync;
  const XjSyncTable *table = row->table;
  g_autofree char *body = _xj_sync_encode (sync->store, table, row->record, error);
  g_autofree char *content_sha256 = NULL;
  GBytes *bytes = NULL;
  Pending *pending;
  gboolean adopted = FALSE;

  if (body == NULL)
    return error == NULL || *error == NULL;   /* gone from this laptop: nothing to send */
  if (g_str_equal (table->name, "template_versions")
      && (content_sha256 = _xj_sync_content_sha256 (sync->store, body, error)) == NULL)
    return FALSE;
  if (g_str_equal (table->name, "templates") || content_sha256 != NULL
      || table->kind == XJ_SYNC_SHARED)
    {
      /* These wait for the server's answer before going on. */
      if (!pipeline_flush (pipe, error))
        return FALSE;
    }
  if ((g_str_equal (table->name, "templates") || content_sha256 != NULL)
      && !adopt_identity (sync, table, row->record, body, content_sha256, &adopted, error))
    return FALSE;
  if (adopted)
    return TRUE;
  if (table->kind == XJ_SYNC_SHARED)
    {
      if (g_str_equal (table->name, "notices"))
        g_hash_table_add (sync->notices, g_strdup (row->record));
      if (_xj_merge_push_shared (sync->store, sync->connection, table, row->record, body,
                                 sync->result, error))
        return TRUE;
      _xj_sync_note_refused (sync, table, row->record);
      return FALSE;
    }
  if ((g_str_equal (table->name, "photos") || g_str_equal (table->name, "reports"))
      && g_hash_table_contains (held, row->record))
    return TRUE;
  if ((g_str_equal (table->name, "photos") || g_str_equal (table->name, "reports"))
      && (bytes = _xj_sync_read_file_of (sync, table, row->record, error)) == NULL)
    return FALSE;
  pending = g_new0 (Pending, 1);
  pending->row = row;
  pending->body = g_steal_pointer (&body);
  pending->bytes = bytes;
  if (g_str_equal (table->name, "photos"))
    {
      const char *data_dir = xj_store_get_data_dir (sync->store);
      g_autofree char *rendition = xj_photo_dup_rendition_path (data_dir, row->record);
      g_autofree char *thumbnail = xj_photo_dup_thumbnail_path (data_dir, row->record);

      pending->rendition = _xj_sync_read_derived (rendition);
      pending->thumbnail = _xj_sync_read_derived (thumbnail);
    }
  return pipeline_send (pipe, pending, content_sha256, error);
}

/* The statements of the tables in @rows that go in the pipeline, prepared
 * once per connection. */
static gboolean
prepare_writes (Sync       *sync,
                GPtrArray  *rows,
                GError    **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      OutboxRow *row = g_ptr_array_index (rows, i);
      g_autofree char *name = NULL;

      if (row->table == NULL || row->table->kind == XJ_SYNC_SHARED)
        continue;
      name = statement_name (row->table);
      if (!_xj_team_prepare (sync->connection, name, row->table->server_write, error))
        return FALSE;
    }
  return TRUE;
}

/* A checklist or checklist version, which may take the server's UUID: the
 * records encoded after it then carry that UUID. */
static gboolean
takes_identity (const XjSyncTable *table)
{
  return table != NULL && (g_str_equal (table->name, "templates")
                           || g_str_equal (table->name, "template_versions"));
}

/* The records that go in sets are encoded and copied to the server first,
 * with one COPY (after the checklists, whose identity they may carry);
 * then every table in its order (compare_rank) goes into the pipeline:
 * one set statement for a staged table, its records one by one for the
 * others. */
static gboolean
send_rows (Pipeline   *pipe,
           GPtrArray  *rows,
           gboolean    staged,
           GError    **error)
{
  Sync *sync = pipe->sync;
  g_autoptr(GHashTable) held = NULL;
  const XjSyncTable *last_set = NULL;
  sqlite3_stmt *stmt;

  if (!prepare_writes (sync, rows, error)
      || (held = server_held (sync, rows, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len && staged; i++)
    {
      OutboxRow *row = g_ptr_array_index (rows, i);

      if (takes_identity (row->table) && !push_row (pipe, row, held, error))
        return FALSE;
    }
  for (guint i = 0; i < rows->len && staged; i++)
    {
      OutboxRow *row = g_ptr_array_index (rows, i);

      if (row->table != NULL && _xj_stage_takes (row->table)
          && !_xj_stage_add (sync, pipe->stage, row->table, row->record, error))
        return FALSE;
    }
  if (staged && (!pipeline_flush (pipe, error) || !_xj_stage_copy (sync, pipe->stage, error)))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      OutboxRow *row = g_ptr_array_index (rows, i);

      if (staged && takes_identity (row->table))
        ;   /* sent above */
      else if (row->table != NULL && staged && _xj_stage_takes (row->table))
        {
          if (row->table != last_set && !pipeline_send_set (pipe, row->table, error))
            return FALSE;
          last_set = row->table;
        }
      else if (row->table != NULL && !push_row (pipe, row, held, error))
        return FALSE;
      if ((stmt = xj_store_prepare (sync->store, "DELETE FROM team_outbox WHERE id = ?1",
                                    error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row->id);
      if (!xj_store_step_done (sync->store, stmt, error))
        return FALSE;
    }
  return pipeline_flush (pipe, error);
}

static gboolean
push_batch (Sync       *sync,
            GPtrArray  *rows,
            gboolean    staged,
            GError    **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(XjStage) stage = _xj_stage_new ();
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  Pipeline pipe = { sync, NULL, 0, stage, moved };
  gboolean ok;

  g_ptr_array_sort (rows, compare_rank);
  if ((tx = xj_transaction_begin (sync->store, error)) == NULL
      || !_xj_team_run (sync->connection, "BEGIN", error))
    return FALSE;
  pipe.pending = g_ptr_array_new_with_free_func (pending_free);
  ok = send_rows (&pipe, rows, staged, error);
  if (!ok)
    {
      /* Only to make the connection usable for the ROLLBACK. */
      g_ptr_array_set_size (moved, 0);
      pipeline_flush (&pipe, NULL);
    }
  g_ptr_array_unref (pipe.pending);
  if (!ok)
    {
      _xj_team_rollback (sync->connection);
      return FALSE;
    }
  /* The pull skips what this laptop wrote by its transactions, not by its
   * login: the same person may work on two laptops.  The server first: a
   * local commit that fails afterwards only sends the batch again (and
   * pulls it back, harmlessly). */
  if (!_xj_sync_remember_own_txid (sync, error))
    {
      _xj_team_rollback (sync->connection);
      return FALSE;
    }
  return _xj_team_run (sync->connection, "COMMIT", error) && xj_transaction_commit (tx, error);
}

void
_xj_sync_note_refused (Sync              *sync,
                       const XjSyncTable *table,
                       const char        *record)
{
  if (sync->refused_record != NULL)
    return;
  sync->refused_table = table;
  sync->refused_record = g_strdup (record);
}

/* A batch whose staged writes the server refused goes again record by
 * record, rolled back first on both sides: the refusal is then named by
 * record, with the server's words (and the figures count it once). */
static gboolean
push_batch_staged (Sync       *sync,
                   GPtrArray  *rows,
                   GError    **error)
{
  PGconn *conn = _xj_team_connection_get_conn (sync->connection);
  XjTeamSyncResult before = *sync->result;
  g_autoptr(GError) refused = NULL;

  if (sync->staging == 0)
    sync->staging = _xj_stage_prepare (sync) ? 1 : -1;
  if (sync->staging < 0)
    return push_batch (sync, rows, FALSE, error);
  if (push_batch (sync, rows, TRUE, &refused))
    return TRUE;
  if (PQstatus (conn) != CONNECTION_OK
      || g_error_matches (refused, XJ_TEAM_ERROR, XJ_TEAM_ERROR_CONNECT)
      || g_error_matches (refused, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || refused->domain != XJ_TEAM_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&refused));
      return FALSE;
    }
  g_debug ("A staged batch was refused (%s): sent again record by record", refused->message);
  *sync->result = before;
  g_clear_pointer (&sync->refused_record, g_free);
  return push_batch (sync, rows, FALSE, error);
}

/* A batch the server refused for one record's sake: that record is set
 * aside (xj-team-set-aside.c) and the batch goes again without it, so a
 * refusal never blocks what comes after it in the outbox. */
static gboolean
push_batches (Sync    *sync,
              GError **error)
{
  if (!_xj_set_aside_hold (sync->store, error))
    return FALSE;
  for (gboolean first = TRUE;; first = FALSE)
    {
      g_autoptr(GPtrArray) rows = NULL;
      GError *failure = NULL;

      if (g_cancellable_set_error_if_cancelled (sync->cancellable, error)
          || (rows = next_batch (sync, sync->pull_limit > 0 ? sync->pull_limit : PUSH_BATCH,
                                 error)) == NULL)
        return FALSE;
      if (rows->len == 0)
        return TRUE;
      /* A batch reads its records, their references, the outbox and the
       * shadows again and again: SQLite's default 2 MB of pages made it
       * read the same pages from the file four times a record. */
      if (first && !xj_store_exec (sync->store, "PRAGMA cache_size = -16384", error))
        return FALSE;
      g_clear_pointer (&sync->refused_record, g_free);
      if (!push_batch_staged (sync, rows, &failure) && !_xj_set_aside_refused (sync, failure, error))
        return FALSE;
      _xj_sync_batch_done (sync);
    }
}

gboolean
_xj_sync_push (Sync    *sync,
               GError **error)
{
  gboolean ok = push_batches (sync, error);

  /* The default again (the pull keeps its memory small). */
  if (!xj_store_exec (sync->store, "PRAGMA cache_size = -2000", ok ? error : NULL))
    ok = FALSE;
  return ok;
}
