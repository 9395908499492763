/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How code reaches the store: XjTransaction (commit, rollback when it
 * goes out of scope, on error, nested as savepoints) and the read-only
 * reader that workers open (cannot write, writes nothing, reads while
 * another connection holds the write lock), and the one GTask skeleton
 * that runs work on it (xj_store_run_on_reader_async()); and the one
 * read of a row by id behind every domain's get-by-id.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "xj-builtins.h"
#include "xj-demo.h"
#include "xj-finding.h"
#include "xj-inspection.h"
#include "xj-notice-store.h"
#include "xj-notice.h"
#include "xj-reader-task.h"
#include "xj-schedule.h"
#include "xj-site.h"
#include "xj-store.h"
#include "xj-test-utils.h"
#include "xj-transaction.h"

typedef struct
{
  char    *dir;
  XjStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  /* A table of our own: the type is tested apart from any schema rule. */
  g_assert_true (xj_store_exec (f->store,
                                "CREATE TABLE scratch (n INTEGER PRIMARY KEY, "
                                "parent INTEGER REFERENCES scratch (n) "
                                "DEFERRABLE INITIALLY DEFERRED)", &error));
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

static gboolean
insert (XjStore     *store,
        int          n,
        GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO scratch (n) VALUES (%d)", n);

  return xj_store_exec (store, sql, error);
}

static gint64
count_rows (XjStore *store)
{
  return xj_test_query_int (xj_store_get_db (store), "SELECT count(*) FROM scratch");
}

static gboolean
autocommit (XjStore *store)
{
  return sqlite3_get_autocommit (xj_store_get_db (store)) != 0;
}

static XjSite *
new_site (const char *name)
{
  return xj_site_new (name, XJ_SITE_KIND_STORE);
}

/* --- XjTransaction -------------------------------------------------------- */

static void
test_commit (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjTransaction) tx = xj_transaction_begin (f->store, &error);

  g_assert_no_error (error);
  g_assert_false (autocommit (f->store));
  g_assert_true (insert (f->store, 1, &error));
  g_assert_true (xj_transaction_commit (tx, &error));
  g_assert_no_error (error);
  g_assert_true (autocommit (f->store));
  g_clear_pointer (&tx, xj_transaction_free);
  g_assert_cmpint (count_rows (f->store), ==, 1);

  /* The store is free for the next one. */
  tx = xj_transaction_begin (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (insert (f->store, 2, &error));
  g_assert_true (xj_transaction_commit (tx, &error));
  g_clear_pointer (&tx, xj_transaction_free);
  g_assert_cmpint (count_rows (f->store), ==, 2);
}

static void
test_rollback_on_scope_exit (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(XjTransaction) tx = xj_transaction_begin (f->store, &error);

    g_assert_nonnull (tx);
    g_assert_true (insert (f->store, 1, &error));
    g_assert_cmpint (count_rows (f->store), ==, 1);
  }
  g_assert_true (autocommit (f->store));
  g_assert_cmpint (count_rows (f->store), ==, 0);
}

/* The shape every converted function has: return on the first error. */
static gboolean
insert_all (XjStore     *store,
            const int   *numbers,
            guint        n_numbers,
            GError     **error)
{
  g_autoptr(XjTransaction) tx = xj_transaction_begin (store, error);

  if (tx == NULL)
    return FALSE;
  for (guint i = 0; i < n_numbers; i++)
    if (!insert (store, numbers[i], error))
      return FALSE;
  return xj_transaction_commit (tx, error);
}

