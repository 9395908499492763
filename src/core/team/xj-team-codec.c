/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row codec of the sync: one descriptor per synced table says how a
 * local row becomes the server's row and back.
 *
 * The record's own fields travel as one JSON object, made and read by
 * SQLite itself from the table's columns (PRAGMA table_info), so a column
 * added by a later schema step travels without being told.  Local integer
 * ids never leave the laptop: a reference column carries the referenced
 * record's UUID and is turned back into the local id on arrival.  An
 * answer names its item by item_key (the item of its inspection's
 * template version); a template version carries its whole content
 * (sections, items, options); a notice carries the answers it was raised
 * from.  Reals go with 17 significant digits, so a score comes back to
 * the same double.
 *
 * The server side of each table (which rule columns it fills from the
 * body, how it treats a record it has already) is one statement here.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "xj-store-private.h"
#include "xj-team-codec.h"
#include "xj-template-identity.h"

#define UPSERT_SHARED(table, columns, values) \
  "INSERT INTO xunjian." table " AS t (uuid, " columns "body) VALUES ($1::uuid, " values \
  "$2::jsonb) ON CONFLICT (uuid) DO UPDATE SET body = EXCLUDED.body, version = t.version + 1" \
  " WHERE t.version = $3::int AND t.body IS DISTINCT FROM EXCLUDED.body RETURNING version"
#define UPSERT_OWNED(table, columns, values) \
  "INSERT INTO xunjian." table " AS t (uuid, " columns "body) VALUES ($1::uuid, " values \
  "$2::jsonb) ON CONFLICT (uuid) DO UPDATE SET body = EXCLUDED.body" \
  " WHERE t.body IS DISTINCT FROM EXCLUDED.body RETURNING 1"
#define INSERT_ONCE(table, columns, values) \
  "INSERT INTO xunjian." table " (uuid, " columns "body) VALUES ($1::uuid, " values \
  "$2::jsonb) ON CONFLICT DO NOTHING RETURNING 1"
#define REF(field) "($2::jsonb->>'" field "')::uuid, "

