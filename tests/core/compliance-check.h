/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schedule compliance as the Overview reads it (schema v10's stored
 * outcomes, or the schedules' own matching for a schedule not refreshed
 * yet) against the schedules' own matching of every occurrence from each
 * schedule's start (xj_schedule_occurrences()), per site and kind, for
 * every kind of inspection.  Shared by test-schema (the migration's
 * backfill) and test-overview-compliance (every path that changes what a
 * schedule's occurrences are matched with).
 */
#pragma once

#include "xj-overview.h"
#include "xj-schedule.h"
#include "xj-test-utils.h"

/* Every schedule's outcomes stored, none stale, through @to at least. */
static inline void
xj_compliance_assert_fresh (XjStore *store,
                            gint64   to)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM schedules s "
                                          "LEFT JOIN schedule_outcome_spans p "
                                          "ON p.schedule_id = s.id WHERE p.schedule_id IS NULL "
                                          "OR p.stale OR p.through < %" G_GINT64_FORMAT, to);

  g_assert_cmpint (xj_test_query_int (xj_store_get_db (store), sql), ==, 0);
}

static inline void
xj_compliance_assert_right (XjStore *store,
                            gint64   from,
                            gint64   to)
{
  for (XjOverviewKind kind = XJ_OVERVIEW_CHECKS; kind <= XJ_OVERVIEW_MYSTERY_CALLS; kind++)
    {
      XjOverviewQuery query = { .from = from, .to = to, .kind = kind };
      g_autoptr(XjOverview) overview = NULL;
      g_autoptr(GPtrArray) schedules = NULL;
      g_autoptr(GString) want = g_string_new (NULL);
      g_autoptr(GString) got = g_string_new (NULL);
      g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            g_free);
      g_autoptr(GList) keys = NULL;
      g_autoptr(GError) error = NULL;

      overview = xj_overview_compute (store, &query, NULL, &error);
      g_assert_no_error (error);
      schedules = xj_store_list_schedules (store, 0, &error);
      g_assert_no_error (error);
      for (guint s = 0; s < schedules->len; s++)
        {
          XjSchedule *schedule = g_ptr_array_index (schedules, s);
          g_autoptr(GArray) occurrences = NULL;
          char *key;
          guint *c;

          if (!g_strv_contains (xj_overview_kinds (kind), xj_schedule_get_kind (schedule)))
            continue;
          key = g_strdup_printf ("%" G_GINT64_FORMAT " %s", xj_schedule_get_site_id (schedule),
                                 xj_schedule_get_kind (schedule));
          if ((c = g_hash_table_lookup (counts, key)) == NULL)
            g_hash_table_insert (counts, key, c = g_new0 (guint, 3));
          else
            g_free (key);
          occurrences = xj_schedule_occurrences (store, schedule,
                                                 xj_schedule_get_starts_at (schedule), to, &error);
          g_assert_no_error (error);
          for (guint i = 0; i < occurrences->len; i++)
            {
              const XjOccurrence *o = &g_array_index (occurrences, XjOccurrence, i);

              if (o->at < from)
                continue;
              if (o->status == XJ_OCCURRENCE_DONE)
                c[o->late ? 1 : 0]++;
              else if (o->status == XJ_OCCURRENCE_OVERDUE)
                c[2]++;
            }
        }
      keys = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc) g_strcmp0);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          const guint *c = g_hash_table_lookup (counts, l->data);

          g_string_append_printf (want, "%s: %u on time, %u late, %u missed\n",
                                  (const char *) l->data, c[0], c[1], c[2]);
        }
      g_assert_cmpuint (overview->compliance->len, ==, g_hash_table_size (counts));
      for (guint i = 0; i < overview->compliance->len; i++)
        {
          const XjOverviewCompliance *c = &g_array_index (overview->compliance,
                                                          XjOverviewCompliance, i);

          g_assert_cmpuint (c->due, ==, c->on_time + c->late + c->missed);
        }
      /* In the order of the keys ("site kind" as text). */
      for (GList *l = keys; l != NULL; l = l->next)
        for (guint i = 0; i < overview->compliance->len; i++)
          {
            const XjOverviewCompliance *c = &g_array_index (overview->compliance,
                                                            XjOverviewCompliance, i);
            g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %s", c->site_id,
                                                    c->kind);

            if (g_str_equal (key, l->data))
              g_string_append_printf (got, "%s: %u on time, %u late, %u missed\n", key,
                                      c->on_time, c->late, c->missed);
          }
      g_assert_cmpstr (got->str, ==, want->str);
    }
}
