/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Joining and leaving a team, and what the laptop knows about its team.
 *
 * Joining checks the server (its team schema is this program's, the user
 * is a member of one of the group roles), registers the member's own
 * signing certificates (public part) under their user, and then, in one
 * local transaction, records the team and queues every record the laptop
 * already holds for the first push, and settles its numbers with the team
 * (xj-team-numbers.c: its short code, the numbers it printed, its first
 * blocks); from then on the capture triggers of schema v5 queue every
 * change.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "xj-clock.h"
#include "xj-team-laptop.h"
#include "xj-team-numbers.h"
#include "xj-team-private.h"
#include "xj-team-server.h"
#include "xj-team-sync.h"
#include "xj-transaction.h"

/* What is already there when the laptop joins goes out with the first push:
 * the same records the capture triggers watch. */
static const char queue_everything[] =
  "INSERT OR IGNORE INTO team_outbox (table_name, record, changed_at)"
  "  SELECT 'sites', uuid, ?1 FROM sites"
  "  UNION ALL SELECT 'templates', uuid, ?1 FROM templates"
  "  UNION ALL SELECT 'template_versions', uuid, ?1 FROM template_versions"
  "  UNION ALL SELECT 'schedules', uuid, ?1 FROM schedules"
  "  UNION ALL SELECT 'inspections', uuid, ?1 FROM inspections"
  "  UNION ALL SELECT 'answers', uuid, ?1 FROM answers"
  "  UNION ALL SELECT 'answer_photos', uuid, ?1 FROM answer_photos"
  "  UNION ALL SELECT 'photos', sha256, ?1 FROM photos"
  "  UNION ALL SELECT 'signatures', uuid, ?1 FROM signatures"
  "  UNION ALL SELECT 'reports', uuid, ?1 FROM reports"
  "  UNION ALL SELECT 'notices', uuid, ?1 FROM notices"
  "  UNION ALL SELECT 'notice_photos', uuid, ?1 FROM notice_photos"
  "  UNION ALL SELECT 'notice_events', uuid, ?1 FROM notice_events"
  "  UNION ALL SELECT 'audit_log', uuid, ?1 FROM audit_log";

/* One of the laptop's team settings (schema v5's team_settings). */
gboolean
_xj_team_set_setting (XjStore     *store,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "INSERT OR REPLACE INTO team_settings"
                                         " (key, value) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return xj_store_step_done (store, stmt, error);
}

static gboolean
count_rows (XjStore     *store,
            const char  *sql,
            gint64      *count,
            GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *count = sqlite3_column_int64 (stmt, 0);
  return xj_store_step_done (store, stmt, error);
}

void
xj_team_membership_free (XjTeamMembership *membership)
{
  if (membership == NULL)
    return;
  g_free (membership->server);
  g_free (membership->user);
  g_free (membership->role);
  g_free (membership->laptop_code);
  g_free (membership);
}

/**
 * xj_team_get_membership:
 *
 * Returns: (transfer full): the laptop's team; its server is NULL when
 *   the laptop is in no team
 */
XjTeamMembership *
xj_team_get_membership (XjStore  *store,
                        GError  **error)
{
  g_autoptr(XjTeamMembership) membership = g_new0 (XjTeamMembership, 1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  stmt = xj_store_prepare (store, "SELECT key, value FROM team_settings", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (g_str_equal (key, "server"))
        membership->server = g_strdup (value);
      else if (g_str_equal (key, "user"))
        membership->user = g_strdup (value);
      else if (g_str_equal (key, "role"))
        membership->role = g_strdup (value);
      else if (g_str_equal (key, "laptop_code"))
        membership->laptop_code = g_strdup (value);
      else if (g_str_equal (key, "joined_at"))
        membership->joined_at = g_ascii_strtoll (value, NULL, 10);
      else if (g_str_equal (key, "last_sync_at"))
        membership->last_sync_at = g_ascii_strtoll (value, NULL, 10);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, "team_settings");
      return NULL;
    }
  /* A sync with nothing to do keeps its time outside the database. */
  if (membership->server != NULL)
    membership->last_sync_at = MAX (membership->last_sync_at,
                                    xj_team_read_sync_stamp (store, membership->joined_at));
  if (!count_rows (store, "SELECT count(*) FROM team_outbox", &membership->changes_waiting,
                   error)
      || !count_rows (store, "SELECT count(*) FROM team_conflicts WHERE resolved_at IS NULL",
                      &membership->conflicts, error)
      || !count_rows (store, "SELECT count(*) FROM team_set_aside WHERE held_by IS NULL",
                      &membership->set_aside, error)
      || !count_rows (store, "SELECT (SELECT count(*) FROM reports WHERE number_suffix = c.value) "
                      "+ (SELECT count(*) FROM notices WHERE number_suffix = c.value) "
                      "FROM team_settings c WHERE c.key = 'laptop_code'",
                      &membership->numbers_with_code, error))
    return NULL;
  return g_steal_pointer (&membership);
}

