/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One libpq connection to the team server, and the one place where the
 * server's SQLSTATE codes become XJ_TEAM_ERRORs.  The password, when the
 * caller has one, goes to libpq as a parameter and is never kept here;
 * without one libpq looks where it always looks (PGPASSWORD, the password
 * file, a service file).
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-team-private.h"

struct _XjTeamConnection
{
  PGconn     *conn;
  GHashTable *prepared;   /* names of the statements prepared on this session */
};

G_DEFINE_QUARK (xj-team-error-quark, xj_team_error)

/* The server's message without libpq's "ERROR:  " prefix and trailing newline. */
static char *
server_message (const char *text)
{
  g_autofree char *message = g_strdup (text != NULL ? text : "");

  g_strstrip (message);
  return g_strdup (g_str_has_prefix (message, "ERROR:  ") ? message + 8 : message);
}

static XjTeamError
classify (const char *sqlstate)
{
  if (sqlstate == NULL)
    return XJ_TEAM_ERROR_CONNECT;
  if (g_str_has_prefix (sqlstate, "28"))
    return XJ_TEAM_ERROR_AUTH;
  if (g_str_equal (sqlstate, "42501") || g_str_has_prefix (sqlstate, "XJ"))
    return XJ_TEAM_ERROR_DENIED;
  if (g_str_has_prefix (sqlstate, "23"))
    return XJ_TEAM_ERROR_INTEGRITY;
  if (g_str_has_prefix (sqlstate, "08") || g_str_has_prefix (sqlstate, "57"))
    return XJ_TEAM_ERROR_CONNECT;
  return XJ_TEAM_ERROR_FAILED;
}

/* Whether the server's refusal says the database @dbname does not exist
 * ("database "x" does not exist"; a server speaking Chinese: "数据库 "x"
 * 不存在"), not that the user may not reach it. */
static gboolean
names_missing_database (const char *detail,
                        const char *dbname)
{
  g_autofree char *quoted = NULL;

  if (dbname == NULL || *dbname == '\0')
    return FALSE;
  quoted = g_strdup_printf ("\"%s\"", dbname);
  return strstr (detail, quoted) != NULL
         && (strstr (detail, "does not exist") != NULL || strstr (detail, "不存在") != NULL);
}

/* The server's notices (a role already there, ...) are no news to the user. */
static void
on_notice_cb (void       *data,
              const char *message)
{
  g_debug ("%s", message);
}

XjTeamConnection *
xj_team_connection_open (const char  *conninfo,
                         const char  *user,
                         const char  *password,
                         GError     **error)
{
  /* Later keywords win over what the conninfo says; NULL values are skipped. */
  const char *keywords[] = { "dbname", "fallback_application_name", "connect_timeout",
                             "user", "password", NULL };
  const char *values[] = { conninfo, "xunjian", "10", user, password, NULL };
  g_autoptr(XjTeamConnection) connection = g_new0 (XjTeamConnection, 1);

  g_return_val_if_fail (conninfo != NULL, NULL);

  /* expand_dbname: the first value is a whole conninfo string or URI. */
  connection->conn = PQconnectdbParams (keywords, values, 1);
  if (PQstatus (connection->conn) != CONNECTION_OK)
    {
      g_autofree char *detail = server_message (PQerrorMessage (connection->conn));
      g_autofree char *lower = g_ascii_strdown (detail, -1);
      /* The message is in the server's language (libpq's too): a password
       * sent and the connection refused is the surer sign. */
      gboolean said_auth = strstr (lower, "password") != NULL
                           || strstr (lower, "authentication") != NULL;
      gboolean auth = (password != NULL && PQconnectionUsedPassword (connection->conn))
                      || said_auth;

      /* The server looks for the database once the password was taken: a
       * password refused is no missing database (an empty Database field
       * means one named as the user). */
      if (!said_auth && names_missing_database (detail, PQdb (connection->conn)))
        {
          g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NO_DATABASE,
                       _("The team server has no database named “%s”: %s"),
                       PQdb (connection->conn), detail);
          return NULL;
        }

      /* A member the team removed (xunjian server remove-user) may no longer
       * log in: said as such, not as a wrong password. */
      if (strstr (lower, "not permitted to log in") != NULL
          || strstr (detail, "不允许登录") != NULL)
        {
          g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NOT_MEMBER,
                       _("“%s” is no longer a member of the team on this server: ask the "
                         "team's administrator (%s)"),
                       PQuser (connection->conn), detail);
          return NULL;
        }

      if (password == NULL && PQconnectionNeedsPassword (connection->conn))
        {
          g_set_error_literal (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NEEDS_PASSWORD,
                               _("The team server asks for a password."));
          return NULL;
        }
      g_set_error (error, XJ_TEAM_ERROR, auth ? XJ_TEAM_ERROR_AUTH : XJ_TEAM_ERROR_CONNECT,
                   auth ? _("The team server refused the user name or password: %s")
                        : _("Cannot reach the team server: %s"),
                   detail);
      return NULL;
    }
  PQsetNoticeProcessor (connection->conn, on_notice_cb, NULL);
  return g_steal_pointer (&connection);
}

