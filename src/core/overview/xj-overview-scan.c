/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the period's inspections and their answers.  Each
 * inspection is scored by xj_score_compute() twice: against its checklist
 * version (score, failure index, the mystery steps' pass and fail counts)
 * and against the same items regrouped into one section per heat-map
 * category, so that a category adds up exactly as a section does.  The
 * hard standards' measured values are collected on the way, and the
 * failures of each item at each site for the repeat findings: the answers
 * are read once, for every figure.
 */
#define G_LOG_DOMAIN "xj-overview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-overview-scan-private.h"
#include "xj-site-merge.h"
#include "xj-scoring.h"
#include "xj-template-store.h"


static void
version_free (Version *version)
{
  g_clear_pointer (&version->tmpl, xj_template_free);
  g_clear_pointer (&version->by_category, xj_template_free);
  g_free (version);
}

/* The items of @tmpl regrouped into one section per XjOverviewCategory, so
 * that a category adds up exactly as a section does. */
XjTemplate *
_xj_overview_regroup_by_category (const XjTemplate *tmpl)
{
  g_autoptr(XjTemplate) grouped = xj_template_new (tmpl->name);

  for (guint c = 0; c < XJ_OVERVIEW_N_CATEGORIES; c++)
    g_ptr_array_add (grouped->sections,
                     xj_template_section_new (xj_overview_category_to_string (c)));
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          XjOverviewCategory category;

          if (xj_overview_category_for_item (item->category, &category))
            {
              XjTemplateSection *target = g_ptr_array_index (grouped->sections, category);

              g_ptr_array_add (target->items, xj_template_item_copy (item));
            }
        }
    }
  return g_steal_pointer (&grouped);
}

static Version *
get_version (Scan    *scan,
             gint64   version_id,
             GError **error)
{
  Version *version = g_hash_table_lookup (scan->versions, &version_id);
  XjTemplate *tmpl;

  if (version != NULL)
    return version;
  tmpl = xj_store_load_template_version (scan->store, version_id, error);
  if (tmpl == NULL)
    return NULL;
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          g_hash_table_insert (scan->items, &item->id, item);
        }
    }
  version = g_new0 (Version, 1);
  version->tmpl = tmpl;
  version->by_category = _xj_overview_regroup_by_category (tmpl);
  g_hash_table_insert (scan->versions, g_memdup2 (&version_id, sizeof version_id), version);
  return version;
}

static const char *
lookup_value (const XjTemplateItem *item,
              gpointer              user_data)
{
  GArray *values = user_data;

  /* A checklist has tens of items: a walk beats hashing. */
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, Value, i).item_id == item->id)
      return g_array_index (values, Value, i).value;
  return NULL;
}

/* A failing answer: counted for the repeat findings by site and item key,
 * remembering the latest failing inspection (the first one started at the
 * latest time, in the order of the inspections). */
typedef struct {
  gint64      site_id;
  const char *item_key;   /* in the scan's key chunk: one pointer per key */
} FailureKey;

static guint
failure_key_hash (gconstpointer key)
{
  const FailureKey *k = key;

  return g_int64_hash (&k->site_id) * 31 + g_direct_hash (k->item_key);
}

static gboolean
failure_key_equal (gconstpointer a,
                   gconstpointer b)
{
  const FailureKey *x = a, *y = b;

  return x->site_id == y->site_id && x->item_key == y->item_key;
}

/* @count failing answers: counted for the repeat findings by site and
 * item key, remembering the latest failing inspection (the first one
 * started at the latest time, in the order of the inspections). */