static void
test_rollback_on_error (Fixture       *f,
                        gconstpointer  data)
{
  static const int good[] = { 1, 2 };
  static const int clash[] = { 3, 4, 1 };
  g_autoptr(GError) error = NULL;

  g_assert_true (insert_all (f->store, good, G_N_ELEMENTS (good), &error));
  g_assert_false (insert_all (f->store, clash, G_N_ELEMENTS (clash), &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_CONSTRAINT);
  g_assert_true (autocommit (f->store));
  /* 3 and 4 went with the failed transaction. */
  g_assert_cmpint (count_rows (f->store), ==, 2);
}

/* A constraint checked only at COMMIT: the commit fails, says why, and
 * leaves nothing half done or open. */
static void
test_commit_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjTransaction) tx = xj_transaction_begin (f->store, &error);

  g_assert_true (xj_store_exec (f->store, "INSERT INTO scratch (n, parent) VALUES (1, 99)",
                                &error));
  g_assert_false (xj_transaction_commit (tx, &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_CONSTRAINT);
  g_clear_pointer (&tx, xj_transaction_free);
  g_clear_error (&error);
  g_assert_true (autocommit (f->store));
  g_assert_cmpint (count_rows (f->store), ==, 0);
  g_assert_true (insert_all (f->store, (const int[]) { 5 }, 1, &error));
  g_assert_no_error (error);
}

