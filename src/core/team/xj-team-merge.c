/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The merge of shared records (sites, checklist heads, schedules, notices
 * and their photos): nothing is ever silently overwritten.  The laptop
 * keeps the server's last-known body and version of each one
 * (team_shadow), the base of a field-level three-way merge when the
 * server moved since: a field changed on one side only is taken; the same
 * field changed on both sides to different values keeps the server's
 * value in force and becomes a conflict (team_conflicts, both values, who
 * and when) until a person decides.  A notice's steps and its escalation
 * are not fields: they are folded from its events (xj-team-fold.c).
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "xj-clock.h"
#include "xj-store-private.h"
#include "xj-team-merge.h"
#include "xj-team-private.h"

void
_xj_merge_conflict_free (gpointer data)
{
  XjMergeConflict *conflict = data;

  g_free (conflict->field);
  g_free (conflict->mine);
  g_free (conflict->theirs);
  g_free (conflict);
}

static JsonObject *
parse_object (const char  *text,
              JsonParser  *parser,
              GError     **error)
{
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           "not a JSON object");
      return NULL;
    }
  return json_node_get_object (root);
}

static gboolean
same (JsonNode *a,
      JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  /* 1 and 1.0 are the same number, whatever the side wrote. */
  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b)
      && json_node_get_value_type (a) != G_TYPE_STRING
      && json_node_get_value_type (b) != G_TYPE_STRING
      && json_node_get_value_type (a) != G_TYPE_BOOLEAN
      && json_node_get_value_type (b) != G_TYPE_BOOLEAN)
    return json_node_get_double (a) == json_node_get_double (b);
  return json_node_equal (a, b);
}

static char *
node_text (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : NULL;
}

char *
_xj_merge_bodies (const char  *base,
                  const char  *mine,
                  const char  *theirs,
                  GPtrArray   *conflicts,
                  GError     **error)
{
  g_autoptr(JsonParser) base_parser = json_parser_new ();
  g_autoptr(JsonParser) mine_parser = json_parser_new ();
  g_autoptr(JsonParser) their_parser = json_parser_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) names = NULL;
  JsonObject *b = NULL;
  JsonObject *m;
  JsonObject *t;

  if ((base != NULL && (b = parse_object (base, base_parser, error)) == NULL)
      || (m = parse_object (mine, mine_parser, error)) == NULL
      || (t = parse_object (theirs, their_parser, error)) == NULL)
    return NULL;
  for (GList *l = json_object_get_members (m); l != NULL; l = g_list_delete_link (l, l))
    g_hash_table_add (fields, l->data);
  for (GList *l = json_object_get_members (t); l != NULL; l = g_list_delete_link (l, l))
    g_hash_table_add (fields, l->data);
  names = g_list_sort (g_hash_table_get_keys (fields), (GCompareFunc) g_strcmp0);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *field = l->data;
      JsonNode *was = b != NULL ? json_object_get_member (b, field) : NULL;
      JsonNode *here = json_object_get_member (m, field);
      JsonNode *there = json_object_get_member (t, field);
      JsonNode *taken = there;

      if (same (here, there) || (b != NULL && same (here, was)))
        taken = there;
      else if (b != NULL && same (there, was))
        taken = here;
      else if (g_str_equal (field, "updated_at") && here != NULL && there != NULL)
        taken = json_node_get_int (here) > json_node_get_int (there) ? here : there;
      else
        {
          XjMergeConflict *conflict = g_new0 (XjMergeConflict, 1);

          conflict->field = g_strdup (field);
          conflict->mine = node_text (here);
          conflict->theirs = node_text (there);
          g_ptr_array_add (conflicts, conflict);
        }
      if (taken != NULL)
        json_object_set_member (merged, field, json_node_copy (taken));
    }
  json_node_set_object (root, merged);
  return json_to_string (root, FALSE);
}

gboolean
_xj_shadow_get (XjStore     *store,
                const char  *table,
                const char  *record,
                gint64      *version,
                char       **body,
                GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT version, body FROM team_shadow"
                                         " WHERE table_name = ?1 AND record = ?2", error);
  int rc;

  *version = 0;
  *body = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *version = sqlite3_column_int64 (stmt, 0);
      *body = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, "team_shadow");
  return TRUE;
}

gboolean
_xj_shadow_set (XjStore     *store,
                const char  *table,
                const char  *record,
                gint64       version,
                const char  *body,
                GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "INSERT OR REPLACE INTO team_shadow"
                                         " (table_name, record, version, body)"
                                         " VALUES (?1, ?2, ?3, json(?4))", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, version);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_TRANSIENT);
  return xj_store_step_done (store, stmt, error);
}

gboolean
_xj_conflicts_record (XjStore     *store,
                      const char  *table,
                      const char  *record,
                      GPtrArray   *conflicts,
                      const char  *their_author,
                      gint64       their_changed_at,
                      gint64      *recorded,
                      GError     **error)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      XjMergeConflict *conflict = g_ptr_array_index (conflicts, i);
      sqlite3_stmt *stmt = xj_store_prepare (store, "INSERT OR IGNORE INTO team_conflicts"
                                             " (table_name, record, field, mine, theirs,"
                                             "  their_author, their_changed_at, found_at)"
                                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, record, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, conflict->field, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, conflict->mine, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, conflict->theirs, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, their_author, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 7, their_changed_at);
      sqlite3_bind_int64 (stmt, 8, xj_clock_now ());
      if (!xj_store_step_done (store, stmt, error))
        return FALSE;
      *recorded += sqlite3_changes (xj_store_get_db (store));
    }
  return TRUE;
}