/* In the order references need them. */
static const XjSyncTable tables[] = {
  { "sites", "sites", "uuid", XJ_SYNC_SHARED, "", { { NULL } },
    UPSERT_SHARED ("sites", "", ""), "body", 500 },
  { "templates", "templates", "uuid", XJ_SYNC_SHARED, "", { { NULL } },
    UPSERT_SHARED ("templates", "uid, ", "$2::jsonb->>'uid', "), "body", 500 },
  { "template_versions", "template_versions", "uuid", XJ_SYNC_WRITTEN_ONCE, "", { { "template_id", "templates" } },
    INSERT_ONCE ("template_versions", "template_uuid, content_sha256, ",
                 REF ("template_id") "$3, "), "body", 50 },
  { "schedules", "schedules", "uuid", XJ_SYNC_SHARED, "",
    { { "site_id", "sites" }, { "template_id", "templates" } },
    UPSERT_SHARED ("schedules", "site_uuid, ", REF ("site_id")), "body", 500 },
  /* The state is a rule column; the body of a signed inspection never
   * changes again (archiving it changes only the state). */
  { "inspections", "inspections", "uuid", XJ_SYNC_OWNED, " current_item_id updated_at owner ",
    { { "site_id", "sites" }, { "version_id", "template_versions" },
      { "schedule_id", "schedules" } },
    "INSERT INTO xunjian.inspections AS t (uuid, site_uuid, state, body) VALUES ($1::uuid, "
    REF ("site_id") "$2::jsonb->>'state', $2::jsonb - 'state') ON CONFLICT (uuid) DO UPDATE"
    " SET state = EXCLUDED.state, body = EXCLUDED.body"
    " WHERE (t.state, t.body) IS DISTINCT FROM (EXCLUDED.state, EXCLUDED.body) RETURNING 1",
    "body || jsonb_build_object('state', state, 'owner', owner)", 500 },
  { "answers", "answers", "uuid", XJ_SYNC_OWNED, "", { { "inspection_id", "inspections" } },
    UPSERT_OWNED ("answers", "inspection_uuid, ", REF ("inspection_id")), "body", 1000 },
  { "photos", "photos", "sha256", XJ_SYNC_WRITTEN_ONCE, "", { { NULL } },
    /* The rendition and thumbnail go beside the original: a laptop pulls
     * them, and the original only when it is asked for (step 5). */
    "INSERT INTO xunjian.photos (sha256, original, rendition, thumbnail, body)"
    " VALUES ($1, $3::bytea, $4::bytea, $5::bytea, $2::jsonb)"
    " ON CONFLICT DO NOTHING RETURNING 1", "body", 20 },
  { "answer_photos", "answer_photos", "uuid", XJ_SYNC_OWNED, "", { { "answer_id", "answers" } },
    UPSERT_OWNED ("answer_photos", "inspection_uuid, ",
                  "(SELECT a.inspection_uuid FROM xunjian.answers a"
                  " WHERE a.uuid = ($2::jsonb->>'answer_id')::uuid), "), "body", 1000 },
  { "notices", "notices", "uuid", XJ_SYNC_SHARED, "",
    { { "site_id", "sites" }, { "inspection_id", "inspections" } },
    UPSERT_SHARED ("notices", "site_uuid, number, ", REF ("site_id") "$2::jsonb->>'number', "),
    "body", 500 },
  { "signatures", "signatures", "uuid", XJ_SYNC_WRITTEN_ONCE, "",
    { { "inspection_id", "inspections" }, { "notice_id", "notices" } },
    INSERT_ONCE ("signatures", "inspection_uuid, notice_uuid, ",
                 REF ("inspection_id") REF ("notice_id")), "body", 500 },
  /* An inspection's report, or a monthly report (its month, no
   * inspection: team schema step 6).  Whether one is kept on this laptop
   * only is this laptop's own business. */
  { "reports", "reports", "uuid", XJ_SYNC_WRITTEN_ONCE, " kept_local ",
    { { "inspection_id", "inspections" } },
    INSERT_ONCE ("reports", "inspection_uuid, month, sha256, pdf, ",
                 REF ("inspection_id") "$2::jsonb->>'month', $2::jsonb->>'sha256', $3::bytea, "),
    "body", 50 },
  { "notice_photos", "notice_photos", "uuid", XJ_SYNC_SHARED, "", { { "notice_id", "notices" } },
    UPSERT_SHARED ("notice_photos", "notice_uuid, ", REF ("notice_id")), "body", 1000 },
  { "notice_events", "notice_events", "uuid", XJ_SYNC_WRITTEN_ONCE, "", { { "notice_id", "notices" } },
    INSERT_ONCE ("notice_events", "notice_uuid, ", REF ("notice_id")), "body", 1000 },
  /* entity_id travels as the entity's UUID. */
  { "audit_log", "audit", "uuid", XJ_SYNC_WRITTEN_ONCE, "", { { NULL } },
    INSERT_ONCE ("audit", "", ""), "body", 1000 },
};

const XjSyncTable *
_xj_sync_get_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (tables);
  return tables;
}

const XjSyncTable *
_xj_sync_find_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (tables[i].name, name) == 0)
      return &tables[i];
  return NULL;
}

static const XjSyncRef *
find_ref (const XjSyncTable *table,
          const char        *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (table->refs) && table->refs[i].column != NULL; i++)
    if (g_str_equal (table->refs[i].column, column))
      return &table->refs[i];
  return NULL;
}

static gboolean
skipped (const XjSyncTable *table,
         const char        *column)
{
  g_autofree char *word = g_strdup_printf (" %s ", column);

  return g_str_equal (column, "id") || strstr (table->skip, word) != NULL;
}

/* The table's columns: name and declared type. */
static GPtrArray *
read_columns (XjStore            *store,
              const XjSyncTable  *table,
              GPtrArray         **types,
              GError            **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = g_strdup_printf ("SELECT name, type FROM pragma_table_info('%s')"
                                          " ORDER BY cid", table->name);
  sqlite3_stmt *stmt = xj_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (kinds, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, table->name);
      return NULL;
    }
  *types = g_steal_pointer (&kinds);
  return g_steal_pointer (&names);
}

