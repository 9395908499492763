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

/**
 * xj_team_connect_member:
 * @from_keyring: (out) (optional): whether the password tried last came
 *   from the keyring (a refused one may be asked for again)
 *
 * Connects as @user with libpq's own password sources first (PGPASSWORD,
 * the password file, a service file), then the password the keyring keeps
 * for the server as the laptop stores it.  Without either the error is
 * XJ_TEAM_ERROR_NEEDS_PASSWORD.
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

  if (from_keyring != NULL)
    *from_keyring = FALSE;
  connection = xj_team_connection_open (conninfo, user, NULL, &local_error);
  if (connection != NULL
      || !g_error_matches (local_error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_NEEDS_PASSWORD))
    {
      if (connection == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return connection;
    }

  /* The keyring knows the server as the laptop stores it (leaving the
   * team forgets it by that name). */
  server = xj_team_conninfo_without_password (conninfo, NULL);
  stored = xj_team_keyring_lookup (server != NULL ? server : conninfo, user, &keyring_error);
  if (keyring_error != NULL)
    g_debug ("No password from the keyring: %s", keyring_error->message);
  if (stored == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (from_keyring != NULL)
    *from_keyring = TRUE;
  return xj_team_connection_open (conninfo, user, stored, error);
}
