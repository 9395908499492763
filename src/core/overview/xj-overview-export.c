/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of a spreadsheet export, read in core (the store is sealed) and
 * handed one at a time to the writer: a year of a large organisation is
 * millions of answers, more than memory should hold at once.  Each
 * answer's earned points come from xj_template_item_evaluate() on its
 * checklist version, as the score was added up.
 */
#define G_LOG_DOMAIN "xj-overview"

#include "config.h"

#include "xj-answer-format.h"
#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-numbers-private.h"
#include "xj-overview-export.h"
#include "xj-overview-private.h"
#include "xj-template-store.h"

/* ?3 the sites as a JSON array (NULL: every site); ?4…?7 the kinds of
 * inspection (NULL: every kind). */
#define RANGE(column, site) \
  " (?1 = 0 OR " column " >= ?1) AND (?2 = 0 OR " column " < ?2)" \
  " AND (?3 IS NULL OR " XJ_SITE_IN_JSON (site, "?3") ")"
#define KINDS " AND (?4 IS NULL OR i.kind IN (?4, ?5, ?6, ?7))"

static void
bind_range (sqlite3_stmt        *stmt,
            const XjExportRange *range,
            const char          *sites_json)
{
  sqlite3_bind_int64 (stmt, 1, range->from);
  sqlite3_bind_int64 (stmt, 2, range->to);
  if (sites_json != NULL)
    sqlite3_bind_text (stmt, 3, sites_json, -1, SQLITE_STATIC);
  if (range->with_kind && sqlite3_bind_parameter_count (stmt) >= 7)
    {
      const char *const *names = xj_overview_kinds (range->kind);

      for (int i = 0; i < 4; i++)
        sqlite3_bind_text (stmt, 4 + i, names[i], -1, SQLITE_STATIC);
    }
}

static char *
range_sites_json (const XjExportRange *range)
{
  if (range->site_ids != NULL)
    return _xj_overview_sites_json (range->site_ids, range->n_site_ids);
  if (range->site_id != 0)
    return _xj_overview_sites_json (&range->site_id, 1);
  return NULL;
}

static const char *
text (sqlite3_stmt *stmt,
      int           column)
{
  const char *value = (const char *) sqlite3_column_text (stmt, column);

  return value != NULL ? value : "";
}

/* Steps @stmt to the end, handing each row to @row; FALSE when SQLite or
 * @row failed. */
static gboolean
each_row (XjStore       *store,
          sqlite3_stmt  *stmt,
          gboolean     (*row) (sqlite3_stmt *stmt, gpointer data, GError **error),
          gpointer       data,
          GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!row (stmt, data, error))
      {
        sqlite3_reset (stmt);
        return FALSE;
      }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || _xj_overview_read_error (store, rc, error);
}

typedef struct {
  XjStore            *store;
  const char         *sites_json;
  const XjExportSink *sink;
  gpointer            user_data;
  GHashTable         *versions;  /* gint64 version id → XjTemplate */
  GHashTable         *items;     /* gint64 item id → Item */
} Export;

/* An item of a loaded version, in the language of the moment (built-in
 * checklists are stored in English and translated as they load). */
typedef struct {
  const XjTemplateItem *item;
  const char           *section;
} Item;

/* --- inspections ---------------------------------------------------------- */

static gboolean
inspection_row (sqlite3_stmt *stmt,
                gpointer      data,
                GError      **error)
{
  Export *export = data;
  g_autofree char *checklist = g_strdup (text (stmt, 2));
  XjExportInspection row = {
    .id = sqlite3_column_int64 (stmt, 0),
    .site = text (stmt, 1),
    .version = sqlite3_column_int (stmt, 3),
    .kind = text (stmt, 4),
    .state = text (stmt, 5),
    .inspector = text (stmt, 6),
    .rep_name = text (stmt, 7),
    .started_at = sqlite3_column_int64 (stmt, 8),
    .completed_at = sqlite3_column_int64 (stmt, 9),
    .signed_at = sqlite3_column_int64 (stmt, 10),
    .has_score = sqlite3_column_type (stmt, 11) != SQLITE_NULL,
    .score = sqlite3_column_double (stmt, 11),
    .grade = (const char *) sqlite3_column_text (stmt, 12),
    .failure_index = sqlite3_column_double (stmt, 13),
    .critical_failed = sqlite3_column_int (stmt, 14) != 0,
  };

  if (sqlite3_column_int (stmt, 15) != 0)
    xj_builtins_translate (&checklist);
  row.checklist = checklist;
  return export->sink->inspection (&row, export->user_data, error);
}

/* --- answers -------------------------------------------------------------- */

