/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "notice-fixture.h"

static XjNotice *
defaults (Fixture       *f,
          const gint64  *answers,
          guint          n,
          GError       **error)
{
  return xj_store_new_notice_from_findings (f->store, answers, n,
                                            XJ_REPEAT_WINDOW_DAYS_DEFAULT, error);
}

static gint64
local_time (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, day, hour, minute, second);

  return g_date_time_to_unix (dt);
}

/* --- defaults ------------------------------------------------------------- */

static void
test_defaults_property (Fixture       *f,
                        gconstpointer  data)
{
  gint64 inspection = make_inspection (f, f->site, T0 - HOUR);
  gint64 answer = make_answer (f, inspection, f->item_litter, "fail", T0 - HOUR);
  g_autoptr(XjNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  char photo[65];
  g_autofree char *sql = NULL;

  make_photo (f, '1', photo);
  sql = g_strdup_printf ("INSERT INTO answer_photos (answer_id, sha256, added_at) "
                         "VALUES (%lld, '%s', 0)", (long long) answer, photo);
  sql_insert (f, sql);

  notice = defaults (f, &answer, 1, &error);
  g_assert_no_error (error);
  /* Property company, normal: a 工作联系单, the item's 7 days. */
  g_assert_cmpint (xj_notice_get_notice_type (notice), ==, XJ_NOTICE_TYPE_CONTACT);
  g_assert_cmpint (xj_notice_get_responsible_party (notice), ==, XJ_RESPONSIBLE_PARTY_PROPERTY);
  g_assert_cmpint (xj_notice_get_severity (notice), ==, XJ_NOTICE_SEVERITY_NORMAL);
  g_assert_cmpint (xj_notice_get_deadline (notice), ==, T0 + 7 * DAY);
  g_assert_cmpint (xj_notice_get_site_id (notice), ==, f->site);
  g_assert_cmpint (xj_notice_get_inspection_id (notice), ==, inspection);
  g_assert_cmpstr (xj_notice_get_addressed_company (notice), ==, "绿城物业");
  g_assert_cmpstr (xj_notice_get_addressed_person (notice), ==, "张伟");
  g_assert_cmpstr (xj_notice_get_description (notice), ==, "公共区域无明显垃圾 — 东门");
  g_assert_cmpuint (xj_notice_get_before_photos (notice)->len, ==, 1);
  g_assert_cmpuint (xj_notice_get_findings (notice)->len, ==, 1);
  g_assert_false (xj_notice_get_repeat (notice));

  /* Saved as edited, findings and photos with it. */
  xj_notice_set_required_action (notice, "立即清理");
  g_assert_true (xj_store_create_notice (f->store, notice, 90, "李娜", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (xj_notice_get_number (notice), ==, "LX-2026-0001");
  g_assert_cmpint (sql_int (f, "SELECT answer_id FROM notice_findings"), ==, answer);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM notice_photos WHERE phase = 'before'"), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT inspection_id FROM notices"), ==, inspection);
}

static void
test_defaults_mixed (Fixture       *f,
                     gconstpointer  data)
{
  gint64 inspection = make_inspection (f, f->site, T0 - HOUR);
  gint64 litter = make_answer (f, inspection, f->item_litter, "fail", T0 - HOUR);
  gint64 light = make_answer (f, inspection, f->item_light, "fail", T0 - HOUR);
  gint64 panel = make_answer (f, inspection, f->item_panel, "fail", T0 - HOUR);
  gint64 trim = make_answer (f, inspection, f->item_trim, "fail", T0 - HOUR);
  gint64 pair[2] = { litter, light };
  gint64 safety[2] = { litter, panel };
  g_autoptr(XjNotice) a = NULL;
  g_autoptr(XjNotice) b = NULL;
  g_autoptr(XjNotice) c = NULL;
  g_autoptr(GError) error = NULL;

  /* The most severe finding (the light, weight 2: serious) decides type and
   * party; the deadline is the shortest (3 days). */
  a = defaults (f, pair, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xj_notice_get_severity (a), ==, XJ_NOTICE_SEVERITY_SERIOUS);
  g_assert_cmpint (xj_notice_get_notice_type (a), ==, XJ_NOTICE_TYPE_WORK_ORDER);
  g_assert_cmpint (xj_notice_get_responsible_party (a), ==, XJ_RESPONSIBLE_PARTY_REPAIR_CREW);
  g_assert_cmpint (xj_notice_get_deadline (a), ==, T0 + 3 * DAY);
  g_assert_cmpstr (xj_notice_get_addressed_company (a), ==, "");
  g_assert_nonnull (strstr (xj_notice_get_description (a), "照明系统完好"));
  g_assert_cmpuint (xj_notice_get_findings (a)->len, ==, 2);

  /* A critical fire-panel failure: a safety hazard, one day at most; its
   * item's notice type wins, the party comes from the item that has one. */
  b = defaults (f, safety, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xj_notice_get_severity (b), ==, XJ_NOTICE_SEVERITY_SAFETY);
  g_assert_cmpint (xj_notice_get_notice_type (b), ==, XJ_NOTICE_TYPE_RECTIFICATION);
  g_assert_cmpint (xj_notice_get_responsible_party (b), ==, XJ_RESPONSIBLE_PARTY_PROPERTY);
  g_assert_cmpint (xj_notice_get_deadline (b), ==, T0 + DAY);

  /* Nothing set, light weight: low, a contact form, 14 days. */
  c = defaults (f, &trim, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xj_notice_get_severity (c), ==, XJ_NOTICE_SEVERITY_LOW);
  g_assert_cmpint (xj_notice_get_notice_type (c), ==, XJ_NOTICE_TYPE_CONTACT);
  g_assert_cmpint (xj_notice_get_responsible_party (c), ==, XJ_RESPONSIBLE_PARTY_PROPERTY);
  g_assert_cmpint (xj_notice_get_deadline (c), ==, T0 + 14 * DAY);
}

static void
test_defaults_pure (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_finding_free);
  XjFinding *finding = g_new0 (XjFinding, 1);
  g_autoptr(XjNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  /* 22:00 local: "0 days" would mean by the end of today, two hours away;
   * a normal finding gets its working time, 48 hours. */
  gint64 now = local_time (2026, 3, 11, 22, 0, 0);

  finding->answer_id = 7;
  finding->site_id = 3;
  finding->failed = TRUE;
  finding->prompt = g_strdup ("单元门禁功能正常");
  finding->remark = g_strdup ("");
  finding->category = g_strdup ("public_order");
  finding->failure_weight = 1;
  finding->notice_type = -1;
  finding->party = XJ_RESPONSIBLE_PARTY_OWN_WORKS;
  finding->deadline_days = 0;
  finding->photos = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (findings, finding);

  notice = xj_notice_defaults_from_findings (findings, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xj_notice_get_notice_type (notice), ==, XJ_NOTICE_TYPE_WORK_ORDER);
  g_assert_cmpint (xj_notice_get_responsible_party (notice), ==, XJ_RESPONSIBLE_PARTY_OWN_WORKS);
  g_assert_cmpint (xj_notice_get_deadline (notice), ==, now + 48 * 3600);
  g_clear_object (&notice);

  /* A critical finding raised at 23:03 with "0 days" was due at 23:59, 56
   * minutes away: a safety hazard gets 24 hours. */
  finding->critical = TRUE;
  now = local_time (2026, 3, 11, 23, 3, 0);
  notice = xj_notice_defaults_from_findings (findings, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xj_notice_get_severity (notice), ==, XJ_NOTICE_SEVERITY_SAFETY);
  g_assert_cmpint (xj_notice_get_deadline (notice), ==, now + 24 * 3600);
  g_clear_object (&notice);
  finding->critical = FALSE;
  now = local_time (2026, 3, 11, 22, 0, 0);

  /* Across a month end, in local calendar days. */
  finding->deadline_days = 30;
  notice = xj_notice_defaults_from_findings (findings, now, &error);
  g_assert_cmpint (xj_notice_get_deadline (notice), ==, local_time (2026, 4, 10, 22, 0, 0));
}

/* Whatever the item says and whenever it is raised, a default deadline is
 * at least the severity's working time away: never past, never within the
 * hour. */
static void
test_default_deadline_floor (Fixture       *f,
                             gconstpointer  data)
{
  static const gint64 hours[] = { 72, 48, 24, 24 };

  for (XjNoticeSeverity severity = 0; severity < XJ_NOTICE_N_SEVERITIES; severity++)
    for (int hour = 0; hour < 24; hour++)
      for (int days = -1; days <= 2; days++)
        {
          gint64 now = local_time (2026, 3, 11, hour, 59, 30);
          gint64 deadline = xj_notice_default_deadline (now, days, severity);

          g_assert_cmpint (deadline, >=, now + hours[severity] * 3600);
          g_assert_cmpint (deadline - now, >, 3600);
        }
  /* Longer deadlines are kept as the item sets them. */
  g_assert_cmpint (xj_notice_default_deadline (local_time (2026, 3, 11, 9, 0, 0), 7,
                                               XJ_NOTICE_SEVERITY_NORMAL),
                   ==, local_time (2026, 3, 18, 9, 0, 0));
  g_assert_cmpint (xj_notice_default_deadline (local_time (2026, 3, 11, 9, 0, 0), -1,
                                               XJ_NOTICE_SEVERITY_SAFETY),
                   ==, local_time (2026, 3, 12, 9, 0, 0));
}

static void
test_defaults_refused (Fixture       *f,
                       gconstpointer  data)
{
  gint64 here = make_inspection (f, f->site, T0 - HOUR);
  gint64 there = make_inspection (f, f->other_site, T0 - HOUR);
  gint64 passed = make_answer (f, here, f->item_trim, "pass", T0 - HOUR);
  gint64 failed = make_answer (f, here, f->item_litter, "fail", T0 - HOUR);
  gint64 elsewhere = make_answer (f, there, f->item_litter, "fail", T0 - HOUR);
  gint64 two_sites[2] = { failed, elsewhere };
  gint64 missing = 4242;
  g_autoptr(XjNotice) wrong_site = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (defaults (f, &passed, 1, &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID_FINDINGS);
  g_clear_error (&error);
  g_assert_null (defaults (f, two_sites, 2, &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID_FINDINGS);
  g_clear_error (&error);
  g_assert_null (defaults (f, NULL, 0, &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID_FINDINGS);
  g_clear_error (&error);
  g_assert_null (defaults (f, &missing, 1, &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The create call checks again: a finding of another site is refused. */
  wrong_site = xj_notice_new (XJ_NOTICE_TYPE_RECTIFICATION, f->site);
  xj_notice_add_finding (wrong_site, elsewhere);
  g_assert_false (xj_store_create_notice (f->store, wrong_site, 90, "李娜", &error));
  g_assert_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID_FINDINGS);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM notice_counters"), ==, 0);
}

/* --- repeat findings ------------------------------------------------------ */

static gint64
fail_at (Fixture *f,
         gint64   site,
         gint64   item,
         gint64   at)
{
  return make_answer (f, make_inspection (f, site, at), item, "fail", at);
}

static void
assert_repeat (Fixture *f,
               gint64   answer,
               guint    window,
               gint64   expected_previous)
{
  g_autoptr(GError) error = NULL;
  gboolean repeat = !expected_previous;
  gint64 previous = -1;

  g_assert_true (xj_findings_is_repeat (f->store, answer, window, &repeat, &previous, &error));
  g_assert_no_error (error);
  g_assert_cmpint (repeat, ==, expected_previous > 0);
  g_assert_cmpint (previous, ==, expected_previous);
}

static void
test_repeat (Fixture       *f,
             gconstpointer  data)
{
  gint64 start = T0 - 365 * DAY;
  gint64 first = fail_at (f, f->site, f->item_litter, start);
  gint64 again = fail_at (f, f->site, f->item_litter, start + 30 * DAY);
  gint64 edge = fail_at (f, f->site, f->item_litter, start + 120 * DAY);
  gint64 beyond = fail_at (f, f->site, f->item_litter, start + 210 * DAY + 1);
  gint64 other_site = fail_at (f, f->other_site, f->item_litter, start + 31 * DAY);
  gint64 other_item = fail_at (f, f->site, f->item_trim, start + 32 * DAY);
  /* Version 2 of the template, same item key: the same item. */
  gint64 v2 = fail_at (f, f->site, f->item_litter_v2, start + 240 * DAY);
  gint64 passed = make_answer (f, make_inspection (f, f->site, start + 235 * DAY),
                               f->item_trim, "pass", start + 235 * DAY);
  g_autoptr(XjNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  assert_repeat (f, first, 90, 0);
  assert_repeat (f, again, 90, first);
  /* Exactly 90 days after the previous failure is still inside. */
  assert_repeat (f, edge, 90, again);
  /* 90 days and a second is outside; a wider window reaches it. */
  assert_repeat (f, beyond, 90, 0);
  assert_repeat (f, beyond, 91, edge);
  assert_repeat (f, other_site, 90, 0);
  assert_repeat (f, other_item, 90, 0);
  assert_repeat (f, v2, 90, beyond);
  assert_repeat (f, passed, 90, 0);

  g_assert_true (xj_store_count_repeat_findings (f->store, f->site, 0, 90, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3); /* again, edge, v2 */
  g_assert_true (xj_store_count_repeat_findings (f->store, f->site, start + 100 * DAY, 90, &n,
                                                 &error));
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (xj_store_count_repeat_findings (f->store, f->other_site, 0, 90, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (xj_store_count_repeat_findings (f->store, 0, 0, 365, &n, &error));
  g_assert_cmpuint (n, ==, 4); /* … and beyond, in a year's window */

  /* A notice covering a repeat finding is a repeat; the window is the
   * caller's. */
  notice = xj_store_new_notice_from_findings (f->store, &v2, 1, 90, &error);
  g_assert_no_error (error);
  g_assert_true (xj_notice_get_repeat (notice));
  g_assert_true (xj_store_create_notice (f->store, notice, 90, "李娜", &error));
  g_assert_cmpint (sql_int (f, "SELECT repeat FROM notices"), ==, 1);
  g_clear_object (&notice);
  notice = xj_notice_new (XJ_NOTICE_TYPE_RECTIFICATION, f->site);
  xj_notice_add_finding (notice, first);
  g_assert_true (xj_store_create_notice (f->store, notice, 90, "李娜", &error));
  g_assert_false (xj_notice_get_repeat (notice));
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/xj/finding/defaults/property", test_defaults_property);
  ADD ("/xj/finding/defaults/mixed", test_defaults_mixed);
  ADD ("/xj/finding/defaults/pure", test_defaults_pure);
  ADD ("/xj/finding/defaults/deadline-floor", test_default_deadline_floor);
  ADD ("/xj/finding/defaults/refused", test_defaults_refused);
  ADD ("/xj/finding/repeat", test_repeat);
#undef ADD

  return g_test_run ();
}