/* The local record takes @body without being captured again. */
static gboolean
apply_quietly (XjStore            *store,
               const XjSyncTable  *table,
               const char         *record,
               const char         *body,
               GError            **error)
{
  return xj_store_exec (store, "UPDATE team_settings SET value = 'off' WHERE key = 'capture'",
                        error)
         && _xj_sync_apply (store, table, record, body, error)
         && xj_store_exec (store, "UPDATE team_settings SET value = 'on' WHERE key = 'capture'",
                           error);
}

/* A notice's state and the fields its steps set are not merged: they are
 * folded from its event log after the pull (xj-team-fold.c), the same on
 * every laptop, so they never conflict as fields. */
static void
drop_folded_fields (GPtrArray *conflicts)
{
  static const char *const folded[] = {
    "state", "issued_at", "issued_by", "acknowledged_at", "acknowledged_by", "rectified_at",
    "rectification_remark", "verified_at", "verified_by", "closed_at", "escalated",
    "escalated_at", "escalation_reason", NULL,
  };

  for (guint i = conflicts->len; i > 0; i--)
    {
      XjMergeConflict *conflict = g_ptr_array_index (conflicts, i - 1);

      if (g_strv_contains (folded, conflict->field))
        g_ptr_array_remove_index (conflicts, i - 1);
    }
}

gboolean
_xj_merge_push_shared (XjStore            *store,
                       XjTeamConnection   *connection,
                       const XjSyncTable  *table,
                       const char         *record,
                       const char         *body,
                       XjTeamSyncResult   *result,
                       GError            **error)
{
  g_autofree char *base = NULL;
  g_autofree char *base_version = NULL;
  g_autofree char *read_sql = g_strdup_printf ("SELECT version, body::text, author,"
                                               " body = $2::jsonb FROM xunjian.%s"
                                               " WHERE uuid = $1::uuid", table->remote);
  g_autofree char *update_sql = g_strdup_printf ("UPDATE xunjian.%s SET body = $2::jsonb,"
                                                 " version = version + 1 WHERE uuid = $1::uuid"
                                                 " AND version = $3::int RETURNING version",
                                                 table->remote);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (_xj_merge_conflict_free);
  g_autoptr(PGresult) written = NULL;
  g_autoptr(PGresult) theirs = NULL;
  g_autoptr(PGresult) rewritten = NULL;
  g_autofree char *merged = NULL;
  const char *their_body;
  gint64 version = 0;
  gint64 changed_at;

  if (!_xj_shadow_get (store, table->name, record, &version, &base, error))
    return FALSE;
  base_version = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  {
    const char *params[] = { record, body, base_version };

    if ((written = _xj_team_exec (connection, table->server_write, 3, params, error)) == NULL)
      return FALSE;
    if (PQntuples (written) == 1)
      {
        result->pushed++;
        return _xj_shadow_set (store, table->name, record,
                               g_ascii_strtoll (PQgetvalue (written, 0, 0), NULL, 10), body,
                               error);
      }
    if ((theirs = _xj_team_exec (connection, read_sql, 2, params, error)) == NULL)
      return FALSE;
  }
  if (PQntuples (theirs) != 1)
    {
      g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_DENIED, "%s %s", table->name, record);
      return FALSE;
    }
  version = g_ascii_strtoll (PQgetvalue (theirs, 0, 0), NULL, 10);
  their_body = PQgetvalue (theirs, 0, 1);
  if (g_str_equal (PQgetvalue (theirs, 0, 3), "t"))
    return _xj_shadow_set (store, table->name, record, version, their_body, error);

  /* The server moved since this laptop last saw it. */
  if ((merged = _xj_merge_bodies (base, body, their_body, conflicts, error)) == NULL)
    return FALSE;
  if (g_str_equal (table->name, "notices"))
    drop_folded_fields (conflicts);
  changed_at = xj_clock_now ();
  if (!_xj_conflicts_record (store, table->name, record, conflicts, PQgetvalue (theirs, 0, 2),
                             changed_at, &result->conflicts_found, error))
    return FALSE;
  {
    g_autofree char *their_version = g_strdup_printf ("%" G_GINT64_FORMAT, version);
    const char *params[] = { record, merged, their_version };
    g_autoptr(PGresult) same = NULL;
    const char *compare[] = { record, merged };

    if ((same = _xj_team_exec (connection, read_sql, 2, compare, error)) == NULL)
      return FALSE;
    if (g_str_equal (PQgetvalue (same, 0, 3), "f"))
      {
        if ((rewritten = _xj_team_exec (connection, update_sql, 3, params, error)) == NULL)
          return FALSE;
        if (PQntuples (rewritten) != 1)
          {
            g_set_error (error, XJ_TEAM_ERROR, XJ_TEAM_ERROR_FAILED,
                         _("Someone changed %s %s on the team server at the same moment: "
                           "sync again."), table->name, record);
            return FALSE;
          }
        version = g_ascii_strtoll (PQgetvalue (rewritten, 0, 0), NULL, 10);
        result->pushed++;
      }
  }
  return apply_quietly (store, table, record, merged, error)
         && _xj_shadow_set (store, table->name, record, version, merged, error);
}