void
_xj_overview_scan_add_failures (Scan       *scan,
                                gint64      site_id,
                                const char *item_key,
                                guint       count,
                                gint64      inspection_id,
                                gint64      started_at,
                                gint64      item_id)
{
  FailureKey key = { site_id, g_string_chunk_insert_const (scan->keys, item_key) };
  XjOverviewFailures *failures = g_hash_table_lookup (scan->failures, &key);

  if (failures == NULL)
    {
      failures = g_new0 (XjOverviewFailures, 1);
      failures->site_id = site_id;
      failures->item_key = key.item_key;
      g_ptr_array_add (scan->failure_list, failures);
      g_hash_table_insert (scan->failures, g_memdup2 (&key, sizeof key), failures);
    }
  if (failures->count == 0 || started_at > failures->last_at
      || (started_at == failures->last_at && inspection_id < failures->last_inspection_id))
    {
      failures->last_at = started_at;
      failures->last_inspection_id = inspection_id;
      failures->last_item_id = item_id;
    }
  failures->count += count;
}

static void
add_answer_failure (Scan   *scan,
                    gint64  site_id,
                    gint64  inspection_id,
                    gint64  started_at,
                    gint64  item_id)
{
  XjTemplateItem *item = g_hash_table_lookup (scan->items, &item_id);

  if (item != NULL)
    _xj_overview_scan_add_failures (scan, site_id, item->key, 1, inspection_id, started_at,
                                    item_id);
}

/* The entry under @key in @array, appended from @init when new. */
static gpointer
find_or_add (GHashTable *index,
             GArray     *array,
             char       *key,
             gconstpointer init)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (index, key));

  if (position == 0)
    {
      g_array_append_vals (array, init, 1);
      position = array->len;
      g_hash_table_insert (index, key, GUINT_TO_POINTER (position));
    }
  else
    g_free (key);
  return array->data + (position - 1) * g_array_get_element_size (array);
}

static guint
point_key_hash (gconstpointer key)
{
  const PointKey *k = key;

  return g_int64_hash (&k->site_id) * 31 + g_int64_hash (&k->period_start);
}

static gboolean
point_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const PointKey *x = a, *y = b;

  return x->site_id == y->site_id && x->period_start == y->period_start;
}

/* xj_overview_period_start() with the periods already met remembered: the
 * calendar arithmetic once per week or month, not once per inspection. */
gint64
_xj_overview_scan_period_start (Scan   *scan,
                                gint64  t)
{
  XjOverviewBucket bucket = scan->query->bucket;
  Period period;

  for (guint i = 0; i < scan->periods->len; i++)
    {
      const Period *p = &g_array_index (scan->periods, Period, i);

      if (t >= p->start && t < p->end)
        return p->start;
    }
  period.start = xj_overview_period_start (bucket, t);
  /* A month has at most 31 days, a week 7: a day past that, whatever the
   * clock change, is in the next period. */
  period.end = xj_overview_period_start (bucket, period.start + (bucket == XJ_OVERVIEW_BY_MONTH
                                                                 ? 32 : 8) * 86400);
  g_array_append_val (scan->periods, period);
  return period.start;
}

/* Sums of @n_inspections inspections of a site (and the team) in one
 * period: @n_scored of them scored, their @score and @failure_index added
 * up. */
void
_xj_overview_scan_add_point (Scan   *scan,
                             gint64  site_id,
                             gint64  period,
                             guint   n_inspections,
                             guint   n_scored,
                             double  score,
                             double  failure_index)
{
  GArray *points = scan->overview->points;
  gint64 site_ids[2] = { site_id, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (site_ids); i++)
    {
      PointKey key = { site_ids[i], period };
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (scan->points, &key));
      XjOverviewPoint *point;

      if (position == 0)
        {
          XjOverviewPoint init = { .site_id = site_ids[i], .period_start = period };

          g_array_append_val (points, init);
          position = points->len;
          g_hash_table_insert (scan->points, g_memdup2 (&key, sizeof key),
                               GUINT_TO_POINTER (position));
        }
      point = &g_array_index (points, XjOverviewPoint, position - 1);
      /* Sums for now; finish() makes them means. */
      point->n_inspections += n_inspections;
      point->n_scored += n_scored;
      point->failure_index += failure_index;
      point->score += score;
    }
  scan->overview->n_inspections += n_inspections;
}

