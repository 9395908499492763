/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 4: every shipped fixture migrates with its rows, ids and
 * references intact, each row with a history gets a unique UUID, the
 * rebuilt tables are exactly what a new database gets, and ids are never
 * handed out twice.
 */
#include "config.h"

#include "compliance-check.h"
#include "xj-clock.h"
#include "xj-notice-lifecycle.h"
#include "xj-signature.h"
#include "xj-store.h"
#include "xj-test-store.h"
#include "xj-test-utils.h"

static const char *const uuid_tables[] = {
  "sites", "templates", "template_versions", "schedules", "inspections", "answers",
  "answer_photos", "notices", "notice_photos", "notice_events", "signatures", "reports",
};

/* Every user table's rows, as one text (ids and every column but uuid). */
static char *
dump_rows (sqlite3 *db)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;

  /* The team tables come with v5 and start empty (test_migrate checks);
   * the number tables and suffixes come with v6 (test_numbers_v6); the
   * Overview's totals, site groups and monthly reports with v8
   * (test-overview-totals); sites.merged_into (v9) starts empty; the
   * stored schedule outcomes and monthly sums (v10) are derived data,
   * checked against the core's own figures below; reports.kept_local (v12)
   * starts 0 (test_team_v12); the notice step drafts (v14) start empty
   * (test_step_drafts_v14), and so do the photos picked for them and the
   * signatures drawn (v15, test_drafts_v15). */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'team_%' "
                                       "AND name NOT IN ('report_counters', 'number_blocks', 'inspection_totals', "
                                       "'inspection_failures', 'inspection_totals_stale', "
                                       "'schedule_outcomes', 'schedule_outcome_spans', "
                                       "'inspection_totals_months', 'inspection_failures_months', "
                                       "'overview_zone', 'notice_step_drafts', "
                                       "'notice_step_draft_photos', 'signature_drafts') "
                                       "ORDER BY name", -1,
                                       &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *columns_sql = g_strdup_printf (
        "SELECT group_concat('quote(\"' || name || '\")', \" || '|' || \") "
        "FROM pragma_table_info('%s') WHERE name NOT IN ('uuid', 'number_suffix', 'owner', "
        "'laptop', 'group_name', 'month', 'merged_into', 'kept_local')", table);
      g_autofree char *columns = xj_test_query_text (db, columns_sql);
      g_autofree char *rows_sql = g_strdup_printf (
        "SELECT count(*) || ':' || coalesce(group_concat(r, char(10)), '') FROM "
        "(SELECT %s AS r FROM %s ORDER BY 1)", columns, table);
      g_autofree char *rows = xj_test_query_text (db, rows_sql);

      g_string_append_printf (dump, "== %s %s\n", table, rows);
    }
  sqlite3_finalize (tables);
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

