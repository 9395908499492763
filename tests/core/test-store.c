/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store: migrations, refusing files it must not touch, the rules the
 * schema enforces, backups.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>

#include "xj-clock.h"
#include "xj-site.h"
#include "xj-store.h"
#include "xj-test-store.h"
#include "xj-test-utils.h"

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
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_VERIFY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Runs @sql and returns SQLite's primary result code. */
static int
exec_rc (sqlite3    *db,
         const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL) & 0xff;
}

static void
test_migrate_empty (Fixture       *f,
                    gconstpointer  data)
{
  sqlite3 *db = xj_store_get_db (f->store);
  g_autofree char *mode = query_text (db, "PRAGMA journal_mode");

  g_assert_cmpint (xj_test_query_int (db, "PRAGMA user_version"), ==, xj_store_get_schema_version ());
  g_assert_cmpint (xj_test_query_int (db, "PRAGMA application_id"), ==, XJ_STORE_APPLICATION_ID);
  g_assert_cmpint (xj_test_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (xj_test_query_int (db, "PRAGMA synchronous"), ==, 2); /* FULL */
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                                  "AND name IN ('sites', 'templates', 'template_versions', "
                                  "'template_sections', 'template_items', 'inspections', "
                                  "'answers', 'photos', 'answer_photos', 'notices', "
                                  "'notice_findings', 'signatures', 'schedules', 'audit_log')"),
                   ==, 14);
}

/* Every shipped schema version has a fixture database made by the program
 * that shipped it; opening it must bring it to the current version with its
 * data intact. */
static void
test_migrate_fixture (gconstpointer data)
{
  guint version = GPOINTER_TO_UINT (data);
  g_autofree char *name = g_strdup_printf ("xunjian-v%u.db", version);
  g_autofree char *dir = NULL;
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);

  store = xj_test_open_fixture_copy (name, XJ_STORE_OPEN_VERIFY, &dir);
  g_assert_cmpint (xj_test_query_int (xj_store_get_db (store), "PRAGMA user_version"), ==,
                   xj_store_get_schema_version ());
  /* The fixtures were filled with `xunjian demo`. */
  sites = xj_store_list_sites (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, >=, 8);
  g_assert_true (xj_store_check (store, report, &error));
  g_assert_no_error (error);

  /* The migrated schema is the one a new database gets: same tables,
   * indexes and triggers. */
  {
    g_autofree char *fresh_dir = xj_test_make_data_dir ();
    g_autoptr(XjStore) fresh = xj_store_open (fresh_dir, XJ_STORE_OPEN_DEFAULT, &error);
    const char *names = "SELECT group_concat(type || ':' || name, ',') FROM "
                        "(SELECT type, name FROM sqlite_schema ORDER BY type, name)";
    g_autofree char *want = query_text (xj_store_get_db (fresh), names);
    g_autofree char *got = query_text (xj_store_get_db (store), names);

    g_assert_cmpstr (got, ==, want);
    g_clear_object (&fresh);
    xj_test_remove_tree (fresh_dir);
  }

  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

/* Version 3 rebuilds the photos table (HEIF allowed): photos and the
 * answers' references to them survive, and the references still hold. */
