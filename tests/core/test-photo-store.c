/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Photos in the database: attaching to answers and notices, captions,
 * reuse across inspections, signed inspections, the integrity check and
 * the threaded import.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "xj-photo-async.h"
#include "xj-photo-flags.h"
#include "xj-photo-store.h"
#include "xj-test-photos.h"
#include "xj-test-utils.h"

typedef struct
{
  char        *dir;
  char        *camera;
  XjStore     *store;
  XjPhotoInfo *photos[3];
  guint        changes;
} Fixture;

static void
on_store_changed_cb (XjStore    *store,
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
  f->camera = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  /* Two inspections of one site; answers 1 and 2 belong to the first,
   * answer 3 to the second; one notice. */
  g_assert_true (xj_store_exec (f->store,
    "INSERT INTO sites (id, name, created_at, updated_at) VALUES (1, 'A', 1, 1);"
    "INSERT INTO templates (id, uid, created_at) VALUES (1, 't', 1);"
    "INSERT INTO template_versions (id, template_id, version, name, created_at) "
    "  VALUES (1, 1, 1, 'T', 1);"
    "INSERT INTO template_sections (id, version_id, position, title) VALUES (1, 1, 0, 'S');"
    "INSERT INTO template_items (id, section_id, position, item_key, prompt, response_type) "
    "  VALUES (1, 1, 0, 'k1', 'P1', 'pass_fail'), (2, 1, 1, 'k2', 'P2', 'pass_fail');"
    "INSERT INTO inspections (id, site_id, version_id, kind, inspector, started_at, updated_at) "
    "  VALUES (1, 1, 1, 'daily', 'x', 1, 1), (2, 1, 1, 'daily', 'x', 1, 1);"
    "INSERT INTO answers (id, inspection_id, item_id, value, outcome, answered_at) "
    "  VALUES (1, 1, 1, 'fail', 'fail', 10), (2, 1, 2, 'pass', 'pass', 20),"
    "         (3, 2, 1, 'fail', 'fail', 30);"
    "INSERT INTO notices (id, type, year, seq, number, site_id, created_at, updated_at) "
    "  VALUES (1, 'rectification', 2026, 1, 'ZG-2026-0001', 1, 1, 1);", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (f->photos); i++)
    {
      g_autoptr(GBytes) jpeg = xj_test_make_jpeg (320, 240, 90, 100 + i, FALSE);
      g_autofree char *name = g_strdup_printf ("IMG_%u.jpg", i);
      g_autofree char *path = g_build_filename (f->camera, name, NULL);

      xj_test_write_bytes (path, jpeg);
      f->photos[i] = xj_store_import_photo (f->store, path, &error);
      g_assert_no_error (error);
    }
  g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->photos); i++)
    g_clear_pointer (&f->photos[i], xj_photo_info_free);
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  xj_test_remove_tree (f->camera);
  g_free (f->dir);
  g_free (f->camera);
}

static gint64
query_int (Fixture    *f,
          const char *sql)
{
  return xj_test_query_int (xj_store_get_db (f->store), sql);
}

static void
test_attach_answer (Fixture       *f,
                    gconstpointer  data)
{
  const char *first = f->photos[0]->sha256, *second = f->photos[1]->sha256;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  gint64 id = 0;
  XjAttachedPhoto *photo;

  g_assert_true (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (1), first, "走廊积水", "王芳",
                                        &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (1), second, NULL, "王芳", NULL,
                                        &error));
  g_assert_cmpuint (f->changes, ==, 2);

  photos = xj_store_list_photos (f->store, XJ_ANSWER_PHOTOS (1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 2);
  photo = photos->pdata[0];
  g_assert_cmpint (photo->id, ==, id);
  g_assert_cmpstr (photo->sha256, ==, first);
  g_assert_cmpstr (photo->caption, ==, "走廊积水");
  g_assert_cmpint (photo->position, ==, 0);
  g_assert_cmpint (photo->width, ==, 320);
  g_assert_cmpstr (photo->mime, ==, "image/jpeg");
  g_assert_cmpstr (photo->original_name, ==, "IMG_0.jpg");
  photo = photos->pdata[1];
  g_assert_cmpstr (photo->sha256, ==, second);
  g_assert_cmpint (photo->position, ==, 1);
  g_assert_cmpstr (photo->caption, ==, "");

  /* Twice on the same answer: refused, nothing changed. */
  g_assert_false (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (1), first, NULL, "王芳", NULL,
                                         &error));
  g_assert_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_ALREADY_ATTACHED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM answer_photos"), ==, 2);

  g_assert_true (xj_store_set_photo_caption (f->store, XJ_ANSWER_PHOTOS (1), second, "消防通道堵塞",
                                             "王芳", &error));
  g_assert_no_error (error);
  g_assert_true (xj_store_detach_photo (f->store, XJ_ANSWER_PHOTOS (1), first, "王芳", &error));
  g_assert_no_error (error);
  g_clear_pointer (&photos, g_ptr_array_unref);
  photos = xj_store_list_photos (f->store, XJ_ANSWER_PHOTOS (1), &error);
  g_assert_cmpuint (photos->len, ==, 1);
  photo = photos->pdata[0];
  g_assert_cmpstr (photo->caption, ==, "消防通道堵塞");
  /* The stored photo stays (other answers may use it). */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM photos"), ==, 3);

  g_assert_false (xj_store_detach_photo (f->store, XJ_ANSWER_PHOTOS (1), first, "王芳", &error));
  g_assert_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Every change audited, with its actor. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit_log WHERE entity = 'answer' "
                                 "AND entity_id = 1 AND actor = '王芳' AND action IN "
                                 "('attach-photo', 'detach-photo', 'caption-photo')"), ==, 4);
}

