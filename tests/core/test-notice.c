/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "notice-fixture.h"
#include "xj-notice-history.h"

/* --- numbering ------------------------------------------------------------ */

static void
test_numbering_per_type_and_year (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(XjNotice) a = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                       XJ_NOTICE_SEVERITY_NORMAL, T0 + DAY);
  g_autoptr(XjNotice) b = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                       XJ_NOTICE_SEVERITY_NORMAL, T0 + DAY);
  g_autoptr(XjNotice) c = make_notice (f, XJ_NOTICE_TYPE_CONTACT, XJ_NOTICE_SEVERITY_LOW, 0);
  g_autoptr(XjNotice) d = make_notice (f, XJ_NOTICE_TYPE_WORK_ORDER,
                                       XJ_NOTICE_SEVERITY_NORMAL, T0 + DAY);
  g_autoptr(XjNotice) last_2026 = NULL;
  g_autoptr(XjNotice) first_2027 = NULL;

  g_assert_cmpstr (xj_notice_get_number (a), ==, "ZG-2026-0001");
  g_assert_cmpstr (xj_notice_get_number (b), ==, "ZG-2026-0002");
  g_assert_cmpstr (xj_notice_get_number (c), ==, "LX-2026-0001");
  g_assert_cmpstr (xj_notice_get_number (d), ==, "PG-2026-0001");
  g_assert_cmpint (xj_notice_get_state (a), ==, XJ_NOTICE_STATE_DRAFT);
  g_assert_cmpint (f->changes, ==, 4);

  /* The year is the local one: 23:59:59 on 31 December in Shanghai is still
   * 2026, half past midnight is 2027 although UTC is still in 2026. */
  xj_clock_set_fixed (1798732799);
  last_2026 = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION, XJ_NOTICE_SEVERITY_NORMAL, 0);
  g_assert_cmpstr (xj_notice_get_number (last_2026), ==, "ZG-2026-0003");
  xj_clock_set_fixed (1798734600);
  first_2027 = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION, XJ_NOTICE_SEVERITY_NORMAL, 0);
  g_assert_cmpstr (xj_notice_get_number (first_2027), ==, "ZG-2027-0001");
}

static void
test_numbering_failed_save (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(XjNotice) first = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                           XJ_NOTICE_SEVERITY_NORMAL, T0 + DAY);
  g_autoptr(XjNotice) broken = xj_notice_new (XJ_NOTICE_TYPE_RECTIFICATION, f->site);
  g_autoptr(XjNotice) next = NULL;
  g_autoptr(GError) error = NULL;
  char missing[65];

  g_assert_nonnull (first);

  /* A photo that is not in the photo store: the foreign key fails after
   * the counter was bumped, in the same transaction. */
  memset (missing, 'e', 64);
  missing[64] = '\0';
  xj_notice_set_description (broken, "垃圾桶外表面不洁");
  xj_notice_add_before_photo (broken, missing);
  g_assert_false (xj_store_create_notice (f->store, broken, 90, "李娜", &error));
  g_assert_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (xj_notice_get_id (broken), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT last_seq FROM notice_counters "
                               "WHERE type = 'rectification'"), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM notices"), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE entity = 'notice'"), ==, 1);
  g_assert_cmpint (f->changes, ==, 1);

  /* Refused before the transaction: nothing to roll back either. */
  g_clear_error (&error);
  {
    g_autoptr(XjNotice) empty = xj_notice_new (XJ_NOTICE_TYPE_RECTIFICATION, f->site);

    g_assert_false (xj_store_create_notice (f->store, empty, 90, "李娜", &error));
    g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID);
  }

  next = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION, XJ_NOTICE_SEVERITY_NORMAL, T0 + DAY);
  g_assert_cmpstr (xj_notice_get_number (next), ==, "ZG-2026-0002");
}

static void
test_numbering_two_connections (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjStore) other = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  for (int i = 0; i < 10; i++)
    {
      g_autoptr(XjNotice) notice = xj_notice_new (XJ_NOTICE_TYPE_WORK_ORDER, f->site);
      g_autofree char *expected = g_strdup_printf ("PG-2026-%04d", i + 1);

      xj_notice_set_description (notice, "路灯不亮");
      g_assert_true (xj_store_create_notice (i % 2 ? other : f->store, notice, 90, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (xj_notice_get_number (notice), ==, expected);
    }
}

#define N_THREADS 4
#define PER_THREAD 25

static gpointer
create_notices_thread (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XjStore) store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  for (int i = 0; i < PER_THREAD; i++)
    {
      g_autoptr(XjNotice) notice = xj_notice_new (XJ_NOTICE_TYPE_RECTIFICATION, f->site);

      xj_notice_set_description (notice, "消防通道堆放杂物");
      g_assert_true (xj_store_create_notice (store, notice, 90, "线程", &error));
      g_assert_no_error (error);
      g_thread_yield ();
    }
  return NULL;
}