/* What a template version carries besides its own row. */
static const char version_content[] =
  "(SELECT json_group_array(json_object('position', s.position, 'title', s.title,"
  "   'items', (SELECT json_group_array(json(it.item)) FROM (SELECT json_object("
  "     'position', i.position, 'item_key', i.item_key, 'prompt', i.prompt,"
  "     'guidance', i.guidance, 'guidance_do', i.guidance_do,"
  "     'guidance_dont', i.guidance_dont, 'response_type', i.response_type,"
  "     'unit', i.unit, 'range_min', iif(i.range_min IS NULL, NULL, json(printf('%!.17g', i.range_min))),"
  "     'range_max', iif(i.range_max IS NULL, NULL, json(printf('%!.17g', i.range_max))),"
  "     'threshold', iif(i.threshold IS NULL, NULL, json(printf('%!.17g', i.threshold))), 'pass_answer', i.pass_answer,"
  "     'score_weight', iif(i.score_weight IS NULL, NULL, json(printf('%!.17g', i.score_weight))),"
  "     'failure_weight', iif(i.failure_weight IS NULL, NULL, json(printf('%!.17g', i.failure_weight))),"
  "     'critical', i.critical, 'required', i.required, 'photo_on_fail', i.photo_on_fail,"
  "     'remark_on_fail', i.remark_on_fail, 'notice_type', i.notice_type,"
  "     'responsible_party', i.responsible_party, 'deadline_days', i.deadline_days,"
  "     'category', i.category,"
  "     'options', (SELECT json_group_array(json_object('position', o.position,"
  "        'label', o.label, 'score', iif(o.score IS NULL, NULL, json(printf('%!.17g', o.score))), 'fails', o.fails))"
  "        FROM (SELECT * FROM template_item_options WHERE item_id = i.id"
  "              ORDER BY position) o)) AS item"
  "     FROM template_items i WHERE i.section_id = s.id ORDER BY i.position) it)))"
  "  FROM (SELECT * FROM template_sections WHERE version_id = t.id ORDER BY position) s)";

/* What an audit entry's entity_id points into, by the entity's name. */
static void
append_entity (GString    *sql,
               gboolean    to_uuid)
{
  static const char *const entities[][2] = {
    { "site", "sites" }, { "template", "templates" }, { "schedule", "schedules" },
    { "inspection", "inspections" }, { "answer", "answers" }, { "notice", "notices" },
  };

  g_string_append (sql, to_uuid ? "CASE t.entity" : "CASE ?1 ->> 'entity'");
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    g_string_append_printf (sql, to_uuid ? " WHEN '%s' THEN (SELECT uuid FROM %s"
                                           " WHERE id = t.entity_id)"
                                         : " WHEN '%s' THEN (SELECT id FROM %s"
                                           " WHERE uuid = ?1 ->> 'entity_id')",
                            entities[i][0], entities[i][1]);
  g_string_append (sql, " END");
}

