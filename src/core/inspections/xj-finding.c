/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Findings (failed answers): what a notice raised from them starts with,
 * and repeat findings — the same item (by item_key, stable across template
 * versions) failing again at the same site within a window.
 */
#define G_LOG_DOMAIN "xj-finding"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-finding.h"
#include "xj-notice-private.h"

#define DAY (24 * 60 * 60)

void
xj_finding_free (XjFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->item_key);
  g_free (finding->prompt);
  g_free (finding->stored_prompt);
  g_free (finding->remark);
  g_free (finding->category);
  g_free (finding->rep_name);
  g_free (finding->rep_company);
  g_clear_pointer (&finding->photos, g_ptr_array_unref);
  g_free (finding);
}

/**
 * xj_finding_get_severity:
 *
 * A critical item or anything about fire and security is a safety hazard
 * (安全隐患类, the highest class of the standard).  Otherwise the item's
 * failure weight speaks: heavier than usual (≥ 2) is serious, lighter than
 * the default 1 is low.
 */
static XjNoticeSeverity
xj_finding_get_severity (const XjFinding *finding)
{
  g_return_val_if_fail (finding != NULL, XJ_NOTICE_SEVERITY_NORMAL);

  if (finding->critical || g_strcmp0 (finding->category, "fire_security") == 0)
    return XJ_NOTICE_SEVERITY_SAFETY;
  if (finding->failure_weight >= 2)
    return XJ_NOTICE_SEVERITY_SERIOUS;
  if (finding->failure_weight < 1)
    return XJ_NOTICE_SEVERITY_LOW;
  return XJ_NOTICE_SEVERITY_NORMAL;
}

/* --- repeat findings ------------------------------------------------------ */

/* An earlier failed answer to the same item at the same site, in another
 * inspection, at most @window before this one (inclusive). */
#define PREVIOUS_FAILURE_SQL                                                  \
  "SELECT b.id FROM template_items tb "                                       \
  "JOIN answers b ON b.item_id = tb.id AND b.outcome = 'fail' "               \
  "JOIN inspections ib ON ib.id = b.inspection_id "                           \
  "WHERE tb.item_key = ta.item_key AND ib.site_id = ia.site_id "              \
  "AND ib.id <> ia.id AND b.answered_at < a.answered_at "                     \
  "AND b.answered_at >= a.answered_at - ?2 "

gboolean
xj_findings_is_repeat (XjStore   *store,
                       gint64     answer_id,
                       guint      window_days,
                       gboolean  *is_repeat,
                       gint64    *previous_answer_id,
                       GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 previous = 0;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  stmt = xj_store_prepare (store,
                           "SELECT (" PREVIOUS_FAILURE_SQL
                           "ORDER BY b.answered_at DESC, b.id DESC LIMIT 1) "
                           "FROM answers a JOIN inspections ia ON ia.id = a.inspection_id "
                           "JOIN template_items ta ON ta.id = a.item_id "
                           "WHERE a.id = ?1 AND a.outcome = 'fail'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, answer_id);
  sqlite3_bind_int64 (stmt, 2, (gint64) window_days * DAY);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    previous = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                      _("Could not read findings"));
  if (is_repeat != NULL)
    *is_repeat = previous > 0;
  if (previous_answer_id != NULL)
    *previous_answer_id = previous;
  return TRUE;
}

/**
 * xj_store_count_repeat_findings:
 * @site_id: the site, or 0 for all sites
 * @since: count findings answered at or after this time
 *
 * Counts the repeat findings of a site, for the dashboard.
 */
gboolean
xj_store_count_repeat_findings (XjStore  *store,
                                gint64    site_id,
                                gint64    since,
                                guint     window_days,
                                guint    *n_repeats,
                                GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (n_repeats != NULL, FALSE);

  stmt = xj_store_prepare (store,
                           "SELECT count(*) FROM answers a "
                           "JOIN inspections ia ON ia.id = a.inspection_id "
                           "JOIN template_items ta ON ta.id = a.item_id "
                           "WHERE (?1 = 0 OR ia.site_id = ?1) AND a.outcome = 'fail' "
                           "AND a.answered_at >= ?3 "
                           "AND EXISTS (" PREVIOUS_FAILURE_SQL ")", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, site_id);
  sqlite3_bind_int64 (stmt, 2, (gint64) window_days * DAY);
  sqlite3_bind_int64 (stmt, 3, since);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *n_repeats = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                      _("Could not read findings"));
  return TRUE;
}

/* --- loading -------------------------------------------------------------- */