/**
 * xj_team_get_joined_membership:
 *
 * The laptop's team, for what only a laptop in a team can do: a laptop in
 * no team sets %XJ_TEAM_ERROR_NOT_JOINED.
 * Returns: (transfer full): the laptop's team, or %NULL with @error set
 */
XjTeamMembership *
xj_team_get_joined_membership (XjStore  *store,
                               GError  **error)
{
  g_autoptr(XjTeamMembership) membership = xj_team_get_membership (store, error);

  if (membership == NULL)
    return NULL;
  if (membership->server == NULL)
    {
      g_set_error_literal (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NOT_JOINED,
                           _("This laptop is in no team."));
      return NULL;
    }
  return g_steal_pointer (&membership);
}

/* The member's group role on the server: inspector, liaison, manager or admin. */
char *
_xj_team_read_role (XjTeamConnection  *connection,
                    GError           **error)
{
  g_autoptr(PGresult) result = NULL;

  result = _xj_team_exec (connection,
                          "SELECT substr(g.rolname, 9) FROM pg_auth_members a"
                          " JOIN pg_roles g ON g.oid = a.roleid"
                          " JOIN pg_roles m ON m.oid = a.member"
                          " WHERE m.rolname = current_user AND g.rolname IN"
                          " ('xunjian_admin', 'xunjian_manager', 'xunjian_liaison',"
                          "  'xunjian_inspector')"
                          " ORDER BY array_position(ARRAY['xunjian_admin', 'xunjian_manager',"
                          "  'xunjian_liaison', 'xunjian_inspector'], g.rolname::text) LIMIT 1",
                          0, NULL, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NOT_MEMBER,
                   _("“%s” is not a member of the team on this server: ask the team's "
                     "administrator to add them (xunjian server add-user)."),
                   xj_team_connection_get_user (connection));
      return NULL;
    }
  return g_strdup (PQgetvalue (result, 0, 0));
}

/* The server's team schema is the one this program makes. */
gboolean
_xj_team_check_server_version (XjTeamConnection  *connection,
                               GError           **error)
{
  guint version = 0;
  guint mine = xj_team_server_get_program_version ();

  if (!_xj_team_server_read_version (connection, &version, error))
    return FALSE;
  if (version > mine)
    g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_TOO_NEW,
                 _("The team server's schema is version %u, newer than this Xunjian knows "
                   "(%u): update Xunjian."), version, mine);
  else if (version < mine)
    g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NOT_READY,
                 _("The team server's schema is version %u; this Xunjian needs %u: ask the "
                   "team's administrator to run “xunjian server init”."), version, mine);
  return version == mine;
}

/* A second certificate of the same person is another row; the same one
 * again changes nothing; one that another member registered is refused. */
static gboolean
register_certificate (XjTeamConnection   *connection,
                      XjTeamCertificate  *certificate,
                      GError            **error)
{
  const char *params[] = { certificate->sha256, certificate->pem };
  g_autoptr(PGresult) inserted = NULL;
  g_autoptr(PGresult) holder = NULL;

  inserted = _xj_team_exec (connection,
                            "INSERT INTO xunjian.certificates (sha256, pem) VALUES ($1, $2)"
                            " ON CONFLICT (sha256) DO NOTHING", 2, params, error);
  if (inserted == NULL)
    return FALSE;
  holder = _xj_team_exec (connection, "SELECT member FROM xunjian.certificates"
                          " WHERE sha256 = $1 AND member <> current_user", 1, params, error);
  if (holder == NULL)
    return FALSE;
  if (PQntuples (holder) > 0)
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INTEGRITY,
                   _("The signing certificate %s is registered to “%s” on the team server, "
                     "not to you."), certificate->sha256, PQgetvalue (holder, 0, 0));
      return FALSE;
    }
  return TRUE;
}