static void
test_migrate_photos_v3 (void)
{
  g_autofree char *fixture = g_build_filename (FIXTURES_DIR, "xunjian-v2.db", NULL);
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *target = g_build_filename (dir, "xunjian.db", NULL);
  const char *sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  g_autofree char *fill = g_strdup_printf (
    "PRAGMA foreign_keys = ON;"
    "INSERT INTO inspections (site_id, version_id, kind, inspector, started_at, updated_at)"
    "  VALUES ((SELECT min(id) FROM sites), (SELECT min(id) FROM template_versions), 'daily',"
    "          '王芳', 1, 1);"
    "INSERT INTO answers (inspection_id, item_id, value, outcome, answered_at)"
    "  VALUES (last_insert_rowid (), (SELECT min(id) FROM template_items), 'fail', 'fail', 1);"
    "INSERT INTO photos (sha256, bytes, mime, width, height, imported_at)"
    "  VALUES ('%s', 10, 'image/jpeg', 4, 3, 1);"
    "INSERT INTO answer_photos (answer_id, sha256, added_at) VALUES ((SELECT max(id) FROM answers), '%s', 1);",
    sha, sha);
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  sqlite3 *db = NULL;

  xj_test_copy_file (fixture, target);
  g_assert_cmpint (sqlite3_open (target, &db), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, fill), ==, SQLITE_OK);
  /* Refused before the upgrade. */
  g_assert_cmpint (exec_rc (db, "INSERT INTO photos (sha256, bytes, mime, width, height, imported_at)"
                             " VALUES (printf ('%064d', 1), 10, 'image/heic', 4, 3, 1)"),
                   ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);

  store = xj_store_open (dir, XJ_STORE_OPEN_VERIFY, &error);
  g_assert_no_error (error);
  db = xj_store_get_db (store);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM photos WHERE width = 4"), ==, 1);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM answer_photos"), ==, 1);
  g_assert_true (xj_store_check (store, report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (exec_rc (db, "INSERT INTO photos (sha256, bytes, mime, width, height, imported_at)"
                             " VALUES (printf ('%064d', 1), 10, 'image/heic', 4, 3, 1)"),
                   ==, SQLITE_OK);
  /* The reference from answer_photos is enforced again. */
  g_assert_cmpint (exec_rc (db, "DELETE FROM photos WHERE width = 4 AND mime = 'image/jpeg'"),
                   ==, SQLITE_CONSTRAINT);
  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

static void
test_refuse_newer (void)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "xunjian.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(XjStore) store = NULL;
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u",
                                                  xj_store_get_schema_version () + 1);
  sqlite3 *db = NULL;

  store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, set_version), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "PRAGMA journal_mode = DELETE"), ==, SQLITE_OK);
  sqlite3_close (db);

  before = xj_test_read_bytes (path);
  store = xj_store_open (dir, XJ_STORE_OPEN_VERIFY, &error);
  g_assert_null (store);
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
  /* It says which version the file is and which we read. */
  {
    g_autofree char *file_version = g_strdup_printf ("%u", xj_store_get_schema_version () + 1);

    g_assert_nonnull (strstr (error->message, file_version));
  }
  after = xj_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  xj_test_remove_tree (dir);
}

static gboolean
has_journal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  return g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS);
}

static void
check_refused_unchanged (const char *contents,
                         gsize       length)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "xunjian.db", NULL);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(XjStore) store = NULL;

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  store = xj_store_open (dir, XJ_STORE_OPEN_VERIFY, &error);
  g_assert_null (store);
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_CORRUPT);
  /* Names the file and says what to do. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "backup"));

  after = xj_test_read_bytes (path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), contents, length);
  xj_test_remove_tree (dir);
}

static void
test_refuse_not_a_database (void)
{
  const char text[] = "This is a shopping list, not a database.\n";

  check_refused_unchanged (text, sizeof text - 1);
}

static void
test_refuse_damaged (void)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "xunjian.db", NULL);
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *db = NULL;

  /* A real database with enough pages, then a page in the middle overwritten. */
  store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("测试项目 %03d — a site with a long name to fill pages", i);
      g_autoptr(XjSite) site = xj_site_new (name, XJ_SITE_KIND_ESTATE);

      g_assert_true (xj_store_save_site (store, site, "test", &error));
    }
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "PRAGMA journal_mode = DELETE"), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 16 * 4096);
  /* Garbage over the b-tree pages after the schema. */
  for (gsize i = 8 * 4096; i < 12 * 4096; i++)
    contents[i] = (char) (i * 7 + 3);
  xj_test_remove_tree (dir);

  check_refused_unchanged (contents, length);

  /* The app opens without the full check: opening writes nothing, so the
   * damaged file is still exactly as it was (it used to get an id stamped
   * and WAL switched on). */
  {
    g_autofree char *app_dir = xj_test_make_data_dir ();
    g_autofree char *app_path = g_build_filename (app_dir, "xunjian.db", NULL);
    g_autoptr(GBytes) after = NULL;

    g_assert_true (g_file_set_contents (app_path, contents, length, NULL));
    store = xj_store_open (app_dir, XJ_STORE_OPEN_DEFAULT, &error);
    g_clear_error (&error);
    g_clear_object (&store);
    after = xj_test_read_bytes (app_path);
    g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), contents, length);
    g_assert_false (has_journal (app_path));
    xj_test_remove_tree (app_dir);
  }
}

