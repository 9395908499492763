/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Test connection": connects to a team server as a member would, and says
 * in one word what came of it (reached as a role, wrong password, a server
 * too old or too new, a TLS problem, no route, no team archive).  The same
 * words name the reason of a failed sync, from its GError.  Blocking: run
 * it in a worker.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-team-private.h"
#include "xj-team-probe.h"
#include "xj-team-server.h"

/* libpq says "SSL" whatever the protocol; certificate checks fail with
 * "certificate" or "root cert" in the message. */
static gboolean
mentions_tls (const char *message)
{
  return message != NULL
         && (strstr (message, "SSL") != NULL || strstr (message, "TLS") != NULL
             || strstr (message, "certificate") != NULL || strstr (message, "root cert") != NULL);
}

XjTeamReach
xj_team_reach_from_error (const GError *error)
{
  if (error == NULL)
    return XJ_TEAM_REACH_OK;
  if (error->domain != XJ_TEAM_ERROR)
    return XJ_TEAM_REACH_FAILED;
  switch ((XjTeamError) error->code)
    {
    case XJ_TEAM_ERROR_CONNECT:
      return mentions_tls (error->message) ? XJ_TEAM_REACH_TLS : XJ_TEAM_REACH_NO_ROUTE;
    case XJ_TEAM_ERROR_AUTH:
      return XJ_TEAM_REACH_WRONG_PASSWORD;
    case XJ_TEAM_ERROR_NEEDS_PASSWORD:
      return XJ_TEAM_REACH_NEEDS_PASSWORD;
    case XJ_TEAM_ERROR_TOO_NEW:
      return XJ_TEAM_REACH_TOO_NEW;
    case XJ_TEAM_ERROR_NOT_READY:
      return XJ_TEAM_REACH_TOO_OLD;
    case XJ_TEAM_ERROR_INVALID:
      return XJ_TEAM_REACH_INVALID;
    case XJ_TEAM_ERROR_DENIED:
      return XJ_TEAM_REACH_DENIED;
    case XJ_TEAM_ERROR_NO_DATABASE:
      return XJ_TEAM_REACH_NO_DATABASE;
    case XJ_TEAM_ERROR_NOT_MEMBER:
      return XJ_TEAM_REACH_NOT_MEMBER;
    case XJ_TEAM_ERROR_FAILED:
    case XJ_TEAM_ERROR_INTEGRITY:
    case XJ_TEAM_ERROR_NOT_JOINED:
    case XJ_TEAM_ERROR_JOINED:
    case XJ_TEAM_ERROR_UNSENT:
    default:
      return XJ_TEAM_REACH_FAILED;
    }
}

/* A plain sentence for each answer (the role is said beside OK). */
const char *
xj_team_reach_describe (XjTeamReach reach)
{
  switch (reach)
    {
    case XJ_TEAM_REACH_OK:
      return _("Reached");
    case XJ_TEAM_REACH_WRONG_PASSWORD:
      return _("Wrong user name or password");
    case XJ_TEAM_REACH_NEEDS_PASSWORD:
      return _("The server asks for a password");
    case XJ_TEAM_REACH_TOO_OLD:
      return _("The server is too old for this Xunjian: ask the team’s administrator to update "
               "it");
    case XJ_TEAM_REACH_TOO_NEW:
      return _("The server is newer than this Xunjian: update Xunjian");
    case XJ_TEAM_REACH_NO_SCHEMA:
      return _("PostgreSQL answers, but holds no team archive");
    case XJ_TEAM_REACH_NOT_MEMBER:
      return _("This user is not a member of the team");
    case XJ_TEAM_REACH_TLS:
      return _("Encrypted connection failed (TLS)");
    case XJ_TEAM_REACH_NO_ROUTE:
      return _("No server answers at this address");
    case XJ_TEAM_REACH_INVALID:
      return _("The address is not a valid connection string");
    case XJ_TEAM_REACH_DENIED:
      return _("The server refused the change");
    case XJ_TEAM_REACH_NO_DATABASE:
      return _("The server answers, but has no database of that name: check the Database field");
    case XJ_TEAM_REACH_FAILED:
    default:
      return _("Something went wrong");
    }
}

/* The group role as the team calls it. */
const char *
xj_team_role_label (const char *role)
{
  if (g_strcmp0 (role, "inspector") == 0)
    return _("Inspector");
  if (g_strcmp0 (role, "liaison") == 0)
    return _("Liaison");
  if (g_strcmp0 (role, "manager") == 0)
    return _("Manager");
  if (g_strcmp0 (role, "admin") == 0)
    return _("Administrator");
  return role != NULL ? role : "";
}

/**
 * xj_team_role_refusal:
 * @role: (nullable): the member's group role; NULL when the laptop is in
 *   no team (then everything is allowed)
 *
 * Returns: (transfer full) (nullable): why @role may not do @act, or NULL
 *   when it may
 */
