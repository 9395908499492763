/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The member's team password in the desktop keyring (the Secret Service,
 * through libsecret), keyed by server and user.  Nothing of it is ever
 * written to the data folder.  Without a session bus there is no keyring
 * to ask, and libsecret is not even tried (it would try to start a bus).
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <libsecret/secret.h>

#include "xj-team-keyring.h"
#include "xj-team-connection.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.xunjian.Xunjian.TeamPassword", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

gboolean
xj_team_keyring_is_available (void)
{
  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;
}

/* Returns: (transfer full) (nullable): the password, NULL without an error
 *   when the keyring holds none */
char *
xj_team_keyring_lookup (const char  *server,
                        const char  *user,
                        GError     **error)
{
  char *secret;
  char *password;

  if (!xj_team_keyring_is_available ())
    return NULL;
  secret = secret_password_lookup_sync (get_schema (), NULL, error,
                                        "server", server, "user", user, NULL);
  password = g_strdup (secret);
  secret_password_free (secret);
  return password;
}

gboolean
xj_team_keyring_store (const char  *server,
                       const char  *user,
                       const char  *password,
                       GError     **error)
{
  g_autofree char *label = g_strdup_printf (_("Xunjian team password for %s"), user);

  if (!xj_team_keyring_is_available ())
    return FALSE;
  return secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label,
                                     password, NULL, error,
                                     "server", server, "user", user, NULL);
}

gboolean
xj_team_keyring_forget (const char  *server,
                        const char  *user,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!xj_team_keyring_is_available ())
    return TRUE;
  secret_password_clear_sync (get_schema (), NULL, &local_error,
                              "server", server, "user", user, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Whether libpq may find a password of its own for @conninfo: in it, in
 * PGPASSWORD, or in a password or service file it reads. */
static gboolean
libpq_may_have_password (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  const char *passfile = g_getenv ("PGPASSFILE");
  g_autofree char *home_passfile = NULL;
  gboolean found = options == NULL || g_getenv ("PGPASSWORD") != NULL
                   || g_getenv ("PGSERVICE") != NULL;

  for (PQconninfoOption *option = options; option != NULL && option->keyword != NULL; option++)
    if (option->val != NULL && *option->val != '\0'
        && (g_str_equal (option->keyword, "password") || g_str_equal (option->keyword, "service")))
      found = TRUE;
    else if (option->val != NULL && g_str_equal (option->keyword, "passfile"))
      passfile = option->val;
  if (!found && passfile == NULL)
    passfile = home_passfile = g_build_filename (g_get_home_dir (), ".pgpass", NULL);
  found = found || g_file_test (passfile, G_FILE_TEST_EXISTS);
  PQconninfoFree (options);
  return found;
}

/**
 * xj_team_connect_member:
 * @from_keyring: (out) (optional): whether the password tried last came
 *   from the keyring (a refused one may be asked for again)
 *
 * Connects as @user with libpq's own password sources first (PGPASSWORD,
 * the password file, a service file), then the password the keyring keeps
 * for the server as the laptop stores it.  Without either the error is
 * XJ_TEAM_ERROR_NEEDS_PASSWORD.  When libpq has no source of its own the
 * keyring is asked first: a connection refused for want of a password
 * would cost the server a backend and the sync two round trips (issue 13,
 * a sync with nothing to do).
 */
XjTeamConnection *
xj_team_connect_member (const char  *conninfo,
                        const char  *user,
                        gboolean    *from_keyring,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) keyring_error = NULL;
  XjTeamConnection *connection;
  g_autofree char *server = NULL;
  g_autofree char *stored = NULL;
  gboolean keyring_first = xj_team_keyring_is_available () && !libpq_may_have_password (conninfo);

  if (from_keyring != NULL)
    *from_keyring = FALSE;
  if (!keyring_first)
    {
      connection = xj_team_connection_open (conninfo, user, NULL, &local_error);
      if (connection != NULL
          || !g_error_matches (local_error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NEEDS_PASSWORD))
        {
          if (connection == NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return connection;
        }
    }

  /* The keyring knows the server as the laptop stores it (leaving the
   * team forgets it by that name). */
  server = xj_team_conninfo_without_password (conninfo, NULL);
  stored = xj_team_keyring_lookup (server != NULL ? server : conninfo, user, &keyring_error);
  if (keyring_error != NULL)
    g_debug ("No password from the keyring: %s", keyring_error->message);
  if (stored == NULL)
    {
      /* Asked first and empty: a server that wants no password still
       * lets us in, otherwise the error says one is needed. */
      if (keyring_first)
        return xj_team_connection_open (conninfo, user, NULL, error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (from_keyring != NULL)
    *from_keyring = TRUE;
  return xj_team_connection_open (conninfo, user, stored, error);
}
