/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync: push the outbox, then pull what the others wrote.
 *
 * Push: xj-team-sync-push.c.
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
#include "xj-overview.h"
#include "xj-photo.h"
#include "xj-site-merge.h"
#include "xj-store-private.h"
#include "xj-team-codec.h"
#include "xj-team-fold.h"
#include "xj-team-laptop.h"
#include "xj-team-merge.h"
#include "xj-team-numbers.h"
#include "xj-team-private.h"
#include "xj-team-server.h"
#include "xj-team-sync.h"
#include "xj-team-sync-private.h"

/* Tests cut a sync short at a chosen point, as a crash would. */
void
_xj_sync_batch_done (Sync *sync)
{
  if (sync->stop_after > 0 && ++sync->batches >= sync->stop_after)
    _exit (9);
}

gboolean
_xj_sync_set_capture (XjStore     *store,
                      gboolean     on,
                      GError     **error)
{
  return xj_store_exec (store, on ? "UPDATE team_settings SET value = 'on' WHERE key = 'capture'"
                                  : "UPDATE team_settings SET value = 'off' WHERE key = 'capture'",
                        error);
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

gboolean
_xj_sync_remember_own_txid (Sync    *sync,
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

/* @data is what @expected (a SHA-256) says it is. */
static gboolean
check_hash (const XjSyncTable  *table,
            const char         *record,
            const guint8       *data,
            gsize               length,
            const char         *expected,
            GError            **error)
{
  g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);

  if (expected != NULL && g_str_equal (sha256, expected))
    return TRUE;
  g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INTEGRITY,
               _("The team server sent %s %s with content that does not match its hash."),
               table->name, record);
  return FALSE;
}

/* A report's PDF (@data) as @body names it: its hash checked, written at
 * its path in the data folder. */
gboolean
_xj_sync_write_report_file (XjStore            *store,
                            const XjSyncTable  *table,
                            const char         *record,
                            const char         *body,
                            const guint8       *data,
                            gsize               length,
                            GError            **error)
{
  g_autofree char *relative = _xj_sync_query_text (store, "SELECT ?1 ->> 'path'", body, error);
  g_autofree char *expected = _xj_sync_query_text (store, "SELECT ?1 ->> 'sha256'", body, error);
  g_autofree char *path = NULL;
  /* A path out of the data folder is as bad as a wrong hash. */
  gboolean inside = relative != NULL && !g_path_is_absolute (relative)
                    && strstr (relative, "..") == NULL;

  if (!check_hash (table, record, data, length, inside ? expected : NULL, error))
    return FALSE;
  path = g_build_filename (xj_store_get_data_dir (store), relative, NULL);
  return _xj_sync_write_file (path, data, length, error);
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
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(XjPhotoInfo) info = NULL;
  g_autofree char *name = NULL;

  sync->result->bytes_received += (gint64) length;
  if (!g_str_equal (table->name, "photos"))
    return _xj_sync_write_report_file (sync->store, table, record, body, data, length, error);
  /* A photo is named by its hash: the body has nothing more to check. */
  if (!check_hash (table, record, data, length, record, error))
    return FALSE;
  bytes = g_bytes_new (data, length);
  name = _xj_sync_query_text (sync->store, "SELECT ?1 ->> 'original_name'", body, error);
  info = xj_photo_import_bytes (xj_store_get_data_dir (sync->store), bytes,
                                name != NULL ? name : "", sync->cancellable, error);
  sync->result->photos_received++;
  return info != NULL;
}

/* A photo that comes down as its rendition and thumbnail (what pages and
 * reports show); its original stays on the server until it is asked for
 * (xj_team_fetch_original). */