static void
test_migrate (gconstpointer data)
{
  guint version = GPOINTER_TO_UINT (data);
  g_autofree char *name = g_strdup_printf ("xunjian-v%u.db", version);
  g_autofree char *fixture = g_build_filename (FIXTURES_DIR, name, NULL);
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *fresh_dir = xj_test_make_data_dir ();
  g_autofree char *target = g_build_filename (dir, "xunjian.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(XjStore) store = NULL;
  g_autoptr(XjStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  const char *schema = "SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ' ' "
                       "|| coalesce(sql, ''), char(10)) FROM "
                       "(SELECT * FROM sqlite_schema ORDER BY type, name)";
  g_autofree char *want_schema = NULL;
  g_autofree char *got_schema = NULL;
  sqlite3 *db = NULL;

  xj_test_copy_file (fixture, target);
  g_assert_cmpint (sqlite3_open_v2 (target, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  before = dump_rows (db);
  sqlite3_close (db);

  store = xj_store_open (dir, XJ_STORE_OPEN_VERIFY, &error);
  g_assert_no_error (error);
  db = xj_store_get_db (store);
  g_assert_cmpint (xj_test_query_int (db, "PRAGMA user_version"), ==, xj_store_get_schema_version ());
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (xj_test_query_int (db, "PRAGMA foreign_keys"), ==, 1);

  /* Every row, with its id and every column, is still there. */
  after = dump_rows (db);
  g_assert_cmpstr (after, ==, before);
  /* No team joined: nothing captured by the migration's own writes. */
  g_assert_cmpint (xj_test_query_int (db, "SELECT (SELECT count(*) FROM team_settings) + "
                                      "(SELECT count(*) FROM team_outbox) + "
                                      "(SELECT count(*) FROM team_conflicts)"), ==, 0);

  /* Schedule compliance stored for every schedule by the migration (v10),
   * as the schedules' own matching counts it. */
  xj_compliance_assert_fresh (store, xj_clock_now () + 30 * 86400);
  xj_compliance_assert_right (store, 0, xj_clock_now () + 30 * 86400);

  /* No site comes out merged. */
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM sites WHERE merged_into IS NOT NULL"),
                   ==, 0);

  /* A UUID on every row with a history, none twice, none missing. */
  for (guint i = 0; i < G_N_ELEMENTS (uuid_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) - count(DISTINCT uuid) + sum(uuid IS NULL) "
        "+ sum(substr(uuid, 15, 1) <> '4' OR substr(uuid, 20, 1) NOT IN ('8', '9', 'a', 'b')"
        "      OR length(uuid) <> 36) FROM %s",
        uuid_tables[i]);
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s", uuid_tables[i]);

      if (xj_test_query_int (db, count_sql) > 0)
        g_assert_cmpint (xj_test_query_int (db, sql), ==, 0);
    }
  if (version >= 3)
    g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM answers"), >, 100);

  /* The same tables, columns, checks, indexes and triggers as a new
   * database, to the letter. */
  fresh = xj_store_open (fresh_dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  want_schema = xj_test_query_text (xj_store_get_db (fresh), schema);
  got_schema = xj_test_query_text (db, schema);
  g_assert_cmpstr (got_schema, ==, want_schema);

  /* The highest id is remembered: the newest site deleted, its id does
   * not go to the next one. */
  {
    gint64 deleted;

    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sites (name, created_at, updated_at) "
                                   "VALUES ('作废站点', 1, 1)", NULL, NULL, NULL), ==, SQLITE_OK);
    deleted = sqlite3_last_insert_rowid (db);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM sites WHERE name = '作废站点'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sites (name, created_at, updated_at) "
                                   "VALUES ('新建站点', 1, 1)", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_last_insert_rowid (db), ==, deleted + 1);
  }

  g_clear_object (&store);
  g_clear_object (&fresh);
  xj_test_remove_tree (dir);
  xj_test_remove_tree (fresh_dir);
}

static int
exec_rc (sqlite3    *db,
         const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL) & 0xff;
}

/* Version 6 on the fixtures that have signed reports and notices: every
 * number kept with no suffix, each year's report counter at the highest
 * number printed, the same base number allowed twice only with different
 * suffixes, and a signed report locked except for gaining its suffix. */
