/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lazy lists read by key: every page of the Inspections, Schedules
 * and Archive models, asked for at the end first, then in the middle,
 * then from the start, is the same rows in the same order as one plain
 * query of the whole list (the same model read as a single page), with
 * every filter of the pages, rows that tie on the sort key across the
 * kept keys, and after a draft is added and one removed.  The pages and
 * the reader tasks reuse the store's reader connections, see every
 * commit, and leave none open once the store is gone.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "xj-store-private.h"

#include "xj-archive-model.h"
#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-demo-inspections.h"
#include "xj-inspection-model.h"
#include "xj-reader-pool-private.h"
#include "xj-reader-task.h"
#include "xj-schedule-model.h"
#include "xj-site.h"
#include "xj-store.h"
#include "xj-template-store.h"
#include "xj-test-utils.h"
#include "xj-transaction.h"

/* Three inspections a day (a tie on the day's time), a draft every
 * ninth: pages of 10 rows, a key kept every 25th row (inside a tie). */
#define N_INSPECTIONS 99
#define PAGE_SIZE 10
#define KEY_STRIDE 25
#define T0 1767225600

typedef struct
{
  char    *dir;
  XjStore *store;
  gint64   sites[3];
  gint64   template_id;
} Fixture;

static const char *const site_names[] = { "翠湖花园", "Aster Court", "湖滨银泰旗舰店" };
static const char *const kinds[] = { "daily", "weekly", "spot_check" };

