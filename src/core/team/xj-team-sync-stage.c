/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The push's staging path: the records of a batch that carry no bytes go
 * to the server with one COPY into a temporary table (pg_temp.xj_stage),
 * then one set-based statement per table writes them into the team's
 * table, under the same rules (privileges, row-level security and
 * triggers fire for each row as before).  The statements go in the
 * pipeline, in the tables' order, between the records that still go one
 * by one (xj-team-sync-push.c): a batch is a handful of round trips.  It
 * replaces one statement per record, whose start-up was 40 % of the
 * server's work in a push (a 20-site push: 5.5 s of the server's CPU
 * before, 3.35 s after).
 *
 * The set statement is made from the table's own statement in the codec
 * (server_write), so both say the same thing: its VALUES list becomes a
 * SELECT from the stage, $1 the record's key, $2 its body, $3 its base
 * version.  The merge rules stay exactly as they were:
 * - owned records: inserted or updated when their body changed;
 * - written once: inserted when absent; one the server holds with other
 *   content is an integrity error naming the record;
 * - shared records: written where the server is still at the version the
 *   laptop based its change on (or does not have the record yet); those
 *   the server holds unchanged only update their shadow; those it moved
 *   since go one by one through the field-level merge
 *   (_xj_merge_push_shared, once the pipeline is read), which records
 *   conflicts as before.
 * A set statement the server refuses (a row-level security policy, a
 * trigger, a privilege) fails as a whole: the push then sends the batch
 * again one record at a time (xj-team-sync-push.c), which names the
 * record refused with the server's words, as it always did.  A server
 * where members may not make temporary tables gets every batch that way.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "xj-store-private.h"
#include "xj-team-merge.h"
#include "xj-team-private.h"
#include "xj-team-sync-private.h"

/* Lives as long as the session; its rows only as long as the transaction. */
static const char create_stage_sql[] =
  "CREATE TEMP TABLE IF NOT EXISTS xj_stage (tbl text NOT NULL, ord int NOT NULL,"
  " key text NOT NULL, body jsonb NOT NULL, base int NOT NULL) ON COMMIT DELETE ROWS";

typedef struct
{
  const XjSyncTable *table;
  char              *record;
  char              *body;
  gint64             base;   /* a shared record's version this change is based on */
  char              *seen;   /* "TABLE RECORD" */
} StagedRow;

struct _XjStage
{
  GPtrArray  *rows;   /* of StagedRow, in the batch's order; the index is its ord */
  GHashTable *seen;   /* records already staged (the outbox may hold one twice) */
};

static void
staged_row_free (gpointer data)
{
  StagedRow *row = data;

  g_free (row->record);
  g_free (row->body);
  g_free (row->seen);
  g_free (row);
}

/* @text with $1, $2 and $3 (the per-record statement's parameters) read
 * from the stage's row instead. */
static char *
from_stage (const char *text,
            gsize       length)
{
  static const char *const columns[] = { "s.key", "s.body", "s.base" };
  GString *out = g_string_sized_new (length + 32);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '$' && i + 1 < length && text[i + 1] >= '1' && text[i + 1] <= '3'
          && (i + 2 >= length || !g_ascii_isdigit (text[i + 2])))
        {
          g_string_append (out, columns[text[i + 1] - '1']);
          i++;
        }
      else
        g_string_append_c (out, text[i]);
    }
  return g_string_free (out, FALSE);
}

/* The set-based statement of @table, made from its per-record statement;
 * NULL when that one is not of the shape the stage knows (then the table
 * goes record by record). */
