/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the board derives from deadlines, at the boundaries, with a fixed
 * clock and TZ=Asia/Shanghai (set by xj_test_init).
 */
#include "config.h"

#include "notice-fixture.h"

static XjNotice *
issued_notice (Fixture          *f,
               XjNoticeType      type,
               XjNoticeSeverity  severity,
               gint64            deadline)
{
  g_autoptr(XjNotice) notice = make_notice (f, type, severity, deadline);
  g_autoptr(GError) error = NULL;

  g_assert_true (xj_store_take_notice_step (f->store, xj_notice_get_id (notice), XJ_NOTICE_ACTION_ISSUE,
                                            &(XjNoticeStepOptions) { .by = "李娜" }, &error));
  g_assert_no_error (error);
  return xj_store_get_notice (f->store, xj_notice_get_id (notice), &error);
}

static void
test_overdue_and_due_soon (Fixture       *f,
                           gconstpointer  data)
{
  gint64 deadline = T0 + 3 * DAY;
  g_autoptr(XjNotice) notice = issued_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                              XJ_NOTICE_SEVERITY_NORMAL, deadline);
  static const struct {
    gint64   offset;      /* now - deadline */
    gboolean overdue;
    gboolean due_soon;
  } cases[] = {
    { -DAY - 1, FALSE, FALSE },
    { -DAY, FALSE, TRUE },
    { -1, FALSE, TRUE },
    { 0, FALSE, TRUE },       /* at the deadline: still in time */
    { 1, TRUE, FALSE },
    { 10 * DAY, TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 now = deadline + cases[i].offset;

      g_assert_cmpint (xj_notice_is_overdue (notice, now), ==, cases[i].overdue);
      g_assert_cmpint (xj_notice_is_due_soon (notice, now), ==, cases[i].due_soon);
      /* A rectified notice waits for the liaison and a draft's deadline is
       * not in force: neither is ever overdue. */
      g_assert_false (xj_notice_deadline_is_overdue (XJ_NOTICE_STATE_RECTIFIED, deadline, now));
      g_assert_false (xj_notice_deadline_is_overdue (XJ_NOTICE_STATE_DRAFT, deadline, now));
      g_assert_false (xj_notice_deadline_is_due_soon (XJ_NOTICE_STATE_CLOSED, deadline, now));
      g_assert_cmpint (xj_notice_deadline_is_overdue (XJ_NOTICE_STATE_ACKNOWLEDGED,
                                                      deadline, now), ==, cases[i].overdue);
    }
}