static void
test_refuse_foreign (void)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "xunjian.db", NULL);
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "PRAGMA application_id = 42; CREATE TABLE t (x)"), ==, SQLITE_OK);
  sqlite3_close (db);

  store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_FOREIGN);
  xj_test_remove_tree (dir);
}

/* Someone else's database that never set an application id: refused as
 * foreign, not adopted (it used to get our schema, our id and WAL). */
static void
test_refuse_foreign_unstamped (void)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "xunjian.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "CREATE TABLE contacts (name TEXT);"
                                "INSERT INTO contacts VALUES ('李雷')"), ==, SQLITE_OK);
  sqlite3_close (db);
  before = xj_test_read_bytes (path);

  store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_FOREIGN);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "--data-dir"));
  after = xj_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (has_journal (path));
  xj_test_remove_tree (dir);
}

/* A database file with nothing in it yet is ours to set up. */
static void
test_adopt_empty_database (void)
{
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "xunjian.db", NULL);
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "PRAGMA page_size = 4096; VACUUM"), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  store = xj_store_open (dir, XJ_STORE_OPEN_VERIFY, &error);
  g_assert_no_error (error);
  db = xj_store_get_db (store);
  g_assert_cmpint (xj_test_query_int (db, "PRAGMA application_id"), ==, XJ_STORE_APPLICATION_ID);
  g_assert_cmpint (xj_test_query_int (db, "PRAGMA user_version"), ==, xj_store_get_schema_version ());
  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

/* Opening a current database writes nothing: it opens, reads and checks
 * at once while another connection holds the write lock. */
static void
test_open_while_locked (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  g_autofree char *path = g_strdup (xj_store_get_db_path (f->store));
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *holder = NULL;
  gint64 started;

  g_assert_true (xj_store_save_site (f->store, site, "test", &error));
  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (holder, "BEGIN IMMEDIATE;"
                                    "INSERT INTO frequent_remarks (text, last_used) VALUES ('x', 1)"),
                   ==, SQLITE_OK);

  started = g_get_monotonic_time ();
  store = xj_store_open (f->dir, XJ_STORE_OPEN_VERIFY, &error);
  g_assert_no_error (error);
  sites = xj_store_list_sites (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 2 * G_USEC_PER_SEC);

  exec_rc (holder, "ROLLBACK");
  sqlite3_close (holder);
}

/* An older database needs an upgrade, a write: with NO_WAIT a held lock is
 * reported at once as what it is, and the open succeeds once it goes. */
static void
test_upgrade_while_locked (void)
{
  g_autofree char *fixture = g_build_filename (FIXTURES_DIR, "xunjian-v1.db", NULL);
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "xunjian.db", NULL);
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *holder = NULL;
  gint64 started;

  xj_test_copy_file (fixture, path);
  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (holder, "BEGIN IMMEDIATE"), ==, SQLITE_OK);

  started = g_get_monotonic_time ();
  store = xj_store_open (dir, XJ_STORE_OPEN_NO_WAIT, &error);
  g_assert_null (store);
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_BUSY);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "another program"));
  g_assert_null (strstr (error->message, "backup"));
  g_clear_error (&error);

  exec_rc (holder, "ROLLBACK");
  sqlite3_close (holder);
  store = xj_store_open (dir, XJ_STORE_OPEN_NO_WAIT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xj_test_query_int (xj_store_get_db (store), "PRAGMA user_version"), ==,
                   xj_store_get_schema_version ());
  g_clear_object (&store);
  xj_test_remove_tree (dir);
}

/* Each SQLite code gets its own error and advice; only damage sends the
 * user to the backups. */