static void
test_numbering_concurrent (Fixture       *f,
                           gconstpointer  data)
{
  GThread *threads[N_THREADS];
  sqlite3_stmt *stmt = NULL;
  gint64 expected = 1;

  for (int i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("notices", create_notices_thread, f);
  for (int i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  /* Every number once, 1 … N without a hole, and seq agrees with it. */
  g_assert_cmpint (sql_int (f, "SELECT count(DISTINCT number) FROM notices"), ==,
                   N_THREADS * PER_THREAD);
  sqlite3_prepare_v2 (xj_store_get_db (f->store),
                      "SELECT seq, number FROM notices ORDER BY seq", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *number = g_strdup_printf ("ZG-2026-%04lld", (long long) expected);

      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, expected);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, number);
      expected++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (expected - 1, ==, N_THREADS * PER_THREAD);
  g_assert_cmpint (sql_int (f, "SELECT last_seq FROM notice_counters"), ==,
                   N_THREADS * PER_THREAD);
}

/* --- lifecycle ------------------------------------------------------------ */

static gboolean
perform (Fixture         *f,
         gint64           id,
         XjNoticeAction   action,
         GError         **error)
{
  const char *const after[] = { NULL };
  /* Every step with the words it takes: each action reads its own. */
  const XjNoticeStepOptions options = {
    .by = action == XJ_NOTICE_ACTION_ACKNOWLEDGE ? "张伟" : "李娜",
    .recorded_by = "李娜",
    .company = "绿城物业",
    .remark = action == XJ_NOTICE_ACTION_RECTIFY ? "已清理积水并修复地漏"
              : action == XJ_NOTICE_ACTION_REJECT ? "地漏仍堵塞" : "复查合格",
    .after_photos = after,
    .new_deadline = T0 + 5 * DAY,
  };

  return xj_store_take_notice_step (f->store, id, action, &options, error);
}

/* The one path from a draft to each state. */
static const int path[XJ_NOTICE_N_STATES][6] = {
  [XJ_NOTICE_STATE_DRAFT] = { -1 },
  [XJ_NOTICE_STATE_ISSUED] = { XJ_NOTICE_ACTION_ISSUE, -1 },
  [XJ_NOTICE_STATE_ACKNOWLEDGED] = { XJ_NOTICE_ACTION_ISSUE, XJ_NOTICE_ACTION_ACKNOWLEDGE, -1 },
  [XJ_NOTICE_STATE_RECTIFIED] = { XJ_NOTICE_ACTION_ISSUE, XJ_NOTICE_ACTION_ACKNOWLEDGE,
                                  XJ_NOTICE_ACTION_RECTIFY, -1 },
  [XJ_NOTICE_STATE_VERIFIED] = { XJ_NOTICE_ACTION_ISSUE, XJ_NOTICE_ACTION_ACKNOWLEDGE,
                                 XJ_NOTICE_ACTION_RECTIFY, XJ_NOTICE_ACTION_ACCEPT, -1 },
  [XJ_NOTICE_STATE_CLOSED] = { XJ_NOTICE_ACTION_ISSUE, XJ_NOTICE_ACTION_ACKNOWLEDGE,
                               XJ_NOTICE_ACTION_RECTIFY, XJ_NOTICE_ACTION_ACCEPT,
                               XJ_NOTICE_ACTION_CLOSE, -1 },
};

/* What the lifecycle allows: state × action → target, or -1. */
static const int legal[XJ_NOTICE_N_STATES][XJ_NOTICE_N_ACTIONS] = {
  /*                          issue ack rectify accept reject close */
  [XJ_NOTICE_STATE_DRAFT] =        { 1, -1, -1, -1, -1, -1 },
  [XJ_NOTICE_STATE_ISSUED] =       { -1, 2, -1, -1, -1, -1 },
  [XJ_NOTICE_STATE_ACKNOWLEDGED] = { -1, -1, 3, -1, -1, -1 },
  [XJ_NOTICE_STATE_RECTIFIED] =    { -1, -1, -1, 4, 1, -1 },
  [XJ_NOTICE_STATE_VERIFIED] =     { -1, -1, -1, -1, -1, 5 },
  [XJ_NOTICE_STATE_CLOSED] =       { -1, -1, -1, -1, -1, -1 },
};

static void
test_transitions_table (Fixture       *f,
                        gconstpointer  data)
{
  for (int state = 0; state < XJ_NOTICE_N_STATES; state++)
    for (int action = 0; action < XJ_NOTICE_N_ACTIONS; action++)
      {
        g_autoptr(XjNotice) notice = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                                  XJ_NOTICE_SEVERITY_NORMAL, T0 + 2 * DAY);
        g_autoptr(GError) error = NULL;
        gint64 id = xj_notice_get_id (notice);
        gint64 events, audits;
        XjNoticeState target = 0;
        gboolean ok;

        for (int step = 0; path[state][step] >= 0; step++)
          {
            g_assert_true (perform (f, id, (XjNoticeAction) path[state][step], &error));
            g_assert_no_error (error);
          }
        g_assert_cmpint (stored_state (f, id), ==, state);
        g_assert_cmpint (xj_notice_action_allowed (state, action, &target), ==,
                         legal[state][action] >= 0);

        events = sql_int (f, "SELECT count(*) FROM notice_events");
        audits = sql_int (f, "SELECT count(*) FROM audit_log");
        ok = perform (f, id, action, &error);
        if (legal[state][action] >= 0)
          {
            g_assert_no_error (error);
            g_assert_true (ok);
            g_assert_cmpint (target, ==, legal[state][action]);
            g_assert_cmpint (stored_state (f, id), ==, legal[state][action]);
            g_assert_cmpint (sql_int (f, "SELECT count(*) FROM notice_events"), ==, events + 1);
            g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"), ==, audits + 1);
          }
        else
          {
            g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_ILLEGAL_TRANSITION);
            g_assert_false (ok);
            /* The message names the current state and what is allowed. */
            g_assert_nonnull (strstr (error->message, xj_notice_state_get_label (state)));
            g_assert_nonnull (strstr (error->message, "Allowed now: "));
            g_assert_nonnull (strstr (error->message, xj_notice_get_number (notice)));
            g_assert_cmpint (stored_state (f, id), ==, state);
            g_assert_cmpint (sql_int (f, "SELECT count(*) FROM notice_events"), ==, events);
            g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"), ==, audits);
          }
      }
}