/**
 * xj_team_join:
 * @conninfo: the server as the user gave it (a password in it is not kept)
 * @certificates: (element-type XjTeamCertificate): the member's own
 *   signing certificates, to register on the server
 */
gboolean
xj_team_join (XjStore           *store,
              XjTeamConnection  *connection,
              const char        *conninfo,
              GPtrArray         *certificates,
              GError           **error)
{
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autofree char *server = NULL;
  g_autofree char *role = NULL;
  g_autofree char *now = NULL;
  g_autoptr(XjTransaction) tx = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (connection != NULL && conninfo != NULL, FALSE);

  if ((membership = xj_team_get_membership (store, error)) == NULL)
    return FALSE;
  if (membership->server != NULL)
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_JOINED,
                   _("This laptop is already in the team at “%s” as “%s”: leave it first "
                     "(xunjian team leave)."), membership->server, membership->user);
      return FALSE;
    }
  if ((server = xj_team_conninfo_without_password (conninfo, error)) == NULL
      || !_xj_team_check_server_version (connection, error)
      || (role = _xj_team_read_role (connection, error)) == NULL)
    return FALSE;

  if (!_xj_team_run (connection, "BEGIN", error))
    return FALSE;
  for (guint i = 0; certificates != NULL && i < certificates->len; i++)
    if (!register_certificate (connection, g_ptr_array_index (certificates, i), error))
      {
        _xj_team_rollback (connection);
        return FALSE;
      }
  if (!_xj_team_run (connection, "COMMIT", error))
    return FALSE;

  now = g_strdup_printf ("%" G_GINT64_FORMAT, xj_clock_now ());
  tx = xj_transaction_begin (store, error);
  if (tx == NULL
      || !_xj_team_set_setting (store, "server", server, error)
      || !_xj_team_set_setting (store, "user", xj_team_connection_get_user (connection), error)
      || !_xj_team_set_setting (store, "role", role, error)
      || !_xj_team_set_setting (store, "joined_at", now, error)
      || !_xj_team_set_setting (store, "capture", "on", error)
      || (stmt = xj_store_prepare (store, queue_everything, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, xj_clock_now ());
  if (!xj_store_step_done (store, stmt, error)
      || !_xj_team_numbers_join (store, connection, error)
      || !xj_transaction_commit (tx, error))
    return FALSE;
  xj_store_emit_changed (store, "team_settings");
  return TRUE;
}

/**
 * xj_team_leave:
 * @force: leave even with changes not pushed yet (they stay on this laptop
 *   only)
 *
 * The laptop keeps every record; it only stops syncing and capturing.  The
 * numbers left in its leased blocks go with the team: it numbers on its own
 * count again (which is past every number it used).
 */
gboolean
xj_team_leave (XjStore   *store,
               gboolean   force,
               GError   **error)
{
  g_autoptr(XjTeamMembership) membership = NULL;
  g_autoptr(XjTransaction) tx = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if ((membership = xj_team_get_joined_membership (store, error)) == NULL)
    return FALSE;
  if (membership->changes_waiting > 0 && !force)
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_UNSENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u change has not reached the team server yet: sync first, "
                                "or leave with --force to keep it on this laptop only.",
                                "%u changes have not reached the team server yet: sync first, "
                                "or leave with --force to keep them on this laptop only.",
                                (gulong) membership->changes_waiting),
                   (guint) membership->changes_waiting);
      return FALSE;
    }
  tx = xj_transaction_begin (store, error);
  if (tx == NULL
      || !xj_store_exec (store, "DELETE FROM team_settings; DELETE FROM team_outbox;"
                         " DELETE FROM team_conflicts; DELETE FROM number_blocks;"
                         " DELETE FROM team_set_aside;", error)
      || !xj_transaction_commit (tx, error))
    return FALSE;
  xj_store_emit_changed (store, "team_settings");
  return TRUE;
}