static char *
encode_sql (XjStore            *store,
            const XjSyncTable  *table,
            GError            **error)
{
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GPtrArray) columns = read_columns (store, table, &types, error);
  g_autoptr(GString) sql = g_string_new ("SELECT json_object(");
  gboolean first = TRUE;

  if (columns == NULL)
    return NULL;
  for (guint i = 0; i < columns->len; i++)
    {
      const char *column = g_ptr_array_index (columns, i);
      const char *type = g_ptr_array_index (types, i);
      const XjSyncRef *ref = find_ref (table, column);

      if (skipped (table, column))
        continue;
      g_string_append_printf (sql, "%s'%s', ", first ? "" : ", ", column);
      first = FALSE;
      if (ref != NULL)
        g_string_append_printf (sql, "(SELECT r.uuid FROM %s r WHERE r.id = t.%s)",
                                ref->table, column);
      else if (g_str_equal (table->name, "answers") && g_str_equal (column, "item_id"))
        g_string_append (sql, "(SELECT i.item_key FROM template_items i WHERE i.id = t.item_id)");
      else if (g_str_equal (table->name, "audit_log") && g_str_equal (column, "entity_id"))
        append_entity (sql, TRUE);
      else if (g_str_equal (type, "REAL"))
        g_string_append_printf (sql, "iif(t.%s IS NULL, NULL, json(printf('%%!.17g', t.%s)))",
                                column, column);
      else
        g_string_append_printf (sql, "t.%s", column);
    }
  if (g_str_equal (table->name, "template_versions"))
    g_string_append_printf (sql, ", 'content', json(%s)", version_content);
  else if (g_str_equal (table->name, "notices"))
    g_string_append (sql, ", 'findings', (SELECT json_group_array(a.uuid) FROM (SELECT a.uuid"
                     " FROM notice_findings f JOIN answers a ON a.id = f.answer_id"
                     " WHERE f.notice_id = t.id ORDER BY a.uuid) a)");
  g_string_append_printf (sql, ") FROM %s t WHERE t.%s = ?1", table->name, table->key);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The statements made from a table's columns, made once per process (every
 * store of a process is at the same schema version). */
static GMutex sql_lock;
static char *encode_cache[G_N_ELEMENTS (tables)];
static char *apply_cache[G_N_ELEMENTS (tables)];

static char *
cached_sql (char              **cache,
            char             *(*make) (XjStore *, const XjSyncTable *, GError **),
            XjStore            *store,
            const XjSyncTable  *table,
            GError            **error)
{
  guint i = (guint) (table - tables);
  char *sql;

  g_mutex_lock (&sql_lock);
  if (cache[i] == NULL)
    cache[i] = make (store, table, error);
  sql = g_strdup (cache[i]);
  g_mutex_unlock (&sql_lock);
  return sql;
}

/* One text value of one row, or NULL (no error) when there is none;
 * @context starts the message of a failure. */
static char *
query_text (XjStore     *store,
            const char  *sql,
            const char  *param,
            const char  *context,
            GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, sql, error);
  char *value = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, context);
  return value;
}

static char *apply_sql (XjStore *store, const XjSyncTable *table, GError **error);

char *
_xj_sync_encode (XjStore            *store,
                 const XjSyncTable  *table,
                 const char         *key,
                 GError            **error)
{
  g_autofree char *sql = cached_sql (encode_cache, encode_sql, store, table, error);

  return sql != NULL ? query_text (store, sql, key, table->name, error) : NULL;
}

/* When an existing local row takes the server's values: never a signed
 * inspection or what hangs from it (the server refuses those changes too). */
static const char *
update_guard (const XjSyncTable *table)
{
  if (g_str_equal (table->name, "inspections"))
    return " WHERE inspections.state NOT IN ('signed', 'archived')"
           " OR (inspections.state = 'signed' AND excluded.state = 'archived')";
  if (g_str_equal (table->name, "answers"))
    return " WHERE (SELECT state FROM inspections WHERE id = answers.inspection_id)"
           " NOT IN ('signed', 'archived')";
  if (g_str_equal (table->name, "answer_photos"))
    return " WHERE (SELECT i.state FROM answers a JOIN inspections i ON i.id = a.inspection_id"
           " WHERE a.id = answer_photos.answer_id) NOT IN ('signed', 'archived')";
  return "";
}

/* The SQL text of a NOT NULL column's default, or NULL: a record from a
 * laptop whose schema is older (or a row written on the server by hand)
 * may lack the field, and then takes the default, as a local INSERT would. */
static char *
column_default (XjStore     *store,
                const char  *table,
                const char  *column)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT dflt_value FROM pragma_table_info(?1)"
                                         " WHERE name = ?2 AND \"notnull\""
                                         " AND dflt_value IS NOT NULL", NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static char *