static void
test_nested (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjTransaction) outer = xj_transaction_begin (f->store, &error);

  g_assert_true (insert (f->store, 1, &error));
  {
    /* Dropped: only its own row goes. */
    g_autoptr(XjTransaction) inner = xj_transaction_begin (f->store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (inner);
    g_assert_true (insert (f->store, 2, &error));
  }
  g_assert_false (autocommit (f->store));
  g_assert_cmpint (count_rows (f->store), ==, 1);
  {
    g_autoptr(XjTransaction) inner = xj_transaction_begin (f->store, &error);

    g_assert_true (insert (f->store, 3, &error));
    g_assert_true (xj_transaction_commit (inner, &error));
  }
  g_assert_true (xj_transaction_commit (outer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xj_test_query_int (xj_store_get_db (f->store),
                                      "SELECT group_concat (n) = '1,3' FROM scratch"), ==, 1);

  /* A committed inner level is undone with its outer one. */
  {
    g_autoptr(XjTransaction) outer2 = xj_transaction_begin (f->store, &error);
    g_autoptr(XjTransaction) inner = xj_transaction_begin (f->store, &error);

    g_assert_nonnull (outer2);
    g_assert_true (insert (f->store, 4, &error));
    g_assert_true (xj_transaction_commit (inner, &error));
  }
  g_assert_true (autocommit (f->store));
  g_assert_cmpint (count_rows (f->store), ==, 2);

  /* Three deep: each level undoes only its own rows and those inside. */
  {
    g_autoptr(XjTransaction) level1 = xj_transaction_begin (f->store, &error);

    g_assert_true (insert (f->store, 10, &error));
    {
      g_autoptr(XjTransaction) level2 = xj_transaction_begin (f->store, &error);

      g_assert_true (insert (f->store, 20, &error));
      {
        g_autoptr(XjTransaction) level3 = xj_transaction_begin (f->store, &error);

        g_assert_nonnull (level3);
        g_assert_true (insert (f->store, 30, &error));
      }
      g_assert_true (xj_transaction_commit (level2, &error));
    }
    g_assert_true (xj_transaction_commit (level1, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpint (xj_test_query_int (xj_store_get_db (f->store),
                                      "SELECT group_concat (n) = '1,3,10,20' FROM "
                                      "(SELECT n FROM scratch ORDER BY n)"), ==, 1);
}

/* A core call inside a caller's transaction becomes part of it: the site
 * saved there goes when the caller gives up. */
static void
test_nested_core_call (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) kept = new_site ("Kept");
  g_autoptr(GPtrArray) sites = NULL;

  {
    g_autoptr(XjTransaction) tx = xj_transaction_begin (f->store, &error);
    g_autoptr(XjSite) dropped = new_site ("Dropped");

    g_assert_nonnull (tx);
    g_assert_true (xj_store_save_site (f->store, dropped, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (xj_store_save_site (f->store, kept, NULL, &error));
  sites = xj_store_list_sites (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpstr (xj_site_get_name (g_ptr_array_index (sites, 0)), ==, "Kept");
}

/* --- the reader ----------------------------------------------------------- */

static void
test_reader_cannot_write (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = new_site ("Depot");
  g_autoptr(XjSite) other = new_site ("Yard");
  g_autoptr(XjStore) reader = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(XjTransaction) tx = NULL;

  g_assert_true (xj_store_save_site (f->store, site, NULL, &error));
  reader = xj_store_open_reader (f->dir, &error);
  g_assert_no_error (error);
  g_assert_true (xj_store_is_read_only (reader));
  sites = xj_store_list_sites (reader, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 1);

  g_assert_false (xj_store_save_site (reader, other, NULL, &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  tx = xj_transaction_begin (reader, &error);
  g_assert_null (tx);
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (xj_store_exec (reader, "INSERT INTO scratch (n) VALUES (1)", &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (count_rows (f->store), ==, 0);
}

typedef struct
{
  GBytes *bytes;
  gint64  mtime;
} FileState;

static void
file_state (const char *path,
            FileState  *state)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  state->bytes = xj_test_read_bytes (path);
  state->mtime = st.st_mtime;
}

static void
assert_unchanged (const char *path,
                  FileState  *before)
{
  FileState after;

  file_state (path, &after);
  g_assert_true (g_bytes_equal (before->bytes, after.bytes));
  g_assert_cmpint (before->mtime, ==, after.mtime);
  g_bytes_unref (before->bytes);
  g_bytes_unref (after.bytes);
}

static void
test_reader_writes_nothing (void)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "xunjian.db", NULL);
  g_autofree char *fixture = g_build_filename (FIXTURES_DIR, "xunjian-v1.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(XjSite) site = new_site ("Depot");
  FileState before;

  /* A current file, written and closed. */
  store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_true (xj_store_save_site (store, site, NULL, &error));
  g_clear_object (&store);
  /* File times have a resolution of a second on some file systems. */
  g_usleep (G_USEC_PER_SEC + 100000);
  file_state (path, &before);
  store = xj_store_open_reader (dir, &error);
  g_assert_no_error (error);
  sites = xj_store_list_sites (store, TRUE, &error);
  g_assert_cmpuint (sites->len, ==, 1);
  g_clear_object (&store);
  assert_unchanged (path, &before);

  /* An old file: no upgrade, no stamp, nothing. */
  g_assert_cmpint (g_remove (path), ==, 0);
  xj_test_copy_file (fixture, path);
  file_state (path, &before);
  store = xj_store_open_reader (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xj_test_query_int (xj_store_get_db (store), "PRAGMA user_version"), ==, 1);
  g_clear_object (&store);
  assert_unchanged (path, &before);
  xj_test_remove_tree (dir);
}

static void
test_reader_while_locked (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = new_site ("Depot");
  g_autoptr(XjStore) reader = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  sqlite3 *holder = NULL;
  gint64 started;

  g_assert_true (xj_store_save_site (f->store, site, NULL, &error));
  g_assert_cmpint (sqlite3_open (xj_store_get_db_path (f->store), &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE; DELETE FROM scratch; "
                                 "INSERT INTO scratch (n) VALUES (7)", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  started = g_get_monotonic_time ();
  reader = xj_store_open_reader (f->dir, &error);
  g_assert_no_error (error);
  sites = xj_store_list_sites (reader, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  g_assert_cmpuint (sites->len, ==, 1);
  /* It reads what was committed, not the holder's pending row. */
  g_assert_cmpint (count_rows (reader), ==, 0);

  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);
}

/* --- work on a reader in a worker ----------------------------------------- */

/* Iterates the main context until @expr holds, for 10 s at most. */
#define wait_until(expr)                                                      \
  G_STMT_START {                                                              \
    gint64 deadline_ = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;     \
    while (!(expr))                                                           \
      {                                                                       \
        g_assert_cmpint (g_get_monotonic_time (), <, deadline_);              \
        if (!g_main_context_iteration (NULL, FALSE))                          \
          g_usleep (1000);                                                    \
      }                                                                       \
  } G_STMT_END

typedef struct
{
  GThread  *caller;
  gboolean  fail;
  gint     *n_freed;
} CountJob;

/* The last reference to the task may go in the worker. */
static void
count_job_free (CountJob *job)
{
  g_atomic_int_inc (job->n_freed);
  g_free (job);
}

/* The rows of scratch, read in the worker through its reader. */
static gpointer
count_on_reader (XjStore       *reader,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  CountJob *job = data;
  gint64 *count;

  g_assert_true (g_thread_self () != job->caller);
  g_assert_true (xj_store_is_read_only (reader));
  if (job->fail)
    {
      g_set_error_literal (error, XJ_STORE_ERROR, XJ_STORE_ERROR_NOT_FOUND, "no such thing");
      return NULL;
    }
  count = g_new (gint64, 1);
  *count = count_rows (reader);
  return count;
}

static const XjReaderTask count_task = {
  .run = count_on_reader,
  .job_free = (GDestroyNotify) count_job_free,
  .result_free = g_free,
};

static void
on_counted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
run_count (XjStore      *store,
           gboolean      fail,
           GCancellable *cancellable,
           gint         *n_freed)
{
  CountJob *job = g_new0 (CountJob, 1);
  GAsyncResult *result = NULL;

  job->caller = g_thread_self ();
  job->fail = fail;
  job->n_freed = n_freed;
  xj_store_run_on_reader_async (store, &count_task, job, cancellable, on_counted_cb, &result);
  wait_until (result != NULL);
  return result;
}

static void
test_reader_task (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree gint64 *count = NULL;
  gint n_freed = 0;

  g_assert_true (insert (f->store, 1, &error) && insert (f->store, 2, &error));
  result = run_count (f->store, FALSE, NULL, &n_freed);
  count = xj_store_run_on_reader_finish (result, &count_task, &error);
  g_assert_no_error (error);
  g_assert_nonnull (count);
  g_assert_cmpint (*count, ==, 2);
  /* The job goes with the task. */
  g_clear_object (&result);
  wait_until (g_atomic_int_get (&n_freed) == 1);

  /* The work's error reaches the caller. */
  result = run_count (f->store, TRUE, NULL, &n_freed);
  g_assert_null (xj_store_run_on_reader_finish (result, &count_task, &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);
  wait_until (g_atomic_int_get (&n_freed) == 2);

  /* Cancelled: the answer is the cancellation, whatever the worker read. */
  g_cancellable_cancel (cancellable);
  result = run_count (f->store, FALSE, cancellable, &n_freed);
  g_assert_null (xj_store_run_on_reader_finish (result, &count_task, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  wait_until (g_atomic_int_get (&n_freed) == 3);
}

/* A folder whose database has gone: the reader's open error is the answer. */
static void
test_reader_task_no_database (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint n_freed = 0;

  g_assert_cmpint (g_remove (xj_store_get_db_path (f->store)), ==, 0);
  result = run_count (f->store, FALSE, NULL, &n_freed);
  g_assert_null (xj_store_run_on_reader_finish (result, &count_task, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == XJ_STORE_ERROR);
  g_clear_object (&result);
  wait_until (g_atomic_int_get (&n_freed) == 1);
}

/* The get-by-id of each domain (one helper, xj_store_query_row()): the row
 * when it is there, NOT_FOUND naming the id when it is not. */
static void
test_get_by_id (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  XjDemoOptions options = { .n_sites = 1, .seed = 3 };
  sqlite3 *db = xj_store_get_db (f->store);
  gint64 site_id, inspection_id, notice_id, schedule_id, answer_id;

  g_assert_true (xj_templates_install_builtins (f->store, &error));
  g_assert_true (xj_demo_fill (f->store, &options, &error));
  g_assert_no_error (error);
  site_id = xj_test_query_int (db, "SELECT min(id) FROM sites");
  inspection_id = xj_test_query_int (db, "SELECT min(id) FROM inspections");
  notice_id = xj_test_query_int (db, "SELECT min(id) FROM notices");
  schedule_id = xj_test_query_int (db, "SELECT min(id) FROM schedules");
  answer_id = xj_test_query_int (db, "SELECT min(id) FROM answers");
  g_assert_cmpint (MIN (MIN (site_id, inspection_id), MIN (notice_id, MIN (schedule_id, answer_id))),
                   >, 0);

  {
    g_autoptr(XjSite) site = xj_store_get_site (f->store, site_id, &error);
    g_autoptr(XjInspection) inspection = xj_store_get_inspection (f->store, inspection_id, &error);
    g_autoptr(XjNotice) notice = xj_store_get_notice (f->store, notice_id, &error);
    g_autoptr(XjSchedule) schedule = xj_store_get_schedule (f->store, schedule_id, &error);
    g_autoptr(GPtrArray) findings = xj_store_load_findings (f->store, &answer_id, 1, 30, &error);

    g_assert_no_error (error);
    g_assert_cmpint (xj_site_get_id (site), ==, site_id);
    g_assert_cmpint (inspection->id, ==, inspection_id);
    g_assert_cmpint (xj_notice_get_id (notice), ==, notice_id);
    g_assert_cmpint (xj_schedule_get_id (schedule), ==, schedule_id);
    g_assert_cmpuint (findings->len, ==, 1);
    g_assert_cmpint (((XjFinding *) findings->pdata[0])->answer_id, ==, answer_id);
  }

  g_assert_null (xj_store_get_site (f->store, 987654, &error));
  g_assert_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "987654"));
  g_clear_error (&error);
  g_assert_null (xj_store_get_inspection (f->store, 987654, &error));
  g_assert_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "987654"));
  g_clear_error (&error);
  g_assert_null (xj_store_get_notice (f->store, 987654, &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "987654"));
  g_clear_error (&error);
  g_assert_null (xj_store_get_schedule (f->store, 987654, &error));
  g_assert_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "987654"));
  g_clear_error (&error);
  answer_id = 987654;
  g_assert_null (xj_store_load_findings (f->store, &answer_id, 1, 30, &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "987654"));
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

  g_test_add ("/xj/store/transaction/commit", Fixture, NULL, fixture_set_up, test_commit,
              fixture_tear_down);
  g_test_add ("/xj/store/transaction/rollback-on-scope-exit", Fixture, NULL, fixture_set_up,
              test_rollback_on_scope_exit, fixture_tear_down);
  g_test_add ("/xj/store/transaction/rollback-on-error", Fixture, NULL, fixture_set_up,
              test_rollback_on_error, fixture_tear_down);
  g_test_add ("/xj/store/transaction/commit-fails", Fixture, NULL, fixture_set_up,
              test_commit_fails, fixture_tear_down);
  g_test_add ("/xj/store/transaction/nested", Fixture, NULL, fixture_set_up, test_nested,
              fixture_tear_down);
  g_test_add ("/xj/store/transaction/nested-core-call", Fixture, NULL, fixture_set_up,
              test_nested_core_call, fixture_tear_down);
  g_test_add ("/xj/store/reader/cannot-write", Fixture, NULL, fixture_set_up,
              test_reader_cannot_write, fixture_tear_down);
  g_test_add_func ("/xj/store/reader/writes-nothing", test_reader_writes_nothing);
  g_test_add ("/xj/store/reader/while-locked", Fixture, NULL, fixture_set_up,
              test_reader_while_locked, fixture_tear_down);
  g_test_add ("/xj/store/reader/task", Fixture, NULL, fixture_set_up, test_reader_task,
              fixture_tear_down);
  g_test_add ("/xj/store/get-by-id", Fixture, NULL, fixture_set_up, test_get_by_id,
              fixture_tear_down);
  g_test_add ("/xj/store/reader/task-no-database", Fixture, NULL, fixture_set_up,
              test_reader_task_no_database, fixture_tear_down);

  return g_test_run ();
}
