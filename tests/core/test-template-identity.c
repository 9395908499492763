/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template version's content hash (xj-template-identity.c): the same
 * built-in version made on two laptops (two fresh data folders, other ids
 * and UUIDs) hashes the same; ids, UUIDs, version numbers and times do not
 * count; any change of content does.
 */
#include "config.h"

#include <math.h>

#include "xj-builtins.h"
#include "xj-template-identity.h"
#include "xj-template-store.h"
#include "xj-test-utils.h"

typedef struct
{
  char    *dir;
  XjStore *store;
} Laptop;

static void
laptop_open (Laptop   *laptop,
             gboolean  other_first)
{
  g_autoptr(GError) error = NULL;

  laptop->dir = xj_test_make_data_dir ();
  laptop->store = xj_store_open (laptop->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  if (other_first)
    {
      /* A checklist of its own first: the built-ins get other ids. */
      g_autoptr(XjTemplate) own = xj_template_new ("自定义检查表");
      XjTemplateSection *section = xj_template_section_new ("第一部分");

      g_ptr_array_add (section->items, xj_template_item_new ("k1", "地面清洁", XJ_RESPONSE_PASS_FAIL));
      g_ptr_array_add (own->sections, section);
      g_assert_true (xj_store_save_template (laptop->store, own, "test", &error));
      g_assert_no_error (error);
    }
  g_assert_true (xj_templates_install_builtins (laptop->store, &error));
  g_assert_no_error (error);
}

static void
laptop_close (Laptop *laptop)
{
  g_clear_object (&laptop->store);
  xj_test_remove_tree (laptop->dir);
  g_free (laptop->dir);
}

/* "uid version" → version id, of every built-in version. */
static GHashTable *
builtin_versions (Laptop *laptop)
{
  GHashTable *versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (xj_store_get_db (laptop->store),
                                       "SELECT t.uid || ' ' || v.version, v.id FROM "
                                       "template_versions v JOIN templates t ON t.id = "
                                       "v.template_id WHERE t.builtin = 1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (versions, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), id);
    }
  sqlite3_finalize (stmt);
  return versions;
}

static void
test_builtins_same_everywhere (void)
{
  Laptop one = { 0 }, two = { 0 };
  g_autoptr(GHashTable) versions_one = NULL;
  g_autoptr(GHashTable) versions_two = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint differing_ids = 0;

  laptop_open (&one, FALSE);
  laptop_open (&two, TRUE);
  versions_one = builtin_versions (&one);
  versions_two = builtin_versions (&two);
  g_assert_cmpuint (g_hash_table_size (versions_one), >=, 6);
  g_assert_cmpuint (g_hash_table_size (versions_one), ==, g_hash_table_size (versions_two));

  g_hash_table_iter_init (&iter, versions_one);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *other = g_hash_table_lookup (versions_two, key);
      g_autoptr(GError) error = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_assert_nonnull (other);
      differing_ids += *other != *(gint64 *) value;
      a = xj_store_get_template_version_sha256 (one.store, *(gint64 *) value, &error);
      g_assert_no_error (error);
      b = xj_store_get_template_version_sha256 (two.store, *other, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (a), ==, 64);
      g_assert_cmpstr (a, ==, b);
      /* Different checklists hash differently. */
      g_assert_false (g_hash_table_contains (seen, a));
      g_hash_table_add (seen, g_steal_pointer (&a));
    }
  /* The same content under other ids and UUIDs. */
  g_assert_cmpuint (differing_ids, ==, g_hash_table_size (versions_one));
  g_assert_cmpint (xj_test_query_int (xj_store_get_db (one.store),
                                      "SELECT count(*) FROM template_versions"), >, 0);
  laptop_close (&one);
  laptop_close (&two);
}

