/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A month's management report signed on two laptops, offline.
 *
 * The team keeps one report per month (the server's UNIQUE month): the
 * first pushed stays, the second laptop's push is refused and its report
 * set aside.  The person deciding needs to know who already signed that
 * month and when (taken_by, taken_at: schema v12), and neither choice may
 * lose a signed PDF:
 * - keep it here only: this laptop's report stays the month's report
 *   here and is not sent any more (the pull leaves the team's alone);
 * - take the team's copy: the team's report becomes the month's report
 *   here, as the pull would have brought it, and this laptop's own stays
 *   in the archive "kept here only" (reports.kept_local), its number with
 *   the laptop's code (MR-2026-05-B) and its PDF in a file of its own, so
 *   both signed PDFs stay and verify.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "xj-store-private.h"
#include "xj-team-codec.h"
#include "xj-team-private.h"
#include "xj-team-set-aside-private.h"
#include "xj-team-sync-private.h"

gboolean
_xj_set_aside_month_refused (Sync        *sync,
                             const char  *record,
                             GError     **error)
{
  /* The server answered no row and holds none under this UUID: a second
   * report of its month would otherwise be taken for sent, and the team
   * would never have it (nor the manager know). */
  _xj_sync_note_refused (sync, _xj_sync_find_table ("reports"), record);
  g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INTEGRITY,
               _("The team server holds another report of the same month: %s %s is not "
                 "taken."), "reports", record);
  return FALSE;
}

gboolean
_xj_set_aside_month_taken (Sync        *sync,
                           const char  *record,
                           char       **taken_by,
                           gint64      *taken_at,
                           GError     **error)
{
  g_autofree char *month = NULL;
  g_autoptr(PGresult) theirs = NULL;
  const char *params[2];

  *taken_by = NULL;
  *taken_at = 0;
  if (!g_str_equal (sync->refused_table->name, "reports"))
    return TRUE;
  month = _xj_sync_query_text (sync->store, "SELECT month FROM reports WHERE uuid = ?1", record,
                               error);
  if (month == NULL)
    return error == NULL || *error == NULL;
  params[0] = month;
  params[1] = record;
  /* The signer is the name printed on the report; the login that sent it
   * when the report names none. */
  theirs = _xj_team_exec (sync->connection, "SELECT coalesce(nullif(body->>'signer', ''), author),"
                          " body->>'created_at' FROM xunjian.reports"
                          " WHERE month = $1 AND uuid <> $2::uuid", 2, params, error);
  if (theirs == NULL)
    return FALSE;
  if (PQntuples (theirs) == 0)
    return TRUE;
  *taken_by = g_strdup (PQgetvalue (theirs, 0, 0));
  *taken_at = g_ascii_strtoll (PQgetvalue (theirs, 0, 1), NULL, 10);
  return TRUE;
}

char *
_xj_set_aside_month_explain (const XjTeamSetAside *item)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (item->taken_at);
  g_autofree char *when = at != NULL ? g_date_time_format (at, "%Y-%m-%d %H:%M") : g_strdup ("");

  /* Translators: the first %s is a monthly report's number (MR-2026-05),
   * the second a person's name, the third a date and time. */
  return g_strdup_printf (_("The team already has a report of that month (%s), signed by %s on %s, "
                            "and a month has one report in the team. Take the team’s copy (this "
                            "one is then kept on this laptop only), or keep this one here only."),
                          item->label, item->taken_by, when);
}

/* This laptop's report of the month, kept here only: the laptop's code
 * on its number and its own file (@old_path moved to @new_path, relative
 * to the data folder). */