static gboolean
store_derived (Sync        *sync,
               const char  *record,
               PGresult    *result,
               int          row,
               GError     **error)
{
  const char *data_dir = xj_store_get_data_dir (sync->store);
  g_autofree char *rendition = xj_photo_dup_rendition_path (data_dir, record);
  g_autofree char *thumbnail = xj_photo_dup_thumbnail_path (data_dir, record);
  const char *paths[2] = { rendition, thumbnail };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      size_t length = 0;
      unsigned char *data = NULL;
      gboolean ok;

      if (PQgetisnull (result, row, 6 + (int) i) || g_file_test (paths[i], G_FILE_TEST_EXISTS))
        continue;
      data = PQunescapeBytea ((const unsigned char *) PQgetvalue (result, row, 6 + (int) i),
                              &length);
      ok = data != NULL && _xj_sync_write_file (paths[i], data, length, error);
      PQfreemem (data);
      if (!ok)
        return FALSE;
      sync->result->bytes_received += (gint64) length;
    }
  sync->result->photos_received++;
  return TRUE;
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
      || !_xj_sync_set_capture (sync->store, FALSE, error))
    return FALSE;
  g_hash_table_iter_init (&iter, sync->locked_later);
  while (g_hash_table_iter_next (&iter, &record, &body))
    if (!_xj_sync_apply (sync->store, table, record, body, error))
      return FALSE;
  return _xj_sync_set_capture (sync->store, TRUE, error) && xj_transaction_commit (tx, error);
}

static gboolean
apply_batch (Sync              *sync,
             const XjSyncTable *table,
             PGresult          *result,
             GError           **error)
{
  g_autoptr(XjTransaction) tx = xj_transaction_begin (sync->store, error);

  if (tx == NULL || !_xj_sync_set_capture (sync->store, FALSE, error))
    return FALSE;
  for (int i = 0; i < PQntuples (result); i++)
    {
      const char *record = PQgetvalue (result, i, 0);
      const char *body = PQgetvalue (result, i, 3);

      if (g_str_equal (table->name, "reports"))
        {
          /* A month has one report: one signed here too, offline, stays
           * (the server refuses to take it; a person settles it: take
           * the team's copy, this one then kept here only). */
          g_autofree char *taken = _xj_sync_query_text (sync->store, "SELECT number FROM reports"
                                                        " WHERE month = ?1 ->> 'month'"
                                                        " AND uuid <> ?1 ->> 'uuid'"
                                                        " AND kept_local = 0", body, error);

          if (error != NULL && *error != NULL)
            return FALSE;
          if (taken != NULL)
            {
              g_message ("The team’s monthly report %s is not taken in: this laptop has its own (%s)",
                         record, taken);
              continue;
            }
        }
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
      else if (!PQgetisnull (result, i, 6) && !store_derived (sync, record, result, i, error))
        return FALSE;
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
  return _xj_sync_set_capture (sync->store, TRUE, error) && xj_transaction_commit (tx, error);
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
      || !_xj_sync_set_capture (sync->store, FALSE, error))
    return FALSE;
  notices = g_list_sort (g_hash_table_get_keys (sync->notices), (GCompareFunc) g_strcmp0);
  for (GList *l = notices; l != NULL; l = l->next)
    if (!_xj_fold_notice (sync->store, l->data, sync->events, &sync->result->conflicts_found,
                          error))
      return FALSE;
  if (!_xj_sync_set_capture (sync->store, TRUE, error) || !xj_transaction_commit (tx, error))
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

/* The first and only question of a sync with nothing to do, in one round
 * trip: the server's schema version, the end of the pull's window (the
 * oldest transaction still running) and whether others wrote anything
 * since the last watermark.  A server at another version (or none) is
 * asked again the long way, which names the problem. */
static gboolean
look (Sync        *sync,
      const char  *from,
      GError     **error)
{
  guint n_tables;
  const XjSyncTable *tables = _xj_sync_get_tables (&n_tables);
  g_autoptr(GString) sql = g_string_new ("SELECT (SELECT value FROM xunjian.meta"
                                         " WHERE key = 'schema_version'), w.until::text,");
  g_autoptr(PGresult) result = NULL;
  g_autofree char *mine = g_strdup_printf ("%u", xj_team_server_get_program_version ());
  g_autofree char *own = g_strdup_printf ("{%s}", sync->own_txids->str);
  const char *params[] = { from, own };
  g_autoptr(GError) failure = NULL;

  for (guint t = 0; t < n_tables; t++)
    g_string_append_printf (sql, "%s EXISTS (SELECT 1 FROM xunjian.%s WHERE txid >= $1::xid8"
                            " AND txid < w.until AND txid <> ALL ($2::xid8[]))",
                            t > 0 ? " OR" : "", tables[t].remote);
  g_string_append (sql, " FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS until) w");
  result = _xj_team_exec (sync->connection, sql->str, 2, params, &failure);
  if (result != NULL && g_strcmp0 (PQgetvalue (result, 0, 0), mine) == 0)
    {
      sync->until = g_strdup (PQgetvalue (result, 0, 1));
      sync->any_new = g_str_equal (PQgetvalue (result, 0, 2), "t");
      return TRUE;
    }
  if (failure != NULL && failure->code == XJ_TEAM_ERROR_CONNECT)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }
  /* Refused the first read: a member the team removed is told so, not
   * that a change of theirs was refused. */
  if (failure != NULL && failure->code == XJ_TEAM_ERROR_DENIED)
    {
      g_autofree char *role = _xj_team_read_role (sync->connection, error);

      if (role == NULL)
        return FALSE;
    }
  if (!_xj_team_check_server_version (sync->connection, error))
    return FALSE;
  if (failure != NULL)
    g_propagate_error (error, g_steal_pointer (&failure));
  else
    g_set_error_literal (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NOT_READY,
                         _("The team server's schema changed during the sync."));
  return FALSE;
}

