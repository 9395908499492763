/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One read, one snapshot: the record a report and its signing are made
 * from (xj_store_read_inspection_record) is read in one transaction, holds
 * what the store's separate look-ups hold for every demo inspection, and a
 * write another connection commits while it is being read does not show
 * half in it.  The report renders from the record alone.
 */
#include "config.h"

#include <string.h>

#include "xj-builtins.h"
#include "xj-demo.h"
#include "xj-inspection-record.h"
#include "xj-photo-flags.h"
#include "xj-report-build.h"
#include "xj-test-utils.h"

typedef struct
{
  char    *dir;
  XjStore *store;
} Fixture;

/* Every statement the store's connection runs while tracing. */
typedef struct
{
  GPtrArray *sql;
  /* Run once by another connection when the record's second read starts. */
  sqlite3   *writer;
  gint64     inspection_id;
  gboolean   written;
} Trace;

static int
on_trace_cb (unsigned  type,
             void     *user_data,
             void     *p,
             void     *x)
{
  Trace *trace = user_data;
  const char *sql = sqlite3_sql (p);

  g_ptr_array_add (trace->sql, g_strdup (sql != NULL ? sql : ""));
  if (trace->writer != NULL && !trace->written && trace->sql->len == 3)
    {
      g_autofree char *update = g_strdup_printf ("UPDATE answers SET remark = 'written meanwhile' "
                                                 "WHERE inspection_id = %lld; "
                                                 "INSERT INTO audit_log (at, actor, entity, "
                                                 "entity_id, action, detail) VALUES (1, 'test', "
                                                 "'inspection', %lld, 'meanwhile', '')",
                                                 (long long) trace->inspection_id,
                                                 (long long) trace->inspection_id);

      g_assert_cmpint (sqlite3_exec (trace->writer, update, NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_changes (trace->writer), >, 0);
      trace->written = TRUE;
    }
  return 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  XjDemoOptions options = { .seed = 12 };
  g_autoptr(GError) error = NULL;

  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (xj_templates_install_builtins (f->store, &error));
  xj_demo_fill (f->store, &options, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GPtrArray *
list_inspections (Fixture *f,
                  int      state)
{
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  GPtrArray *list;

  filter.state = state;
  filter.limit = 1000;
  list = xj_store_list_inspections (f->store, &filter, &error);
  g_assert_no_error (error);
  return list;
}

/* The record against the store's own look-ups, one by one. */
static void
assert_record_matches (Fixture                  *f,
                       const XjInspectionRecord *record,
                       gint64                    id,
                       guint                    *n_photos)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjInspection) inspection = xj_store_get_inspection (f->store, id, &error);
  g_autoptr(GHashTable) answers = xj_store_load_answers (f->store, id, &error);
  g_autoptr(GPtrArray) signatures = xj_store_list_inspection_signatures (f->store, id, &error);
  g_autoptr(GPtrArray) notices = xj_store_list_inspection_notices (f->store, id, &error);
  g_autoptr(XjTemplate) tmpl = xj_store_load_inspection_template (f->store, id, &error);
  GHashTableIter iter;
  gpointer value;

  g_assert_no_error (error);
  g_assert_cmpint (record->inspection->id, ==, id);
  g_assert_cmpint (record->inspection->state, ==, inspection->state);
  g_assert_cmpstr (record->inspection->inspector, ==, inspection->inspector);
  g_assert_cmpint (record->tmpl->version_id, ==, tmpl->version_id);
  g_assert_cmpint (record->tmpl->version_id, ==, inspection->version_id);
  g_assert_cmpuint (g_hash_table_size (record->answers), ==, g_hash_table_size (answers));
  g_assert_cmpuint (record->signatures->len, ==, signatures->len);
  g_assert_cmpuint (record->notices->len, ==, notices->len);
  for (guint i = 0; i < notices->len; i++)
    {
      XjInspectionNotice *a = g_ptr_array_index (notices, i);
      XjInspectionNotice *b = g_ptr_array_index (record->notices, i);

      g_assert_cmpstr (a->number, ==, b->number);
      g_assert_cmpint (a->deadline, ==, b->deadline);
    }
  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      XjAnswer *answer = value;
      XjAnswer *recorded = g_hash_table_lookup (record->answers, &answer->item_id);
      GPtrArray *photos = xj_inspection_record_get_photos (record, answer->answer_id);
      g_autoptr(GPtrArray) attached = xj_store_list_photos (f->store,
                                                            XJ_ANSWER_PHOTOS (answer->answer_id),
                                                            &error);

      g_assert_no_error (error);
      g_assert_nonnull (recorded);
      g_assert_cmpstr (recorded->value, ==, answer->value);
      g_assert_cmpstr (recorded->remark, ==, answer->remark);
      g_assert_cmpuint (photos != NULL ? photos->len : 0, ==, attached->len);
      for (guint i = 0; photos != NULL && i < photos->len; i++)
        {
          XjRecordPhoto *photo = g_ptr_array_index (photos, i);
          XjAttachedPhoto *expected = g_ptr_array_index (attached, i);
          g_autofree char *flags = xj_store_dup_photo_flags (f->store, inspection, expected->sha256,
                                                             expected->has_taken_at,
                                                             expected->taken_at, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (photo->photo->sha256, ==, expected->sha256);
          g_assert_cmpstr (photo->flags, ==, flags);
          (*n_photos)++;
        }
    }
}

static void
test_record_one_transaction (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) inspections = list_inspections (f, -1);
  sqlite3 *db = xj_store_get_db (f->store);
  guint n_photos = 0, n_signed = 0, n_notices = 0;

  g_assert_cmpuint (inspections->len, >, 10);
  for (guint i = 0; i < inspections->len; i++)
    {
      XjInspection *inspection = g_ptr_array_index (inspections, i);
      Trace trace = { g_ptr_array_new_with_free_func (g_free), NULL, 0, FALSE };
      g_autoptr(XjInspectionRecord) record = NULL;
      g_autoptr(GError) error = NULL;
      guint n_begin = 0;

      sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_trace_cb, &trace);
      record = xj_store_read_inspection_record (f->store, inspection->id, &error);
      sqlite3_trace_v2 (db, 0, NULL, NULL);
      g_assert_no_error (error);

      /* BEGIN first, COMMIT last, every read in between, nothing written. */
      g_assert_cmpuint (trace.sql->len, >, 5);
      g_assert_cmpstr (g_ptr_array_index (trace.sql, 0), ==, "BEGIN DEFERRED");
      g_assert_cmpstr (g_ptr_array_index (trace.sql, trace.sql->len - 1), ==, "COMMIT");
      for (guint s = 0; s < trace.sql->len; s++)
        {
          const char *sql = g_ptr_array_index (trace.sql, s);

          n_begin += g_str_has_prefix (sql, "BEGIN");
          if (s > 0 && s + 1 < trace.sql->len)
            g_assert_true (g_str_has_prefix (g_strchug ((char *) sql), "SELECT")
                           || g_str_has_prefix (sql, "WITH"));
        }
      g_assert_cmpuint (n_begin, ==, 1);
      g_assert_true (sqlite3_get_autocommit (db));
      g_ptr_array_unref (trace.sql);

      assert_record_matches (f, record, inspection->id, &n_photos);
      n_signed += inspection->state >= XJ_INSPECTION_SIGNED;
      n_notices += record->notices->len;
    }
  /* The demo has all of it: photos, signed inspections, notices. */
  g_assert_cmpuint (n_photos, >, 0);
  g_assert_cmpuint (n_notices, >, 0);
  g_test_message ("%u inspections, %u photos, %u signed, %u notices", inspections->len, n_photos,
                  n_signed, n_notices);
}

