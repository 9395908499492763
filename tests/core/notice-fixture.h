/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Raw-SQL data for the notice and finding tests: sites, a template with
 * items that set notice defaults, inspections and answers.  Written
 * directly, so that these tests do not depend on the inspection model.
 */
#pragma once

#include "xj-clock.h"
#include "xj-finding.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-store.h"
#include "xj-store.h"
#include "xj-test-utils.h"

/* 2026-03-11 10:00:00 +08:00, a Wednesday. */
#define T0 ((gint64) 1773194400)
#define HOUR ((gint64) 3600)
#define DAY ((gint64) 86400)

typedef struct
{
  char    *dir;
  XjStore *store;
  guint    changes;
  gint64   site;        /* 翠湖花园, project manager 陈经理 */
  gint64   other_site;  /* 金桂苑 */
  gint64   version;
  gint64   item_litter;   /* cleaning, property, 7 days */
  gint64   item_panel;    /* fire_security, critical, rectification */
  gint64   item_light;    /* facilities, work order, repair crew, 3 days, weight 2 */
  gint64   item_trim;     /* greenery, weight 0.5, nothing set */
  gint64   item_litter_v2; /* the litter item in version 2 of the template */
} Fixture;

static G_GNUC_UNUSED gint64
sql_insert (Fixture    *f,
            const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (xj_store_get_db (f->store), sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  return sqlite3_last_insert_rowid (xj_store_get_db (f->store));
}

static G_GNUC_UNUSED gint64
sql_int (Fixture    *f,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (xj_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static G_GNUC_UNUSED char *
sql_text (Fixture    *f,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (xj_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static G_GNUC_UNUSED gint64
make_item (Fixture    *f,
           gint64      section,
           int         position,
           const char *values)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO template_items (section_id, position, item_key, prompt, "
                     "response_type, category, critical, notice_type, responsible_party, "
                     "deadline_days, failure_weight) VALUES (%lld, %d, %s)",
                     (long long) section, position, values);
  return sql_insert (f, sql);
}

static G_GNUC_UNUSED gint64
make_inspection_at (Fixture *f,
                    gint64   site,
                    gint64   version,
                    gint64   at)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO inspections (site_id, version_id, kind, state, inspector, "
                     "rep_name, rep_company, started_at, completed_at, updated_at) "
                     "VALUES (%lld, %lld, 'weekly', 'completed', '王芳', '张伟', '绿城物业', "
                     "%lld, %lld, %lld)", (long long) site, (long long) version,
                     (long long) at, (long long) at, (long long) at);
  return sql_insert (f, sql);
}

static G_GNUC_UNUSED gint64
make_inspection (Fixture *f,
                 gint64   site,
                 gint64   at)
{
  return make_inspection_at (f, site, f->version, at);
}

static G_GNUC_UNUSED gint64
make_answer (Fixture    *f,
             gint64      inspection,
             gint64      item,
             const char *outcome,
             gint64      at)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO answers (inspection_id, item_id, value, outcome, remark, "
                     "answered_at) VALUES (%lld, %lld, '%s', '%s', '东门', %lld)",
                     (long long) inspection, (long long) item, outcome, outcome, (long long) at);
  return sql_insert (f, sql);
}

/* A photo row in the store (the file itself is not needed here). */
static G_GNUC_UNUSED void
make_photo (Fixture    *f,
            char        digit,
            char        out_sha[65])
{
  g_autofree char *sql = NULL;

  memset (out_sha, digit, 64);
  out_sha[64] = '\0';
  sql = g_strdup_printf ("INSERT INTO photos (sha256, bytes, mime, width, height, imported_at) "
                         "VALUES ('%s', 1000, 'image/jpeg', 1600, 1200, %lld)",
                         out_sha, (long long) T0);
  sql_insert (f, sql);
}

static G_GNUC_UNUSED void
on_changed_cb (XjStore    *store,
               const char *table,
               Fixture    *f)
{
  f->changes++;
}

static G_GNUC_UNUSED void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 template, section, version2, section2;

  xj_clock_set_fixed (T0);
  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "changed::notices", G_CALLBACK (on_changed_cb), f);

  f->site = sql_insert (f, "INSERT INTO sites (name, project_manager, created_at, updated_at) "
                           "VALUES ('翠湖花园', '陈经理', 0, 0)");
  f->other_site = sql_insert (f, "INSERT INTO sites (name, project_manager, created_at, "
                                 "updated_at) VALUES ('金桂苑', '李经理', 0, 0)");
  template = sql_insert (f, "INSERT INTO templates (uid, created_at) VALUES ('weekly', 0)");
  {
    g_autofree char *sql =
      g_strdup_printf ("INSERT INTO template_versions (template_id, version, name, created_at) "
                       "VALUES (%lld, 1, '周检', 0)", (long long) template);
    f->version = sql_insert (f, sql);
    g_free (sql);
    sql = g_strdup_printf ("INSERT INTO template_sections (version_id, position, title) "
                           "VALUES (%lld, 0, '公共区域')", (long long) f->version);
    section = sql_insert (f, sql);
    g_free (sql);
    sql = g_strdup_printf ("INSERT INTO template_versions (template_id, version, name, "
                           "created_at) VALUES (%lld, 2, '周检', 0)", (long long) template);
    version2 = sql_insert (f, sql);
    g_free (sql);
    sql = g_strdup_printf ("INSERT INTO template_sections (version_id, position, title) "
                           "VALUES (%lld, 0, '公共区域')", (long long) version2);
    section2 = sql_insert (f, sql);
  }
  f->item_litter = make_item (f, section, 0, "'clean.litter', '公共区域无明显垃圾', 'pass_fail', "
                                             "'cleaning', 0, NULL, 'property', 7, 1");
  f->item_panel = make_item (f, section, 1, "'fire.panel', '消防报警控制器无报警、无故障点', "
                                            "'pass_fail', 'fire_security', 1, 'rectification', "
                                            "NULL, NULL, 1");
  f->item_light = make_item (f, section, 2, "'order.lighting', '照明系统完好', 'pass_fail', "
                                            "'facilities', 0, 'work_order', 'repair_crew', 3, 2");
  f->item_trim = make_item (f, section, 3, "'green.trim', '绿化修剪及时', 'pass_fail', "
                                           "'greenery', 0, NULL, NULL, NULL, 0.5");
  f->item_litter_v2 = make_item (f, section2, 0, "'clean.litter', '公共区域无明显垃圾（新版）', "
                                                 "'pass_fail', 'cleaning', 0, NULL, 'property', "
                                                 "5, 1");
}

static G_GNUC_UNUSED void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
  xj_clock_unset_fixed ();
}

/* A standalone notice, saved as a draft with a deadline @days ahead. */
static G_GNUC_UNUSED XjNotice *
make_notice (Fixture          *f,
             XjNoticeType      type,
             XjNoticeSeverity  severity,
             gint64            deadline)
{
  g_autoptr(XjNotice) notice = xj_notice_new (type, f->site);
  g_autoptr(GError) error = NULL;

  xj_notice_set_description (notice, "3 号楼门厅地面有积水");
  xj_notice_set_area (notice, "3 号楼门厅");
  xj_notice_set_severity (notice, severity);
  xj_notice_set_deadline (notice, deadline);
  g_assert_true (xj_store_create_notice (f->store, notice, XJ_REPEAT_WINDOW_DAYS_DEFAULT,
                                         "李娜", &error));
  g_assert_no_error (error);
  return g_steal_pointer (&notice);
}

static G_GNUC_UNUSED XjNoticeState
stored_state (Fixture *f,
              gint64   notice_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjNotice) notice = xj_store_get_notice (f->store, notice_id, &error);

  g_assert_no_error (error);
  return xj_notice_get_state (notice);
}