static gboolean
keep_mine_aside (XjStore     *store,
                 const char  *record,
                 const char  *code,
                 char       **old_path,
                 char       **new_path,
                 GError     **error)
{
  g_autofree char *path = _xj_sync_query_text (store, "SELECT path FROM reports WHERE uuid = ?1",
                                               record, error);
  g_autofree char *stem = NULL;
  sqlite3_stmt *stmt;

  if (path == NULL)
    return FALSE;
  stem = g_str_has_suffix (path, ".pdf") ? g_strndup (path, strlen (path) - 4) : g_strdup (path);
  *new_path = g_strdup_printf ("%s-%s.pdf", stem, code);
  if ((stmt = xj_store_prepare (store, "UPDATE reports SET kept_local = 1, path = ?2,"
                                " number_suffix = iif(number_suffix = '', ?3, number_suffix)"
                                " WHERE uuid = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, *new_path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, code, -1, SQLITE_STATIC);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  *old_path = g_steal_pointer (&path);
  return TRUE;
}

static gboolean
move_file (XjStore     *store,
           const char  *from,
           const char  *to,
           GError     **error)
{
  g_autofree char *source = g_build_filename (xj_store_get_data_dir (store), from, NULL);
  g_autofree char *target = g_build_filename (xj_store_get_data_dir (store), to, NULL);

  if (g_rename (source, target) == 0)
    return TRUE;
  return xj_store_set_errno_error (error, errno, source, _("Could not move the report"));
}

/* The team's report of the month, here as the pull brings it. */
static gboolean
write_team_report (XjStore     *store,
                   PGresult    *theirs,
                   GError     **error)
{
  const XjSyncTable *table = _xj_sync_find_table ("reports");
  const char *record = PQgetvalue (theirs, 0, 0);
  const char *body = PQgetvalue (theirs, 0, 1);
  size_t length = 0;
  unsigned char *data = PQunescapeBytea ((const unsigned char *) PQgetvalue (theirs, 0, 2), &length);
  gboolean ok = data != NULL
                && _xj_sync_write_report_file (store, table, record, body, data, length, error);

  PQfreemem (data);
  if (data == NULL)
    g_set_error_literal (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_FAILED, "PQunescapeBytea");
  return ok && _xj_sync_apply (store, table, record, body, error);
}

gboolean
_xj_set_aside_take_month (XjStore              *store,
                          XjTeamConnection     *connection,
                          const XjTeamSetAside *item,
                          GError              **error)
{
  g_autofree char *month = _xj_sync_query_text (store, "SELECT month FROM reports WHERE uuid = ?1",
                                                item->record, error);
  g_autofree char *code = _xj_sync_query_text (store, "SELECT value FROM team_settings"
                                               " WHERE key = 'laptop_code' AND ?1 IS NOT NULL",
                                               item->record, error);
  g_autofree char *old_path = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *id = NULL;
  g_autofree char *actor = _xj_sync_query_text (store, "SELECT value FROM team_settings"
                                                " WHERE key = 'user' AND ?1 IS NOT NULL",
                                                item->record, NULL);
  g_autoptr(PGresult) theirs = NULL;
  g_autoptr(XjTransaction) tx = NULL;
  const char *params[2] = { month, item->record };
  sqlite3_stmt *stmt;

  if (month == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INVALID, "%s", item->record);
      return FALSE;
    }
  theirs = _xj_team_exec (connection, "SELECT uuid::text, body::text, pdf FROM xunjian.reports"
                          " WHERE month = $1 AND uuid <> $2::uuid", 2, params, error);
  if (theirs == NULL)
    return FALSE;
  if (PQntuples (theirs) == 0)
    return _xj_set_aside_no_copy (item, error);
  if ((tx = xj_transaction_begin (store, error)) == NULL
      || !_xj_sync_set_capture (store, FALSE, error)
      || !keep_mine_aside (store, item->record, code != NULL ? code : "L", &old_path, &new_path,
                           error)
      || !move_file (store, old_path, new_path, error))
    return FALSE;
  id = _xj_sync_query_text (store, "SELECT id FROM reports WHERE uuid = ?1", item->record, NULL);
  detail = g_strdup_printf ("%s → %s", old_path, new_path);
  /* Nothing signed goes silently: the audit says where this one went. */
  if (!write_team_report (store, theirs, error)
      || !xj_store_audit (store, actor, "report", id != NULL ? g_ascii_strtoll (id, NULL, 10) : 0,
                          "kept_local", detail, error)
      || !_xj_sync_set_capture (store, TRUE, error)
      || (stmt = xj_store_prepare (store, "DELETE FROM team_outbox"
                                   " WHERE table_name = 'reports' AND record = ?1", error)) == NULL)
    goto undo;
  sqlite3_bind_text (stmt, 1, item->record, -1, SQLITE_STATIC);
  if (!xj_store_step_done (store, stmt, error)
      || (stmt = xj_store_prepare (store, "DELETE FROM team_set_aside WHERE id = ?1",
                                   error)) == NULL)
    goto undo;
  sqlite3_bind_int64 (stmt, 1, item->id);
  if (xj_store_step_done (store, stmt, error) && xj_transaction_commit (tx, error))
    return TRUE;

undo:
  /* The row goes back (the transaction rolls back): so does its file. */
  move_file (store, new_path, old_path, NULL);
  return FALSE;
}