static XjFinding *
finding_from_row (sqlite3_stmt *stmt)
{
  XjFinding *finding = g_new0 (XjFinding, 1);
  XjNoticeType type;
  XjResponsibleParty party;

  finding->answer_id = sqlite3_column_int64 (stmt, 0);
  finding->inspection_id = sqlite3_column_int64 (stmt, 1);
  finding->site_id = sqlite3_column_int64 (stmt, 2);
  finding->item_id = sqlite3_column_int64 (stmt, 3);
  finding->item_key = xj_store_column_dup_or_empty (stmt, 4);
  finding->prompt = xj_store_column_dup_or_empty (stmt, 5);
  finding->stored_prompt = g_strdup (finding->prompt);
  if (sqlite3_column_int (stmt, 17) != 0)
    xj_builtins_translate (&finding->prompt);
  finding->remark = xj_store_column_dup_or_empty (stmt, 6);
  finding->category = xj_store_column_dup_or_empty (stmt, 7);
  finding->critical = sqlite3_column_int (stmt, 8) != 0;
  finding->failure_weight = sqlite3_column_double (stmt, 9);
  /* NULL (the item sets nothing) parses as "not set". */
  finding->notice_type =
    xj_notice_type_from_string ((const char *) sqlite3_column_text (stmt, 10), &type)
    ? (int) type : -1;
  finding->party =
    xj_responsible_party_from_string ((const char *) sqlite3_column_text (stmt, 11), &party)
    ? (int) party : -1;
  finding->deadline_days = sqlite3_column_type (stmt, 12) == SQLITE_NULL
                           ? -1 : sqlite3_column_int (stmt, 12);
  finding->failed = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 13), "fail") == 0;
  finding->answered_at = sqlite3_column_int64 (stmt, 14);
  finding->rep_name = xj_store_column_dup_or_empty (stmt, 15);
  finding->rep_company = xj_store_column_dup_or_empty (stmt, 16);
  finding->photos = g_ptr_array_new_with_free_func (g_free);
  return finding;
}

static gboolean
load_photos (XjStore    *store,
             XjFinding  *finding,
             GError    **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "SELECT sha256 FROM answer_photos WHERE answer_id = ?1 "
                                         "ORDER BY position, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, finding->answer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (finding->photos, xj_store_column_dup_or_empty (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                      _("Could not read findings"));
  return TRUE;
}

/**
 * xj_store_load_findings:
 * @repeat_window_days: fills previous_answer_id for repeat findings
 *
 * Returns: (transfer full) (element-type XjFinding): the findings in the
 * order of @answer_ids, or %NULL if one does not exist.
 */
GPtrArray *
xj_store_load_findings (XjStore       *store,
                        const gint64  *answer_ids,
                        guint          n_answer_ids,
                        guint          repeat_window_days,
                        GError       **error)
{
  g_autoptr(GPtrArray) findings =
    g_ptr_array_new_with_free_func ((GDestroyNotify) xj_finding_free);

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (answer_ids != NULL || n_answer_ids == 0, NULL);

  for (guint i = 0; i < n_answer_ids; i++)
    {
      XjFinding *finding;

      if (!xj_store_query_row (store,
        "SELECT a.id, a.inspection_id, i.site_id, a.item_id, t.item_key, t.prompt, a.remark, "
        "t.category, t.critical, t.failure_weight, t.notice_type, t.responsible_party, "
        "t.deadline_days, a.outcome, a.answered_at, i.rep_name, i.rep_company, "
        "(SELECT f.builtin FROM templates f JOIN template_versions v ON v.template_id = f.id "
        " JOIN template_sections s ON s.version_id = v.id WHERE s.id = t.section_id) "
        "FROM answers a JOIN inspections i ON i.id = a.inspection_id "
        "JOIN template_items t ON t.id = a.item_id WHERE a.id = ?1",
                               answer_ids[i], (XjStoreRowFunc) finding_from_row,
                               (gpointer *) &finding, _("Could not read findings"), error))
        return NULL;
      if (finding == NULL)
        {
          g_set_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_NOT_FOUND,
                       _("There is no finding with ID %lld."), (long long) answer_ids[i]);
          return NULL;
        }
      g_ptr_array_add (findings, finding);
      if (!load_photos (store, finding, error)
          || !xj_findings_is_repeat (store, finding->answer_id, repeat_window_days, NULL,
                                     &finding->previous_answer_id, error))
        return NULL;
    }
  return g_steal_pointer (&findings);
}

/* --- defaults ------------------------------------------------------------- */

/**
 * xj_findings_check:
 * @findings: (element-type XjFinding)
 * @site_id: the site they must be from, or 0 for "all from one site"
 *
 * One notice covers failed answers of one site.
 */