static void
test_error_mapping (Fixture       *f,
                    gconstpointer  data)
{
  static const struct {
    int           rc;
    XjStoreError  code;
    const char   *says;
  } cases[] = {
    { SQLITE_BUSY, XJ_STORE_ERROR_BUSY, "another program" },
    { SQLITE_BUSY_SNAPSHOT, XJ_STORE_ERROR_BUSY, "another program" },
    { SQLITE_LOCKED, XJ_STORE_ERROR_BUSY, "another program" },
    { SQLITE_CORRUPT, XJ_STORE_ERROR_CORRUPT, "damaged" },
    { SQLITE_NOTADB, XJ_STORE_ERROR_CORRUPT, "damaged" },
    { SQLITE_FULL, XJ_STORE_ERROR_FULL, "full" },
    { SQLITE_READONLY, XJ_STORE_ERROR_READ_ONLY, "may not write" },
    { SQLITE_READONLY_DIRECTORY, XJ_STORE_ERROR_READ_ONLY, "may not write" },
    { SQLITE_PERM, XJ_STORE_ERROR_READ_ONLY, "may not write" },
    { SQLITE_IOERR_WRITE, XJ_STORE_ERROR_IO, "disk is attached" },
    { SQLITE_CANTOPEN, XJ_STORE_ERROR_IO, "disk is attached" },
    { SQLITE_CONSTRAINT_CHECK, XJ_STORE_ERROR_CONSTRAINT, "Could not save" },
  };
  sqlite3 *db = xj_store_get_db (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (xj_store_set_sqlite_error (&error, db, cases[i].rc, "Could not save"));
      g_assert_error (error, XJ_STORE_ERROR, (int) cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      if (cases[i].code == XJ_STORE_ERROR_CORRUPT)
        g_assert_nonnull (strstr (error->message, "backup"));
      else
        g_assert_null (strstr (error->message, "backup"));
      if (cases[i].code != XJ_STORE_ERROR_CONSTRAINT)
        g_assert_nonnull (strstr (error->message, xj_store_get_db_path (f->store)));
    }

  /* The data folder: errno says the same. */
  {
    g_autoptr(GError) error = NULL;

    xj_store_set_errno_error (&error, EACCES, "/srv/x/xunjian.db", "Could not open");
    g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    xj_store_set_errno_error (&error, ENOSPC, "/srv/x/xunjian.db", "Could not open");
    g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_FULL);
  }
}

/* The check that runs with the daily backup: a database it could not read
 * because another program had it locked is not "damaged". */
static void
test_quick_check_locked_is_not_damage (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *path = g_strdup (xj_store_get_db_path (f->store));
  g_autoptr(GError) error = NULL;
  sqlite3 *holder = NULL;

  g_assert_true (xj_store_quick_check_file (path, &error));
  g_assert_no_error (error);

  /* Rollback journal mode, where a writer shuts readers out. */
  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (holder, "PRAGMA journal_mode = DELETE"), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (holder, "BEGIN EXCLUSIVE"), ==, SQLITE_OK);

  g_assert_false (xj_store_quick_check_file (path, &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_BUSY);
  g_assert_null (strstr (error->message, "damaged"));

  exec_rc (holder, "ROLLBACK");
  sqlite3_close (holder);
}

/* A full disk while the database is being set up is a full disk, not
 * damage.  Here the file may not grow (RLIMIT_FSIZE, in a child process);
 * test-cli.sh fills a real, small file system. */