static char *
make_stage_sql (const XjSyncTable *table)
{
  const char *write = table->server_write;
  const char *values = strstr (write, " VALUES (");
  const char *conflict = strstr (write, " ON CONFLICT");
  const char *end = conflict;
  g_autofree char *head = NULL;
  g_autofree char *list = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *from = NULL;

  if (values == NULL || conflict == NULL || conflict < values)
    return NULL;
  while (end > values && *end != ')')
    end--;
  head = g_strndup (write, (gsize) (values - write));
  list = from_stage (values + strlen (" VALUES ("), (gsize) (end - values) - strlen (" VALUES ("));
  tail = from_stage (conflict, strlen (conflict));
  from = g_strdup_printf ("FROM pg_temp.xj_stage s WHERE s.tbl = '%s'", table->name);

  if (table->kind == XJ_SYNC_SHARED)
    {
      /* The per-record statement's ON CONFLICT … DO UPDATE … WHERE
       * t.version = $3 AND t.body IS DISTINCT FROM EXCLUDED.body, split in
       * two (ON CONFLICT cannot see the stage's row): the update of those
       * the server has at the base version, the insert of those it lacks.
       * Then each staged record with what the server held before. */
      if (strstr (head, " AS t ") == NULL)
        return NULL;
      return g_strdup_printf (
        "WITH u AS (UPDATE xunjian.%s t SET body = s.body, version = t.version + 1 %s"
        "   AND t.uuid = s.key::uuid AND t.version = s.base AND t.body IS DISTINCT FROM s.body"
        "   RETURNING t.uuid, t.version),"
        " i AS (%s SELECT %s %s AND NOT EXISTS (SELECT 1 FROM xunjian.%s x"
        "   WHERE x.uuid = s.key::uuid) ORDER BY s.ord ON CONFLICT (uuid) DO NOTHING"
        "   RETURNING t.uuid, t.version)"
        " SELECT s.ord, coalesce(u.version, i.version), x.version,"
        "  CASE WHEN u.uuid IS NULL AND i.uuid IS NULL THEN x.body::text END, x.author,"
        "  x.body = s.body"
        " FROM pg_temp.xj_stage s LEFT JOIN u ON u.uuid = s.key::uuid"
        " LEFT JOIN i ON i.uuid = s.key::uuid LEFT JOIN xunjian.%s x ON x.uuid = s.key::uuid"
        " WHERE s.tbl = '%s' ORDER BY s.ord",
        table->remote, from, head, list, from,
        table->remote, table->remote, table->name);
    }
  /* Owned and written once: how many the server took, and (written once)
   * the first it already held with other content (the outer query does
   * not see the rows the insert adds). */
  return g_strdup_printf ("WITH w AS (%s SELECT %s %s ORDER BY s.ord%s)"
                          " SELECT (SELECT count(*) FROM w), %s%s%s%s%s",
                          head, list, from, tail,
                          table->kind == XJ_SYNC_WRITTEN_ONCE
                          ? "(SELECT s.key FROM pg_temp.xj_stage s JOIN xunjian." : "NULL",
                          table->kind == XJ_SYNC_WRITTEN_ONCE ? table->remote : "",
                          table->kind == XJ_SYNC_WRITTEN_ONCE
                          ? " x ON x.uuid = s.key::uuid WHERE s.tbl = '" : "",
                          table->kind == XJ_SYNC_WRITTEN_ONCE ? table->name : "",
                          table->kind == XJ_SYNC_WRITTEN_ONCE
                          ? "' AND x.body IS DISTINCT FROM s.body ORDER BY s.ord LIMIT 1)" : "");
}

/* The statements, made once per process (the codec's tables are constant). */
static GMutex sql_lock;
static char **sql_cache;   /* by the table's place in the codec; "" when none */

static const char *
stage_sql (const XjSyncTable *table)
{
  guint n_tables;
  const XjSyncTable *tables = _xj_sync_get_tables (&n_tables);
  guint i = (guint) (table - tables);
  const char *sql;

  g_return_val_if_fail (i < n_tables, NULL);
  g_mutex_lock (&sql_lock);
  if (sql_cache == NULL)
    sql_cache = g_new0 (char *, n_tables);
  if (sql_cache[i] == NULL)
    {
      char *made = make_stage_sql (table);

      sql_cache[i] = made != NULL ? made : g_strdup ("");
    }
  sql = sql_cache[i];
  g_mutex_unlock (&sql_lock);
  return *sql != '\0' ? sql : NULL;
}