static void
exec (Fixture    *f,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (xj_store_get_db (f->store), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

static gint64
start_draft (Fixture *f,
             gint64   site_id,
             gint64   started_at)
{
  XjInspectionStart start = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  start.site_id = site_id;
  start.template_id = f->template_id;
  start.kind = "daily";
  start.inspector = "王芳";
  start.started_at = started_at;
  id = xj_store_start_inspection (f->store, &start, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The data of every test, made once: its database is copied. */
static char    *made_db;
static Fixture  made;

static void
fill (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(XjTransaction) tx = NULL;
  const char *template_uid;

  g_assert_true (xj_templates_install_builtins (f->store, &error));
  g_assert_no_error (error);
  templates = xj_store_list_templates (f->store, FALSE, &error);
  g_assert_no_error (error);
  f->template_id = ((XjTemplateSummary *) templates->pdata[0])->id;
  template_uid = ((XjTemplateSummary *) templates->pdata[0])->uid;
  for (guint i = 0; i < G_N_ELEMENTS (f->sites); i++)
    {
      g_autoptr(XjSite) site = xj_site_new (site_names[i], XJ_SITE_KIND_ESTATE);

      g_assert_true (xj_store_save_site (f->store, site, "王芳", &error));
      g_assert_no_error (error);
      f->sites[i] = xj_site_get_id (site);
    }

  /* One transaction (each write inside is a savepoint): one sync to disk. */
  tx = xj_transaction_begin (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_INSPECTIONS; i++)
    {
      gint64 started_at = T0 + (gint64) (i / 3) * 86400;

      if (i % 9 == 4)
        {
          start_draft (f, f->sites[i % 3], started_at);
          continue;
        }
      {
        XjDemoInspection spec = {
          .site_id = f->sites[i % 3], .kind = kinds[(i / 3) % 3], .complete = TRUE,
          .template_uid = template_uid, .started_at = started_at,
          .n_failures = i % 4,
        };

        g_assert_cmpint (xj_demo_add_inspection (f->store, &spec, &error), >, 0);
        g_assert_no_error (error);
      }
    }
  g_assert_true (xj_transaction_commit (tx, &error));
  g_assert_no_error (error);

  /* In a team: a colleague's inspections beside this laptop's. */
  exec (f, "INSERT INTO team_settings (key, value) VALUES ('user', 'wang.fang'), "
           "('capture', 'off')");
  exec (f, "UPDATE inspections SET owner = CASE id % 4 WHEN 0 THEN 'li.na' "
           "WHEN 1 THEN 'wang.fang' ELSE NULL END WHERE state <> 'draft'");
  /* Archived reports of every other completed inspection, and monthly
   * reports (no inspection: dated by the day they were archived). */
  exec (f, "INSERT INTO reports (inspection_id, number, path, sha256, bytes, signer, created_at) "
           "SELECT id, printf('XJ-2026-%06d', id), printf('archive/%d.pdf', id), "
           "printf('%064d', id), 1000, CASE WHEN id % 3 = 0 THEN '李强' ELSE '王芳' END, "
           "started_at + 3600 FROM inspections WHERE state <> 'draft' AND id % 2 = 0");
  exec (f, "INSERT INTO reports (month, number, path, sha256, bytes, signer, created_at) "
           "VALUES ('2026-01', 'YB-2026-0001', 'archive/m1.pdf', printf('%064d', 900001), 1000, '王芳', "
           "  1767225600 + 20 * 86400), "
           "('2026-02', 'YB-2026-0002', 'archive/m2.pdf', printf('%064d', 900002), 1000, '王芳', "
           "  1767225600 + 40 * 86400)");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = xj_test_make_data_dir ();
  db = g_build_filename (f->dir, "xunjian.db", NULL);
  if (made_db != NULL)
    {
      xj_test_copy_file (made_db, db);
      memcpy (f->sites, made.sites, sizeof f->sites);
      f->template_id = made.template_id;
    }
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  if (made_db == NULL)
    {
      g_autofree char *copy = g_build_filename (g_get_tmp_dir (), "xj-list-pages-XXXXXX", NULL);

      fill (f);
      /* All in the database file, none in its write-ahead log. */
      exec (f, "PRAGMA wal_checkpoint(TRUNCATE)");
      made_db = g_build_filename (g_mkdtemp (copy), "xunjian.db", NULL);
      xj_test_copy_file (db, made_db);
      memcpy (made.sites, f->sites, sizeof f->sites);
      made.template_id = f->template_id;
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
wait_loaded (XjPagedModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (xj_paged_model_get_loading (model) || !xj_paged_model_get_counted (model))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

typedef gint64 (*RowIdFunc) (gconstpointer row);

static gint64
inspection_id (gconstpointer row)
{
  return ((const XjInspection *) row)->id;
}

static gint64
schedule_id (gconstpointer row)
{
  return xj_schedule_get_id ((XjSchedule *) row);
}

static gint64
report_id (gconstpointer row)
{
  return ((const XjArchiveEntry *) row)->report_id;
}

/* The id of the row at @position, read (and waited for) if need be. */
static gint64
id_at (XjPagedModel *model,
       guint         position,
       RowIdFunc     row_id)
{
  g_autoptr(XjRecord) record = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (record);
  if (xj_record_is_placeholder (record))
    {
      /* Filled in place when its page is read. */
      wait_loaded (model);
      g_assert_false (xj_record_is_placeholder (record));
    }
  return row_id (xj_record_get_data (record));
}

/* Whether the last page of @n rows starts beyond the first kept key. */
static gboolean
read_by_key (guint n)
{
  return n > 0 && (n - 1) / PAGE_SIZE * PAGE_SIZE >= KEY_STRIDE;
}

/* @model's rows read as one plain query: a single page of them all. */
static GArray *
plain_rows (XjPagedModel *model,
            RowIdFunc     row_id)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  xj_paged_model_set_page_size (model, 100000);
  wait_loaded (model);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      gint64 id = id_at (model, i, row_id);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* Pages of @model at the end, in the middle, at the start, then every row:
 * the rows of @plain.  Returns whether the pages were read by key. */
static gboolean
assert_pages (XjPagedModel *model,
              GArray       *plain,
              RowIdFunc     row_id)
{
  guint n;
  gboolean keyed;

  xj_paged_model_set_key_stride (model, KEY_STRIDE);
  xj_paged_model_set_page_size (model, PAGE_SIZE);
  wait_loaded (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, plain->len);
  if (n == 0)
    return FALSE;
  g_assert_cmpint (id_at (model, n - 1, row_id), ==, g_array_index (plain, gint64, n - 1));
  g_assert_cmpint (id_at (model, n / 2, row_id), ==, g_array_index (plain, gint64, n / 2));
  g_assert_cmpint (id_at (model, 0, row_id), ==, g_array_index (plain, gint64, 0));
  keyed = xj_paged_model_get_keyed (model);
  /* Every row, from the end up (each page read from the key before it). */
  for (guint i = n; i > 0; i--)
    g_assert_cmpint (id_at (model, i - 1, row_id), ==, g_array_index (plain, gint64, i - 1));
  g_assert_null (xj_paged_model_get_error (model));
  return keyed;
}

static void
assert_inspections (Fixture                  *f,
                    const XjInspectionFilter *filter,
                    gboolean                  without_drafts,
                    guint                     at_least)
{
  g_autoptr(XjPagedModel) model = xj_inspection_model_new (f->store, filter, without_drafts);
  g_autoptr(GArray) plain = plain_rows (model, inspection_id);
  gboolean keyed;

  g_assert_cmpuint (plain->len, >=, at_least);
  keyed = assert_pages (model, plain, inspection_id);
  g_assert_true (keyed == read_by_key (plain->len));

  /* The plain query is the store's own list of the filter, newest first. */
  if (!without_drafts || filter->state >= 0)
    {
      XjInspectionFilter all = *filter;
      g_autoptr(GPtrArray) listed = NULL;
      g_autoptr(GError) error = NULL;

      all.limit = 100000;
      listed = xj_store_list_inspections (f->store, &all, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (listed->len, ==, plain->len);
      for (guint i = 0; i < listed->len; i++)
        g_assert_cmpint (((XjInspection *) listed->pdata[i])->id, ==,
                         g_array_index (plain, gint64, i));
    }
}

static void
test_inspection_pages (Fixture       *f,
                       gconstpointer  data)
{
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  gint64 id;

  /* As the page opens: drafts apart; and with them. */
  assert_inspections (f, &filter, TRUE, 80);
  assert_inspections (f, &filter, FALSE, N_INSPECTIONS);
  /* Each filter of the page. */
  filter.site_id = f->sites[1];
  assert_inspections (f, &filter, TRUE, 20);
  filter = (XjInspectionFilter) XJ_INSPECTION_FILTER_INIT;
  filter.kind = "weekly";
  assert_inspections (f, &filter, TRUE, 20);
  filter = (XjInspectionFilter) XJ_INSPECTION_FILTER_INIT;
  filter.state = XJ_INSPECTION_DRAFT;
  assert_inspections (f, &filter, TRUE, 10);
  filter.state = XJ_INSPECTION_COMPLETED;
  assert_inspections (f, &filter, TRUE, 80);
  filter = (XjInspectionFilter) XJ_INSPECTION_FILTER_INIT;
  filter.from = T0 + 10 * 86400;
  filter.to = T0 + 40 * 86400;
  assert_inspections (f, &filter, TRUE, 50);
  filter = (XjInspectionFilter) XJ_INSPECTION_FILTER_INIT;
  filter.whose = XJ_INSPECTION_WHOSE_MINE;
  assert_inspections (f, &filter, TRUE, 55);
  filter.whose = XJ_INSPECTION_WHOSE_TEAM;
  assert_inspections (f, &filter, TRUE, 15);
  /* All at once. */
  filter.site_id = f->sites[0];
  filter.kind = "daily";
  filter.state = XJ_INSPECTION_COMPLETED;
  filter.whose = XJ_INSPECTION_WHOSE_ANY;
  filter.from = T0 + 3 * 86400;
  assert_inspections (f, &filter, TRUE, 8);

  /* A new draft in the middle of the list, at a time other rows have. */
  filter = (XjInspectionFilter) XJ_INSPECTION_FILTER_INIT;
  id = start_draft (f, f->sites[2], T0 + 25 * 86400);
  assert_inspections (f, &filter, FALSE, N_INSPECTIONS + 1);
  /* And a draft gone (discarded), an older one too. */
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM inspections WHERE id IN (%" G_GINT64_FORMAT
                                            ", (SELECT min(id) FROM inspections "
                                            "WHERE state = 'draft'))", id);

    exec (f, sql);
  }
  assert_inspections (f, &filter, FALSE, N_INSPECTIONS - 1);
  filter.state = XJ_INSPECTION_DRAFT;
  assert_inspections (f, &filter, TRUE, 9);
}

/* A model that stays: reloaded after the store changed, its pages of the
 * old count are dropped and its kept keys read again. */
static void
test_inspection_reload (Fixture       *f,
                        gconstpointer  data)
{
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  g_autoptr(XjPagedModel) model = xj_inspection_model_new (f->store, &filter, FALSE);
  g_autoptr(XjPagedModel) plain_model = xj_inspection_model_new (f->store, &filter, FALSE);
  g_autoptr(GArray) plain = plain_rows (plain_model, inspection_id);
  g_autoptr(GArray) after = NULL;
  guint n;

  g_assert_true (assert_pages (model, plain, inspection_id));
  /* The newest draft at the top, a row at the end gone. */
  start_draft (f, f->sites[0], T0 + 100 * 86400);
  exec (f, "DELETE FROM inspections WHERE id = (SELECT max(id) FROM inspections "
           "WHERE state = 'draft' AND started_at < 1767225600 + 100 * 86400)");
  xj_paged_model_reload (model);
  xj_paged_model_reload (plain_model);
  after = plain_rows (plain_model, inspection_id);
  wait_loaded (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, after->len);
  for (guint i = n; i > 0; i--)
    g_assert_cmpint (id_at (model, i - 1, inspection_id), ==, g_array_index (after, gint64, i - 1));
  g_assert_true (xj_paged_model_get_keyed (model));
}

static void
assert_archive (Fixture              *f,
                const XjArchiveQuery *query,
                guint                 at_least)
{
  g_autoptr(XjPagedModel) model = xj_archive_model_new (f->store, query);
  g_autoptr(GArray) plain = plain_rows (model, report_id);

  g_assert_cmpuint (plain->len, >=, at_least);
  g_assert_true (assert_pages (model, plain, report_id) == read_by_key (plain->len));
}

static void
test_archive_pages (Fixture       *f,
                    gconstpointer  data)
{
  XjArchiveQuery query = XJ_ARCHIVE_QUERY_INIT;
  g_autoptr(XjPagedModel) model = NULL;
  g_autoptr(XjRecord) first = NULL;

  assert_archive (f, &query, 40);
  query.search = "李强";
  assert_archive (f, &query, 10);
  query.search = "XJ-2026-0000";
  assert_archive (f, &query, 40);
  query = (XjArchiveQuery) XJ_ARCHIVE_QUERY_INIT;
  query.site_id = f->sites[2];
  assert_archive (f, &query, 10);
  query = (XjArchiveQuery) XJ_ARCHIVE_QUERY_INIT;
  query.kind = "weekly";
  assert_archive (f, &query, 8);
  query = (XjArchiveQuery) XJ_ARCHIVE_QUERY_INIT;
  query.grade = "excellent";
  assert_archive (f, &query, 1);
  query = (XjArchiveQuery) XJ_ARCHIVE_QUERY_INIT;
  query.from = T0 + 15 * 86400;
  query.to = T0 + 45 * 86400;
  assert_archive (f, &query, 20);

  /* The monthly reports among them, by the day they were archived. */
  query = (XjArchiveQuery) XJ_ARCHIVE_QUERY_INIT;
  query.search = "YB-2026";
  model = xj_archive_model_new (f->store, &query);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (((XjArchiveEntry *) xj_record_get_data (first))->month, ==, "2026-02");
}

/* By site name in the language's order (pinyin under zh_CN, where 翠
 * comes before 湖, unlike their code points), across the kept keys. */
static void
test_schedule_pages (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *collate = g_strdup (setlocale (LC_COLLATE, NULL));

  g_assert_nonnull (setlocale (LC_COLLATE, "zh_CN.UTF-8"));
  g_assert_cmpint (g_utf8_collate (site_names[0], site_names[2]), <, 0);
  g_assert_cmpint (strcmp (site_names[0], site_names[2]), >, 0);

  for (guint i = 0; i < 70; i++)
    {
      XjScheduleSpec spec;
      g_autoptr(XjSchedule) schedule = NULL;

      g_assert_true (xj_schedule_spec_parse (XJ_SCHEDULE_RULE_DAILY,
                                             "{\"from\": \"08:00\", \"to\": \"18:00\"}", &spec,
                                             &error));
      g_assert_no_error (error);
      schedule = xj_schedule_new (f->sites[(i * 7) % 3], f->template_id, "daily", &spec, T0);
      g_assert_true (xj_store_save_schedule (f->store, schedule, "王芳", &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i <= G_N_ELEMENTS (f->sites); i++)
    {
      gint64 site_id = i < G_N_ELEMENTS (f->sites) ? f->sites[i] : 0;
      g_autoptr(XjPagedModel) model = xj_schedule_model_new (f->store, site_id);
      g_autoptr(GArray) plain = plain_rows (model, schedule_id);

      g_assert_cmpuint (plain->len, ==, site_id == 0 ? 70 : (i == 0 ? 24 : 23));
      g_assert_true (assert_pages (model, plain, schedule_id) == read_by_key (plain->len));
      /* 翠湖花园 before 湖滨银泰旗舰店 (not so by code point). */
      for (guint j = 1; site_id == 0 && j < plain->len; j++)
        {
          g_autoptr(XjRecord) before = g_list_model_get_item (G_LIST_MODEL (model), j - 1);
          g_autoptr(XjRecord) after = g_list_model_get_item (G_LIST_MODEL (model), j);

          g_assert_cmpint (g_utf8_collate (xj_schedule_get_site_name (xj_record_get_data (before)),
                                           xj_schedule_get_site_name (xj_record_get_data (after))),
                           <=, 0);
        }
    }
  setlocale (LC_COLLATE, collate);
}

/* The nice value of each thread of this process. */
static GArray *
thread_nice_values (void)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  g_assert_nonnull (tasks);
  while ((tid = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", tid, "stat", NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) fields = NULL;
      int nice;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      /* After "pid (name) ": state is the first field, nice the 17th. */
      fields = g_strsplit (strrchr (text, ')') + 2, " ", -1);
      g_assert_cmpuint (g_strv_length (fields), >, 16);
      nice = atoi (fields[16]);
      g_array_append_val (values, nice);
    }
  return values;
}

/* The lists' workers run below the main thread's priority: a scan of
 * keys never takes a processor the window needs. */
static void
test_workers_yield (Fixture       *f,
                    gconstpointer  data)
{
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  g_autoptr(XjPagedModel) model = xj_inspection_model_new (f->store, &filter, FALSE);
  g_autoptr(GArray) values = NULL;
  int main_nice = getpriority (PRIO_PROCESS, 0);
  guint lowered = 0;

  /* (Run under `nice -n 10` the main thread is at 10, the workers at 19.) */
  g_assert_cmpint (main_nice, <, 19);
  wait_loaded (model);
  values = thread_nice_values ();
  for (guint i = 0; i < values->len; i++)
    lowered += g_array_index (values, int, i) == MIN (main_nice + 10, 19);
  g_assert_cmpint (getpriority (PRIO_PROCESS, 0), ==, main_nice);
  g_assert_cmpuint (lowered, >=, 1);
}

/* A reader task: the inspections the reader sees. */
static gpointer
count_inspections (XjStore       *reader,
                   gpointer       job,
                   GCancellable  *cancellable,
                   GError       **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (reader, "SELECT count(*) FROM inspections", error);
  gint64 *count;

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  count = g_new (gint64, 1);
  *count = sqlite3_column_int64 (stmt, 0);
  /* Not reset: the pool resets it when the reader comes back. */
  return count;
}

static const XjReaderTask count_task = { count_inspections, NULL, g_free, FALSE };

static void
on_counted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GArray *counts = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *count = xj_store_run_on_reader_finish (result, &count_task, &error);

  g_assert_no_error (error);
  g_array_append_val (counts, *count);
}

/* @n reader tasks at once: each sees @expected inspections. */
static void
count_on_readers (Fixture *f,
                  guint    n,
                  gint64   expected)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  for (guint i = 0; i < n; i++)
    xj_store_run_on_reader_async (f->store, &count_task, NULL, NULL, on_counted_cb, counts);
  while (counts->len < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (counts, gint64, i), ==, expected);
}

/* Every page and count of a list, and reader tasks one after the other,
 * reuse the store's readers instead of opening one each; a reader kept
 * sees the newest commit; none stays open after the store (the last
 * connection closed takes the write-ahead log away). */
static void
test_readers_reused (Fixture       *f,
                     gconstpointer  data)
{
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  XjReaderPool *pool = _xj_store_get_reader_pool (f->store);
  g_autoptr(XjPagedModel) model = xj_inspection_model_new (f->store, &filter, FALSE);
  g_autoptr(GArray) plain = plain_rows (model, inspection_id);
  g_autofree char *wal = g_build_filename (f->dir, "xunjian.db-wal", NULL);
  gint64 n = plain->len;
  guint opened;

  /* Some forty page reads, a count and a scan of keys: on the lists' two
   * workers, two readers at most. */
  g_assert_true (assert_pages (model, plain, inspection_id));
  g_assert_cmpuint (_xj_reader_pool_get_n_opened (pool), <=, 2);

  /* A commit after the readers last read: they see it. */
  start_draft (f, f->sites[1], T0 + 7 * 86400);
  xj_paged_model_reload (model);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n + 1);
  count_on_readers (f, 1, n + 1);

  /* Many at once (under ASan, so are any two threads on one reader). */
  count_on_readers (f, 16, n + 1);
  opened = _xj_reader_pool_get_n_opened (pool);
  for (guint i = 0; i < 8; i++)
    count_on_readers (f, 1, n + 1);
  g_assert_cmpuint (_xj_reader_pool_get_n_opened (pool), ==, opened);

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_clear_object (&model);
  /* Closed once the last task lets the store go, which may be in its
   * worker after the answer came: poll. */
  g_clear_object (&f->store);
  for (gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
       g_file_test (wal, G_FILE_TEST_EXISTS); g_usleep (1000))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/xj/pages/inspections", Fixture, NULL, fixture_set_up, test_inspection_pages,
              fixture_tear_down);
  g_test_add ("/xj/pages/inspections/reload", Fixture, NULL, fixture_set_up,
              test_inspection_reload, fixture_tear_down);
  g_test_add ("/xj/pages/archive", Fixture, NULL, fixture_set_up, test_archive_pages,
              fixture_tear_down);
  g_test_add ("/xj/pages/schedules", Fixture, NULL, fixture_set_up, test_schedule_pages,
              fixture_tear_down);
  g_test_add ("/xj/pages/readers", Fixture, NULL, fixture_set_up, test_readers_reused,
              fixture_tear_down);
  g_test_add ("/xj/pages/workers-yield", Fixture, NULL, fixture_set_up, test_workers_yield,
              fixture_tear_down);
  status = g_test_run ();
  if (made_db != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (made_db);

      xj_test_remove_tree (dir);
      g_clear_pointer (&made_db, g_free);
    }
  return status;
}
