/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "xj-site-merge.h"
#include "xj-site.h"
#include "xj-store-private.h"
#include "xj-store.h"
#include "xj-test-utils.h"

typedef struct
{
  char    *dir;
  XjStore *store;
  guint    changes;
} Fixture;

static void
on_changed_cb (XjStore    *store,
               const char *table,
               Fixture    *f)
{
  f->changes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "changed::sites", G_CALLBACK (on_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
count_audit (XjStore    *store,
             const char *action)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  sqlite3_prepare_v2 (xj_store_get_db (store),
                      "SELECT count(*) FROM audit_log WHERE entity = 'site' AND action = ?1",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_create_and_list (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(XjSite) a = xj_site_new ("  翠湖花园  ", XJ_SITE_KIND_ESTATE);
  g_autoptr(XjSite) b = xj_site_new ("湖滨银泰旗舰店", XJ_SITE_KIND_STORE);
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  xj_site_set_address (a, "杭州市西湖区文三路 388 号");
  g_assert_true (xj_store_save_site (f->store, a, "王芳", &error));
  g_assert_no_error (error);
  g_assert_cmpint (xj_site_get_id (a), >, 0);
  /* Stored trimmed. */
  g_assert_cmpstr (xj_site_get_name (a), ==, "翠湖花园");
  g_assert_true (xj_store_save_site (f->store, b, "王芳", &error));
  g_assert_cmpuint (f->changes, ==, 2);

  sites = xj_store_list_sites (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 2);
  {
    g_autoptr(XjSite) read = xj_store_get_site (f->store, xj_site_get_id (a), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (xj_site_get_name (read), ==, "翠湖花园");
    g_assert_cmpstr (xj_site_get_address (read), ==, "杭州市西湖区文三路 388 号");
    g_assert_cmpint (xj_site_get_kind (read), ==, XJ_SITE_KIND_ESTATE);
    g_assert_true (xj_site_get_active (read));
  }
  g_assert_cmpint (count_audit (f->store, "create"), ==, 2);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(XjSite) site = xj_site_new ("金桂苑", XJ_SITE_KIND_ESTATE);
  g_autoptr(XjSite) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (xj_store_save_site (f->store, site, NULL, &error));
  xj_site_set_name (site, "金桂苑二期");
  xj_site_set_kind (site, XJ_SITE_KIND_SERVICE_DESK);
  xj_site_set_project_manager (site, "陈晓燕");
  g_assert_true (xj_store_save_site (f->store, site, NULL, &error));
  g_assert_no_error (error);

  read = xj_store_get_site (f->store, xj_site_get_id (site), &error);
  g_assert_cmpstr (xj_site_get_name (read), ==, "金桂苑二期");
  g_assert_cmpint (xj_site_get_kind (read), ==, XJ_SITE_KIND_SERVICE_DESK);
  g_assert_cmpstr (xj_site_get_project_manager (read), ==, "陈晓燕");
  g_assert_cmpint (count_audit (f->store, "edit"), ==, 1);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(XjSite) blank = xj_site_new ("   ", XJ_SITE_KIND_ESTATE);
  g_autoptr(XjSite) first = xj_site_new ("Riverside", XJ_SITE_KIND_ESTATE);
  g_autoptr(XjSite) same = xj_site_new ("riverside", XJ_SITE_KIND_STORE);
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(XjSite) too_long = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (xj_store_save_site (f->store, blank, NULL, &error));
  g_assert_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NAME_EMPTY);
  g_clear_error (&error);

  g_assert_true (xj_store_save_site (f->store, first, NULL, &error));
  g_assert_false (xj_store_save_site (f->store, same, NULL, &error));
  g_assert_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NAME_TAKEN);
  g_assert_nonnull (strstr (error->message, "riverside"));
  g_assert_cmpint (xj_site_get_id (same), ==, 0);
  g_clear_error (&error);

  for (int i = 0; i < XJ_SITE_NAME_MAX + 1; i++)
    g_string_append (long_name, "园");
  too_long = xj_site_new (long_name->str, XJ_SITE_KIND_ESTATE);
  g_assert_false (xj_store_save_site (f->store, too_long, NULL, &error));
  g_assert_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NAME_TOO_LONG);
  g_clear_error (&error);

  /* Nothing refused was written. */
  sites = xj_store_list_sites (f->store, TRUE, &error);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpuint (f->changes, ==, 1);
}

static void
test_deactivate (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(XjSite) site = xj_site_new ("滨江壹号", XJ_SITE_KIND_ESTATE);
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (xj_store_save_site (f->store, site, NULL, &error));
  g_assert_true (xj_store_set_site_active (f->store, xj_site_get_id (site), FALSE, "王芳", &error));
  g_assert_no_error (error);

  active = xj_store_list_sites (f->store, FALSE, &error);
  all = xj_store_list_sites (f->store, TRUE, &error);
  g_assert_cmpuint (active->len, ==, 0);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_false (xj_site_get_active (g_ptr_array_index (all, 0)));
  g_assert_cmpint (count_audit (f->store, "deactivate"), ==, 1);

  g_assert_true (xj_store_set_site_active (f->store, xj_site_get_id (site), TRUE, NULL, &error));
  g_clear_pointer (&active, g_ptr_array_unref);
  active = xj_store_list_sites (f->store, FALSE, &error);
  g_assert_cmpuint (active->len, ==, 1);

  g_assert_false (xj_store_set_site_active (f->store, 4242, FALSE, NULL, &error));
  g_assert_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NOT_FOUND);
}
/* Chinese names in pinyin order, as a zh_CN user reads a list. */
static void
test_pinyin_order (Fixture       *f,
                   gconstpointer  data)
{
  const char *names[] = { "翠湖花园", "滨江壹号", "金桂苑", "城西客户服务中心", "下沙燃气服务网点" };
  const char *pinyin[] = { "滨江壹号", "城西客户服务中心", "翠湖花园", "金桂苑", "下沙燃气服务网点" };
  g_autofree char *saved = g_strdup (setlocale (LC_COLLATE, NULL));
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (setlocale (LC_COLLATE, "zh_CN.UTF-8"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(XjSite) site = xj_site_new (names[i], XJ_SITE_KIND_ESTATE);

      g_assert_true (xj_store_save_site (f->store, site, "王芳", &error));
    }
  sites = xj_store_list_sites (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, G_N_ELEMENTS (pinyin));
  for (guint i = 0; i < sites->len; i++)
    g_assert_cmpstr (xj_site_get_name (sites->pdata[i]), ==, pinyin[i]);
  setlocale (LC_COLLATE, saved);
}

/* A site as a pull brings it: the same name may arrive twice. */
static gint64
arrive (Fixture    *f,
        const char *name)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (xj_store_get_db (f->store),
                                       "INSERT INTO sites (name, created_at, updated_at)"
                                       " VALUES (?1, 1, 1)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return sqlite3_last_insert_rowid (xj_store_get_db (f->store));
}

static char *
uuid_of (Fixture *f,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_store_get_site (f->store, id, &error);

  g_assert_no_error (error);
  return g_strdup (xj_site_get_uuid (site));
}

static char *
merged_into (Fixture *f,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_store_get_site (f->store, id, &error);

  g_assert_no_error (error);
  return g_strdup (xj_site_get_merged_into (site));
}

static void
set_merged_into (Fixture    *f,
                 gint64      id,
                 const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE sites SET merged_into = '%s' WHERE id = %"
                                          G_GINT64_FORMAT, uuid, id);

  g_assert_true (xj_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

/* Same normalised name (case, width, white space): flagged; a merge is
 * refused into itself, into a merged site, and for a merged site, and then
 * changes nothing; a merge hides the site and is audited. */
static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autofree char *b_uuid = NULL;
  g_autofree char *a_merged = NULL;
  gint64 a = arrive (f, "Green Court 1号");
  gint64 b = arrive (f, "green  court １号");
  gint64 c = arrive (f, "Lakeside");

  sites = xj_store_list_sites (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 3);
  for (guint i = 0; i < sites->len; i++)
    g_assert_true (xj_site_get_possible_duplicate (sites->pdata[i])
                   == (xj_site_get_id (sites->pdata[i]) != c));

  g_assert_false (xj_store_merge_sites (f->store, a, a, "测试", &error));
  g_assert_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_MERGE_SELF);
  g_clear_error (&error);
  g_assert_false (xj_store_merge_sites (f->store, a, 999, "测试", &error));
  g_assert_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_audit (f->store, "merge"), ==, 0);

  f->changes = 0;
  g_assert_true (xj_store_merge_sites (f->store, a, b, "测试", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes, >, 0);
  g_assert_cmpint (count_audit (f->store, "merge"), ==, 1);
  b_uuid = uuid_of (f, b);
  a_merged = merged_into (f, a);
  g_assert_cmpstr (a_merged, ==, b_uuid);

  g_clear_pointer (&sites, g_ptr_array_unref);
  sites = xj_store_list_sites (f->store, TRUE, &error);
  g_assert_cmpuint (sites->len, ==, 2);
  for (guint i = 0; i < sites->len; i++)
    g_assert_false (xj_site_get_possible_duplicate (sites->pdata[i]));

  g_assert_false (xj_store_merge_sites (f->store, c, a, "测试", &error));
  g_assert_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_MERGED);
  g_clear_error (&error);
  g_assert_false (xj_store_merge_sites (f->store, a, c, "测试", &error));
  g_assert_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_MERGED);
  g_clear_error (&error);
  g_assert_cmpint (count_audit (f->store, "merge"), ==, 1);
}

