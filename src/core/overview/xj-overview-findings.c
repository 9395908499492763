/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview's figures that are not scores: repeat findings (the same
 * item failing again at the same site: a signal, not a new event) and the
 * notices of the selected sites.  Schedule compliance is in
 * xj-overview-compliance.c.
 */
#define G_LOG_DOMAIN "xj-overview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "xj-builtins.h"
#include "xj-notice.h"
#include "xj-numbers-private.h"
#include "xj-overview-private.h"

#define DAY ((gint64) 86400)

/* --- repeat findings ------------------------------------------------------ */

static gboolean
find_open_notice (XjStore          *store,
                  XjOverviewRepeat *repeat,
                  GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* The newest open notice raised from a failure of this item here. */
  stmt = xj_store_prepare (store,
                           "SELECT n.id, " XJ_FULL_NUMBER ("n.") " FROM notices n "
                           "JOIN notice_findings f ON f.notice_id = n.id "
                           "JOIN answers a ON a.id = f.answer_id "
                           "JOIN template_items t ON t.id = a.item_id "
                           "WHERE n.site_id = ?1 AND t.item_key = ?2 "
                           "AND n.state NOT IN ('draft', 'closed') "
                           "ORDER BY n.issued_at DESC, n.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, repeat->site_id);
  sqlite3_bind_text (stmt, 2, repeat->item_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      repeat->notice_id = sqlite3_column_int64 (stmt, 0);
      repeat->notice_number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || _xj_overview_read_error (store, rc, error);
}

static int
compare_failures (gconstpointer a,
                  gconstpointer b)
{
  const XjOverviewFailures *x = *(XjOverviewFailures *const *) a;
  const XjOverviewFailures *y = *(XjOverviewFailures *const *) b;

  /* Most often first, then the latest, then by site and item. */
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if (x->last_at != y->last_at)
    return x->last_at > y->last_at ? -1 : 1;
  if (x->site_id != y->site_id)
    return x->site_id < y->site_id ? -1 : 1;
  return strcmp (x->item_key, y->item_key);
}

/* The site's name and the item's prompt as the latest failure showed it. */
static gboolean
describe_repeat (XjStore                  *store,
                 const XjOverviewFailures *failures,
                 XjOverviewRepeat         *repeat,
                 GError                  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT s.name, t.prompt, tp.builtin FROM inspections i "
                           "JOIN sites s ON s.id = i.site_id "
                           "JOIN template_versions v ON v.id = i.version_id "
                           "JOIN templates tp ON tp.id = v.template_id "
                           "JOIN template_items t ON t.id = ?2 WHERE i.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, failures->last_inspection_id);
  sqlite3_bind_int64 (stmt, 2, failures->last_item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      repeat->site_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      repeat->prompt = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      /* Built-in checklists are stored in English, shown translated. */
      if (sqlite3_column_int (stmt, 2) != 0)
        xj_builtins_translate (&repeat->prompt);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || _xj_overview_read_error (store, rc, error);
}

/* The top repeat findings: an item failing at least twice at a site in the
 * period, from the failures the scan gathered (sorted here). */
gboolean
_xj_overview_repeats (XjStore     *store,
                      GPtrArray   *failures,
                      XjOverview  *overview,
                      GError     **error)
{
  g_ptr_array_sort (failures, compare_failures);
  for (guint i = 0; i < failures->len && overview->repeats->len < XJ_OVERVIEW_TOP_REPEATS; i++)
    {
      const XjOverviewFailures *f = g_ptr_array_index (failures, i);
      XjOverviewRepeat repeat = {
        .site_id = f->site_id,
        .count = f->count,
        .last_at = f->last_at,
        .last_inspection_id = f->last_inspection_id,
      };

      if (f->count < 2)
        break;
      repeat.item_key = g_strdup (f->item_key);
      g_array_append_val (overview->repeats, repeat);
      if (!describe_repeat (store, f, &g_array_index (overview->repeats, XjOverviewRepeat,
                                                      overview->repeats->len - 1), error)
          || !find_open_notice (store, &g_array_index (overview->repeats, XjOverviewRepeat,
                                                       overview->repeats->len - 1), error))
        return FALSE;
    }
  return TRUE;
}

/* --- notices -------------------------------------------------------------- */

static XjOverviewAge
age_of (gint64 issued_at,
        gint64 now)
{
  gint64 days = (now - issued_at) / DAY;

  if (days <= 7)
    return XJ_OVERVIEW_AGE_WEEK;
  if (days <= 30)
    return XJ_OVERVIEW_AGE_MONTH;
  if (days <= 90)
    return XJ_OVERVIEW_AGE_QUARTER;
  return XJ_OVERVIEW_AGE_OLDER;
}

static void
count_notice (XjOverview            *overview,
              const XjOverviewQuery *query,
              XjNoticeType           type,
              XjNoticeState          state,
              XjResponsibleParty     party,
              gint64                 issued_at,
              gint64                 deadline,
              gint64                 closed_at,
              gboolean               escalated)
{
  XjOverviewNotices *notices = &overview->notices;

  if (state == XJ_NOTICE_STATE_CLOSED)
    {
      if (closed_at >= query->from && closed_at < query->to)
        {
          /* Sums for now: made means by the caller. */
          notices->closed_by_type[type]++;
          notices->days_to_close_by_type[type] += (double) (closed_at - issued_at) / DAY;
        }
      return;
    }
  notices->open++;
  notices->open_by_age[age_of (issued_at, overview->now)]++;
  notices->open_by_party[party]++;
  if (xj_notice_deadline_is_overdue (state, deadline, overview->now))
    notices->overdue++;
  if (escalated)
    notices->escalated++;
}

gboolean
_xj_overview_notices (XjStore               *store,
                      const XjOverviewQuery *query,
                      const char            *sites_json,
                      XjOverview            *overview,
                      GError               **error)
{
  XjOverviewNotices *notices = &overview->notices;
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store,
                           "SELECT type, state, responsible_party, issued_at, deadline, "
                           "closed_at, escalated FROM notices "
                           "WHERE state <> 'draft' AND" XJ_OVERVIEW_SITES, error);
  if (stmt == NULL)
    return FALSE;
  _xj_overview_bind (stmt, query, sites_json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjNoticeType type;
      XjNoticeState state;
      XjResponsibleParty party;

      if (!xj_notice_type_from_string ((const char *) sqlite3_column_text (stmt, 0), &type)
          || !xj_notice_state_from_string ((const char *) sqlite3_column_text (stmt, 1), &state)
          || !xj_responsible_party_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                                &party))
        continue;
      count_notice (overview, query, type, state, party, sqlite3_column_int64 (stmt, 3),
                    sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5),
                    sqlite3_column_int (stmt, 6) != 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _xj_overview_read_error (store, rc, error);
  for (guint t = 0; t < XJ_OVERVIEW_N_NOTICE_TYPES; t++)
    if (notices->closed_by_type[t] > 0)
      notices->days_to_close_by_type[t] /= notices->closed_by_type[t];
  return TRUE;
}