static XjTemplateItem *
find_item (XjTemplate     *tmpl,
           XjResponseType  type)
{
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          if (item->type == type)
            return item;
        }
    }
  g_assert_not_reached ();
}

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Changes one thing of @tmpl's content; FALSE past the last change. */
static gboolean
change (XjTemplate *tmpl,
        guint       which)
{
  XjTemplateSection *section = g_ptr_array_index (tmpl->sections, 0);
  XjTemplateItem *item = g_ptr_array_index (section->items, 0);
  XjTemplateItem *yes_no = find_item (tmpl, XJ_RESPONSE_YES_NO);
  XjTemplateItem *choice = find_item (tmpl, XJ_RESPONSE_CHOICE);
  XjTemplateOption *option = g_ptr_array_index (choice->options, 0);

  switch (which)
    {
    case 0: replace (&tmpl->name, "Daily patrol "); break;
    case 1: replace (&tmpl->description, "x"); break;
    case 2: replace (&tmpl->default_kind, "monthly"); break;
    case 3: replace (&section->title, "Another title"); break;
    case 4: replace (&item->key, "another-key"); break;
    case 5: replace (&item->prompt, "Another prompt"); break;
    case 6: replace (&item->guidance, "Look closer"); break;
    case 7: replace (&item->guidance_do, "Do this"); break;
    case 8: replace (&item->guidance_dont, "Not that"); break;
    case 9: item->type = item->type == XJ_RESPONSE_TEXT ? XJ_RESPONSE_PHOTO : XJ_RESPONSE_TEXT; break;
    case 10: replace (&item->unit, "m"); break;
    case 11: item->range_min = isnan (item->range_min) ? 1 : item->range_min + 1; break;
    case 12: item->range_max = isnan (item->range_max) ? 9 : item->range_max + 1; break;
    case 13: item->threshold = isnan (item->threshold) ? 3 : item->threshold + 1; break;
    case 14: yes_no->pass_answer = !yes_no->pass_answer; break;
    case 15: item->score_weight += 0.5; break;
    case 16: item->failure_weight += 0.5; break;
    case 17: item->critical = !item->critical; break;
    case 18: item->required = !item->required; break;
    case 19: item->photo_on_fail = !item->photo_on_fail; break;
    case 20: item->remark_on_fail = !item->remark_on_fail; break;
    case 21: replace (&item->notice_type, g_strcmp0 (item->notice_type, "contact") == 0
                                          ? "work_order" : "contact"); break;
    case 22: replace (&item->responsible_party, g_strcmp0 (item->responsible_party, "property") == 0
                                                ? "repair_crew" : "property"); break;
    case 23: item->deadline_days = item->deadline_days == 5 ? 6 : 5; break;
    case 24: replace (&item->category, g_strcmp0 (item->category, "service") == 0
                                       ? "other" : "service"); break;
    case 25: replace (&option->label, "Another option"); break;
    case 26: option->score = option->score > 0.5 ? 0.25 : 0.75; break;
    case 27: option->fails = !option->fails; break;
    case 28: g_ptr_array_add (choice->options, xj_template_option_new ("One more", 0, FALSE)); break;
    case 29: g_assert_true (xj_template_move_item (tmpl, 0, 0, 0, 1)); break;
    case 30: g_assert_true (xj_template_move_section (tmpl, 0, 1)); break;
    case 31: g_ptr_array_add (tmpl->sections, xj_template_section_new ("Empty")); break;
    case 32: g_ptr_array_remove_index (section->items, section->items->len - 1); break;
    default: return FALSE;
    }
  return TRUE;
}

static void
test_content_changes_it (void)
{
  Laptop laptop = { 0 };
  g_autoptr(GHashTable) versions = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(XjTemplate) same = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *base = NULL;
  g_autofree char *renumbered = NULL;
  gint64 *version_id;
  guint n = 0;

  laptop_open (&laptop, FALSE);
  versions = builtin_versions (&laptop);
  version_id = g_hash_table_lookup (versions, "xunjian:builtin:daily-patrol 1");
  g_assert_nonnull (version_id);
  tmpl = xj_store_load_template_version (laptop.store, *version_id, &error);
  g_assert_no_error (error);
  stored = xj_store_get_template_version_sha256 (laptop.store, *version_id, &error);
  g_assert_no_error (error);
  base = xj_template_content_sha256 (tmpl);
  /* The tests run untranslated: the loaded text is the stored one. */
  g_assert_cmpstr (base, ==, stored);
  g_hash_table_add (seen, g_strdup (base));

  /* Not ids, UUIDs, version numbers or times. */
  same = xj_template_copy (tmpl);
  same->template_id += 100;
  same->version_id += 100;
  same->version += 1;
  same->created_at += 3600;
  replace (&same->uid, "another-uid");
  ((XjTemplateItem *) g_ptr_array_index (((XjTemplateSection *) g_ptr_array_index (same->sections, 0))->items, 0))->id += 7;
  ((XjTemplateSection *) g_ptr_array_index (same->sections, 0))->id += 7;
  renumbered = xj_template_content_sha256 (same);
  g_assert_cmpstr (renumbered, ==, base);

  /* Each change of content: another hash, each its own. */
  for (;; n++)
    {
      g_autoptr(XjTemplate) changed = xj_template_copy (tmpl);
      g_autofree char *hash = NULL;

      if (!change (changed, n))
        break;
      hash = xj_template_content_sha256 (changed);
      if (g_hash_table_contains (seen, hash))
        g_error ("change %u left the hash as it was, or as another change made it", n);
      g_hash_table_add (seen, g_steal_pointer (&hash));
    }
  g_assert_cmpuint (n, ==, 33);
  laptop_close (&laptop);
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

  g_test_add_func ("/xj/template-identity/builtins-same-everywhere",
                   test_builtins_same_everywhere);
  g_test_add_func ("/xj/template-identity/content-changes-it", test_content_changes_it);
  return g_test_run ();
}