static void
test_record_snapshot (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) completed = list_inspections (f, XJ_INSPECTION_COMPLETED);
  sqlite3 *db = xj_store_get_db (f->store);
  g_autoptr(XjInspectionRecord) record = NULL;
  g_autoptr(XjInspectionRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  Trace trace = { g_ptr_array_new_with_free_func (g_free), NULL, 0, FALSE };
  GHashTableIter iter;
  gpointer value;
  guint n_meanwhile = 0;

  g_assert_cmpuint (completed->len, >, 0);
  trace.inspection_id = ((XjInspection *) g_ptr_array_index (completed, 0))->id;
  trace.writer = xj_store_open_connection (xj_store_get_db_path (f->store), FALSE, &error);
  g_assert_no_error (error);

  /* Another connection commits a change to the answers after the record
   * has read the inspection and before it reads the answers. */
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_trace_cb, &trace);
  record = xj_store_read_inspection_record (f->store, trace.inspection_id, &error);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  g_assert_no_error (error);
  g_assert_true (trace.written);
  g_assert_cmpuint (g_hash_table_size (record->answers), >, 0);
  g_hash_table_iter_init (&iter, record->answers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_assert_cmpstr (((XjAnswer *) value)->remark, !=, "written meanwhile");

  /* The next record is of the state after the write, all of it. */
  after = xj_store_read_inspection_record (f->store, trace.inspection_id, &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, after->answers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n_meanwhile += g_strcmp0 (((XjAnswer *) value)->remark, "written meanwhile") == 0;
  g_assert_cmpuint (n_meanwhile, ==, g_hash_table_size (after->answers));

  sqlite3_close (trace.writer);
  g_ptr_array_unref (trace.sql);
}

/* The report is made from the record alone: the same data whether the
 * record is read by the report or handed to it, and still after the store
 * is gone. */
static void
test_record_report (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) inspections = list_inspections (f, -1);
  XjInspection *inspection = NULL;
  g_autoptr(XjInspectionRecord) record = NULL;
  g_autoptr(XjReportData) from_store = NULL;
  g_autoptr(XjReportData) from_record = NULL;
  g_autoptr(GError) error = NULL;
  guint n_answers = 0;

  for (guint i = 0; i < inspections->len && inspection == NULL; i++)
    if (((XjInspection *) g_ptr_array_index (inspections, i))->n_photos > 0)
      inspection = g_ptr_array_index (inspections, i);
  g_assert_nonnull (inspection);

  record = xj_store_read_inspection_record (f->store, inspection->id, &error);
  g_assert_no_error (error);
  from_store = xj_report_data_from_inspection (f->store, inspection->id, "测试", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);
  from_record = xj_report_data_from_record (record, "测试", NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (from_record->number, ==, from_store->number);
  g_assert_cmpstr (from_record->site, ==, from_store->site);
  g_assert_cmpstr (from_record->template_name, ==, from_store->template_name);
  g_assert_cmpfloat (from_record->score, ==, from_store->score);
  g_assert_cmpuint (from_record->sections->len, ==, from_store->sections->len);
  g_assert_cmpuint (from_record->notices->len, ==, from_store->notices->len);
  g_assert_cmpuint (from_record->signatures->len, ==, from_store->signatures->len);
  for (guint s = 0; s < from_record->sections->len; s++)
    {
      XjReportSection *a = g_ptr_array_index (from_record->sections, s);
      XjReportSection *b = g_ptr_array_index (from_store->sections, s);

      g_assert_cmpuint (a->answers->len, ==, b->answers->len);
      for (guint i = 0; i < a->answers->len; i++)
        {
          XjReportAnswer *x = g_ptr_array_index (a->answers, i);
          XjReportAnswer *y = g_ptr_array_index (b->answers, i);

          g_assert_cmpstr (x->answer, ==, y->answer);
          g_assert_cmpint (x->outcome, ==, y->outcome);
          g_assert_cmpint (x->repeat, ==, y->repeat);
          g_assert_cmpuint (x->photos->len, ==, y->photos->len);
          for (guint p = 0; p < x->photos->len; p++)
            g_assert_cmpstr (((XjReportPhoto *) g_ptr_array_index (x->photos, p))->flag, ==,
                             ((XjReportPhoto *) g_ptr_array_index (y->photos, p))->flag);
          n_answers++;
        }
    }
  g_assert_cmpuint (n_answers, >, 0);
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

  g_test_add ("/xj/report/record/one-transaction", Fixture, NULL, fixture_set_up,
              test_record_one_transaction, fixture_tear_down);
  g_test_add ("/xj/report/record/snapshot", Fixture, NULL, fixture_set_up, test_record_snapshot,
              fixture_tear_down);
  g_test_add ("/xj/report/record/report", Fixture, NULL, fixture_set_up, test_record_report,
              fixture_tear_down);
  return g_test_run ();
}