static void
test_numbers_v6 (gconstpointer data)
{
  guint version = GPOINTER_TO_UINT (data);
  g_autofree char *name = g_strdup_printf ("xunjian-v%u.db", version);
  g_autofree char *dir = NULL;
  g_autoptr(XjStore) store = xj_test_open_fixture_copy (name, XJ_STORE_OPEN_VERIFY, &dir);
  sqlite3 *db = xj_store_get_db (store);

  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM reports"), >, 10);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM notices"), >, 5);
  g_assert_cmpint (xj_test_query_int (db, "SELECT (SELECT count(*) FROM reports WHERE "
                                      "number_suffix <> '') + (SELECT count(*) FROM notices "
                                      "WHERE number_suffix <> '') + "
                                      "(SELECT count(*) FROM number_blocks)"), ==, 0);
  if (version < 6)
    {
      /* Each year's counter is the highest number printed that year. */
      g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM report_counters"), >=, 1);
      g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM report_counters c WHERE "
                                          "last_seq <> (SELECT max(CAST(substr(number, 9) AS "
                                          "INTEGER)) FROM reports WHERE substr(number, 4, 4) = "
                                          "CAST(c.year AS TEXT))"), ==, 0);
      g_assert_cmpint (xj_test_query_int (db, "SELECT count(DISTINCT substr(number, 4, 4)) "
                                          "FROM reports"), ==,
                       xj_test_query_int (db, "SELECT count(*) FROM report_counters"));
    }

  /* A notice number twice: with another suffix, yes; with the same, no. */
  g_assert_cmpint (exec_rc (db, "INSERT INTO notices (type, year, seq, number, number_suffix, "
                            "site_id, created_at, updated_at) SELECT type, year, seq, number, "
                            "'B', site_id, 1, 1 FROM notices ORDER BY id LIMIT 1"), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "INSERT INTO notices (type, year, seq, number, number_suffix, "
                            "site_id, created_at, updated_at) SELECT type, year, seq, number, "
                            "'B', site_id, 1, 1 FROM notices ORDER BY id LIMIT 1"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "INSERT INTO notices (type, year, seq, number, "
                            "site_id, created_at, updated_at) SELECT type, year, seq + 1000, "
                            "number, site_id, 1, 1 FROM notices ORDER BY id LIMIT 1"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "UPDATE notices SET number_suffix = 'b' WHERE id = "
                            "(SELECT max(id) FROM notices)"), ==, SQLITE_CONSTRAINT);

  /* A signed report gains its suffix once, and nothing else changes. */
  g_assert_cmpint (exec_rc (db, "UPDATE reports SET path = 'x.pdf' WHERE id = "
                            "(SELECT min(id) FROM reports)"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "UPDATE reports SET number_suffix = 'B', signer = 'x' WHERE id = "
                            "(SELECT min(id) FROM reports)"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "UPDATE reports SET number_suffix = 'B' WHERE id = "
                            "(SELECT min(id) FROM reports)"), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "UPDATE reports SET number_suffix = 'C' WHERE id = "
                            "(SELECT min(id) FROM reports)"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "DELETE FROM reports WHERE id = (SELECT min(id) FROM reports)"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "INSERT INTO reports (inspection_id, number, number_suffix, path, "
                            "sha256, bytes, created_at) SELECT (SELECT max(id) FROM inspections "
                            "WHERE id NOT IN (SELECT inspection_id FROM reports)), number, 'B', "
                            "path, sha256, bytes, 1 FROM reports ORDER BY id LIMIT 1"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "INSERT INTO reports (inspection_id, number, number_suffix, path, "
                            "sha256, bytes, created_at) SELECT (SELECT max(id) FROM inspections "
                            "WHERE id NOT IN (SELECT inspection_id FROM reports)), number, 'C', "
                            "path, sha256, bytes, 1 FROM reports ORDER BY id LIMIT 1"), ==,
                   SQLITE_OK);

  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

/* A row inserted by any code path, even plain SQL, gets its UUID. */
static void
test_uuid_default (void)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autoptr(XjStore) store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, NULL);
  sqlite3 *db = xj_store_get_db (store);

  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sites (name, created_at, updated_at) VALUES "
                                 "('甲', 1, 1), ('乙', 1, 1), ('丙', 1, 1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(DISTINCT uuid) FROM sites "
                                      "WHERE length(uuid) = 36"), ==, 3);
  /* A UUID is unique and well formed. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE sites SET uuid = (SELECT uuid FROM sites WHERE "
                                 "name = '甲') WHERE name = '乙'", NULL, NULL, NULL) & 0xff,
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sites (name, uuid, created_at, updated_at) "
                                 "VALUES ('丁', 'x', 1, 1)", NULL, NULL, NULL) & 0xff,
                   ==, SQLITE_CONSTRAINT);
  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

/* Version 7: every audit entry has a UUID (the fixture's too) and is
 * captured for the team; an inspection someone else owns is read-only
 * here, with its answers, except for the pull (capture off). */
