/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema v8's stored totals of each inspection (inspection_totals,
 * inspection_failures): the migration's backfill (SQL, from the stored
 * outcomes) gives exactly what the core's scoring stores, the Overview
 * computed from them equals the Overview that scores every answer, and
 * the triggers mark an inspection stale when it changes (the Overview then
 * scores it itself until the totals are refreshed).  On the v7 fixture
 * (the demo, with signed reports), migrated.
 */
#include "config.h"

#include <math.h>

#include "overview-check.h"
#include "xj-overview.h"
#include "xj-test-store.h"
#include "xj-test-utils.h"

typedef struct
{
  char    *dir;
  XjStore *store;
  sqlite3 *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = xj_test_open_fixture_copy ("xunjian-v7.db", XJ_STORE_OPEN_DEFAULT, &f->dir);
  f->db = xj_store_get_db (f->store);
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
exec (Fixture    *f,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (f->db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return xj_test_query_int (f->db, sql);
}

/* Every stored total, rounded to 1e-9, one line per inspection. */
static char *
dump_totals (Fixture *f)
{
  return xj_test_query_text (f->db,
                             "SELECT group_concat(r, char(10)) FROM (SELECT "
                             "printf('%d %d %d %s %.9f %.9f %.9f %.9f %.9f %.9f %.9f %.9f %.9f "
                             "%.9f %.9f %.9f %.9f', inspection_id, started_at, site_id, kind, "
                             "earned, possible, failure_index, cleaning_earned, "
                             "cleaning_possible, greenery_earned, greenery_possible, "
                             "public_order_earned, public_order_possible, fire_security_earned, "
                             "fire_security_possible, service_earned, service_possible) AS r "
                             "FROM inspection_totals ORDER BY inspection_id)");
}

static char *
dump_failures (Fixture *f)
{
  return xj_test_query_text (f->db,
                             "SELECT group_concat(r, char(10)) FROM (SELECT inspection_id "
                             "|| ' ' || item_id || ' ' || site_id || ' ' || kind || ' ' || "
                             "item_key || ' ' || started_at AS r FROM inspection_failures "
                             "ORDER BY inspection_id, item_id)");
}

static XjOverview *
compute (Fixture        *f,
         XjOverviewKind  kind)
{
  XjOverviewQuery query = {
    .from = 0, .to = G_MAXINT32, .kind = kind, .bucket = XJ_OVERVIEW_BY_MONTH,
  };
  g_autoptr(GError) error = NULL;
  XjOverview *overview = xj_overview_compute (f->store, &query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (overview);
  return overview;
}

/* The backfill is the scoring rule: scoring every inspection again in C
 * stores the same rows, and the Overview is the same from either. */
static void
test_backfill (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backfilled = NULL;
  g_autofree char *backfilled_failures = NULL;
  g_autofree char *refreshed = NULL;
  g_autofree char *refreshed_failures = NULL;
  g_autoptr(XjOverview) from_answers = NULL;
  g_autoptr(XjOverview) from_totals = NULL;
  gint64 n_done = count (f, "SELECT count(*) FROM inspections WHERE state <> 'draft'");

  g_assert_cmpint (n_done, >, 20);
  g_assert_cmpint (count (f, "SELECT count(*) FROM inspection_totals"), ==, n_done);
  g_assert_cmpint (count (f, "SELECT count(*) FROM inspection_totals_stale"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM inspection_failures"), ==,
                   count (f, "SELECT count(*) FROM answers a JOIN inspections i ON "
                          "i.id = a.inspection_id WHERE a.outcome = 'fail' AND "
                          "i.state <> 'draft'"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM inspection_failures"), >, 0);
  backfilled = dump_totals (f);
  backfilled_failures = dump_failures (f);
  from_totals = compute (f, XJ_OVERVIEW_CHECKS);
  g_assert_cmpuint (from_totals->n_inspections, >, 0);

  /* Nothing stored: the Overview scores every answer itself. */
  exec (f, "DELETE FROM inspection_totals; DELETE FROM inspection_failures;"
           "INSERT INTO inspection_totals_stale SELECT id FROM inspections "
           "WHERE state <> 'draft'");
  from_answers = compute (f, XJ_OVERVIEW_CHECKS);
  xj_overview_assert_same (from_answers, from_totals);

  g_assert_true (xj_overview_refresh_totals (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM inspection_totals_stale"), ==, 0);
  refreshed = dump_totals (f);
  refreshed_failures = dump_failures (f);
  g_assert_cmpstr (refreshed, ==, backfilled);
  g_assert_cmpstr (refreshed_failures, ==, backfilled_failures);
}

/* A changed answer marks its inspection stale: the Overview still counts
 * the new answer, and the refresh stores it.  A site re-pointed carries
 * its totals along; a draft has none. */
static void
test_triggers (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjOverview) before = compute (f, XJ_OVERVIEW_CHECKS);
  g_autoptr(XjOverview) stale = NULL;
  g_autoptr(XjOverview) refreshed = NULL;
  g_autofree char *sql = NULL;
  gint64 inspection, answer, other_site;

  /* A completed (not signed) check with a passed pass/fail item. */
  inspection = count (f, "SELECT i.id FROM inspections i JOIN answers a ON a.inspection_id = i.id "
                         "JOIN template_items t ON t.id = a.item_id WHERE i.state = 'completed' "
                         "AND i.kind IN ('daily', 'weekly', 'monthly', 'spot_check') "
                         "AND a.value = 'pass' AND t.response_type = 'pass_fail' "
                         "AND t.score_weight > 0 ORDER BY i.id LIMIT 1");
  g_assert_cmpint (inspection, >, 0);
  sql = g_strdup_printf ("SELECT a.id FROM answers a JOIN template_items t ON t.id = a.item_id "
                         "WHERE a.inspection_id = %" G_GINT64_FORMAT " AND a.value = 'pass' "
                         "AND t.response_type = 'pass_fail' AND t.score_weight > 0 "
                         "ORDER BY a.id LIMIT 1", inspection);
  answer = count (f, sql);
  g_clear_pointer (&sql, g_free);

  sql = g_strdup_printf ("UPDATE answers SET value = 'fail', outcome = 'fail' WHERE id = %"
                         G_GINT64_FORMAT, answer);
  exec (f, sql);
  g_clear_pointer (&sql, g_free);
  g_assert_cmpint (count (f, "SELECT count(*) FROM inspection_totals_stale"), ==, 1);
  sql = g_strdup_printf ("SELECT count(*) FROM inspection_totals WHERE inspection_id = %"
                         G_GINT64_FORMAT, inspection);
  g_assert_cmpint (count (f, sql), ==, 0);

  /* One more failure, counted from the answers until refreshed. */
  stale = compute (f, XJ_OVERVIEW_CHECKS);
  g_assert_cmpuint (stale->n_inspections, ==, before->n_inspections);
  g_assert_true (xj_overview_refresh_totals (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  g_assert_cmpint (count (f, "SELECT count(*) FROM inspection_totals_stale"), ==, 0);
  refreshed = compute (f, XJ_OVERVIEW_CHECKS);
  xj_overview_assert_same (refreshed, stale);
  {
    double fi_before = 0, fi_after = 0;

    for (guint i = 0; i < before->points->len; i++)
      if (g_array_index (before->points, XjOverviewPoint, i).site_id == 0)
        fi_before += g_array_index (before->points, XjOverviewPoint, i).failure_index
                     * g_array_index (before->points, XjOverviewPoint, i).n_inspections;
    for (guint i = 0; i < refreshed->points->len; i++)
      if (g_array_index (refreshed->points, XjOverviewPoint, i).site_id == 0)
        fi_after += g_array_index (refreshed->points, XjOverviewPoint, i).failure_index
                    * g_array_index (refreshed->points, XjOverviewPoint, i).n_inspections;
    g_assert_cmpfloat (fi_after, >, fi_before);
  }

  /* Re-pointed to another site (two sites merged): the totals follow. */
  sql = g_strdup_printf ("SELECT min(id) FROM sites WHERE id <> (SELECT site_id FROM inspections "
                         "WHERE id = %" G_GINT64_FORMAT ")", inspection);
  other_site = count (f, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE inspections SET site_id = %" G_GINT64_FORMAT " WHERE id = %"
                         G_GINT64_FORMAT, other_site, inspection);
  exec (f, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT (SELECT site_id FROM inspection_totals WHERE inspection_id = %"
                         G_GINT64_FORMAT ") = %" G_GINT64_FORMAT " AND NOT EXISTS (SELECT 1 "
                         "FROM inspection_failures WHERE inspection_id = %" G_GINT64_FORMAT
                         " AND site_id <> %" G_GINT64_FORMAT ")", inspection, other_site,
                         inspection, other_site);
  g_assert_cmpint (count (f, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  g_assert_cmpint (count (f, "SELECT count(*) FROM inspection_totals_stale"), ==, 0);

  /* Back to a draft: no totals. */
  sql = g_strdup_printf ("UPDATE inspections SET state = 'draft' WHERE id = %" G_GINT64_FORMAT,
                         inspection);
  exec (f, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM inspection_totals WHERE inspection_id = %"
                         G_GINT64_FORMAT, inspection);
  g_assert_cmpint (count (f, sql), ==, 0);
}

int
main (int argc, char **argv)
{
  xj_test_init (&argc, &argv);
  g_test_add ("/xj/overview-totals/backfill", Fixture, NULL, fixture_set_up, test_backfill,
              fixture_tear_down);
  g_test_add ("/xj/overview-totals/triggers", Fixture, NULL, fixture_set_up, test_triggers,
              fixture_tear_down);
  return g_test_run ();
}