void
xj_team_connection_free (XjTeamConnection *connection)
{
  if (connection == NULL)
    return;
  g_clear_pointer (&connection->conn, PQfinish);
  g_clear_pointer (&connection->prepared, g_hash_table_unref);
  g_free (connection);
}

const char *
xj_team_connection_get_user (XjTeamConnection *connection)
{
  return PQuser (connection->conn);
}

PGconn *
_xj_team_connection_get_conn (XjTeamConnection *connection)
{
  return connection->conn;
}

/* Runs @sql with text parameters; the result when the server accepted it,
 * otherwise NULL and @error says why in the server's words. */
PGresult *
_xj_team_exec (XjTeamConnection  *connection,
               const char        *sql,
               int                n_params,
               const char *const *params,
               GError           **error)
{
  return _xj_team_exec_binary (connection, sql, n_params, params, NULL, NULL, error);
}

/* The same, with some parameters binary (@lengths and @formats as libpq
 * takes them: bytea as raw bytes). */
PGresult *
_xj_team_exec_binary (XjTeamConnection  *connection,
                      const char        *sql,
                      int                n_params,
                      const char *const *params,
                      const int         *lengths,
                      const int         *formats,
                      GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  ExecStatusType status;

  if (n_params == 0)
    result = PQexec (connection->conn, sql);
  else
    result = PQexecParams (connection->conn, sql, n_params, NULL, params, lengths, formats, 0);
  status = PQresultStatus (result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return g_steal_pointer (&result);
  _xj_team_set_result_error (connection, result, error);
  return NULL;
}

/* @error from a failed @result (NULL: no answer at all), in the server's
 * words. */
void
_xj_team_set_result_error (XjTeamConnection  *connection,
                           const PGresult    *result,
                           GError           **error)
{
  const char *sqlstate = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY)
                                       : NULL;
  g_autofree char *detail = server_message (primary != NULL ? primary
                                            : PQerrorMessage (connection->conn));

  if (sqlstate == NULL || classify (sqlstate) == XJ_TEAM_ERROR_CONNECT)
    g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_CONNECT,
                 _("The connection to the team server was lost: %s"), detail);
  else
    g_set_error_literal (error, XJ_TEAM_ERROR, classify (sqlstate), detail);
}

/* Prepares @sql as @name on this session once (a prepared statement
 * outlives transactions, rolled back or not). */
gboolean
_xj_team_prepare (XjTeamConnection  *connection,
                  const char        *name,
                  const char        *sql,
                  GError           **error)
{
  g_autoptr(PGresult) result = NULL;

  if (connection->prepared == NULL)
    connection->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_contains (connection->prepared, name))
    return TRUE;
  result = PQprepare (connection->conn, name, sql, 0, NULL);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      _xj_team_set_result_error (connection, result, error);
      return FALSE;
    }
  g_hash_table_add (connection->prepared, g_strdup (name));
  return TRUE;
}

gboolean
_xj_team_run (XjTeamConnection  *connection,
              const char        *sql,
              GError           **error)
{
  g_autoptr(PGresult) result = _xj_team_exec (connection, sql, 0, NULL, error);

  return result != NULL;
}

/* After a failure inside a transaction; a lost connection has nothing to
 * roll back. */
void
_xj_team_rollback (XjTeamConnection *connection)
{
  if (PQtransactionStatus (connection->conn) != PQTRANS_IDLE)
    PQclear (PQexec (connection->conn, "ROLLBACK"));
}

/* Writes one conninfo value in single quotes, as libpq reads it back. */
static void
append_quoted (GString    *text,
               const char *value)
{
  g_string_append_c (text, '\'');
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (text, '\\');
      g_string_append_c (text, *c);
    }
  g_string_append_c (text, '\'');
}