apply_sql (XjStore            *store,
           const XjSyncTable  *table,
           GError            **error)
{
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GPtrArray) columns = read_columns (store, table, &types, error);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) updates = g_string_new (NULL);

  if (columns == NULL)
    return NULL;
  for (guint i = 0; i < columns->len; i++)
    {
      const char *column = g_ptr_array_index (columns, i);
      const XjSyncRef *ref = find_ref (table, column);
      /* Not sent, but set on arrival: an inspection's last change, and its
       * owner as the server knows it. */
      gboolean touched = g_str_equal (table->name, "inspections")
                         && (g_str_equal (column, "updated_at") || g_str_equal (column, "owner"));

      if (skipped (table, column) && !touched)
        continue;
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", column);
      if (values->len > 0)
        g_string_append (values, ", ");
      if (ref != NULL)
        g_string_append_printf (values, "(SELECT r.id FROM %s r WHERE r.uuid = ?1 ->> '%s')",
                                ref->table, column);
      else if (g_str_equal (table->name, "answers") && g_str_equal (column, "item_id"))
        g_string_append (values, "(SELECT i.id FROM template_items i"
                         " JOIN template_sections s ON s.id = i.section_id"
                         " JOIN inspections n ON n.version_id = s.version_id"
                         " WHERE n.uuid = ?1 ->> 'inspection_id' AND i.item_key = ?1 ->> 'item_id')");
      else if (g_str_equal (table->name, "audit_log") && g_str_equal (column, "entity_id"))
        append_entity (values, FALSE);
      else if (touched && g_str_equal (column, "updated_at"))
        g_string_append (values, "coalesce(?1 ->> 'signed_at', ?1 ->> 'completed_at',"
                         " ?1 ->> 'started_at')");
      else
        {
          g_autofree char *fallback = column_default (store, table->name, column);

          if (fallback != NULL)
            g_string_append_printf (values, "coalesce(?1 ->> '%s', %s)", column, fallback);
          else
            g_string_append_printf (values, "?1 ->> '%s'", column);
        }
      if (touched && g_str_equal (column, "owner"))
        /* One made here (no owner) stays this laptop's, even when it comes
         * back from the server (the same login on another laptop). */
        g_string_append_printf (updates, "%sowner = CASE WHEN inspections.owner IS NULL"
                                " THEN NULL ELSE excluded.owner END", updates->len > 0 ? ", " : "");
      else if (!g_str_equal (column, table->key))
        g_string_append_printf (updates, "%s%s = excluded.%s", updates->len > 0 ? ", " : "",
                                column, column);
    }
  if (table->kind == XJ_SYNC_WRITTEN_ONCE || updates->len == 0)
    return g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (%s) DO NOTHING",
                            table->name, names->str, values->str, table->key);
  return g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (%s) DO UPDATE SET %s%s",
                          table->name, names->str, values->str, table->key, updates->str,
                          update_guard (table));
}

/* A template version's content, once: sections, their items, the items' options. */
static const char *const version_content_inserts[] = {
  "INSERT INTO template_sections (version_id, position, title)"
  "  SELECT v.id, s.value ->> 'position', s.value ->> 'title'"
  "  FROM template_versions v, json_each(?1, '$.content') s"
  "  WHERE v.uuid = ?2 AND NOT EXISTS (SELECT 1 FROM template_sections x WHERE x.version_id = v.id)",
  "INSERT INTO template_items (section_id, position, item_key, prompt, guidance, guidance_do,"
  "  guidance_dont, response_type, unit, range_min, range_max, threshold, pass_answer,"
  "  score_weight, failure_weight, critical, required, photo_on_fail, remark_on_fail,"
  "  notice_type, responsible_party, deadline_days, category)"
  "  SELECT x.id, i.value ->> 'position', i.value ->> 'item_key', i.value ->> 'prompt',"
  "    i.value ->> 'guidance', i.value ->> 'guidance_do', i.value ->> 'guidance_dont',"
  "    i.value ->> 'response_type', i.value ->> 'unit', i.value ->> 'range_min',"
  "    i.value ->> 'range_max', i.value ->> 'threshold', i.value ->> 'pass_answer',"
  "    i.value ->> 'score_weight', i.value ->> 'failure_weight', i.value ->> 'critical',"
  "    i.value ->> 'required', i.value ->> 'photo_on_fail', i.value ->> 'remark_on_fail',"
  "    i.value ->> 'notice_type', i.value ->> 'responsible_party', i.value ->> 'deadline_days',"
  "    i.value ->> 'category'"
  "  FROM template_versions v, json_each(?1, '$.content') s, json_each(s.value, '$.items') i"
  "  JOIN template_sections x ON x.version_id = v.id AND x.position = s.value ->> 'position'"
  "  WHERE v.uuid = ?2 AND NOT EXISTS (SELECT 1 FROM template_items y WHERE y.section_id = x.id)",
  "INSERT INTO template_item_options (item_id, position, label, score, fails)"
  "  SELECT y.id, o.value ->> 'position', o.value ->> 'label', o.value ->> 'score',"
  "    o.value ->> 'fails'"
  "  FROM template_versions v, json_each(?1, '$.content') s, json_each(s.value, '$.items') i,"
  "    json_each(i.value, '$.options') o"
  "  JOIN template_sections x ON x.version_id = v.id AND x.position = s.value ->> 'position'"
  "  JOIN template_items y ON y.section_id = x.id AND y.position = i.value ->> 'position'"
  "  WHERE v.uuid = ?2"
  "  AND NOT EXISTS (SELECT 1 FROM template_item_options z WHERE z.item_id = y.id)",
};