static gboolean
pull (Sync        *sync,
      const char  *from,
      GError     **error)
{
  guint n_tables;
  const XjSyncTable *tables = _xj_sync_get_tables (&n_tables);
  g_autofree char *own = g_strdup_printf ("{%s}", sync->own_txids->str);

  for (guint t = 0; sync->any_new && t < n_tables; t++)
    {
      const XjSyncTable *table = &tables[t];
      g_autofree char *last = g_strdup ("0");
      g_autofree char *sql = NULL;
      gboolean with_bytes = g_str_equal (table->name, "photos")
                            || g_str_equal (table->name, "reports");
      int limit = sync->pull_limit > 0 ? (int) sync->pull_limit : table->pull_batch;

      /* A photo comes down as rendition and thumbnail when the server has
       * them, whole otherwise (pushed before schema step 5). */
      sql = g_strdup_printf ("SELECT %s::text, author, seq, (%s)::text, %s, %s, %s FROM xunjian.%s"
                             " WHERE txid >= $1::xid8 AND txid < $2::xid8 AND seq > $3::bigint"
                             " AND txid <> ALL ($4::xid8[]) ORDER BY seq LIMIT %d",
                             table->key, table->server_body,
                             g_str_equal (table->name, "photos")
                             ? "CASE WHEN rendition IS NULL THEN original END"
                             : with_bytes ? "pdf" : "NULL::bytea",
                             table->kind == XJ_SYNC_SHARED ? "version" : "0",
                             g_str_equal (table->name, "photos") ? "rendition, thumbnail"
                             : "NULL::bytea, NULL::bytea",
                             table->remote, limit);
      for (;;)
        {
          const char *params[] = { from, sync->until, last, own };
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
          _xj_sync_batch_done (sync);
          if (n < limit)
            break;
        }
    }
  /* The notices whose events moved are folded again from their event log;
   * the Overview's totals of the inspections taken in (schema v8) and the
   * team's certificates come with what others wrote. */
  return lock_signed (sync, error) && fold_notices (sync, error)
         && (!sync->any_new || xj_overview_refresh_totals (sync->store, error))
         && (!sync->any_new || pull_certificates (sync, error));
}

/* The time of the last sync that changed nothing, in a file of the data
 * folder beside the database: "JOINED_AT SYNCED_AT".  Written without a
 * disk sync: a crash may lose it (the database still has the last sync
 * that wrote anything). */
static char *
sync_stamp_path (XjStore *store)
{
  return g_build_filename (xj_store_get_data_dir (store), "team-synced-at", NULL);
}

static void
write_sync_stamp (XjStore *store,
                  gint64   joined_at,
                  gint64   synced_at)
{
  g_autofree char *path = sync_stamp_path (store);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                                           joined_at, synced_at);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_debug ("The time of the sync was not kept: %s", error->message);
}

/**
 * xj_team_read_sync_stamp:
 * @joined_at: when this laptop joined its team
 *
 * Returns: the time of the last sync with nothing to do since @joined_at
 * (it wrote nothing to the database), or 0.
 */
gint64
xj_team_read_sync_stamp (XjStore *store,
                         gint64   joined_at)
{
  g_autofree char *path = sync_stamp_path (store);
  g_autofree char *text = NULL;
  char *end = NULL;
  gint64 joined, synced;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  joined = g_ascii_strtoll (text, &end, 10);
  if (end == text || joined != joined_at)
    return 0;
  synced = g_ascii_strtoll (end, NULL, 10);
  return MAX (synced, 0);
}