gboolean
xj_findings_check (GPtrArray  *findings,
                   gint64      site_id,
                   GError    **error)
{
  if (findings == NULL || findings->len == 0)
    {
      g_set_error_literal (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID_FINDINGS,
                           _("Select at least one finding."));
      return FALSE;
    }
  if (site_id == 0)
    site_id = ((const XjFinding *) g_ptr_array_index (findings, 0))->site_id;
  for (guint i = 0; i < findings->len; i++)
    {
      const XjFinding *finding = g_ptr_array_index (findings, i);

      if (!finding->failed)
        {
          g_set_error (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID_FINDINGS,
                       _("“%s” did not fail; only failed items can be raised as a notice."),
                       finding->prompt);
          return FALSE;
        }
      if (finding->site_id != site_id)
        {
          g_set_error_literal (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID_FINDINGS,
                               _("The findings are from different sites; raise one notice "
                                 "per site."));
          return FALSE;
        }
    }
  return TRUE;
}

/* Days to rectify when no item sets them: the more severe, the shorter. */
static const int default_days[] = {
  [XJ_NOTICE_SEVERITY_LOW] = 14,
  [XJ_NOTICE_SEVERITY_NORMAL] = 7,
  [XJ_NOTICE_SEVERITY_SERIOUS] = 3,
  [XJ_NOTICE_SEVERITY_SAFETY] = 1,
};

/* The least time a responsible party is given, whatever an item says: a
 * hazard is made safe at once but needs a working day to be put right; a
 * lesser problem is planned in among the crew's rounds and needs longer
 * notice.  An item's "0 days" (by the end of today) raised at 23:00 would
 * otherwise leave an hour, or none. */
static const gint64 working_hours[] = {
  [XJ_NOTICE_SEVERITY_LOW] = 72,
  [XJ_NOTICE_SEVERITY_NORMAL] = 48,
  [XJ_NOTICE_SEVERITY_SERIOUS] = 24,
  [XJ_NOTICE_SEVERITY_SAFETY] = 24,
};

G_STATIC_ASSERT (G_N_ELEMENTS (default_days) == XJ_NOTICE_N_SEVERITIES);
G_STATIC_ASSERT (G_N_ELEMENTS (working_hours) == XJ_NOTICE_N_SEVERITIES);

/**
 * xj_notice_default_deadline:
 * @now: when the notice is raised
 * @days: the days an item sets (0: by the end of today), or -1 for the
 *   severity's default
 *
 * The deadline a new notice starts from: @days in local calendar days (so a
 * DST change does not move the hour), but never less than the severity's
 * working time from @now, so never in the past nor within the hour.
 */
gint64
xj_notice_default_deadline (gint64            now,
                            int               days,
                            XjNoticeSeverity  severity)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) end = NULL;
  gint64 earliest;

  g_return_val_if_fail ((guint) severity < XJ_NOTICE_N_SEVERITIES, now);

  if (days < 0)
    days = default_days[severity];
  if (days > 0)
    end = g_date_time_add_days (local, days);
  else
    end = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                 g_date_time_get_day_of_month (local), 23, 59, 59);
  earliest = now + working_hours[severity] * 3600;
  return MAX (g_date_time_to_unix (end), earliest);
}

/**
 * xj_findings_describe:
 * @findings: (element-type XjFinding)
 *
 * The description a notice starts from: one line per finding, its prompt
 * and the inspector's remark.
 * Returns: (transfer full): the text.
 */
char *
xj_findings_describe (GPtrArray *findings)
{
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const XjFinding *finding = g_ptr_array_index (findings, i);

      if (description->len > 0)
        g_string_append_c (description, '\n');
      g_string_append (description, finding->prompt);
      if (*finding->remark != '\0')
        g_string_append_printf (description, " — %s", finding->remark);
    }
  return g_string_free (g_steal_pointer (&description), FALSE);
}

/**
 * xj_findings_describe_matches:
 * @findings: (element-type XjFinding)
 * @description: (nullable): a notice's description
 *
 * Whether @description is the one the notice started from, in whatever
 * language it was written (xj_findings_describe() at the time): it then
 * says nothing the findings do not.  A built-in item's prompt is known in
 * every installed language.
 */
gboolean
xj_findings_describe_matches (GPtrArray  *findings,
                              const char *description)
{
  g_auto(GStrv) lines = NULL;

  if (description == NULL || findings->len == 0)
    return FALSE;
  lines = g_strsplit (description, "\n", -1);
  if (g_strv_length (lines) != findings->len)
    return FALSE;
  for (guint i = 0; i < findings->len; i++)
    {
      const XjFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *remark = *finding->remark != '\0'
                                ? g_strdup_printf (" — %s", finding->remark) : g_strdup ("");
      g_autofree char *prompt = NULL;

      if (!g_str_has_suffix (lines[i], remark))
        return FALSE;
      prompt = g_strndup (lines[i], strlen (lines[i]) - strlen (remark));
      if (!g_str_equal (prompt, finding->prompt)
          && !xj_builtins_is_translation (finding->stored_prompt, prompt))
        return FALSE;
    }
  return TRUE;
}