char *
xj_team_role_refusal (const char *role,
                      XjTeamAct   act)
{
  if (role == NULL)
    return NULL;
  switch (act)
    {
    case XJ_TEAM_ACT_START_INSPECTION:
      if (g_str_equal (role, "inspector") || g_str_equal (role, "admin"))
        return NULL;
      return g_strdup_printf (_("In the team you are a %s: only inspectors start inspections."),
                              xj_team_role_label (role));
    case XJ_TEAM_ACT_WRITE_NOTICE:
      if (g_str_equal (role, "liaison") || g_str_equal (role, "manager")
          || g_str_equal (role, "admin"))
        return NULL;
      return g_strdup_printf (_("In the team you are a %s: only liaisons and managers raise "
                                "notices and record their steps."),
                              xj_team_role_label (role));
    case XJ_TEAM_ACT_EDIT_SHARED:
      if (!g_str_equal (role, "liaison"))
        return NULL;
      return g_strdup_printf (_("In the team you are a %s: only inspectors and managers add or "
                                "change sites, checklists and schedules."),
                              xj_team_role_label (role));
    default:
      return NULL;
    }
}

/* The kind of record a refusal names (the server's message names the
 * table: "permission denied for table notices", or the table and record
 * a rule left untouched). */
static gboolean
names_table (const char *message,
             const char *const *tables)
{
  for (guint i = 0; tables[i] != NULL; i++)
    if (strstr (message, tables[i]) != NULL)
      return TRUE;
  return FALSE;
}

/**
 * xj_team_refusal_explain:
 * @error: a failed sync's error
 * @role: (nullable): the member's group role
 *
 * Returns: (transfer full) (nullable): what the server refused, in plain
 *   words for the member (what their role may not do), or NULL when
 *   @error is no refusal of the server's rules
 */
char *
xj_team_refusal_explain (const GError *error,
                         const char   *role)
{
  static const char *const notices[] = { "notice", NULL };
  static const char *const owned[] = { "inspection", "answer", "signature", "report", NULL };
  static const char *const shared[] = { "site", "template", "schedule", NULL };
  g_autofree char *why = NULL;

  if (xj_team_reach_from_error (error) != XJ_TEAM_REACH_DENIED)
    return NULL;
  if (names_table (error->message, notices))
    why = xj_team_role_refusal (role, XJ_TEAM_ACT_WRITE_NOTICE);
  else if (names_table (error->message, owned))
    why = role != NULL && !g_str_equal (role, "inspector") && !g_str_equal (role, "admin")
          ? xj_team_role_refusal (role, XJ_TEAM_ACT_START_INSPECTION)
          : g_strdup (_("Only the inspector who started an inspection changes it, and a signed "
                        "one changes no more."));
  else if (names_table (error->message, shared))
    why = xj_team_role_refusal (role, XJ_TEAM_ACT_EDIT_SHARED);
  if (why == NULL)
    why = g_strdup_printf (_("Your role in the team (%s) may not make this change."),
                           xj_team_role_label (role));
  return g_strdup_printf (_("The team server refused a change made on this laptop. %s It stays "
                            "here, unsent; ask the team’s administrator."), why);
}

void
xj_team_probe_free (XjTeamProbe *probe)
{
  if (probe == NULL)
    return;
  g_free (probe->role);
  g_free (probe->detail);
  g_free (probe);
}

static XjTeamProbe *
probe_failed (XjTeamProbe  *probe,
              XjTeamReach   reach,
              const GError *error)
{
  probe->reach = reach;
  probe->detail = g_strdup (error != NULL ? error->message : "");
  return probe;
}

/**
 * xj_team_probe:
 * @password: (nullable): without one, libpq's own sources are used
 *
 * Returns: (transfer full): what came of connecting; never NULL
 */
XjTeamProbe *
xj_team_probe (const char *conninfo,
               const char *user,
               const char *password)
{
  g_autoptr(XjTeamProbe) probe = g_new0 (XjTeamProbe, 1);
  g_autoptr(XjTeamConnection) connection = NULL;
  g_autofree char *checked = NULL;
  g_autoptr(GError) error = NULL;
  guint mine = xj_team_server_get_program_version ();

  g_return_val_if_fail (conninfo != NULL, NULL);

  if ((checked = xj_team_conninfo_without_password (conninfo, &error)) == NULL
      || (connection = xj_team_connection_open (conninfo, user, password, &error)) == NULL
      || !_xj_team_server_read_version (connection, &probe->server_version, &error))
    return probe_failed (g_steal_pointer (&probe), xj_team_reach_from_error (error), error);
  if (probe->server_version == 0)
    return probe_failed (g_steal_pointer (&probe), XJ_TEAM_REACH_NO_SCHEMA, NULL);
  if (probe->server_version < mine)
    return probe_failed (g_steal_pointer (&probe), XJ_TEAM_REACH_TOO_OLD, NULL);
  if (probe->server_version > mine)
    return probe_failed (g_steal_pointer (&probe), XJ_TEAM_REACH_TOO_NEW, NULL);
  if ((probe->role = _xj_team_read_role (connection, &error)) == NULL)
    return probe_failed (g_steal_pointer (&probe),
                         error->code == XJ_TEAM_ERROR_DENIED ? XJ_TEAM_REACH_NOT_MEMBER
                                                             : xj_team_reach_from_error (error),
                         error);
  probe->reach = XJ_TEAM_REACH_OK;
  return g_steal_pointer (&probe);
}