/* One inspection's score and failure index, for its site and the team. */
static void
add_points (Scan   *scan,
            gint64  site_id,
            gint64  started_at,
            double  earned,
            double  possible,
            double  failure_index)
{
  gboolean has_score = possible > 0;

  _xj_overview_scan_add_point (scan, site_id, _xj_overview_scan_period_start (scan, started_at),
                               1, has_score ? 1 : 0, has_score ? 100 * earned / possible : 0,
                               failure_index);
}

/* @totals: earned and possible points of each category in turn;
 * @counts: the number of inspections with points possible in each, or
 * NULL for one inspection's. */
void
_xj_overview_scan_add_categories (Scan         *scan,
                                  gint64        site_id,
                                  const double *totals,
                                  const guint  *counts)
{
  guint site = GPOINTER_TO_UINT (g_hash_table_lookup (scan->site_index, &site_id));

  if (site == 0)
    return;
  for (guint c = 0; c < XJ_OVERVIEW_N_CATEGORIES; c++)
    {
      XjOverviewCell *cell = &g_array_index (scan->overview->cells, XjOverviewCell,
                                             (site - 1) * XJ_OVERVIEW_N_CATEGORIES + c);
      guint n = counts != NULL ? counts[c] : totals[2 * c + 1] > 0;

      /* As a section: no score with nothing possible. */
      if (n == 0)
        continue;
      cell->earned += totals[2 * c];
      cell->possible += totals[2 * c + 1];
      cell->n_inspections += n;
    }
}

static void
add_steps (Scan             *scan,
           gint64            site_id,
           const XjTemplate *tmpl,
           const XjScore    *score)
{
  for (guint s = 0; s < score->sections->len; s++)
    {
      const XjSectionScore *section = g_ptr_array_index (score->sections, s);
      XjOverviewStep init = { .site_id = site_id, .position = s };
      XjOverviewStep *step;

      step = find_or_add (scan->steps, scan->overview->steps,
                          g_strdup_printf ("%" G_GINT64_FORMAT ":%u", site_id, s), &init);
      if (step->title == NULL)
        step->title = g_strdup (((XjTemplateSection *) g_ptr_array_index (tmpl->sections,
                                                                           s))->title);
      step->n_pass += section->n_pass;
      step->n_fail += section->n_fail;
    }
}

static void
add_hard_values (Scan             *scan,
                 const XjTemplate *tmpl)
{
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          const char *value = lookup_value (item, scan->values);
          XjOverviewHard *hard;
          XjOutcome outcome;
          double measured;

          /* A hard standard is timed, or counted against an upper limit
           * (rings to answer). */
          if (item->type != XJ_RESPONSE_STOPWATCH
              && (item->type != XJ_RESPONSE_NUMBER || isnan (item->range_max)))
            continue;
          outcome = xj_template_item_evaluate (item, value, NULL);
          if (outcome != XJ_OUTCOME_PASS && outcome != XJ_OUTCOME_FAIL)
            continue;
          hard = g_hash_table_lookup (scan->hard, item->key);
          if (hard == NULL)
            {
              hard = g_new0 (XjOverviewHard, 1);
              hard->item_key = g_strdup (item->key);
              hard->prompt = g_strdup (item->prompt);
              hard->unit = g_strdup (item->unit);
              hard->limit = item->type == XJ_RESPONSE_STOPWATCH ? item->threshold
                                                                : item->range_max;
              hard->values = g_array_new (FALSE, FALSE, sizeof (double));
              g_ptr_array_add (scan->overview->hard, hard);
              g_hash_table_insert (scan->hard, hard->item_key, hard);
            }
          measured = g_ascii_strtod (value, NULL);
          g_array_append_val (hard->values, measured);
          if (outcome == XJ_OUTCOME_FAIL)
            hard->n_fail++;
        }
    }
}