static void
test_walk_with_rejection (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(XjNotice) notice = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                            XJ_NOTICE_SEVERITY_NORMAL, T0 + 2 * DAY);
  g_autoptr(XjNotice) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *states = NULL;
  gint64 id = xj_notice_get_id (notice);
  char first[65], second[65];
  const char *after1[] = { first, NULL };
  const char *after2[] = { first, second, NULL };

  make_photo (f, 'a', first);
  make_photo (f, 'b', second);

  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_ISSUE,
                                            &(XjNoticeStepOptions) { .by = "李娜" }, &error));
  xj_clock_set_fixed (T0 + HOUR);
  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_ACKNOWLEDGE,
                                            &(XjNoticeStepOptions) { .by = "张伟",
                                                                     .company = "绿城物业",
                                                                     .strokes_json = "{\"strokes\": [[[1, 2], [3, 4]]]}",
                                                                     .recorded_by = "李娜" }, &error));
  g_assert_no_error (error);
  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_RECTIFY,
                                            &(XjNoticeStepOptions) { .by = "张伟",
                                                                     .remark = "已疏通地漏",
                                                                     .after_photos = after1 }, &error));

  /* A rejection needs a reason and a deadline in the future. */
  g_assert_false (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_REJECT,
                                             &(XjNoticeStepOptions) { .by = "李娜",
                                                                      .remark = "仍有积水",
                                                                      .new_deadline = T0 }, &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_REJECT,
                                             &(XjNoticeStepOptions) { .by = "李娜", .remark = "  ",
                                                                      .new_deadline = T0 + 9 * DAY }, &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_REJECT,
                                            &(XjNoticeStepOptions) { .by = "李娜",
                                                                     .remark = "仍有积水",
                                                                     .new_deadline = T0 + 4 * DAY }, &error));
  g_assert_no_error (error);

  read = xj_store_get_notice (f->store, id, &error);
  g_assert_cmpint (xj_notice_get_state (read), ==, XJ_NOTICE_STATE_ISSUED);
  g_assert_cmpint (xj_notice_get_deadline (read), ==, T0 + 4 * DAY);
  g_assert_cmpint (xj_notice_get_acknowledged_at (read), ==, 0);
  g_assert_cmpint (xj_notice_get_issued_at (read), ==, T0);
  g_assert_cmpstr (xj_notice_get_issued_by (read), ==, "李娜");
  /* The old deadline is kept in the history. */
  g_assert_cmpint (sql_int (f, "SELECT deadline FROM notice_events WHERE to_state = 'issued' "
                               "AND from_state = 'rectified'"), ==, T0 + 2 * DAY);
  g_clear_object (&read);

  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_ACKNOWLEDGE,
                                            &(XjNoticeStepOptions) { .by = "张伟" }, &error));
  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_RECTIFY,
                                            &(XjNoticeStepOptions) { .by = "张伟",
                                                                     .remark = "已更换地漏",
                                                                     .after_photos = after2 }, &error));
  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_ACCEPT,
                                            &(XjNoticeStepOptions) { .by = "李娜" }, &error));
  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_CLOSE,
                                            &(XjNoticeStepOptions) { .by = "李娜" }, &error));
  g_assert_no_error (error);

  read = xj_store_get_notice (f->store, id, &error);
  g_assert_cmpint (xj_notice_get_state (read), ==, XJ_NOTICE_STATE_CLOSED);
  g_assert_cmpstr (xj_notice_get_acknowledged_by (read), ==, "张伟");
  g_assert_cmpstr (xj_notice_get_rectification_remark (read), ==, "已更换地漏");
  g_assert_cmpstr (xj_notice_get_verified_by (read), ==, "李娜");
  g_assert_cmpint (xj_notice_get_verified_at (read), ==, T0 + HOUR);
  g_assert_cmpint (xj_notice_get_closed_at (read), ==, T0 + HOUR);
  g_assert_cmpuint (xj_notice_get_after_photos (read)->len, ==, 2);
  g_assert_cmpuint (xj_notice_get_before_photos (read)->len, ==, 0);

  states = sql_text (f, "SELECT group_concat(to_state, ' ') FROM "
                        "(SELECT to_state FROM notice_events ORDER BY id)");
  g_assert_cmpstr (states, ==, "draft issued acknowledged rectified issued acknowledged "
                               "rectified verified closed");
  actions = sql_text (f, "SELECT group_concat(action || '/' || actor, ' ') FROM "
                         "(SELECT action, actor FROM audit_log WHERE entity = 'notice' "
                         "ORDER BY id)");
  g_assert_cmpstr (actions, ==, "create/李娜 issue/李娜 acknowledge/李娜 rectify/张伟 "
                                "reject/李娜 acknowledge/张伟 rectify/张伟 accept/李娜 close/李娜");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM signatures WHERE notice_id IS NOT NULL "
                               "AND role = 'recipient' AND name = '张伟'"), ==, 1);
  g_assert_cmpint (f->changes, ==, 9);
}