static void
test_team_v7 (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(XjStore) store = xj_test_open_fixture_copy ("xunjian-v6.db", XJ_STORE_OPEN_VERIFY,
                                                        &dir);
  sqlite3 *db = xj_store_get_db (store);

  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM audit_log"), >, 10);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(DISTINCT uuid) - count(*) "
                                      "FROM audit_log"), ==, 0);
  g_assert_cmpint (exec_rc (db, "UPDATE audit_log SET uuid = uuid WHERE id = 1"), ==,
                   SQLITE_CONSTRAINT);

  g_assert_cmpint (exec_rc (db, "INSERT INTO team_settings (key, value) VALUES ('user', 'li'), "
                            "('capture', 'on'), ('laptop_code', 'B')"), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "INSERT INTO audit_log (at, entity, action) "
                            "VALUES (1, 'site', 'test')"), ==, SQLITE_OK);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM team_outbox o JOIN audit_log a "
                                      "ON a.uuid = o.record WHERE o.table_name = 'audit_log' "
                                      "AND a.action = 'test'"), ==, 1);

  /* Made here: the laptop's short code, and freely changed. */
  g_assert_cmpint (exec_rc (db, "INSERT INTO inspections (site_id, version_id, kind, inspector, "
                            "started_at, updated_at) SELECT site_id, version_id, kind, '李', 1, 1 "
                            "FROM inspections LIMIT 1"), ==, SQLITE_OK);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM inspections WHERE laptop = 'B' "
                                      "AND owner IS NULL AND inspector = '李'"), ==, 1);
  g_assert_cmpint (exec_rc (db, "UPDATE inspections SET rep_name = 'x' WHERE inspector = '李'"),
                   ==, SQLITE_OK);

  /* Someone else's: refused, with its answers; the pull may write it. */
  g_assert_cmpint (exec_rc (db, "UPDATE team_settings SET value = 'off' WHERE key = 'capture'"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "UPDATE inspections SET owner = 'zhang' WHERE state = 'draft'"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "UPDATE team_settings SET value = 'on' WHERE key = 'capture'"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "UPDATE inspections SET rep_name = 'y' WHERE owner = 'zhang'"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "locked"));
  g_assert_cmpint (exec_rc (db, "DELETE FROM inspections WHERE owner = 'zhang'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "UPDATE answers SET remark = 'y' WHERE inspection_id IN "
                            "(SELECT id FROM inspections WHERE owner = 'zhang')"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "UPDATE team_settings SET value = 'zhang' WHERE key = 'user'"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "UPDATE inspections SET rep_name = 'y' WHERE owner = 'zhang'"),
                   ==, SQLITE_OK);

  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

/* Version 12: a monthly report archived in a team by a build that never
 * queued it (a v11 store, as the fixture is, joined) is queued; the
 * capture triggers take monthly reports from then on; a month has one
 * report that is not kept here only. */