/* Records keyed by UUID whose statement takes only the record and its
 * body (and a shared record's base version).  Photos and reports carry
 * bytes, checklists may take the server's identity: they go record by
 * record. */
gboolean
_xj_stage_takes (const XjSyncTable *table)
{
  const char *write = table->server_write;

  if (!g_str_equal (table->key, "uuid") || strstr (write, "$4") != NULL
      || g_str_equal (table->name, "templates") || g_str_equal (table->name, "template_versions"))
    return FALSE;
  if (table->kind != XJ_SYNC_SHARED && strstr (write, "$3") != NULL)
    return FALSE;
  return stage_sql (table) != NULL;
}

gboolean
_xj_stage_prepare (Sync *sync)
{
  g_autoptr(GError) error = NULL;

  if (!_xj_team_run (sync->connection, create_stage_sql, &error))
    {
      g_debug ("No staging table on the team server (%s): the push goes record by record",
               error->message);
      return FALSE;
    }
  return TRUE;
}

XjStage *
_xj_stage_new (void)
{
  XjStage *stage = g_new0 (XjStage, 1);

  stage->rows = g_ptr_array_new_with_free_func (staged_row_free);
  stage->seen = g_hash_table_new (g_str_hash, g_str_equal);
  return stage;
}

void
_xj_stage_free (XjStage *stage)
{
  if (stage == NULL)
    return;
  g_hash_table_unref (stage->seen);
  g_ptr_array_unref (stage->rows);
  g_free (stage);
}

const char *
_xj_stage_get_sql (const XjSyncTable *table)
{
  return stage_sql (table);
}

gboolean
_xj_stage_add (Sync               *sync,
               XjStage            *stage,
               const XjSyncTable  *table,
               const char         *record,
               GError            **error)
{
  g_autofree char *seen = g_strconcat (table->name, " ", record, NULL);
  g_autofree char *body = NULL;
  StagedRow *row;

  if (g_hash_table_contains (stage->seen, seen))
    return TRUE;
  if ((body = _xj_sync_encode (sync->store, table, record, error)) == NULL)
    return error == NULL || *error == NULL;   /* gone from this laptop: nothing to send */
  row = g_new0 (StagedRow, 1);
  row->table = table;
  row->record = g_strdup (record);
  row->body = g_steal_pointer (&body);
  row->seen = g_steal_pointer (&seen);
  if (table->kind == XJ_SYNC_SHARED)
    {
      g_autofree char *shadow = NULL;

      if (!_xj_shadow_get (sync->store, table->name, record, &row->base, &shadow, error))
        {
          staged_row_free (row);
          return FALSE;
        }
      if (g_str_equal (table->name, "notices"))
        g_hash_table_add (sync->notices, g_strdup (record));
    }
  g_ptr_array_add (stage->rows, row);
  g_hash_table_add (stage->seen, row->seen);
  return TRUE;
}

/* COPY's text format: a backslash, a tab or a line end inside a value is
 * escaped. */
static void
append_copy_text (GString    *out,
                  const char *text)
{
  while (*text != '\0')
    {
      gsize plain = strcspn (text, "\\\t\n\r");

      g_string_append_len (out, text, (gssize) plain);
      text += plain;
      if (*text == '\0')
        break;
      g_string_append_c (out, '\\');
      g_string_append_c (out, *text == '\t' ? 't' : *text == '\n' ? 'n' : *text == '\r' ? 'r' : '\\');
      text++;
    }
}