static void
test_attach_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *unknown = "0000000000000000000000000000000000000000000000000000000000000000";

  g_assert_false (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (1), unknown, NULL, "x", NULL,
                                         &error));
  g_assert_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (99), f->photos[0]->sha256,
                                         NULL, "x", NULL, &error));
  g_assert_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (1), "../../etc/passwd", NULL,
                                         "x", NULL, &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A signed inspection is locked, photos included. */
  g_assert_true (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (3), f->photos[2]->sha256, NULL,
                                        "x", NULL, &error));
  g_assert_true (xj_store_exec (f->store, "UPDATE inspections SET state = 'signed', "
                                          "completed_at = 5, signed_at = 6 WHERE id = 2", &error));
  g_assert_false (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (3), f->photos[1]->sha256, NULL,
                                         "x", NULL, &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (xj_store_detach_photo (f->store, XJ_ANSWER_PHOTOS (3), f->photos[2]->sha256, "x",
                                         &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM answer_photos"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit_log WHERE action LIKE '%photo'"),
                   ==, 1);
}

static void
test_used_elsewhere (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) uses = NULL;
  g_autoptr(XjInspection) first = NULL;
  g_autofree char *flags = NULL;
  XjPhotoUse *use;

  g_assert_true (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (3), f->photos[2]->sha256, NULL,
                                        "x", NULL, &error));
  g_assert_true (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (1), f->photos[2]->sha256, NULL,
                                        "x", NULL, &error));
  g_assert_true (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (2), f->photos[1]->sha256, NULL,
                                        "x", NULL, &error));
  g_assert_no_error (error);

  /* The same bytes handed in for inspection 1 were already in inspection 2. */
  uses = xj_store_list_photo_uses (f->store, f->photos[2]->sha256, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uses->len, ==, 1);
  use = g_ptr_array_index (uses, 0);
  g_assert_cmpint (use->inspection_id, ==, 2);
  g_assert_cmpstr (use->site_name, ==, "A");
  g_clear_pointer (&uses, g_ptr_array_unref);
  uses = xj_store_list_photo_uses (f->store, f->photos[2]->sha256, 2, &error);
  g_assert_cmpuint (uses->len, ==, 1);
  g_assert_cmpint (((XjPhotoUse *) uses->pdata[0])->inspection_id, ==, 1);
  g_clear_pointer (&uses, g_ptr_array_unref);
  uses = xj_store_list_photo_uses (f->store, f->photos[1]->sha256, 1, &error);
  g_assert_cmpuint (uses->len, ==, 0);

  /* Said with the site and date, never an id the interface does not show. */
  first = xj_store_get_inspection (f->store, 1, &error);
  g_assert_no_error (error);
  flags = xj_store_dup_photo_flags (f->store, first, f->photos[2]->sha256, FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (flags);
  g_test_message ("%s", flags);
  g_assert_nonnull (strstr (flags, "Already used in the inspection at A on 1970-01-01."));
  g_assert_null (strstr (flags, "inspection 2"));
  g_clear_pointer (&flags, g_free);
  flags = xj_store_dup_photo_flags (f->store, first, f->photos[1]->sha256, FALSE, 0, &error);
  g_assert_null (flags);
  /* Taken 38 hours before the inspection began. */
  flags = xj_store_dup_photo_flags (f->store, first, f->photos[1]->sha256, TRUE,
                                    first->started_at - 38 * 3600, &error);
  g_assert_nonnull (strstr (flags, "38 hours before the inspection"));
  g_clear_pointer (&flags, g_free);
  flags = xj_store_dup_photo_flags (f->store, first, f->photos[1]->sha256, TRUE,
                                    first->started_at - 11 * 3600, &error);
  g_assert_null (flags);
}

