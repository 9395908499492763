/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-key-commit DB INSPECTION_ID KEYS [PAUSE_MS]
 * From a key press to the committed answer, as a crash would see it: sends
 * real key events (XTest, to whatever window has the keyboard: the runner
 * of the real binary, see bench-key-commit.sh) and polls the database from
 * a connection of its own until the answer is there.  One P per item at a
 * quick inspector's pace; prints median, p90, p99 and the worst.
 */
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static gint64
count_answers (sqlite3      *db,
               sqlite3_stmt *stmt)
{
  gint64 n = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint index = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, index);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  Display *display;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  KeyCode key;
  guint keys, pause_ms;
  gint64 before;
  guint late = 0;

  if (argc < 4)
    {
      fprintf (stderr, "usage: bench-key-commit DB INSPECTION_ID KEYS [PAUSE_MS]\n");
      return 2;
    }
  keys = (guint) g_ascii_strtoull (argv[3], NULL, 10);
  pause_ms = argc > 4 ? (guint) g_ascii_strtoull (argv[4], NULL, 10) : 250;
  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "bench-key-commit: no display\n");
      return 1;
    }
  /* Read-only, as a second process would: WAL lets it see each commit. */
  if (sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "SELECT count(*) FROM answers WHERE inspection_id = ?1 "
                                 "AND value IS NOT NULL", -1, &stmt, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "bench-key-commit: %s\n", sqlite3_errmsg (db));
      return 1;
    }
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (argv[2], NULL, 10));
  key = XKeysymToKeycode (display, XK_p);
  before = count_answers (db, stmt);

  for (guint i = 0; i < keys; i++)
    {
      gint64 sent, seen, deadline;
      gint64 n = before;

      sent = g_get_monotonic_time ();
      XTestFakeKeyEvent (display, key, True, CurrentTime);
      XTestFakeKeyEvent (display, key, False, CurrentTime);
      XFlush (display);
      deadline = sent + 2 * G_USEC_PER_SEC;
      do
        {
          n = count_answers (db, stmt);
          if (n > before)
            break;
          g_usleep (200);
        }
      while (g_get_monotonic_time () < deadline);
      seen = g_get_monotonic_time ();
      if (n <= before)
        {
          fprintf (stderr, "bench-key-commit: key %u: no answer within 2 s\n", i + 1);
          return 1;
        }
      before = n;
      g_array_append_val (latencies, (double) { (seen - sent) / 1000.0 });
      if ((seen - sent) / 1000.0 >= 50)
        late++;
      g_usleep (pause_ms * 1000);
    }

  g_array_sort (latencies, compare_doubles);
  printf ("# key press to committed answer, %u keys %u ms apart (separate reader)\n",
          latencies->len, pause_ms);
  printf ("median %.1f ms, p90 %.1f ms, p99 %.1f ms, worst %.1f ms, %u of %u at 50 ms or more\n",
          percentile (latencies, 0.5), percentile (latencies, 0.9), percentile (latencies, 0.99),
          g_array_index (latencies, double, latencies->len - 1), late, latencies->len);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  XCloseDisplay (display);
  return 0;
}
