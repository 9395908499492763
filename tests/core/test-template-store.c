/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-template-io.h"
#include "xj-template-private.h"
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

  xj_clock_set_fixed (1767225600);  /* 2026-01-01 */
  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "changed::templates", G_CALLBACK (on_changed_cb), f);
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
query_int (XjStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (xj_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static XjTemplate *
make_template (void)
{
  XjTemplate *tmpl = xj_template_new ("商场周检");
  XjTemplateSection *section = xj_template_section_new ("保洁");
  XjTemplateItem *item = xj_template_item_new ("floor", "地面干净", XJ_RESPONSE_PASS_FAIL);

  g_ptr_array_add (section->items, item);
  item = xj_template_item_new ("temp", "室温", XJ_RESPONSE_NUMBER);
  item->range_min = 18;
  item->range_max = 26;
  g_free (item->unit);
  item->unit = g_strdup ("°C");
  g_ptr_array_add (section->items, item);
  item = xj_template_item_new ("tidy", "整体观感", XJ_RESPONSE_CHOICE);
  g_ptr_array_add (item->options, xj_template_option_new ("好", 1, FALSE));
  g_ptr_array_add (item->options, xj_template_option_new ("差", 0, TRUE));
  item->critical = TRUE;
  item->deadline_days = 3;
  item->notice_type = g_strdup ("rectification");
  g_ptr_array_add (section->items, item);
  g_ptr_array_add (tmpl->sections, section);
  return tmpl;
}

static void
use_version (XjStore *store,
             gint64   version_id)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO sites (name, created_at, updated_at) SELECT 'site-%lld', 0, 0;"
    "INSERT INTO inspections (site_id, version_id, kind, inspector, started_at, updated_at) "
    "VALUES (last_insert_rowid(), %lld, 'weekly', '王芳', 0, 0);",
    (long long) version_id, (long long) version_id);

  g_assert_cmpint (sqlite3_exec (xj_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static char *
replace (char       *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, 2);

  g_assert_nonnull (parts[1]);
  g_free (text);
  return g_strjoinv (to, parts);
}

static void
assert_same_json (const XjTemplate *a,
                  const XjTemplate *b)
{
  g_autofree char *json_a = xj_template_to_json (a);
  g_autofree char *json_b = xj_template_to_json (b);

  g_assert_cmpstr (json_a, ==, json_b);
}

static void
test_builtins (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 versions;

  g_assert_true (xj_templates_install_builtins (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes, ==, 1);
  list = xj_store_list_templates (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 6);
  for (guint i = 0; i < list->len; i++)
    {
      XjTemplateSummary *summary = g_ptr_array_index (list, i);

      g_assert_true (summary->builtin);
      g_assert_cmpint (summary->version, ==, 1);
      g_assert_cmpuint (summary->n_items, >=, 9);
    }

  /* A second start changes nothing. */
  versions = query_int (f->store, "SELECT count(*) FROM template_versions");
  g_assert_true (xj_templates_install_builtins (f->store, &error));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM template_versions"), ==, versions);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM templates"), ==, 6);
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log "
                                        "WHERE action = 'install-builtin'"), ==, 6);
  /* Critical safety items are there. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM template_items "
                                        "WHERE critical = 1 AND item_key = 'w-fire-panel'"), ==, 1);
}

static void
test_builtin_upgrade (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) old = g_resources_lookup_data ("/io/github/xunjian/Xunjian/checklists/mystery-call.json",
                                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(XjTemplate) latest = NULL;
  gboolean installed = FALSE;
  gint64 id;

  g_assert_no_error (error);
  g_assert_true (xj_templates_install_builtins (f->store, &error));
  id = query_int (f->store, "SELECT id FROM templates WHERE uid = 'xunjian:builtin:mystery-call'");
  use_version (f->store, query_int (f->store, "SELECT max(id) FROM template_versions "
                                              "WHERE template_id = 3"));

  /* The same file as a newer content version, with one prompt changed. */
  text = replace (g_strndup (g_bytes_get_data (old, NULL), g_bytes_get_size (old)),
                  "\"content_version\": 1", "\"content_version\": 2");
  text = replace (text, "Answered by the third ring", "Answered by the 3rd ring");
  newer = g_bytes_new (text, strlen (text));
  g_assert_true (_xj_templates_install_builtin (f->store, newer, "mystery-call.json", &installed, &error));
  g_assert_no_error (error);
  g_assert_true (installed);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM templates"), ==, 6);
  latest = xj_store_load_template (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (latest->version, ==, 2);
  {
    g_autofree char *json = xj_template_to_json (latest);

    g_assert_nonnull (strstr (json, "Answered by the 3rd ring"));
  }

  /* Again: already there. */
  g_assert_true (_xj_templates_install_builtin (f->store, newer, "mystery-call.json", &installed, &error));
  g_assert_false (installed);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM template_versions "
                                        "WHERE template_id = 3"), ==, 2);
}