static const char notice_findings_insert[] =
  "INSERT OR IGNORE INTO notice_findings (notice_id, answer_id)"
  "  SELECT n.id, a.id FROM notices n, json_each(?1, '$.findings') f"
  "  JOIN answers a ON a.uuid = f.value WHERE n.uuid = ?2";

static gboolean
run_with_body (XjStore     *store,
               const char  *sql,
               const char  *body,
               const char  *key,
               const char  *context,
               GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, body, -1, SQLITE_TRANSIENT);
  if (key != NULL)
    sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (!xj_store_step_done (store, stmt, error))
    {
      g_prefix_error (error, "%s %s: ", context, key != NULL ? key : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
_xj_sync_apply (XjStore            *store,
                const XjSyncTable  *table,
                const char         *key,
                const char         *body,
                GError            **error)
{
  g_autofree char *sql = cached_sql (apply_cache, apply_sql, store, table, error);

  if (sql == NULL || !run_with_body (store, sql, body, NULL, table->name, error))
    return FALSE;
  if (g_str_equal (table->name, "template_versions"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (version_content_inserts); i++)
        if (!run_with_body (store, version_content_inserts[i], body, key, table->name, error))
          return FALSE;
    }
  else if (g_str_equal (table->name, "notices"))
    return run_with_body (store, notice_findings_insert, body, key, table->name, error);
  return TRUE;
}

/* One text value of one row, or NULL (no error) when there is none. */
char *
_xj_sync_query_text (XjStore     *store,
                     const char  *sql,
                     const char  *param,
                     GError     **error)
{
  return query_text (store, sql, param, "team", error);
}

/* A template version's identity across laptops: its checklist's uid, its
 * version number and the hash of its content (xj-template-identity.c: not
 * ids, UUIDs or times), so that the same built-in version made on every
 * laptop is one record on the server. */
char *
_xj_sync_content_sha256 (XjStore     *store,
                         const char  *body,
                         GError     **error)
{
  g_autofree char *key = _xj_sync_query_text (store, "SELECT v.id || char(10) || t.uid || char(10)"
                                              " || v.version FROM template_versions v"
                                              " JOIN templates t ON t.id = v.template_id"
                                              " WHERE v.uuid = ?1 ->> 'uuid'", body, error);
  g_autofree char *content = NULL;
  g_autofree char *identity = NULL;

  if (key == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, XJ_STORE_ERROR, XJ_STORE_ERROR_FAILED, "template_versions");
      return NULL;
    }
  content = xj_store_get_template_version_sha256 (store, g_ascii_strtoll (key, NULL, 10), error);
  if (content == NULL)
    return NULL;
  identity = g_strconcat (strchr (key, '\n') + 1, "\n", content, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, identity, -1);
}