static void
test_countdown (Fixture       *f,
                gconstpointer  data)
{
  static const struct {
    gint64      offset;   /* deadline - now */
    const char *text;
  } cases[] = {
    { 2 * DAY, "2 days left" },
    { 3 * DAY - 1, "2 days left" },
    { 2 * DAY - 1, "47 hours left" },
    { 2 * HOUR, "2 hours left" },
    { 2 * HOUR - 1, "119 minutes left" },
    { 60, "1 minute left" },
    { 30, "1 minute left" },
    { 0, "1 minute left" },
    { -1, "overdue by 1 minute" },
    { -3 * HOUR, "overdue by 3 hours" },
    { -3 * DAY - 5, "overdue by 3 days" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = xj_format_countdown (T0 + cases[i].offset, T0);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_filters_and_counts (Fixture       *f,
                         gconstpointer  data)
{
  /* Now: Wednesday 2026-03-11 10:00 +08.  The week runs from Monday 9
   * March 00:00 to Monday 16 March 00:00, local time. */
  gint64 monday = T0 - 2 * DAY - 10 * HOUR;
  gint64 next_monday = monday + 7 * DAY;
  g_autoptr(XjNotice) sunday_night = issued_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                                    XJ_NOTICE_SEVERITY_NORMAL, next_monday - 1);
  g_autoptr(XjNotice) next_week = issued_notice (f, XJ_NOTICE_TYPE_WORK_ORDER,
                                                 XJ_NOTICE_SEVERITY_SERIOUS, next_monday);
  g_autoptr(XjNotice) soon = issued_notice (f, XJ_NOTICE_TYPE_CONTACT,
                                            XJ_NOTICE_SEVERITY_SAFETY, T0 + HOUR);
  g_autoptr(XjNotice) draft = make_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                           XJ_NOTICE_SEVERITY_LOW, T0 + HOUR);
  g_autoptr(XjNotice) elsewhere = xj_notice_new (XJ_NOTICE_TYPE_RECTIFICATION, f->other_site);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  XjNoticeFilter filter;
  XjNoticeCounts counts;

  /* Made for the board to sort: each one is on it. */
  g_assert_true (sunday_night != NULL && next_week != NULL);

  g_assert_cmpint (monday, ==, 1772985600);
  xj_notice_set_description (elsewhere, "草坪被踩踏");
  xj_notice_set_deadline (elsewhere, T0 + 2 * DAY);
  xj_notice_set_responsible_party (elsewhere, XJ_RESPONSIBLE_PARTY_OWN_WORKS);
  g_assert_true (xj_store_create_notice (f->store, elsewhere, 90, "李娜", &error));
  g_assert_true (xj_store_take_notice_step (f->store, xj_notice_get_id (elsewhere), XJ_NOTICE_ACTION_ISSUE,
                                            &(XjNoticeStepOptions) { .by = "李娜" }, &error));

  /* Let the soon one be overdue: an hour and a second later. */
  xj_clock_set_fixed (T0 + HOUR + 1);

  xj_notice_filter_init (&filter);
  list = xj_store_list_notices (f->store, &filter, xj_clock_now (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  /* Earliest deadline first; the site's name comes along. */
  g_assert_cmpstr (xj_notice_get_number (g_ptr_array_index (list, 0)), ==,
                   xj_notice_get_number (soon));
  g_assert_cmpstr (xj_notice_get_site_name (g_ptr_array_index (list, 0)), ==, "翠湖花园");
  g_clear_pointer (&list, g_ptr_array_unref);

  filter.overdue = TRUE;
  list = xj_store_list_notices (f->store, &filter, xj_clock_now (), &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (xj_notice_get_id (g_ptr_array_index (list, 0)), ==, xj_notice_get_id (soon));
  g_clear_pointer (&list, g_ptr_array_unref);

  xj_notice_filter_init (&filter);
  filter.due_this_week = TRUE;
  list = xj_store_list_notices (f->store, &filter, xj_clock_now (), &error);
  /* sunday_night, soon (overdue but this week) and elsewhere; not the
   * draft, not next Monday's. */
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);

  xj_notice_filter_init (&filter);
  filter.site_id = f->other_site;
  list = xj_store_list_notices (f->store, &filter, xj_clock_now (), &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (xj_notice_get_site_name (g_ptr_array_index (list, 0)), ==, "金桂苑");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Several sites: the other site alone, then both. */
  {
    gint64 sites[] = { f->other_site, f->site };

    xj_notice_filter_init (&filter);
    filter.site_ids = sites;
    filter.n_site_ids = 1;
    list = xj_store_list_notices (f->store, &filter, xj_clock_now (), &error);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpstr (xj_notice_get_site_name (g_ptr_array_index (list, 0)), ==, "金桂苑");
    g_clear_pointer (&list, g_ptr_array_unref);
    filter.n_site_ids = 2;
    g_assert_true (xj_store_count_notices (f->store, &filter, xj_clock_now (), &counts, &error));
    g_assert_cmpuint (counts.total, ==, 5);
  }

  xj_notice_filter_init (&filter);
  filter.party = XJ_RESPONSIBLE_PARTY_OWN_WORKS;
  list = xj_store_list_notices (f->store, &filter, xj_clock_now (), &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  xj_notice_filter_init (&filter);
  filter.type = XJ_NOTICE_TYPE_RECTIFICATION;
  filter.severity = XJ_NOTICE_SEVERITY_LOW;
  list = xj_store_list_notices (f->store, &filter, xj_clock_now (), &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (xj_notice_get_id (g_ptr_array_index (list, 0)), ==, xj_notice_get_id (draft));
  g_clear_pointer (&list, g_ptr_array_unref);

  xj_notice_filter_init (&filter);
  filter.state = XJ_NOTICE_STATE_DRAFT;
  list = xj_store_list_notices (f->store, &filter, xj_clock_now (), &error);
  g_assert_cmpuint (list->len, ==, 1);

  /* Counts per state; the state filter is ignored there. */
  g_assert_true (xj_store_count_notices (f->store, &filter, xj_clock_now (), &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.total, ==, 5);
  g_assert_cmpuint (counts.by_state[XJ_NOTICE_STATE_DRAFT], ==, 1);
  g_assert_cmpuint (counts.by_state[XJ_NOTICE_STATE_ISSUED], ==, 4);
  g_assert_cmpuint (counts.by_state[XJ_NOTICE_STATE_CLOSED], ==, 0);
  g_assert_cmpuint (counts.overdue, ==, 1);
  g_assert_cmpuint (counts.escalated, ==, 1);  /* the safety hazard */
  g_assert_cmpuint (counts.due_soon, ==, 0);

  xj_notice_filter_init (&filter);
  filter.site_id = f->site;
  g_assert_true (xj_store_count_notices (f->store, &filter, T0, &counts, &error));
  g_assert_cmpuint (counts.total, ==, 4);
  g_assert_cmpuint (counts.overdue, ==, 0);
  g_assert_cmpuint (counts.due_soon, ==, 1);

  /* Closed out, the escalated safety hazard leaves the project manager's
   * list: the count and the filter agree. */
  {
    gint64 id = xj_notice_get_id (soon);

    g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_ACKNOWLEDGE,
                                              &(XjNoticeStepOptions) { .by = "张伟",
                                                                       .recorded_by = "李娜" }, &error));
    g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_RECTIFY,
                                              &(XjNoticeStepOptions) { .by = "张伟",
                                                                       .remark = "已处理" }, &error));
    g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_ACCEPT,
                                              &(XjNoticeStepOptions) { .by = "李娜" }, &error));
    g_assert_true (xj_store_take_notice_step (f->store, id, XJ_NOTICE_ACTION_CLOSE,
                                              &(XjNoticeStepOptions) { .by = "李娜" }, &error));
    g_assert_no_error (error);
  }
  xj_notice_filter_init (&filter);
  g_assert_true (xj_store_count_notices (f->store, &filter, xj_clock_now (), &counts, &error));
  g_assert_cmpuint (counts.escalated, ==, 0);
  filter.escalated = TRUE;
  g_clear_pointer (&list, g_ptr_array_unref);
  list = xj_store_list_notices (f->store, &filter, xj_clock_now (), &error);
  g_assert_cmpuint (list->len, ==, counts.escalated);
}

static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(XjNotice) a = issued_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                         XJ_NOTICE_SEVERITY_NORMAL, T0 + 2 * HOUR);
  g_autoptr(XjNotice) b = issued_notice (f, XJ_NOTICE_TYPE_RECTIFICATION,
                                         XJ_NOTICE_SEVERITY_NORMAL, T0 + DAY + 2 * HOUR);
  g_autoptr(GPtrArray) soon = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = T0 + 2 * HOUR;

  /* At a's deadline: a is due (not yet overdue), b exactly 24 h away. */
  g_assert_true (xj_store_list_notice_reminders (f->store, T0, now, &soon, &overdue, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (soon->len, ==, 2);
  g_assert_cmpuint (overdue->len, ==, 0);
  g_clear_pointer (&soon, g_ptr_array_unref);
  g_clear_pointer (&overdue, g_ptr_array_unref);

  /* An hour later a is newly overdue; in the next round it is not new. */
  g_assert_true (xj_store_list_notice_reminders (f->store, now, now + HOUR, &soon, &overdue,
                                                 &error));
  g_assert_cmpuint (soon->len, ==, 1);
  g_assert_cmpuint (overdue->len, ==, 1);
  g_assert_cmpint (xj_notice_get_id (g_ptr_array_index (overdue, 0)), ==, xj_notice_get_id (a));
  g_clear_pointer (&soon, g_ptr_array_unref);
  g_clear_pointer (&overdue, g_ptr_array_unref);
  g_assert_true (xj_store_list_notice_reminders (f->store, now + HOUR, now + 2 * HOUR, &soon,
                                                 &overdue, &error));
  g_assert_cmpuint (overdue->len, ==, 0);
  g_assert_cmpint (xj_notice_get_id (g_ptr_array_index (soon, 0)), ==, xj_notice_get_id (b));
}

static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  XjNoticeState state;
  XjNoticeType type;

  g_assert_cmpstr (xj_notice_type_get_label (XJ_NOTICE_TYPE_RECTIFICATION), ==,
                   "Rectification notice");
  g_assert_cmpstr (xj_notice_type_get_prefix (XJ_NOTICE_TYPE_WORK_ORDER), ==, "PG");
  g_assert_cmpstr (xj_notice_state_get_label (XJ_NOTICE_STATE_ACKNOWLEDGED), ==, "Acknowledged");
  g_assert_cmpstr (xj_notice_severity_get_label (XJ_NOTICE_SEVERITY_SAFETY), ==, "Safety hazard");
  g_assert_cmpstr (xj_responsible_party_get_label (XJ_RESPONSIBLE_PARTY_REPAIR_CREW), ==,
                   "Repair crew");
  g_assert_true (xj_notice_state_from_string ("verified", &state));
  g_assert_cmpint (state, ==, XJ_NOTICE_STATE_VERIFIED);
  g_assert_false (xj_notice_type_from_string ("memo", &type));
  g_assert_cmpstr (xj_notice_action_get_label (XJ_NOTICE_ACTION_RECTIFY), ==,
                   "Record rectification");
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/xj/notice/board/overdue-and-due-soon", test_overdue_and_due_soon);
  ADD ("/xj/notice/board/countdown", test_countdown);
  ADD ("/xj/notice/board/filters-and-counts", test_filters_and_counts);
  ADD ("/xj/notice/board/reminders", test_reminders);
  ADD ("/xj/notice/board/labels", test_labels);
#undef ADD

  return g_test_run ();
}