/* A finding whose item requires a photo on failure needs an after-photo
 * when its rectification is recorded; the others do not. */
static void
test_rectify_needs_photos (Fixture       *f,
                           gconstpointer  data)
{
  gint64 inspection, answer;
  g_autoptr(XjNotice) notice = xj_notice_new (XJ_NOTICE_TYPE_RECTIFICATION, f->site);
  g_autoptr(XjNotice) plain = make_notice (f, XJ_NOTICE_TYPE_CONTACT, XJ_NOTICE_SEVERITY_NORMAL,
                                           T0 + 2 * DAY);
  g_autoptr(GError) error = NULL;
  const char *none[] = { NULL };
  char photo[65];
  const char *after[] = { photo, NULL };
  gboolean needs = TRUE;
  gint64 id;

  sql_insert (f, "UPDATE template_items SET photo_on_fail = 1 WHERE item_key = 'clean.litter'");
  inspection = make_inspection (f, f->site, T0 - HOUR);
  answer = make_answer (f, inspection, f->item_litter, "fail", T0 - HOUR);
  make_photo (f, 'c', photo);
  xj_notice_add_finding (notice, answer);
  xj_notice_set_deadline (notice, T0 + 2 * DAY);
  g_assert_true (xj_store_create_notice (f->store, notice, XJ_REPEAT_WINDOW_DAYS_DEFAULT,
                                         "李娜", &error));
  g_assert_no_error (error);
  id = xj_notice_get_id (notice);
  g_assert_true (xj_store_notice_needs_after_photos (f->store, id, &needs, &error));
  g_assert_true (needs);
  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_ISSUE,
                                            &(XjNoticeStepOptions) { .by = "李娜" }, &error));
  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_ACKNOWLEDGE,
                                            &(XjNoticeStepOptions) { .by = "张伟",
                                                                     .recorded_by = "李娜" }, &error));
  g_assert_no_error (error);

  g_assert_false (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_RECTIFY,
                                             &(XjNoticeStepOptions) { .by = "张伟",
                                                                      .remark = "已清理",
                                                                      .after_photos = none }, &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, xj_notice_get_number (notice)));
  g_clear_error (&error);
  g_assert_cmpint (stored_state (f, id), ==, XJ_NOTICE_STATE_ACKNOWLEDGED);
  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_RECTIFY,
                                            &(XjNoticeStepOptions) { .by = "张伟",
                                                                     .remark = "已清理",
                                                                     .after_photos = after }, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_state (f, id), ==, XJ_NOTICE_STATE_RECTIFIED);

  /* A standalone notice asks for none. */
  id = xj_notice_get_id (plain);
  g_assert_true (xj_store_notice_needs_after_photos (f->store, id, &needs, &error));
  g_assert_false (needs);
  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_ISSUE,
                                            &(XjNoticeStepOptions) { .by = "李娜" }, &error));
  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_ACKNOWLEDGE,
                                            &(XjNoticeStepOptions) { .by = "张伟",
                                                                     .recorded_by = "李娜" }, &error));
  g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_RECTIFY,
                                            &(XjNoticeStepOptions) { .by = "张伟",
                                                                     .remark = "已清理" }, &error));
  g_assert_no_error (error);
}