static gboolean
finish_inspection (Scan    *scan,
                   gint64   site_id,
                   gint64   version_id,
                   gint64   started_at,
                   GError **error)
{
  const XjGradeBands bands = XJ_GRADE_BANDS_DEFAULT;
  Version *version = get_version (scan, version_id, error);
  g_autoptr(XjScore) score = NULL;
  g_autoptr(XjScore) by_category = NULL;
  double totals[2 * XJ_OVERVIEW_N_CATEGORIES];

  if (version == NULL)
    return FALSE;
  /* The text no longer grows: the values can point into it. */
  for (guint i = 0; i < scan->values->len; i++)
    {
      Value *value = &g_array_index (scan->values, Value, i);

      value->value = scan->text->str + value->offset;
    }
  score = xj_score_compute (version->tmpl, lookup_value, scan->values, &bands);
  by_category = xj_score_compute (version->by_category, lookup_value, scan->values, &bands);
  for (guint c = 0; c < XJ_OVERVIEW_N_CATEGORIES; c++)
    {
      const XjSectionScore *section = g_ptr_array_index (by_category->sections, c);

      totals[2 * c] = section->earned;
      totals[2 * c + 1] = section->possible;
    }
  add_points (scan, site_id, started_at, score->earned, score->possible, score->failure_index);
  _xj_overview_scan_add_categories (scan, site_id, totals, NULL);
  if (scan->query->kind != XJ_OVERVIEW_CHECKS)
    {
      add_steps (scan, site_id, version->tmpl, score);
      add_hard_values (scan, version->tmpl);
    }
  g_array_set_size (scan->values, 0);
  g_string_truncate (scan->text, 0);
  return TRUE;
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const XjOverviewPoint *x = a, *y = b;

  if (x->site_id != y->site_id)
    return x->site_id < y->site_id ? -1 : 1;
  return (x->period_start > y->period_start) - (x->period_start < y->period_start);
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const XjOverviewStep *x = a, *y = b;

  if (x->site_id != y->site_id)
    return x->site_id < y->site_id ? -1 : 1;
  return (x->position > y->position) - (x->position < y->position);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
finish (Scan *scan)
{
  XjOverview *overview = scan->overview;

  for (guint i = 0; i < overview->points->len; i++)
    {
      XjOverviewPoint *point = &g_array_index (overview->points, XjOverviewPoint, i);

      point->failure_index /= point->n_inspections;
      if (point->n_scored > 0)
        point->score /= point->n_scored;
    }
  g_array_sort (overview->points, compare_points);
  g_array_sort (overview->steps, compare_steps);
  for (guint i = 0; i < overview->cells->len; i++)
    {
      XjOverviewCell *cell = &g_array_index (overview->cells, XjOverviewCell, i);

      cell->has_score = cell->possible > 0;
      cell->score = cell->has_score ? 100 * cell->earned / cell->possible : 0;
    }
  for (guint i = 0; i < overview->hard->len; i++)
    {
      XjOverviewHard *hard = g_ptr_array_index (overview->hard, i);

      g_array_sort (hard->values, compare_doubles);
    }
}

static void
prepare (Scan *scan)
{
  GArray *sites = scan->overview->sites;

  for (guint i = 0; i < sites->len; i++)
    {
      XjOverviewSite *site = &g_array_index (sites, XjOverviewSite, i);

      g_hash_table_insert (scan->site_index, &site->site_id, GUINT_TO_POINTER (i + 1));
      for (guint c = 0; c < XJ_OVERVIEW_N_CATEGORIES; c++)
        {
          XjOverviewCell cell = { .site_id = site->site_id, .category = c };

          g_array_append_val (scan->overview->cells, cell);
        }
    }
}

/* Reads the inspections a query selects with their answers, and scores
 * each one; @stale_only: only those whose stored totals are out of date. */
static gboolean
scan_answers (Scan          *scan,
              const char    *sites_json,
              gboolean       stale_only,
              GCancellable  *cancellable,
              GError       **error)
{
  gint64 current = 0, site_id = 0, version_id = 0, started_at = 0;
  sqlite3_stmt *stmt;
  guint rows = 0;
  int rc;

  stmt = xj_store_prepare (scan->store,
                           stale_only
                           ? "SELECT i.id, i.site_id, i.version_id, i.started_at, a.item_id, "
                             "a.value, a.outcome = 'fail' "
                             "FROM inspection_totals_stale s CROSS JOIN inspections i ON i.id = "
                             "s.inspection_id LEFT JOIN answers a ON a.inspection_id = i.id "
                             /* The few stale ones first, whatever the period. */
                             "WHERE" XJ_OVERVIEW_WHERE " ORDER BY s.inspection_id"
                           : "SELECT i.id, i.site_id, i.version_id, i.started_at, a.item_id, "
                             "a.value, a.outcome = 'fail' "
                             "FROM inspections i LEFT JOIN answers a ON a.inspection_id = i.id "
                             "WHERE" XJ_OVERVIEW_WHERE " ORDER BY i.id", error);
  if (stmt == NULL)
    return FALSE;
  _xj_overview_bind (stmt, scan->query, sites_json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id != current && current != 0
          && !finish_inspection (scan, site_id, version_id, started_at, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (id != current)
        {
          current = id;
          site_id = xj_site_merges_resolve (scan->merges, sqlite3_column_int64 (stmt, 1));
          version_id = sqlite3_column_int64 (stmt, 2);
          started_at = sqlite3_column_int64 (stmt, 3);
          /* Loads the checklist (and its items) before the answers need it. */
          if (get_version (scan, version_id, error) == NULL)
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
        }
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        {
          gint64 item_id = sqlite3_column_int64 (stmt, 4);

          if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
            {
              Value value = { item_id, scan->text->len, NULL };

              g_string_append_len (scan->text, (const char *) sqlite3_column_text (stmt, 5),
                                   sqlite3_column_bytes (stmt, 5) + 1);
              g_array_append_val (scan->values, value);
            }
          if (sqlite3_column_int (stmt, 6) != 0)
            add_answer_failure (scan, site_id, id, started_at, item_id);
        }
      if (++rows % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _xj_overview_read_error (scan->store, rc, error);
  return current == 0 || finish_inspection (scan, site_id, version_id, started_at, error);
}

gboolean
_xj_overview_scan (XjStore               *store,
                   const XjOverviewQuery *query,
                   const char            *sites_json,
                   XjOverview            *overview,
                   GCancellable          *cancellable,
                   GError               **error)
{
  Scan scan = { store, query, overview };
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) version_free);
  g_autoptr(GHashTable) site_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) points = g_hash_table_new_full (point_key_hash, point_key_equal, g_free,
                                                        NULL);
  g_autoptr(GArray) periods = g_array_new (FALSE, FALSE, sizeof (Period));
  g_autoptr(GHashTable) steps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) hard = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) items = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) failures = g_hash_table_new_full (failure_key_hash, failure_key_equal,
                                                          g_free, NULL);
  g_autoptr(GPtrArray) failure_list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (Value));
  g_autoptr(GString) text = g_string_sized_new (4096);
  g_autoptr(GHashTable) merges = NULL;
  GStringChunk *keys;
  gboolean ok;

  /* Inspections of a merged site count under the site it was merged into. */
  if ((merges = xj_store_read_site_merges (store, error)) == NULL)
    return FALSE;
  keys = g_string_chunk_new (4096);
  scan.merges = merges;

  scan.versions = versions;
  scan.site_index = site_index;
  scan.points = points;
  scan.periods = periods;
  scan.steps = steps;
  scan.hard = hard;
  scan.items = items;
  scan.failures = failures;
  scan.keys = keys;
  scan.failure_list = failure_list;
  scan.values = values;
  scan.text = text;
  prepare (&scan);

  /* The checks add up their stored totals, and score only the inspections
   * whose totals are not stored yet; the mystery steps and hard standards
   * need every answer. */
  if (query->kind == XJ_OVERVIEW_CHECKS)
    ok = _xj_overview_read_stored (&scan, sites_json, cancellable, error)
         && scan_answers (&scan, sites_json, TRUE, cancellable, error);
  else
    ok = scan_answers (&scan, sites_json, FALSE, cancellable, error);
  if (ok)
    {
      finish (&scan);
      /* The failures borrow the item keys of the chunk. */
      ok = _xj_overview_repeats (store, failure_list, overview, error);
    }
  g_string_chunk_free (keys);
  return ok;
}
