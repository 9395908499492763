/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runner's hot path: one answer written durably.  1,000 calls of
 * xj_store_set_answer on a real data folder (synchronous = FULL, WAL), going
 * through the items of the monthly check and alternating the answers as an
 * inspector would; prints the median and the 99th percentile.
 */
#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-utils.h"

#define N_WRITES 1000

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static gint64
find_template (XjStore    *store,
               const char *uid)
{
  g_autoptr(GPtrArray) list = xj_store_list_templates (store, FALSE, NULL);

  for (guint i = 0; i < list->len; i++)
    {
      XjTemplateSummary *summary = g_ptr_array_index (list, i);

      if (g_strcmp0 (summary->uid, uid) == 0)
        return summary->id;
    }
  g_error ("no template %s", uid);
}

/* Answers that fit each response type, so every write is accepted. */
static const char *
answer_for (const XjTemplateItem *item,
            guint                 round)
{
  static const char *const numbers[] = { "21", "35", "na" };
  static const char *const ratings[] = { "4", "2", "na" };

  switch (item->type)
    {
    case XJ_RESPONSE_PASS_FAIL:
      return round % 3 == 2 ? "na" : round % 3 == 1 ? "fail" : "pass";
    case XJ_RESPONSE_YES_NO:
      return round % 2 ? "no" : "yes";
    case XJ_RESPONSE_RATING:
      return ratings[round % 3];
    case XJ_RESPONSE_NUMBER:
    case XJ_RESPONSE_STOPWATCH:
      return numbers[round % 3];
    case XJ_RESPONSE_CHOICE:
      return "0";
    default:
      return round % 2 ? "第二次巡查：地面已清洁" : "na";
    }
}

/* The floor under any durable write: one fdatasync of a small append in the
 * same folder.  A commit with synchronous = FULL cannot beat it. */
static void
measure_sync_floor (const char *dir,
                    double     *median,
                    double     *p99)
{
  g_autofree char *path = g_build_filename (dir, "sync-floor", NULL);
  char block[4096] = { 0 };
  double ms[N_WRITES / 5];
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  for (guint n = 0; n < G_N_ELEMENTS (ms); n++)
    {
      gint64 begin;

      g_assert_cmpint (write (fd, block, sizeof block), ==, sizeof block);
      begin = g_get_monotonic_time ();
      g_assert_cmpint (fdatasync (fd), ==, 0);
      ms[n] = (g_get_monotonic_time () - begin) / 1000.0;
    }
  close (fd);
  g_unlink (path);
  qsort (ms, G_N_ELEMENTS (ms), sizeof (double), compare_doubles);
  *median = ms[G_N_ELEMENTS (ms) / 2];
  *p99 = ms[G_N_ELEMENTS (ms) * 99 / 100 - 1];
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(XjStore) store = NULL;
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  XjInspectionStart start = { 0 };
  sqlite3_stmt *stmt;
  double ms[N_WRITES];
  gint64 inspection_id;
  int synchronous;
  double floor_median, floor_p99;

  xj_test_init (&argc, &argv);
  dir = xj_test_make_data_dir ();
  store = xj_store_open (dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (xj_templates_install_builtins (store, &error));
  g_assert_true (xj_store_save_site (store, site, "bench", &error));

  /* The figure means nothing unless every commit reaches the disk. */
  stmt = xj_store_prepare (store, "PRAGMA synchronous", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  synchronous = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_cmpint (synchronous, ==, 2);

  start.site_id = xj_site_get_id (site);
  start.template_id = find_template (store, "xunjian:builtin:monthly-check");
  start.kind = "monthly";
  start.inspector = "王芳";
  start.rep_name = "李强";
  start.rep_company = "绿城物业";
  inspection_id = xj_store_start_inspection (store, &start, &error);
  g_assert_no_error (error);
  tmpl = xj_store_load_inspection_template (store, inspection_id, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        g_ptr_array_add (items, g_ptr_array_index (section->items, i));
    }

  for (guint n = 0; n < N_WRITES; n++)
    {
      const XjTemplateItem *item = g_ptr_array_index (items, n % items->len);
      gint64 begin = g_get_monotonic_time ();

      if (!xj_store_set_answer (store, inspection_id, item, answer_for (item, n / items->len),
                                &error))
        g_error ("%s", error->message);
      ms[n] = (g_get_monotonic_time () - begin) / 1000.0;
    }
  qsort (ms, N_WRITES, sizeof (double), compare_doubles);

  g_print ("# %d answer writes (synchronous = FULL, WAL) on %s\n", N_WRITES, dir);
  g_print ("# median %.3f ms, p99 %.3f ms, max %.3f ms\n",
           (ms[N_WRITES / 2 - 1] + ms[N_WRITES / 2]) / 2, ms[N_WRITES * 99 / 100 - 1],
           ms[N_WRITES - 1]);
  measure_sync_floor (dir, &floor_median, &floor_p99);
  g_print ("# floor: fdatasync of a 4 KiB append in the same folder: median %.3f ms, p99 %.3f ms\n",
           floor_median, floor_p99);
  g_print ("1..1\nok 1 bench-answer-write\n");

  g_clear_object (&store);
  xj_test_remove_tree (dir);
  return 0;
}
