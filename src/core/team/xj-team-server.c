/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The administrator's side of the team server: members and what the server
 * holds.  A member is a PostgreSQL login role in one of the group roles
 * that the schema's privileges and policies name; the password goes to the
 * server already hashed (SCRAM, by libpq), never as clear text in a
 * statement that a log could keep.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <sys/random.h>

#include "xj-team-private.h"
#include "xj-team-server.h"

/* Sixteen characters from an alphabet without look-alikes (0/O, 1/l/I). */
static char *
make_password (GError **error)
{
  static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  guint8 random[16];
  GString *password = g_string_sized_new (sizeof random);

  if (getrandom (random, sizeof random, 0) != sizeof random)
    {
      g_string_free (password, TRUE);
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_FAILED,
                   _("No random numbers for a password: %s"), g_strerror (errno));
      return NULL;
    }
  for (guint i = 0; i < sizeof random; i++)
    g_string_append_c (password, alphabet[random[i] % (sizeof alphabet - 1)]);
  return g_string_free (password, FALSE);
}

static const char *
group_for (const char *role)
{
  static const struct { const char *word; const char *group; } groups[] = {
    { "inspector", "xunjian_inspector" },
    { "liaison", "xunjian_liaison" },
    { "manager", "xunjian_manager" },
    { "admin", "xunjian_admin" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_strcmp0 (role, groups[i].word) == 0)
      return groups[i].group;
  return NULL;
}

static gboolean
require_schema (XjTeamConnection  *connection,
                GError           **error)
{
  guint version = 0;

  if (!_xj_team_server_read_version (connection, &version, error))
    return FALSE;
  if (version == 0)
    {
      g_set_error_literal (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NOT_READY,
                           _("The server has no team archive yet: run “xunjian server init” "
                             "first."));
      return FALSE;
    }
  return TRUE;
}

/**
 * xj_team_server_remove_user:
 *
 * Takes @name out of the team: every team role taken away and the login
 * refused from now on (the member's laptop hears "not a member").  What
 * they wrote stays in the archive under their name; add-user takes them
 * back.  A superuser or a name in no team role is refused.
 */
gboolean
xj_team_server_remove_user (XjTeamConnection  *connection,
                            const char        *name,
                            GError           **error)
{
  PGconn *conn = _xj_team_connection_get_conn (connection);
  g_autoptr(PGresult) found = NULL;
  const char *params[] = { name };
  char *identifier = NULL;
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (connection != NULL && name != NULL, FALSE);

  if (!require_schema (connection, error)
      || (found = _xj_team_exec (connection,
                                 "SELECT r.rolsuper, EXISTS (SELECT 1 FROM pg_auth_members a"
                                 "  JOIN pg_roles g ON g.oid = a.roleid WHERE a.member = r.oid"
                                 "  AND g.rolname IN ('xunjian_inspector', 'xunjian_liaison',"
                                 "  'xunjian_manager', 'xunjian_admin'))"
                                 " FROM pg_roles r WHERE r.rolname = $1",
                                 1, params, error)) == NULL)
    return FALSE;
  if (PQntuples (found) == 0 || g_str_equal (PQgetvalue (found, 0, 0), "t")
      || !g_str_equal (PQgetvalue (found, 0, 1), "t"))
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INVALID,
                   _("“%s” is not a member of the team: nothing to remove (xunjian server "
                     "status lists the members)."), name);
      return FALSE;
    }
  identifier = PQescapeIdentifier (conn, name, strlen (name));
  if (identifier == NULL)
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_FAILED, "%s", PQerrorMessage (conn));
      return FALSE;
    }
  sql = g_strdup_printf ("BEGIN;"
                         "REVOKE xunjian_inspector, xunjian_liaison, xunjian_manager,"
                         "  xunjian_admin FROM %s;"
                         "ALTER ROLE %s NOLOGIN;"
                         "COMMIT;",
                         identifier, identifier);
  PQfreemem (identifier);
  ok = _xj_team_run (connection, sql, error);
  if (!ok)
    _xj_team_rollback (connection);
  return ok;
}

/**
 * xj_team_server_add_user:
 * @role: inspector, liaison, manager or admin
 * @password: (nullable): the member's password; made up when NULL
 *
 * Returns: (transfer full): the password the member logs in with
 */