/**
 * xj_team_conninfo_describe:
 *
 * Returns: (transfer full): @conninfo as a person reads a server's address,
 *   "host:port · database" (without user or password): the stored
 *   "dbname='team' host='…' port='…'" is no sentence; a string libpq cannot
 *   read is given back as it is
 */
char *
xj_team_conninfo_describe (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  const char *host = NULL, *hostaddr = NULL, *port = NULL, *dbname = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (options == NULL)
    return g_strdup (conninfo);
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (option->val != NULL && *option->val != '\0')
      {
        if (g_str_equal (option->keyword, "host"))
          host = option->val;
        else if (g_str_equal (option->keyword, "hostaddr"))
          hostaddr = option->val;
        else if (g_str_equal (option->keyword, "port"))
          port = option->val;
        else if (g_str_equal (option->keyword, "dbname"))
          dbname = option->val;
      }
  g_string_append (text, host != NULL ? host : hostaddr != NULL ? hostaddr : "localhost");
  if (port != NULL)
    g_string_append_printf (text, ":%s", port);
  if (dbname != NULL)
    g_string_append_printf (text, " · %s", dbname);
  PQconninfoFree (options);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * xj_team_conninfo_without_password:
 *
 * Returns: (transfer full): @conninfo (key=value or URI) as key=value
 *   pairs without any password, for keeping on disk
 */
char *
xj_team_conninfo_without_password (const char  *conninfo,
                                   GError     **error)
{
  char *message = NULL;
  PQconninfoOption *options = PQconninfoParse (conninfo, &message);
  g_autoptr(GString) text = g_string_new (NULL);

  if (options == NULL)
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_INVALID,
                   _("“%s” is not a PostgreSQL connection string: %s"), conninfo,
                   message != NULL ? g_strstrip (message) : "");
      PQfreemem (message);
      return NULL;
    }
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (option->val != NULL && g_strcmp0 (option->keyword, "password") != 0)
      {
        if (text->len > 0)
          g_string_append_c (text, ' ');
        g_string_append_printf (text, "%s=", option->keyword);
        append_quoted (text, option->val);
      }
  PQconninfoFree (options);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "host:5432" as people write an address: the host and its port (one
 * colon only, so an IPv6 address stays whole). */
static gboolean
split_host_port (const char  *host,
                 char       **host_part,
                 char       **port_part)
{
  const char *colon = strchr (host, ':');

  if (colon == NULL || colon == host || strchr (colon + 1, ':') != NULL || colon[1] == '\0')
    return FALSE;
  for (const char *c = colon + 1; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;
  *host_part = g_strndup (host, colon - host);
  *port_part = g_strdup (colon + 1);
  return TRUE;
}

/**
 * xj_team_conninfo_build:
 * @host: a host name (or "host:port"), or a whole connection string
 *   (key=value or URI), which is then taken as it is
 * @port: (nullable): empty or NULL for libpq's default, or the port
 *   @host names
 * @dbname: (nullable): empty or NULL for libpq's default
 *
 * Fields are taken without the white space around them (pasted from a
 * message).
 *
 * Returns: (transfer full): a connection string from the fields of a form
 */
char *
xj_team_conninfo_build (const char *host,
                        const char *port,
                        const char *dbname)
{
  const char *keywords[] = { "host", "port", "dbname" };
  g_autofree char *host_text = NULL;
  g_autofree char *port_text = g_strstrip (g_strdup (port != NULL ? port : ""));
  g_autofree char *dbname_text = g_strstrip (g_strdup (dbname != NULL ? dbname : ""));
  g_autofree char *host_part = NULL;
  g_autofree char *port_part = NULL;
  const char *values[3];
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (host != NULL, NULL);

  host_text = g_strstrip (g_strdup (host));
  if (strchr (host_text, '=') != NULL || g_str_has_prefix (host_text, "postgres"))
    return g_strdup (host_text);
  values[0] = host_text;
  values[1] = port_text;
  values[2] = dbname_text;
  if (split_host_port (host_text, &host_part, &port_part)
      && (*port_text == '\0' || g_str_equal (port_text, port_part)))
    {
      values[0] = host_part;
      values[1] = port_part;
    }
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (*values[i] != '\0')
      {
        if (text->len > 0)
          g_string_append_c (text, ' ');
        g_string_append_printf (text, "%s=", keywords[i]);
        append_quoted (text, values[i]);
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