gboolean
_xj_stage_copy (Sync     *sync,
                XjStage  *stage,
                GError  **error)
{
  PGconn *conn = _xj_team_connection_get_conn (sync->connection);
  g_autoptr(GString) data = NULL;
  g_autoptr(PGresult) started = NULL;
  g_autoptr(PGresult) done = NULL;
  PGresult *extra;

  if (stage->rows->len == 0)
    return TRUE;
  data = g_string_sized_new (256 * stage->rows->len);
  for (guint i = 0; i < stage->rows->len; i++)
    {
      StagedRow *row = g_ptr_array_index (stage->rows, i);

      g_string_append_printf (data, "%s\t%u\t", row->table->name, i);
      append_copy_text (data, row->record);
      g_string_append_c (data, '\t');
      append_copy_text (data, row->body);
      g_string_append_printf (data, "\t%" G_GINT64_FORMAT "\n", row->base);
    }
  started = PQexec (conn, "COPY pg_temp.xj_stage (tbl, ord, key, body, base) FROM STDIN");
  if (PQresultStatus (started) != PGRES_COPY_IN)
    {
      _xj_team_set_result_error (sync->connection, started, error);
      return FALSE;
    }
  if (PQputCopyData (conn, data->str, (int) data->len) != 1 || PQputCopyEnd (conn, NULL) != 1)
    {
      _xj_team_set_result_error (sync->connection, NULL, error);
      return FALSE;
    }
  done = PQgetResult (conn);
  while ((extra = PQgetResult (conn)) != NULL)
    PQclear (extra);
  if (PQresultStatus (done) != PGRES_COMMAND_OK)
    {
      _xj_team_set_result_error (sync->connection, done, error);
      return FALSE;
    }
  return TRUE;
}

/* What the server answered for each staged shared record: those it moved
 * since this laptop last saw them go to @moved. */
static gboolean
take_shared (Sync               *sync,
             XjStage            *stage,
             const XjSyncTable  *table,
             PGresult           *result,
             GPtrArray          *moved,
             GError            **error)
{
  for (int i = 0; i < PQntuples (result); i++)
    {
      guint ord = (guint) g_ascii_strtoull (PQgetvalue (result, i, 0), NULL, 10);
      StagedRow *row;

      if (ord >= stage->rows->len
          || (row = g_ptr_array_index (stage->rows, ord))->table != table)
        continue;
      if (!PQgetisnull (result, i, 1))
        {
          sync->result->pushed++;
          if (!_xj_shadow_set (sync->store, table->name, row->record,
                               g_ascii_strtoll (PQgetvalue (result, i, 1), NULL, 10), row->body,
                               error))
            return FALSE;
        }
      else if (!PQgetisnull (result, i, 5) && g_str_equal (PQgetvalue (result, i, 5), "t"))
        {
          if (!_xj_shadow_set (sync->store, table->name, row->record,
                               g_ascii_strtoll (PQgetvalue (result, i, 2), NULL, 10),
                               PQgetvalue (result, i, 3), error))
            return FALSE;
        }
      else
        g_ptr_array_add (moved, row);
    }
  return TRUE;
}

gboolean
_xj_stage_take (Sync               *sync,
                XjStage            *stage,
                const XjSyncTable  *table,
                PGresult           *result,
                GPtrArray          *moved,
                GError            **error)
{
  if (table->kind == XJ_SYNC_SHARED)
    return take_shared (sync, stage, table, result, moved, error);
  sync->result->pushed += g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  if (!PQgetisnull (result, 0, 1))
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INTEGRITY,
                   _("The team server holds %s %s with other content: a record written "
                     "once cannot change."), table->name, PQgetvalue (result, 0, 1));
      return FALSE;
    }
  return TRUE;
}

/* The shared records the server moved since this laptop last saw them (or
 * refuses to say): the field-level merge, record by record, as always. */
gboolean
_xj_stage_merge_moved (Sync       *sync,
                       GPtrArray  *moved,
                       GError    **error)
{
  for (guint i = 0; i < moved->len; i++)
    {
      StagedRow *row = g_ptr_array_index (moved, i);

      if (!_xj_merge_push_shared (sync->store, sync->connection, row->table, row->record,
                                  row->body, sync->result, error))
        return FALSE;
    }
  g_ptr_array_set_size (moved, 0);
  return TRUE;
}