static void
test_notice_photos (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  const char *sha = f->photos[0]->sha256;

  g_assert_true (xj_store_attach_photo (f->store, XJ_NOTICE_PHOTOS (1, XJ_NOTICE_PHOTO_BEFORE), sha,
                                        "整改前", "李强", NULL, &error));
  g_assert_true (xj_store_attach_photo (f->store, XJ_NOTICE_PHOTOS (1, XJ_NOTICE_PHOTO_AFTER), sha,
                                        "整改后", "李强", NULL, &error));
  g_assert_true (xj_store_attach_photo (f->store, XJ_NOTICE_PHOTOS (1, XJ_NOTICE_PHOTO_AFTER),
                                        f->photos[1]->sha256, NULL, "李强", NULL,
                                        &error));
  g_assert_no_error (error);
  before = xj_store_list_photos (f->store, XJ_NOTICE_PHOTOS (1, XJ_NOTICE_PHOTO_BEFORE), &error);
  after = xj_store_list_photos (f->store, XJ_NOTICE_PHOTOS (1, XJ_NOTICE_PHOTO_AFTER), &error);
  g_assert_cmpuint (before->len, ==, 1);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpstr (((XjAttachedPhoto *) after->pdata[0])->caption, ==, "整改后");
  g_assert_cmpint (((XjAttachedPhoto *) after->pdata[1])->position, ==, 1);

  /* A caption is the photo's in that phase only. */
  g_assert_true (xj_store_set_photo_caption (f->store, XJ_NOTICE_PHOTOS (1, XJ_NOTICE_PHOTO_BEFORE),
                                             sha, "地漏堵塞", "李强", &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_ptr_array_unref);
  g_clear_pointer (&after, g_ptr_array_unref);
  before = xj_store_list_photos (f->store, XJ_NOTICE_PHOTOS (1, XJ_NOTICE_PHOTO_BEFORE), &error);
  after = xj_store_list_photos (f->store, XJ_NOTICE_PHOTOS (1, XJ_NOTICE_PHOTO_AFTER), &error);
  g_assert_cmpstr (((XjAttachedPhoto *) before->pdata[0])->caption, ==, "地漏堵塞");
  g_assert_cmpstr (((XjAttachedPhoto *) after->pdata[0])->caption, ==, "整改后");

  g_assert_true (xj_store_detach_photo (f->store, XJ_NOTICE_PHOTOS (1, XJ_NOTICE_PHOTO_AFTER), sha,
                                        "李强", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM notice_photos WHERE phase = 'before'"),
                   ==, 1);
  /* Detached once: not attached there any more. */
  g_assert_false (xj_store_detach_photo (f->store, XJ_NOTICE_PHOTOS (1, XJ_NOTICE_PHOTO_AFTER), sha,
                                         "李强", &error));
  g_assert_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_FOUND);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit_log WHERE entity = 'notice'"), ==, 5);
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *thumbnail = xj_photo_dup_thumbnail_path (f->dir, f->photos[0]->sha256);
  g_autofree char *original = xj_photo_dup_original_path (f->dir, f->photos[1]->sha256,
                                                          "image/jpeg");
  g_autoptr(GBytes) bytes = NULL;
  guint8 *altered;
  gsize size = 0;

  g_assert_true (xj_photo_store_check (f->store, report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->str, ==, "");

  /* A lost thumbnail, and an original changed in place (same size). */
  g_assert_cmpint (g_unlink (thumbnail), ==, 0);
  bytes = xj_test_read_bytes (original);
  altered = g_memdup2 (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
  altered[size / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (original, (char *) altered, size, NULL));
  g_free (altered);

  g_assert_false (xj_photo_store_check (f->store, report, &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_CORRUPT);
  g_test_message ("%s\n%s", error->message, report->str);
  g_assert_nonnull (strstr (report->str, f->photos[0]->sha256));
  g_assert_nonnull (strstr (report->str, "thumbnail"));
  g_assert_nonnull (strstr (report->str, f->photos[1]->sha256));
  g_assert_nonnull (strstr (report->str, "altered"));
  g_assert_null (strstr (report->str, f->photos[2]->sha256));
}

/* --- threaded import ----------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  GPtrArray *results;
  GError    *error;
  guint      progress_calls;
  guint      last_done;
} AsyncState;

static void
on_progress (guint        done,
             guint        total,
             const char  *path,
             gpointer     user_data)
{
  AsyncState *state = user_data;

  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpuint (done, ==, state->last_done + 1);
  state->last_done = done;
  state->progress_calls++;
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AsyncState *state = user_data;

  state->results = xj_photo_import_finish (XJ_STORE (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_import_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) first = xj_test_make_jpeg (1200, 900, 90, 500, FALSE);
  g_autoptr(GBytes) second = xj_test_make_png (100, 80);
  g_autoptr(GBytes) text = g_bytes_new_static ("not a photo", 11);
  g_autofree char *first_path = g_build_filename (f->camera, "new-1.jpg", NULL);
  g_autofree char *second_path = g_build_filename (f->camera, "new-2.png", NULL);
  g_autofree char *text_path = g_build_filename (f->camera, "notes.jpg", NULL);
  const char *paths[] = { first_path, text_path, second_path, NULL };
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  AsyncState state = { 0 };
  XjPhotoImportResult *result;

  xj_test_write_bytes (first_path, first);
  xj_test_write_bytes (second_path, second);
  xj_test_write_bytes (text_path, text);
  state.loop = g_main_loop_new (NULL, FALSE);
  xj_photo_import_async (f->store, paths, on_progress, &state, NULL, NULL, on_import_done_cb,
                         &state);
  g_main_loop_run (state.loop);

  g_assert_no_error (state.error);
  g_assert_cmpuint (state.results->len, ==, 3);
  g_assert_cmpuint (state.progress_calls, ==, 3);
  result = state.results->pdata[0];
  g_assert_nonnull (result->info);
  g_assert_cmpint (result->info->width, ==, 1200);
  result = state.results->pdata[1];
  g_assert_null (result->info);
  g_assert_error (result->error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_IMAGE);
  result = state.results->pdata[2];
  g_assert_cmpstr (result->info->mime, ==, "image/png");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM photos"), ==, 5);
  g_assert_cmpuint (f->changes, ==, 1);
  g_clear_pointer (&state.results, g_ptr_array_unref);

  /* Cancelled before it began: nothing imported, told so. */
  g_cancellable_cancel (cancelled);
  state.progress_calls = 0;
  xj_photo_import_async (f->store, paths, NULL, NULL, NULL, cancelled, on_import_done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_null (state.results);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

static void
on_progress_cancel (guint        done,
                    guint        total,
                    const char  *path,
                    gpointer     user_data)
{
  g_cancellable_cancel (user_data);
}

/* Cancelled after the first photo, wherever the worker then is: the
 * photos it stored are taken back, rows and files; one stored before
 * stays. */
static void
test_import_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 0 };
  gint64 rows_before = query_int (f, "SELECT count(*) FROM photos");
  guint files_before = xj_test_count_stored_files (f->dir);
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(XjPhotoInfo) stored_before = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GBytes) jpeg = xj_test_make_jpeg (1600, 1200, 90, 900 + i, FALSE);
      g_autofree char *name = g_strdup_printf ("IMG_%04u.JPG", i);
      char *path = g_build_filename (f->camera, name, NULL);

      xj_test_write_bytes (path, jpeg);
      g_ptr_array_add (paths, path);
    }
  /* One of them is in the store already (and attached nowhere). */
  stored_before = xj_store_import_photo (f->store, paths->pdata[2], &error);
  g_assert_no_error (error);
  rows_before++;
  files_before += 3;
  g_ptr_array_add (paths, NULL);

  state.loop = g_main_loop_new (NULL, FALSE);
  xj_photo_import_async (f->store, (const char * const *) paths->pdata, on_progress_cancel,
                         cancellable, NULL, cancellable, on_import_done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_null (state.results);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);

  g_assert_cmpint (query_int (f, "SELECT count(*) FROM photos"), ==, rows_before);
  g_assert_cmpuint (xj_test_count_stored_files (f->dir), ==, files_before);
  g_assert_true (xj_photo_store_check (f->store, report, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  xj_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/xj/photo/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("attach-answer", test_attach_answer);
  ADD ("attach-refused", test_attach_refused);
  ADD ("used-elsewhere", test_used_elsewhere);
  ADD ("notice-photos", test_notice_photos);
  ADD ("check", test_check);
  ADD ("import-async", test_import_async);
  ADD ("import-cancelled", test_import_cancelled);
#undef ADD
  return g_test_run ();
}