static const Item *
find_item (Export  *export,
           gint64   version_id,
           gint64   item_id,
           GError **error)
{
  Item *item = g_hash_table_lookup (export->items, &item_id);
  XjTemplate *tmpl;

  if (item != NULL || g_hash_table_contains (export->versions, &version_id))
    return item;
  if ((tmpl = xj_store_load_template_version (export->store, version_id, error)) == NULL)
    return NULL;
  g_hash_table_insert (export->versions, g_memdup2 (&version_id, sizeof version_id), tmpl);
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *each = g_ptr_array_index (section->items, i);
          Item *entry = g_new (Item, 1);

          entry->item = each;
          entry->section = section->title;
          g_hash_table_insert (export->items, &each->id, entry);
        }
    }
  return g_hash_table_lookup (export->items, &item_id);
}

static gboolean
answer_row (sqlite3_stmt *stmt,
            gpointer      data,
            GError      **error)
{
  Export *export = data;
  const char *value = (const char *) sqlite3_column_text (stmt, 8);
  const Item *item;
  XjExportAnswer row = {
    .inspection_id = sqlite3_column_int64 (stmt, 0),
    .site = text (stmt, 1),
    .section = text (stmt, 2),
    .item_key = text (stmt, 4),
    .prompt = text (stmt, 5),
    .category = text (stmt, 6),
    .type = text (stmt, 7),
    .value = value,
    .outcome = text (stmt, 9),
    .weight = sqlite3_column_double (stmt, 10),
    .failure_weight = sqlite3_column_double (stmt, 11),
    .critical = sqlite3_column_int (stmt, 12) != 0,
    .remark = text (stmt, 13),
    .answered_at = sqlite3_column_int64 (stmt, 14),
  };
  g_autofree char *shown = NULL;
  double fraction = 0;
  XjOutcome outcome;

  item = find_item (export, sqlite3_column_int64 (stmt, 15), sqlite3_column_int64 (stmt, 3),
                    error);
  if (item == NULL)
    {
      if (error != NULL && *error != NULL)
        return FALSE;
    }
  else
    {
      row.prompt = item->item->prompt;
      row.section = item->section;
      if (xj_template_item_evaluate (item->item, value, &fraction) == XJ_OUTCOME_PASS)
        row.earned = row.weight * fraction;
      if (value != NULL)
        shown = xj_answer_format_value (item->item, value);
    }
  /* Pass, fail and n.a. are their own result: said as it is. */
  if (shown == NULL && value != NULL && xj_outcome_from_string (value, &outcome))
    shown = g_strdup (xj_outcome_get_label (outcome));
  row.shown = shown != NULL ? shown : value;
  return export->sink->answer (&row, export->user_data, error);
}

/* --- notices -------------------------------------------------------------- */

static gboolean
notice_row (sqlite3_stmt *stmt,
            gpointer      data,
            GError      **error)
{
  Export *export = data;
  XjExportNotice row = {
    .id = sqlite3_column_int64 (stmt, 0),
    .number = text (stmt, 1),
    .type = text (stmt, 2),
    .state = text (stmt, 3),
    .site = text (stmt, 4),
    .severity = text (stmt, 5),
    .party = text (stmt, 6),
    .description = text (stmt, 7),
    .issued_at = sqlite3_column_int64 (stmt, 8),
    .deadline = sqlite3_column_int64 (stmt, 9),
    .closed_at = sqlite3_column_int64 (stmt, 10),
    .escalated = sqlite3_column_int (stmt, 11) != 0,
    .repeat = sqlite3_column_int (stmt, 12) != 0,
  };

  return export->sink->notice (&row, export->user_data, error);
}

static gboolean
event_row (sqlite3_stmt *stmt,
           gpointer      data,
           GError      **error)
{
  Export *export = data;
  XjExportEvent row = {
    .number = text (stmt, 0),
    .at = sqlite3_column_int64 (stmt, 1),
    .actor = text (stmt, 2),
    .from_state = (const char *) sqlite3_column_text (stmt, 3),
    .to_state = text (stmt, 4),
    .deadline = sqlite3_column_int64 (stmt, 5),
    .remark = text (stmt, 6),
  };

  return export->sink->event (&row, export->user_data, error);
}