/* What two laptops' merges leave after a pull settles to one answer:
 * a chain ends at its last site; a cycle keeps its smallest UUID. */
static void
test_settle (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[4] = { arrive (f, "一"), arrive (f, "二"), arrive (f, "三"), arrive (f, "四") };
  char *uuids[4];
  guint smallest = 0, changed = 0;

  for (guint i = 0; i < 4; i++)
    uuids[i] = uuid_of (f, ids[i]);
  /* The cycle made below is 一 ⇄ 三. */
  smallest = strcmp (uuids[0], uuids[2]) < 0 ? 0 : 2;
  /* A chain: 一 → 二 → 三. */
  set_merged_into (f, ids[0], uuids[1]);
  set_merged_into (f, ids[1], uuids[2]);
  g_assert_true (xj_store_settle_site_merges (f->store, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  {
    g_autofree char *first = merged_into (f, ids[0]);
    g_autofree char *second = merged_into (f, ids[1]);

    g_assert_cmpstr (first, ==, uuids[2]);
    g_assert_cmpstr (second, ==, uuids[2]);
  }
  /* 三 into 一 closes a cycle, 二 and 四 hang from it: all go to the
   * smallest UUID of the cycle. */
  set_merged_into (f, ids[2], uuids[0]);
  set_merged_into (f, ids[3], uuids[2]);
  g_assert_true (xj_store_settle_site_merges (f->store, &changed, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *into = merged_into (f, ids[i]);

      g_assert_cmpstr (into, ==, i == smallest ? NULL : uuids[smallest]);
    }
  g_assert_true (xj_store_settle_site_merges (f->store, &changed, &error));
  g_assert_cmpuint (changed, ==, 0);
  for (guint i = 0; i < 4; i++)
    g_free (uuids[i]);
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

  g_test_add ("/xj/site/create-and-list", Fixture, NULL, fixture_set_up, test_create_and_list,
              fixture_tear_down);
  g_test_add ("/xj/site/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/xj/site/validation", Fixture, NULL, fixture_set_up, test_validation,
              fixture_tear_down);
  g_test_add ("/xj/site/deactivate", Fixture, NULL, fixture_set_up, test_deactivate,
              fixture_tear_down);
  g_test_add ("/xj/site/merge", Fixture, NULL, fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/xj/site/settle", Fixture, NULL, fixture_set_up, test_settle, fixture_tear_down);
  g_test_add ("/xj/site/pinyin-order", Fixture, NULL, fixture_set_up, test_pinyin_order,
              fixture_tear_down);

  return g_test_run ();
}
