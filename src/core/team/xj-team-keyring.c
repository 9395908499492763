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