static void
test_disk_full (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = xj_test_make_data_dir ();
      g_autoptr(XjStore) store = NULL;
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 16 * 1024, 16 * 1024 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
      g_assert_null (store);
      g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_FULL);
      g_assert_nonnull (strstr (error->message, "full"));
      g_assert_null (strstr (error->message, "backup"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_foreign_keys (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3 *db = xj_store_get_db (f->store);

  /* An inspection of a site that does not exist. */
  g_assert_cmpint (exec_rc (db, "INSERT INTO inspections (site_id, version_id, kind, inspector, "
                                "started_at, updated_at) VALUES (999, 999, 'daily', 'x', 1, 1)"),
                   ==, SQLITE_CONSTRAINT);
  /* A site with inspections cannot be deleted (RESTRICT). */
  g_assert_cmpint (exec_rc (db,
                            "INSERT INTO sites (id, name, created_at, updated_at) VALUES (1, 'A', 1, 1);"
                            "INSERT INTO templates (id, uid, created_at) VALUES (1, 't', 1);"
                            "INSERT INTO template_versions (id, template_id, version, name, created_at) "
                            "  VALUES (1, 1, 1, 'T', 1);"
                            "INSERT INTO inspections (site_id, version_id, kind, inspector, started_at, "
                            "  updated_at) VALUES (1, 1, 'daily', 'x', 1, 1);"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "DELETE FROM sites WHERE id = 1"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM sites"), ==, 1);
}

static void
test_check_constraints (Fixture       *f,
                        gconstpointer  data)
{
  sqlite3 *db = xj_store_get_db (f->store);

  g_assert_cmpint (exec_rc (db,
                            "INSERT INTO sites (id, name, created_at, updated_at) VALUES (1, 'A', 1, 1);"
                            "INSERT INTO templates (id, uid, created_at) VALUES (1, 't', 1);"
                            "INSERT INTO template_versions (id, template_id, version, name, created_at) "
                            "  VALUES (1, 1, 1, 'T', 1);"
                            "INSERT INTO template_sections (id, version_id, position, title) "
                            "  VALUES (1, 1, 0, 'S');"
                            "INSERT INTO template_items (id, section_id, position, item_key, prompt, "
                            "  response_type) VALUES (1, 1, 0, 'k', 'P', 'pass_fail');"
                            "INSERT INTO inspections (id, site_id, version_id, kind, inspector, "
                            "  started_at, updated_at) VALUES (1, 1, 1, 'daily', 'x', 1, 1);"),
                   ==, SQLITE_OK);

  /* States outside the lifecycle. */
  g_assert_cmpint (exec_rc (db, "UPDATE inspections SET state = 'finished' WHERE id = 1"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "INSERT INTO notices (type, year, seq, number, site_id, state, "
                                "created_at, updated_at) VALUES ('rectification', 2026, 1, "
                                "'ZG-2026-0001', 1, 'lost', 1, 1)"),
                   ==, SQLITE_CONSTRAINT);
  /* Completed without a completion time. */
  g_assert_cmpint (exec_rc (db, "UPDATE inspections SET state = 'completed' WHERE id = 1"),
                   ==, SQLITE_CONSTRAINT);
  /* Unknown kinds, response types, negative weights, blank names. */
  g_assert_cmpint (exec_rc (db, "UPDATE inspections SET kind = 'yearly' WHERE id = 1"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "INSERT INTO template_items (section_id, position, item_key, prompt, "
                                "response_type) VALUES (1, 1, 'k2', 'P', 'slider')"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "INSERT INTO template_items (section_id, position, item_key, prompt, "
                                "response_type, score_weight) VALUES (1, 1, 'k2', 'P', 'pass_fail', -1)"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "INSERT INTO sites (name, created_at, updated_at) VALUES ('  ', 1, 1)"),
                   ==, SQLITE_CONSTRAINT);
  /* Response values must fit the item's type. */
  g_assert_cmpint (exec_rc (db, "INSERT INTO answers (inspection_id, item_id, value, outcome, "
                                "answered_at) VALUES (1, 1, 'maybe', 'pass', 1)"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "INSERT INTO answers (inspection_id, item_id, value, outcome, "
                                "answered_at) VALUES (1, 1, 'pass', 'great', 1)"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "INSERT INTO answers (inspection_id, item_id, value, outcome, "
                                "answered_at) VALUES (1, 1, 'fail', 'fail', 1)"),
                   ==, SQLITE_OK);
}

static void
test_signed_locked (Fixture       *f,
                    gconstpointer  data)
{
  sqlite3 *db = xj_store_get_db (f->store);

  g_assert_cmpint (exec_rc (db,
                            "INSERT INTO sites (id, name, created_at, updated_at) VALUES (1, 'A', 1, 1);"
                            "INSERT INTO templates (id, uid, created_at) VALUES (1, 't', 1);"
                            "INSERT INTO template_versions (id, template_id, version, name, created_at) "
                            "  VALUES (1, 1, 1, 'T', 1);"
                            "INSERT INTO template_sections (id, version_id, position, title) "
                            "  VALUES (1, 1, 0, 'S');"
                            "INSERT INTO template_items (id, section_id, position, item_key, prompt, "
                            "  response_type) VALUES (1, 1, 0, 'k', 'P', 'pass_fail');"
                            "INSERT INTO inspections (id, site_id, version_id, kind, inspector, "
                            "  started_at, updated_at) VALUES (1, 1, 1, 'daily', 'x', 1, 1);"
                            "INSERT INTO answers (id, inspection_id, item_id, value, outcome, answered_at) "
                            "  VALUES (1, 1, 1, 'fail', 'fail', 1);"
                            "UPDATE inspections SET state = 'signed', completed_at = 2, signed_at = 3 "
                            "  WHERE id = 1;"),
                   ==, SQLITE_OK);

  g_assert_cmpint (exec_rc (db, "UPDATE answers SET value = 'pass', outcome = 'pass' WHERE id = 1"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "DELETE FROM answers WHERE id = 1"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "UPDATE inspections SET inspector = 'y' WHERE id = 1"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "DELETE FROM inspections WHERE id = 1"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "UPDATE template_items SET prompt = 'Q' WHERE id = 1"),
                   ==, SQLITE_CONSTRAINT);
  /* Archiving is the one change left. */
  g_assert_cmpint (exec_rc (db, "UPDATE inspections SET state = 'archived' WHERE id = 1"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "UPDATE inspections SET state = 'signed' WHERE id = 1"),
                   ==, SQLITE_CONSTRAINT);
}

static void
test_audit_append_only (Fixture       *f,
                        gconstpointer  data)
{
  sqlite3 *db = xj_store_get_db (f->store);
  g_autoptr(GError) error = NULL;

  g_assert_true (xj_store_audit (f->store, "tester", "site", 1, "create", "A", &error));
  g_assert_no_error (error);
  g_assert_cmpint (exec_rc (db, "UPDATE audit_log SET actor = 'someone else'"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "DELETE FROM audit_log"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (xj_test_query_int (db, "SELECT count(*) FROM audit_log WHERE actor = 'tester'"), ==, 1);
}

static guint
count_backups (const char *backup_dir)
{
  g_autoptr(GDir) dir = g_dir_open (backup_dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".db"))
      n++;
  return n;
}

static void
test_backup_rotation (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  g_autoptr(GError) error = NULL;
  gint64 day0 = 1790000000;  /* 2026-09-22 */
  char *made = NULL;

  g_assert_true (xj_store_backup_if_due (xj_store_get_db_path (f->store), backups, day0, 7,
                                         &made, &error));
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_assert_true (g_file_test (made, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&made, g_free);

  /* Not due again within a day. */
  g_assert_true (xj_store_backup_if_due (xj_store_get_db_path (f->store), backups,
                                         day0 + 23 * 3600, 7, &made, &error));
  g_assert_null (made);
  g_assert_cmpuint (count_backups (backups), ==, 1);

  /* Ten more days: one a day, and only the last seven are kept. */
  for (int day = 1; day <= 10; day++)
    {
      g_assert_true (xj_store_backup_if_due (xj_store_get_db_path (f->store), backups,
                                             day0 + day * 86400, 7, &made, &error));
      g_assert_no_error (error);
      g_assert_nonnull (made);
      g_clear_pointer (&made, g_free);
    }
  g_assert_cmpuint (count_backups (backups), ==, 7);

  /* The oldest kept is day 4; the newest is a usable Xunjian database. */
  {
    g_autoptr(GDateTime) oldest = g_date_time_new_from_unix_utc (day0 + 4 * 86400);
    g_autoptr(GDateTime) gone = g_date_time_new_from_unix_utc (day0 + 3 * 86400);
    g_autofree char *oldest_name = g_date_time_format (oldest, "xunjian-%Y%m%d-%H%M%S.db");
    g_autofree char *gone_name = g_date_time_format (gone, "xunjian-%Y%m%d-%H%M%S.db");
    g_autofree char *oldest_path = g_build_filename (backups, oldest_name, NULL);
    g_autofree char *gone_path = g_build_filename (backups, gone_name, NULL);

    g_assert_true (g_file_test (oldest_path, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (gone_path, G_FILE_TEST_EXISTS));
  }
}

static void
test_backup_restores (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  g_autofree char *restore_dir = xj_test_make_data_dir ();
  g_autofree char *restore_path = g_build_filename (restore_dir, "xunjian.db", NULL);
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  g_autoptr(XjStore) restored = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;

  g_assert_true (xj_store_save_site (f->store, site, "test", &error));
  g_assert_true (xj_store_backup_if_due (xj_store_get_db_path (f->store), backups,
                                         xj_clock_now (), 7, &made, &error));
  g_assert_no_error (error);

  xj_test_copy_file (made, restore_path);
  restored = xj_store_open (restore_dir, XJ_STORE_OPEN_VERIFY, &error);
  g_assert_no_error (error);
  sites = xj_store_list_sites (restored, TRUE, &error);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpstr (xj_site_get_name (g_ptr_array_index (sites, 0)), ==, "翠湖花园");
  g_clear_object (&restored);
  xj_test_remove_tree (restore_dir);
}

static void
test_unwritable_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjStore) store = NULL;

  if (getuid () == 0)
    {
      /* root writes anywhere; a path through a regular file still fails. */
      g_autofree char *dir = xj_test_make_data_dir ();
      g_autofree char *file = g_build_filename (dir, "file", NULL);
      g_autofree char *inside = g_build_filename (file, "data", NULL);

      g_assert_true (g_file_set_contents (file, "x", 1, NULL));
      store = xj_store_open (inside, XJ_STORE_OPEN_DEFAULT, &error);
      g_assert_null (store);
      g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, inside));
      xj_test_remove_tree (dir);
      return;
    }
  store = xj_store_open ("/proc/xunjian-cannot-be-here", XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_IO);
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

  g_test_add ("/xj/store/migrate/empty", Fixture, NULL, fixture_set_up, test_migrate_empty,
              fixture_tear_down);
  for (guint v = 1; v <= xj_store_get_schema_version (); v++)
    {
      g_autofree char *path = g_strdup_printf ("/xj/store/migrate/v%u", v);

      if (xj_test_has_fixture (FIXTURES_DIR, v, xj_store_get_schema_version ()))
        g_test_add_data_func (path, GUINT_TO_POINTER (v), test_migrate_fixture);
    }
  g_test_add_func ("/xj/store/refuse/newer", test_refuse_newer);
  g_test_add_func ("/xj/store/refuse/not-a-database", test_refuse_not_a_database);
  g_test_add_func ("/xj/store/refuse/damaged", test_refuse_damaged);
  g_test_add_func ("/xj/store/refuse/foreign", test_refuse_foreign);
  g_test_add_func ("/xj/store/refuse/unwritable", test_unwritable_dir);
  g_test_add_func ("/xj/store/refuse/foreign-unstamped", test_refuse_foreign_unstamped);
  g_test_add_func ("/xj/store/open/empty-database", test_adopt_empty_database);
  g_test_add ("/xj/store/open/while-locked", Fixture, NULL, fixture_set_up,
              test_open_while_locked, fixture_tear_down);
  g_test_add_func ("/xj/store/open/upgrade-while-locked", test_upgrade_while_locked);
  g_test_add ("/xj/store/errors/mapping", Fixture, NULL, fixture_set_up, test_error_mapping,
              fixture_tear_down);
  g_test_add ("/xj/store/errors/quick-check-locked", Fixture, NULL, fixture_set_up,
              test_quick_check_locked_is_not_damage, fixture_tear_down);
  g_test_add_func ("/xj/store/errors/disk-full", test_disk_full);
  g_test_add_func ("/xj/store/migrate/v3-photos", test_migrate_photos_v3);
  g_test_add ("/xj/store/foreign-keys", Fixture, NULL, fixture_set_up, test_foreign_keys,
              fixture_tear_down);
  g_test_add ("/xj/store/check-constraints", Fixture, NULL, fixture_set_up,
              test_check_constraints, fixture_tear_down);
  g_test_add ("/xj/store/signed-locked", Fixture, NULL, fixture_set_up, test_signed_locked,
              fixture_tear_down);
  g_test_add ("/xj/store/audit-append-only", Fixture, NULL, fixture_set_up,
              test_audit_append_only, fixture_tear_down);
  g_test_add ("/xj/store/backup/rotation", Fixture, NULL, fixture_set_up, test_backup_rotation,
              fixture_tear_down);
  g_test_add ("/xj/store/backup/restores", Fixture, NULL, fixture_set_up, test_backup_restores,
              fixture_tear_down);

  return g_test_run ();
}