static void
test_issue_needs_deadline (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(XjNotice) none = make_notice (f, XJ_NOTICE_TYPE_CONTACT,
                                          XJ_NOTICE_SEVERITY_NORMAL, 0);
  g_autoptr(XjNotice) past = make_notice (f, XJ_NOTICE_TYPE_CONTACT,
                                          XJ_NOTICE_SEVERITY_NORMAL, T0);
  g_autoptr(GError) error = NULL;

  g_assert_false (xj_store_take_notice_step (f->store, xj_notice_get_id (none), XJ_NOTICE_ACTION_ISSUE,
                                             &(XjNoticeStepOptions) { .by = "李娜" }, &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (xj_store_take_notice_step (f->store, xj_notice_get_id (past), XJ_NOTICE_ACTION_ISSUE,
                                             &(XjNoticeStepOptions) { .by = "李娜" }, &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (xj_store_take_notice_step (f->store, 999, XJ_NOTICE_ACTION_ISSUE,
                                             &(XjNoticeStepOptions) { .by = "李娜" }, &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_NOT_FOUND);
  g_assert_cmpint (stored_state (f, xj_notice_get_id (none)), ==, XJ_NOTICE_STATE_DRAFT);
}

static void
test_draft_edit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(XjNotice) notice = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                            XJ_NOTICE_SEVERITY_NORMAL, 0);
  g_autoptr(XjNotice) read = NULL;
  g_autoptr(GError) error = NULL;
  char photo[65];

  make_photo (f, 'c', photo);
  xj_notice_set_deadline (notice, T0 + 3 * DAY);
  xj_notice_set_addressed_person (notice, "张伟");
  xj_notice_set_required_action (notice, "三日内疏通地漏");
  xj_notice_add_before_photo (notice, photo);
  g_assert_true (xj_store_save_notice_draft (f->store, notice, "李娜", &error));
  g_assert_no_error (error);
  read = xj_store_get_notice (f->store, xj_notice_get_id (notice), &error);
  g_assert_cmpint (xj_notice_get_deadline (read), ==, T0 + 3 * DAY);
  g_assert_cmpstr (xj_notice_get_required_action (read), ==, "三日内疏通地漏");
  g_assert_cmpstr (g_ptr_array_index (xj_notice_get_before_photos (read), 0), ==, photo);

  xj_notice_set_notice_type (notice, XJ_NOTICE_TYPE_CONTACT);
  g_assert_false (xj_store_save_notice_draft (f->store, notice, "李娜", &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID);
  g_clear_error (&error);
  xj_notice_set_notice_type (notice, XJ_NOTICE_TYPE_RECTIFICATION);

  g_assert_true (xj_store_take_notice_step (f->store, xj_notice_get_id (notice), XJ_NOTICE_ACTION_ISSUE,
                                            &(XjNoticeStepOptions) { .by = "李娜" }, &error));
  g_assert_false (xj_store_save_notice_draft (f->store, notice, "李娜", &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_ILLEGAL_TRANSITION);
}

static void
test_discard_draft (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(XjNotice) draft = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                           XJ_NOTICE_SEVERITY_NORMAL, 0);
  g_autoptr(XjNotice) issued = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                            XJ_NOTICE_SEVERITY_NORMAL, T0 + DAY);
  g_autoptr(XjNotice) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  g_assert_true (xj_store_take_notice_step (f->store, xj_notice_get_id (issued), XJ_NOTICE_ACTION_ISSUE,
                                            &(XjNoticeStepOptions) { .by = "李娜" }, &error));
  g_assert_false (xj_store_discard_notice_draft (f->store, xj_notice_get_id (issued), "重复",
                                                 "李娜", &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_ILLEGAL_TRANSITION);
  g_clear_error (&error);
  g_assert_false (xj_store_discard_notice_draft (f->store, xj_notice_get_id (draft), "",
                                                 "李娜", &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (xj_store_discard_notice_draft (f->store, xj_notice_get_id (draft), "重复开具",
                                                "李娜", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM notices"), ==, 1);
  detail = sql_text (f, "SELECT detail FROM audit_log WHERE action = 'discard'");
  g_assert_cmpstr (detail, ==, "ZG-2026-0001: 重复开具");
  /* Its number is not given again. */
  next = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION, XJ_NOTICE_SEVERITY_NORMAL, 0);
  g_assert_cmpstr (xj_notice_get_number (next), ==, "ZG-2026-0003");
}

/* The newest notice discarded: its id, and the audit trail under it, never
 * pass to the next notice (issue 12). */
static void
test_discard_newest_keeps_id (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(XjNotice) draft = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                           XJ_NOTICE_SEVERITY_NORMAL, 0);
  g_autoptr(XjNotice) next = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 discarded = xj_notice_get_id (draft);

  g_assert_true (xj_store_discard_notice_draft (f->store, discarded, "填错了站点", "李娜", &error));
  g_assert_no_error (error);
  next = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION, XJ_NOTICE_SEVERITY_NORMAL, 0);
  g_assert_cmpint (xj_notice_get_id (next), >, discarded);
  audit = xj_store_list_audit (f->store, "notice", xj_notice_get_id (next), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    g_assert_cmpstr (((XjAuditEntry *) g_ptr_array_index (audit, i))->action, !=, "discard");
  g_assert_cmpuint (audit->len, ==, 1);   /* its own "create" only */
  events = xj_store_list_notice_events (f->store, xj_notice_get_id (next), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, <=, 1);
}

/* --- escalation ----------------------------------------------------------- */

static void
test_escalation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(XjNotice) late = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                          XJ_NOTICE_SEVERITY_NORMAL, T0 + DAY);
  g_autoptr(XjNotice) safety = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                            XJ_NOTICE_SEVERITY_SAFETY, T0 + DAY);
  g_autoptr(XjNotice) in_time = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                             XJ_NOTICE_SEVERITY_SERIOUS, T0 + 9 * DAY);
  g_autoptr(XjNotice) done = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                          XJ_NOTICE_SEVERITY_NORMAL, T0 + DAY);
  g_autoptr(XjNotice) draft = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                           XJ_NOTICE_SEVERITY_SAFETY, T0 + HOUR);
  g_autoptr(XjNotice) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  XjNoticeFilter filter;
  guint n = 99;

  g_assert_true (perform (f, xj_notice_get_id (late), XJ_NOTICE_ACTION_ISSUE, &error));
  g_assert_true (perform (f, xj_notice_get_id (in_time), XJ_NOTICE_ACTION_ISSUE, &error));
  g_assert_true (perform (f, xj_notice_get_id (done), XJ_NOTICE_ACTION_ISSUE, &error));
  g_assert_true (perform (f, xj_notice_get_id (done), XJ_NOTICE_ACTION_ACKNOWLEDGE, &error));
  g_assert_true (perform (f, xj_notice_get_id (done), XJ_NOTICE_ACTION_RECTIFY, &error));

  /* A safety hazard is escalated the moment it is issued. */
  g_assert_true (perform (f, xj_notice_get_id (safety), XJ_NOTICE_ACTION_ISSUE, &error));
  g_assert_no_error (error);
  read = xj_store_get_notice (f->store, xj_notice_get_id (safety), &error);
  g_assert_true (xj_notice_get_escalated (read));
  g_assert_cmpstr (xj_notice_get_escalation_reason (read), ==, "safety");
  g_assert_cmpint (xj_notice_get_escalated_at (read), ==, T0);
  g_assert_cmpstr (xj_notice_get_project_manager (read), ==, "陈经理");
  g_clear_object (&read);

  /* At the deadline itself nothing is overdue yet. */
  g_assert_true (xj_notices_escalate_due (f->store, T0 + DAY, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (xj_notices_escalate_due (f->store, T0 + DAY + 1, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  read = xj_store_get_notice (f->store, xj_notice_get_id (late), &error);
  g_assert_true (xj_notice_get_escalated (read));
  g_assert_cmpstr (xj_notice_get_escalation_reason (read), ==, "overdue");
  g_assert_cmpint (xj_notice_get_escalated_at (read), ==, T0 + DAY + 1);
  g_clear_object (&read);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'escalate' "
                               "AND detail LIKE '%陈经理'"), ==, 2);

  /* Idempotent. */
  g_assert_true (xj_notices_escalate_due (f->store, T0 + 30 * DAY, &n, &error));
  g_assert_cmpuint (n, ==, 1); /* in_time is late by now */
  g_assert_true (xj_notices_escalate_due (f->store, T0 + 30 * DAY, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'escalate'"), ==, 3);

  /* A safety notice that missed escalation is caught by the rule. */
  sql_insert (f, "UPDATE notices SET escalated = 0 WHERE severity = 'safety'");
  g_assert_true (xj_notices_escalate_due (f->store, T0, &n, &error));
  g_assert_cmpuint (n, ==, 1);

  /* The project manager's list: rectified and draft ones are not in it. */
  xj_notice_filter_init (&filter);
  filter.escalated = TRUE;
  list = xj_store_list_notices (f->store, &filter, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (xj_notice_get_project_manager (g_ptr_array_index (list, i)), ==, "陈经理");

  /* By hand: a reason is needed, and a draft cannot be escalated. */
  g_assert_false (xj_store_escalate_notice (f->store, xj_notice_get_id (draft), "严重", "李娜",
                                            &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_ILLEGAL_TRANSITION);
  g_clear_error (&error);
  g_assert_true (xj_store_escalate_notice (f->store, xj_notice_get_id (done), "业主投诉",
                                           "李娜", &error));
  g_assert_no_error (error);
  read = xj_store_get_notice (f->store, xj_notice_get_id (done), &error);
  g_assert_cmpstr (xj_notice_get_escalation_reason (read), ==, "业主投诉");
  g_assert_cmpstr (xj_notice_escalation_reason_get_label ("overdue"), ==, "Overdue");
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/xj/notice/numbering/per-type-and-year", test_numbering_per_type_and_year);
  ADD ("/xj/notice/numbering/failed-save", test_numbering_failed_save);
  ADD ("/xj/notice/numbering/two-connections", test_numbering_two_connections);
  ADD ("/xj/notice/numbering/concurrent", test_numbering_concurrent);
  ADD ("/xj/notice/lifecycle/table", test_transitions_table);
  ADD ("/xj/notice/lifecycle/walk-with-rejection", test_walk_with_rejection);
  ADD ("/xj/notice/lifecycle/issue-needs-deadline", test_issue_needs_deadline);
  ADD ("/xj/notice/lifecycle/rectify-needs-photos", test_rectify_needs_photos);
  ADD ("/xj/notice/lifecycle/draft-edit", test_draft_edit);
  ADD ("/xj/notice/lifecycle/discard-draft", test_discard_draft);
  ADD ("/xj/notice/lifecycle/discard-newest-keeps-id", test_discard_newest_keeps_id);
  ADD ("/xj/notice/escalation", test_escalation);
#undef ADD

  return g_test_run ();
}