static gboolean
export_query (Export              *export,
              const XjExportRange *range,
              const char          *sql,
              gboolean           (*row) (sqlite3_stmt *stmt, gpointer data, GError **error),
              GError             **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (export->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_range (stmt, range, export->sites_json);
  return each_row (export->store, stmt, row, export, error);
}

/**
 * xj_store_export_rows:
 * @sink: a callback per kind of row; a callback that fails stops the export
 *
 * Inspections (by start), their answers (in checklist order), notices (by
 * number) and the notices' events (by time), one sheet after the other.
 */
gboolean
xj_store_export_rows (XjStore             *store,
                      const XjExportRange *range,
                      const XjExportSink  *sink,
                      gpointer             user_data,
                      GError             **error)
{
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) xj_template_free);
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       g_free);
  g_autofree char *sites_json = range_sites_json (range);
  Export export = { store, sites_json, sink, user_data, versions, items };
  gboolean ok;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (range != NULL && sink != NULL, FALSE);

  if (!xj_store_exec (store, "BEGIN", error))
    return FALSE;
  ok = export_query (&export, range,
                     "SELECT i.id, " XJ_MERGED_SITE_NAME ("s") ", v.name, v.version, i.kind, i.state, i.inspector, "
                     "i.rep_name, i.started_at, coalesce(i.completed_at, 0), "
                     "coalesce(i.signed_at, 0), i.score, i.grade, coalesce(i.failure_index, 0), "
                     "i.critical_failed, t.builtin FROM inspections i JOIN sites s ON s.id = i.site_id "
                     "JOIN template_versions v ON v.id = i.version_id "
                     "JOIN templates t ON t.id = v.template_id WHERE"
                     RANGE ("i.started_at", "i.site_id") KINDS " ORDER BY i.started_at, i.id",
                     inspection_row, error)
       && export_query (&export, range,
                        "SELECT a.inspection_id, " XJ_MERGED_SITE_NAME ("s") ", sec.title, t.id, t.item_key, t.prompt, "
                        "t.category, t.response_type, a.value, a.outcome, t.score_weight, "
                        "t.failure_weight, t.critical, a.remark, a.answered_at, i.version_id "
                        "FROM inspections i JOIN answers a ON a.inspection_id = i.id "
                        "JOIN template_items t ON t.id = a.item_id "
                        "JOIN template_sections sec ON sec.id = t.section_id "
                        "JOIN sites s ON s.id = i.site_id WHERE"
                        RANGE ("i.started_at", "i.site_id") KINDS
                        " ORDER BY i.started_at, i.id, sec.position, t.position",
                        answer_row, error)
       && export_query (&export, range,
                        "SELECT n.id, " XJ_FULL_NUMBER ("n.") ", n.type, n.state, s.name, n.severity, "
                        "n.responsible_party, n.description, coalesce(n.issued_at, 0), "
                        "coalesce(n.deadline, 0), coalesce(n.closed_at, 0), n.escalated, "
                        "n.repeat FROM notices n JOIN sites s ON s.id = n.site_id WHERE"
                        RANGE ("coalesce(n.issued_at, n.created_at)", "n.site_id")
                        " ORDER BY n.type, n.year, n.seq",
                        notice_row, error)
       && export_query (&export, range,
                        "SELECT " XJ_FULL_NUMBER ("n.") ", e.at, e.actor, e.from_state, e.to_state, "
                        "coalesce(e.deadline, 0), e.remark FROM notice_events e "
                        "JOIN notices n ON n.id = e.notice_id WHERE"
                        RANGE ("coalesce(n.issued_at, n.created_at)", "n.site_id")
                        " ORDER BY n.type, n.year, n.seq, e.at, e.id",
                        event_row, error);
  xj_store_exec (store, "COMMIT", NULL);
  return ok;
}

/**
 * xj_store_export_compliance:
 *
 * Returns: (element-type XjOverviewCompliance): per site and kind, every
 * kind of inspection; an open end runs to now.
 */
GArray *
xj_store_export_compliance (XjStore             *store,
                            const XjExportRange *range,
                            GError             **error)
{
  g_autoptr(XjOverview) overview = g_new0 (XjOverview, 1);
  XjOverviewQuery query = {
    .from = range->from,
    .to = range->to != 0 ? range->to : xj_clock_now (),
    .site_ids = range->site_ids != NULL ? range->site_ids
                : range->site_id != 0 ? &range->site_id : NULL,
    .n_site_ids = range->site_ids != NULL ? range->n_site_ids : range->site_id != 0 ? 1 : 0,
  };

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  overview->compliance = g_array_new (FALSE, TRUE, sizeof (XjOverviewCompliance));
  g_array_set_clear_func (overview->compliance, _xj_overview_compliance_clear);
  for (query.kind = XJ_OVERVIEW_CHECKS; query.kind <= XJ_OVERVIEW_MYSTERY_CALLS; query.kind++)
    if ((!range->with_kind || range->kind == query.kind)
        && !_xj_overview_compliance (store, &query, overview, error))
      return NULL;
  return g_steal_pointer (&overview->compliance);
}