static void
test_team_v12 (void)
{
  g_autofree char *fixture = g_build_filename (FIXTURES_DIR, "xunjian-v11.db", NULL);
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *target = g_build_filename (dir, "xunjian.db", NULL);
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  xj_test_copy_file (fixture, target);
  g_assert_cmpint (sqlite3_open (target, &db), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "INSERT INTO team_settings (key, value) VALUES"
                            " ('server', 'host=x'), ('user', 'zhang'), ('capture', 'on'),"
                            " ('laptop_code', 'B');"
                            "INSERT INTO reports (month, number, path, sha256, bytes, signer,"
                            " created_at) VALUES ('2026-03', 'MR-2026-03',"
                            " 'archive/monthly/MR-2026-03.pdf', printf('%.64c', 'a'), 1, '张伟', 1)"),
                   ==, SQLITE_OK);
  /* What the older build left: not queued. */
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM team_outbox"), ==, 0);
  sqlite3_close (db);

  store = xj_store_open (dir, XJ_STORE_OPEN_VERIFY, &error);
  g_assert_no_error (error);
  db = xj_store_get_db (store);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM team_outbox o JOIN reports r"
                                      " ON r.uuid = o.record WHERE o.table_name = 'reports'"
                                      " AND r.month = '2026-03'"), ==, 1);
  g_assert_cmpint (exec_rc (db, "DELETE FROM team_outbox"), ==, SQLITE_OK);

  /* Archived from now on: captured like an inspection's report. */
  g_assert_cmpint (exec_rc (db, "INSERT INTO reports (month, number, path, sha256, bytes,"
                            " signer, created_at) VALUES ('2026-04', 'MR-2026-04',"
                            " 'archive/monthly/MR-2026-04.pdf', printf('%.64c', 'b'), 1, '张伟', 2)"),
                   ==, SQLITE_OK);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM team_outbox"), ==, 1);

  /* One report per month, unless one is kept here only (with the code). */
  g_assert_cmpint (exec_rc (db, "INSERT INTO reports (month, number, number_suffix, path, sha256,"
                            " bytes, signer, created_at) VALUES ('2026-03', 'MR-2026-03', 'C',"
                            " 'archive/monthly/x.pdf', printf('%.64c', 'c'), 1, '王', 3)"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "UPDATE reports SET kept_local = 1 WHERE month = '2026-03'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "UPDATE reports SET kept_local = 1, number_suffix = 'B',"
                            " path = 'archive/monthly/MR-2026-03-B.pdf', signer = 'x'"
                            " WHERE month = '2026-03'"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "UPDATE reports SET kept_local = 1, number_suffix = 'B',"
                            " path = 'archive/monthly/MR-2026-03-B.pdf' WHERE month = '2026-03'"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "UPDATE reports SET kept_local = 0 WHERE month = '2026-03'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "INSERT INTO reports (month, number, path, sha256, bytes, signer,"
                            " created_at) VALUES ('2026-03', 'MR-2026-03',"
                            " 'archive/monthly/MR-2026-03.pdf', printf('%.64c', 'd'), 1, '王', 4)"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "DELETE FROM reports WHERE month = '2026-03'"), ==,
                   SQLITE_CONSTRAINT);

  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

/* Version 14: a notice step's remark kept as it is typed; the v13
 * fixture migrates with none, a step that is not one is refused, and the
 * draft goes with its notice. */
static void
test_step_drafts_v14 (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(XjStore) store = xj_test_open_fixture_copy ("xunjian-v13.db", XJ_STORE_OPEN_VERIFY,
                                                        &dir);
  sqlite3 *db = xj_store_get_db (store);

  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM notice_step_drafts"), ==, 0);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM notices"), >, 0);
  g_assert_cmpint (exec_rc (db, "INSERT INTO notice_step_drafts (notice_id, step, remark,"
                            " updated_at) SELECT min(id), 'rectify', '已清运', 1 FROM notices"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "INSERT INTO notice_step_drafts (notice_id, step, remark,"
                            " updated_at) SELECT min(id), 'sign', 'x', 1 FROM notices"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "INSERT INTO notice_step_drafts (notice_id, step, remark,"
                            " updated_at) VALUES (-1, 'rectify', 'x', 1)"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "DELETE FROM notice_findings WHERE notice_id = (SELECT min(id)"
                            " FROM notices); DELETE FROM notice_photos WHERE notice_id ="
                            " (SELECT min(id) FROM notices); DELETE FROM notices WHERE id ="
                            " (SELECT min(id) FROM notices)"), ==, SQLITE_OK);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM notice_step_drafts"), ==, 0);

  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

/* Version 15: the photos picked in a notice step go with the step's
 * draft, and with the photo; the strokes drawn go with their inspection. */