char *
xj_team_server_add_user (XjTeamConnection  *connection,
                         const char        *name,
                         const char        *role,
                         const char        *password,
                         GError           **error)
{
  PGconn *conn = _xj_team_connection_get_conn (connection);
  const char *group = group_for (role);
  g_autofree char *secret = NULL;
  g_autoptr(PGresult) exists = NULL;
  char *identifier = NULL;
  char *hashed = NULL;
  char *literal = NULL;
  g_autofree char *sql = NULL;
  const char *params[] = { name };
  gboolean ok;

  g_return_val_if_fail (connection != NULL && name != NULL, NULL);

  if (group == NULL)
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INVALID,
                   _("“%s” is not a role: use inspector, liaison, manager or admin."), role);
      return NULL;
    }
  if (!g_utf8_validate (name, -1, NULL) || *name == '\0' || strlen (name) > 63
      || g_str_has_prefix (name, "pg_") || g_str_has_prefix (name, "xunjian_"))
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INVALID,
                   _("“%s” cannot be a member's name: use 1 to 63 bytes, not starting with "
                     "“pg_” or “xunjian_”."), name);
      return NULL;
    }
  if (!require_schema (connection, error))
    return NULL;
  secret = password != NULL ? g_strdup (password) : make_password (error);
  if (secret == NULL)
    return NULL;

  identifier = PQescapeIdentifier (conn, name, strlen (name));
  hashed = PQencryptPasswordConn (conn, secret, name, NULL);
  literal = hashed != NULL ? PQescapeLiteral (conn, hashed, strlen (hashed)) : NULL;
  if (identifier == NULL || literal == NULL)
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_FAILED, "%s", PQerrorMessage (conn));
      ok = FALSE;
    }
  else if ((exists = _xj_team_exec (connection, "SELECT rolsuper FROM pg_roles"
                                    " WHERE rolname = $1", 1, params, error)) == NULL)
    ok = FALSE;
  /* A superuser (the administrator's own account, say) is no member to
   * hand a new password and a group role to. */
  else if (PQntuples (exists) > 0 && g_str_equal (PQgetvalue (exists, 0, 0), "t"))
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INVALID,
                   _("“%s” is a superuser of the server, not a team member: choose another "
                     "name."), name);
      ok = FALSE;
    }
  else
    {
      /* A member added again gets the new password and role; other group
       * roles are taken away so that the role named is the one they have. */
      sql = g_strdup_printf ("BEGIN;"
                             "%s ROLE %s LOGIN PASSWORD %s;"
                             "REVOKE xunjian_inspector, xunjian_liaison, xunjian_manager,"
                             "  xunjian_admin FROM %s;"
                             "GRANT %s TO %s;"
                             "COMMIT;",
                             PQntuples (exists) > 0 ? "ALTER" : "CREATE",
                             identifier, literal, identifier, group, identifier);
      ok = _xj_team_run (connection, sql, error);
      if (!ok)
        _xj_team_rollback (connection);
    }
  PQfreemem (identifier);
  PQfreemem (hashed);
  PQfreemem (literal);
  return ok ? g_steal_pointer (&secret) : NULL;
}

static void
member_free (gpointer data)
{
  XjTeamMember *member = data;

  g_free (member->name);
  g_free (member->role);
  g_free (member);
}

static void
count_free (gpointer data)
{
  XjTeamCount *count = data;

  g_free (count->table);
  g_free (count);
}

void
xj_team_server_status_free (XjTeamServerStatus *status)
{
  if (status == NULL)
    return;
  g_clear_pointer (&status->members, g_ptr_array_unref);
  g_clear_pointer (&status->counts, g_ptr_array_unref);
  g_free (status);
}

XjTeamServerStatus *
xj_team_server_get_status (XjTeamConnection  *connection,
                           GError           **error)
{
  g_autoptr(XjTeamServerStatus) status = g_new0 (XjTeamServerStatus, 1);
  g_autoptr(PGresult) members = NULL;
  const char *const *tables = _xj_team_schema_get_tables ();

  g_return_val_if_fail (connection != NULL, NULL);

  status->program_version = xj_team_server_get_program_version ();
  status->members = g_ptr_array_new_with_free_func (member_free);
  status->counts = g_ptr_array_new_with_free_func (count_free);
  if (!_xj_team_server_read_version (connection, &status->schema_version, error))
    return NULL;

  members = _xj_team_exec (connection,
                           "SELECT m.rolname, substr(g.rolname, 9) FROM pg_auth_members a"
                           " JOIN pg_roles g ON g.oid = a.roleid"
                           " JOIN pg_roles m ON m.oid = a.member"
                           " WHERE g.rolname IN ('xunjian_inspector', 'xunjian_liaison',"
                           "   'xunjian_manager', 'xunjian_admin')"
                           " ORDER BY 1, 2", 0, NULL, error);
  if (members == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (members); i++)
    {
      XjTeamMember *member = g_new0 (XjTeamMember, 1);

      member->name = g_strdup (PQgetvalue (members, i, 0));
      member->role = g_strdup (PQgetvalue (members, i, 1));
      g_ptr_array_add (status->members, member);
    }

  /* The table names are this file's own list, never input. */
  for (guint i = 0; status->schema_version > 0 && tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM xunjian.%s", tables[i]);
      g_autoptr(PGresult) result = _xj_team_exec (connection, sql, 0, NULL, error);
      XjTeamCount *count;

      if (result == NULL)
        return NULL;
      count = g_new0 (XjTeamCount, 1);
      count->table = g_strdup (tables[i]);
      count->rows = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      g_ptr_array_add (status->counts, count);
    }
  return g_steal_pointer (&status);
}