/**
 * xj_notice_defaults_from_findings:
 * @findings: (element-type XjFinding): from xj_store_load_findings()
 * @now: the time the notice is raised
 *
 * Pure: computes the notice a liaison starts from, without touching the
 * store.  The most severe finding decides — its item's notice type and
 * responsible party win over the others'.  Without an item's word, the
 * procedure of the standard applies: the owner's own works and the repair
 * crew get a 派工单, the property company a 整改通知单 when serious, a
 * 工作联系单 otherwise.  The deadline is the shortest any item sets (a
 * safety hazard gets at most one day), never less than the severity's
 * working time (xj_notice_default_deadline()).
 *
 * Returns: (transfer full): an unsaved notice, or %NULL if the findings
 * cannot share one notice.
 */
XjNotice *
xj_notice_defaults_from_findings (GPtrArray  *findings,
                                  gint64      now,
                                  GError    **error)
{
  g_autoptr(XjNotice) notice = NULL;
  g_autofree char *description = NULL;
  const XjFinding *first;
  XjNoticeSeverity severity = XJ_NOTICE_SEVERITY_LOW;
  int type = -1, party = -1, days = -1;
  XjNoticeSeverity type_from = 0, party_from = 0;
  gboolean one_inspection = TRUE;

  if (!xj_findings_check (findings, 0, error))
    return NULL;

  first = g_ptr_array_index (findings, 0);
  notice = xj_notice_new (XJ_NOTICE_TYPE_RECTIFICATION, first->site_id);
  for (guint i = 0; i < findings->len; i++)
    {
      const XjFinding *finding = g_ptr_array_index (findings, i);
      XjNoticeSeverity s = xj_finding_get_severity (finding);

      severity = MAX (severity, s);
      if (finding->notice_type >= 0 && (type < 0 || s > type_from))
        {
          type = finding->notice_type;
          type_from = s;
        }
      if (finding->party >= 0 && (party < 0 || s > party_from))
        {
          party = finding->party;
          party_from = s;
        }
      if (finding->deadline_days >= 0)
        days = days < 0 ? finding->deadline_days : MIN (days, finding->deadline_days);
      if (finding->inspection_id != first->inspection_id)
        one_inspection = FALSE;
      if (finding->previous_answer_id > 0)
        notice->repeat = TRUE;

      for (guint p = 0; p < finding->photos->len; p++)
        xj_notice_add_before_photo (notice, g_ptr_array_index (finding->photos, p));
      xj_notice_add_finding (notice, finding->answer_id);
    }

  if (type < 0)
    {
      if (party == XJ_RESPONSIBLE_PARTY_REPAIR_CREW || party == XJ_RESPONSIBLE_PARTY_OWN_WORKS)
        type = XJ_NOTICE_TYPE_WORK_ORDER;
      else
        type = severity >= XJ_NOTICE_SEVERITY_SERIOUS ? XJ_NOTICE_TYPE_RECTIFICATION
                                                      : XJ_NOTICE_TYPE_CONTACT;
    }
  if (party < 0)
    party = type == XJ_NOTICE_TYPE_WORK_ORDER ? XJ_RESPONSIBLE_PARTY_REPAIR_CREW
                                              : XJ_RESPONSIBLE_PARTY_PROPERTY;
  if (severity == XJ_NOTICE_SEVERITY_SAFETY)
    days = days < 0 ? default_days[severity] : MIN (days, default_days[severity]);

  xj_notice_set_notice_type (notice, type);
  xj_notice_set_responsible_party (notice, party);
  xj_notice_set_severity (notice, severity);
  xj_notice_set_deadline (notice, xj_notice_default_deadline (now, days, severity));
  description = xj_findings_describe (findings);
  xj_notice_set_description (notice, description);
  if (one_inspection)
    {
      xj_notice_set_inspection_id (notice, first->inspection_id);
      /* The representative who walked the check is who the property
       * company's notice goes to. */
      if (party == XJ_RESPONSIBLE_PARTY_PROPERTY)
        {
          xj_notice_set_addressed_company (notice, first->rep_company);
          xj_notice_set_addressed_person (notice, first->rep_name);
        }
    }
  return g_steal_pointer (&notice);
}

/**
 * xj_store_new_notice_from_findings:
 *
 * Loads the findings and computes their defaults at xj_clock_now().
 * Returns: (transfer full): an unsaved notice for the liaison to edit and
 * pass to xj_store_create_notice().
 */
XjNotice *
xj_store_new_notice_from_findings (XjStore       *store,
                                   const gint64  *answer_ids,
                                   guint          n_answer_ids,
                                   guint          repeat_window_days,
                                   GError       **error)
{
  g_autoptr(GPtrArray) findings =
    xj_store_load_findings (store, answer_ids, n_answer_ids, repeat_window_days, error);

  if (findings == NULL)
    return NULL;
  return xj_notice_defaults_from_findings (findings, xj_clock_now (), error);
}