static void
test_drafts_v15 (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(XjStore) store = xj_test_open_fixture_copy ("xunjian-v14.db", XJ_STORE_OPEN_VERIFY,
                                                        &dir);
  sqlite3 *db = xj_store_get_db (store);
  gint64 notice = xj_test_query_int (db, "SELECT min(id) FROM notices");
  gint64 inspection = xj_test_query_int (db, "SELECT min(id) FROM inspections");
  g_autofree char *photo = xj_test_query_text (db, "SELECT min(sha256) FROM photos");
  const char *photos[] = { photo, NULL };
  g_auto(GStrv) kept = NULL;
  g_autofree char *remark = NULL;

  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM notice_step_draft_photos"), ==, 0);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM signature_drafts"), ==, 0);
  g_assert_nonnull (photo);

  /* Photos alone make a draft, with an empty remark; a blank remark keeps
   * the photos; no photos and no remark, no draft. */
  g_assert_true (xj_store_save_notice_step_draft_photos (store, notice, "rectify", photos, NULL));
  remark = xj_store_dup_notice_step_draft (store, notice, "rectify", NULL);
  g_assert_cmpstr (remark, ==, "");
  g_assert_true (xj_store_save_notice_step_draft (store, notice, "rectify", "  ", NULL));
  kept = xj_store_dup_notice_step_draft_photos (store, notice, "rectify", NULL);
  g_assert_true (g_strv_equal ((const char * const *) kept, photos));
  g_assert_true (xj_store_save_notice_step_draft_photos (store, notice, "rectify", NULL, NULL));
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM notice_step_drafts"), ==, 0);

  /* Forgotten on purpose: remark and photos go. */
  g_assert_true (xj_store_save_notice_step_draft (store, notice, "rectify", "已清运", NULL));
  g_assert_true (xj_store_save_notice_step_draft_photos (store, notice, "rectify", photos, NULL));
  g_assert_true (xj_store_forget_notice_step_draft (store, notice, "rectify", NULL));
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM notice_step_draft_photos"), ==, 0);

  /* A photo that is not stored is refused. */
  g_assert_cmpint (exec_rc (db, "INSERT INTO notice_step_drafts SELECT min(id), 'rectify', 'x', 1 FROM notices;"
                            "INSERT INTO notice_step_draft_photos SELECT min(id), 'rectify', 0, 'nope' FROM notices"),
                   ==, SQLITE_CONSTRAINT);

  /* A signature drawn; an empty pad forgets it; gone with the inspection. */
  g_assert_true (xj_store_save_signature_draft (store, inspection, XJ_SIGNATURE_ROLE_INSPECTOR,
                                                "[{\"t\": 0, \"points\": [[1, 2], [3, 4]]}]", NULL));
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM signature_drafts"), ==, 1);
  g_assert_false (xj_store_save_signature_draft (store, inspection, XJ_SIGNATURE_ROLE_VERIFIER, "[]", NULL));
  g_assert_true (xj_store_save_signature_draft (store, inspection, XJ_SIGNATURE_ROLE_INSPECTOR, NULL, NULL));
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM signature_drafts"), ==, 0);
  g_assert_cmpint (exec_rc (db, "INSERT INTO signature_drafts VALUES (-1, 'inspector', '[]', 1)"),
                   ==, SQLITE_CONSTRAINT);

  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

  for (guint v = 1; v <= xj_store_get_schema_version (); v++)
    {
      g_autofree char *path = g_strdup_printf ("/xj/schema/migrate/v%u", v);

      if (xj_test_has_fixture (FIXTURES_DIR, v, xj_store_get_schema_version ()))
        g_test_add_data_func (path, GUINT_TO_POINTER (v), test_migrate);
    }
  g_test_add_func ("/xj/schema/uuid-default", test_uuid_default);
  for (guint v = 5; v <= xj_store_get_schema_version (); v++)
    {
      g_autofree char *path = g_strdup_printf ("/xj/schema/numbers/v%u", v);

      if (xj_test_has_fixture (FIXTURES_DIR, v, xj_store_get_schema_version ()))
        g_test_add_data_func (path, GUINT_TO_POINTER (v), test_numbers_v6);
    }
  g_test_add_func ("/xj/schema/team-v7", test_team_v7);
  g_test_add_func ("/xj/schema/team-v12", test_team_v12);
  g_test_add_func ("/xj/schema/step-drafts-v14", test_step_drafts_v14);
  g_test_add_func ("/xj/schema/drafts-v15", test_drafts_v15);
  return g_test_run ();
}