static gboolean
sync_run (XjStore           *store,
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
  g_autofree char *own_before = NULL;
  int changes_before;
  guint settled = 0;
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
  if ((membership = xj_team_get_joined_membership (store, error)) == NULL)
    return FALSE;
  own = _xj_sync_query_text (store, "SELECT value FROM team_settings WHERE key = ?1", "pull_seq",
                             error);
  if (error != NULL && *error != NULL)
    return FALSE;
  {
    g_auto(GStrv) parts = g_strsplit (own != NULL ? own : "0", "/", 2);

    watermark = g_strdup (parts[0] != NULL && *parts[0] != '\0' ? parts[0] : "0");
    g_string_assign (own_txids, parts[0] != NULL && parts[1] != NULL ? parts[1] : "");
  }
  own_before = g_strdup (own_txids->str);
  changes_before = sqlite3_total_changes (xj_store_get_db (store));
  sync.watermark = watermark;
  /* The pull's window ends before the push and skips this laptop's own push
   * transactions (not its login: the same person may work on two laptops).
   * Site merges made elsewhere settle to one answer after the pull
   * (xj-site-merge.c); the second push sends what that changed and the
   * notices that the fold left other than the server has them (nothing to
   * send: no server round trip).  Numbers are leased here too, so that a
   * laptop keeps numbering offline. */
  ok = look (&sync, watermark, error) && _xj_sync_push (&sync, error)
       && pull (&sync, watermark, error)
       && (!sync.any_new || xj_store_settle_site_merges (store, &settled, error))
       && _xj_sync_push (&sync, error)
       && xj_team_numbers_refill (store, connection, error);
  sync.result->elapsed_us = g_get_monotonic_time () - started;
  if (!ok)
    {
      g_free (sync.until);
      g_free (sync.refused_record);
      return FALSE;
    }
  now = g_strdup_printf ("%" G_GINT64_FORMAT, xj_clock_now ());
  g_free (own);
  own = own_txids_after (own_txids->str, sync.until);
  /* A sync with nothing to do writes nothing to the database: the
   * watermark stays where it is (the next pull starts there and finds, as
   * this one did, nothing from others before the new end of its window),
   * unless pushes of this laptop can leave the list the pull skips; the
   * time of the sync goes to a small file beside it (no disk sync). */
  if (sqlite3_total_changes (xj_store_get_db (store)) == changes_before
      && g_str_equal (own, own_before))
    {
      write_sync_stamp (store, membership->joined_at, xj_clock_now ());
      g_free (sync.until);
      sync.result->elapsed_us = g_get_monotonic_time () - started;
      xj_store_emit_changed (store, "team_settings");
      return TRUE;
    }
  ok = (tx = xj_transaction_begin (store, error)) != NULL
       && set_watermark (store, sync.until, own, error)
       && _xj_team_set_setting (store, "last_sync_at", now, error)
       && xj_transaction_commit (tx, error);
  g_clear_pointer (&tx, xj_transaction_free);
  g_free (sync.until);
  g_free (sync.refused_record);
  sync.result->elapsed_us = g_get_monotonic_time () - started;
  if (!ok)
    return FALSE;
  xj_store_emit_changed (store, "team_settings");
  return TRUE;
}

/* While it runs, the sync's commits do not wait for the disk (write-ahead
 * log, synchronous = NORMAL: a crash of the program loses nothing; one of
 * the machine may lose the last batches, which the next sync sends or
 * pulls again, harmlessly: every write is by UUID, and the watermark and
 * the list of pushes to skip are written after what they cover), and the
 * log is copied into the database every 40 MB instead of every 4 MB (each
 * copy waits for the disk twice; a push's batches rewrite the outbox's
 * index pages again and again).  The store's
 * own settings come back at the end, so a later commit of the same
 * connection is durable again, with everything before it. */
gboolean
xj_team_sync (XjStore           *store,
              XjTeamConnection  *connection,
              GCancellable      *cancellable,
              XjTeamSyncResult  *result,
              GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if (!xj_store_exec (store, "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000",
                      error))
    return FALSE;
  ok = sync_run (store, connection, cancellable, result, error);
  if (!xj_store_exec (store, "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000",
                      ok ? error : NULL))
    ok = FALSE;
  return ok;
}