static void
test_save_versions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(XjTemplate) tmpl = make_template ();
  g_autoptr(XjTemplate) loaded = NULL;
  g_autoptr(XjTemplate) first = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  XjTemplateItem *item;
  gint64 v1;

  g_assert_true (xj_store_save_template (f->store, tmpl, "王芳", &error));
  g_assert_no_error (error);
  g_assert_cmpint (tmpl->template_id, >, 0);
  g_assert_cmpint (tmpl->version, ==, 1);
  v1 = tmpl->version_id;
  item = g_ptr_array_index (((XjTemplateSection *) g_ptr_array_index (tmpl->sections, 0))->items, 1);
  g_assert_cmpint (item->id, >, 0);

  loaded = xj_store_load_template_version (f->store, v1, &error);
  g_assert_no_error (error);
  assert_same_json (loaded, tmpl);
  item = g_ptr_array_index (((XjTemplateSection *) g_ptr_array_index (loaded->sections, 0))->items, 1);
  g_assert_cmpfloat (item->range_max, ==, 26);
  g_assert_true (isnan (item->threshold));

  /* Unused: edited in place. */
  g_free (loaded->name);
  loaded->name = g_strdup ("商场周检（修订）");
  g_assert_true (xj_store_save_template (f->store, loaded, "王芳", &error));
  g_assert_cmpint (loaded->version, ==, 1);
  g_assert_cmpint (loaded->version_id, ==, v1);

  /* Used by an inspection: saving makes version 2; version 1 stays. */
  use_version (f->store, v1);
  xj_template_move_item (loaded, 0, 2, 0, 0);
  g_assert_true (xj_store_save_template (f->store, loaded, "王芳", &error));
  g_assert_no_error (error);
  g_assert_cmpint (loaded->version, ==, 2);
  g_assert_cmpint (loaded->version_id, !=, v1);
  first = xj_store_load_template_version (f->store, v1, &error);
  g_assert_cmpstr (((XjTemplateItem *) g_ptr_array_index (((XjTemplateSection *) g_ptr_array_index (first->sections, 0))->items, 0))->key, ==, "floor");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'template' "
                                        "AND action = 'new-version'"), ==, 1);
  versions = xj_store_list_template_versions (f->store, tmpl->template_id, &error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpuint (((XjTemplateVersionInfo *) g_ptr_array_index (versions, 1))->n_inspections, ==, 1);

  /* The database itself refuses to change a used version. */
  g_assert_cmpint (sqlite3_exec (xj_store_get_db (f->store),
                                 "UPDATE template_items SET prompt = 'x' WHERE item_key = 'floor'",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  /* Saving from the old version also makes a new one, never edits it. */
  g_assert_true (xj_store_save_template (f->store, first, "王芳", &error));
  g_assert_cmpint (first->version, ==, 3);
  g_assert_cmpuint (f->changes, ==, 4);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(XjTemplate) bad = make_template ();
  g_autoptr(XjTemplate) builtin = NULL;
  g_autoptr(GError) error = NULL;
  XjTemplateItem *item = g_ptr_array_index (((XjTemplateSection *) g_ptr_array_index (bad->sections, 0))->items, 1);
  g_autoptr(GPtrArray) problems = NULL;
  XjTemplateProblem *problem;

  g_assert_true (xj_templates_install_builtins (f->store, &error));
  item->range_min = 30;
  problems = xj_template_validate (bad);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->section, ==, 0);
  g_assert_cmpint (problem->item, ==, 1);
  g_assert_cmpstr (problem->field, ==, "min");
  g_assert_false (xj_store_save_template (f->store, bad, NULL, &error));
  g_assert_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Section 1, item 2"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM templates"), ==, 6);

  builtin = xj_store_load_template (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_true (builtin->builtin);
  g_assert_false (xj_store_save_template (f->store, builtin, NULL, &error));
  g_assert_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_BUILTIN);
  g_clear_error (&error);
  g_assert_null (xj_store_load_template (f->store, 999, &error));
  g_assert_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_NOT_FOUND);
}

static void
test_duplicate_archive (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(XjTemplate) original = NULL;
  g_autoptr(XjTemplate) copy = NULL;
  gint64 id;

  g_assert_true (xj_templates_install_builtins (f->store, &error));
  id = xj_store_duplicate_template (f->store, 1, NULL, "王芳", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 7);
  original = xj_store_load_template (f->store, 1, &error);
  copy = xj_store_load_template (f->store, id, &error);
  g_assert_false (copy->builtin);
  g_assert_cmpstr (copy->name, ==, "Daily patrol (copy)");
  g_assert_cmpuint (xj_template_count_items (copy), ==, xj_template_count_items (original));

  g_assert_true (xj_store_set_template_archived (f->store, id, TRUE, "王芳", &error));
  list = xj_store_list_templates (f->store, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 6);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = xj_store_list_templates (f->store, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 7);
  g_assert_true (((XjTemplateSummary *) g_ptr_array_index (list, 6))->archived);
  g_assert_false (xj_store_set_template_archived (f->store, 99, TRUE, "王芳", &error));
  g_assert_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  xj_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/xj/template/store/builtins", test_builtins);
  ADD ("/xj/template/store/builtin-upgrade", test_builtin_upgrade);
  ADD ("/xj/template/store/save-versions", test_save_versions);
  ADD ("/xj/template/store/refusals", test_refusals);
  ADD ("/xj/template/store/duplicate-archive", test_duplicate_archive);
#undef ADD

  return g_test_run ();
}
