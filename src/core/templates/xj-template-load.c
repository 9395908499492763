/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading templates: the list of templates with their latest versions,
 * the versions of one template, and one version with all its content.
 * Plain structs, so a worker may run these on its own connection's store.
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-builtins.h"
#include "xj-template-private.h"
#include "xj-template-store.h"

void
xj_template_summary_free (XjTemplateSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->uid);
  g_free (summary->name);
  g_free (summary->default_kind);
  g_free (summary);
}

void
xj_template_version_info_free (XjTemplateVersionInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info);
}

static gboolean
read_failed (XjStore  *store,
             int       rc,
             GError  **error)
{
  return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                    _("Could not read checklists"));
}

static double
column_optional (sqlite3_stmt *stmt,
                 int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

/* template id → number of inspections using any of its versions: one pass
 * over inspections instead of one per row. */
static GHashTable *
count_inspections (XjStore  *store,
                   GError  **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "SELECT v.template_id, count(*) FROM inspections i "
                                         "JOIN template_versions v ON v.id = i.version_id "
                                         "GROUP BY v.template_id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      read_failed (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&counts);
}

/* Where a checklist's kind comes in the kinds' order (daily, weekly,
 * monthly, mystery visit …); one without a kind after them all. */
static guint
kind_rank (const char *kind)
{
  guint n_kinds = 0;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n_kinds);

  for (guint i = 0; kind != NULL && i < n_kinds; i++)
    if (strcmp (kinds[i].id, kind) == 0)
      return i;
  return n_kinds;
}

/* In use before archived; built-in first, in the order of their kinds (the
 * daily patrol, then the weekly and the monthly check …, the same in every
 * language); then by name in the order of the user's language (pinyin for
 * Chinese: the names read, not the English stored), then as added. */
static int
compare_summaries (gconstpointer a,
                   gconstpointer b)
{
  const XjTemplateSummary *x = *(XjTemplateSummary * const *) a;
  const XjTemplateSummary *y = *(XjTemplateSummary * const *) b;
  int by_name;

  if (x->archived != y->archived)
    return x->archived ? 1 : -1;
  if (x->builtin != y->builtin)
    return x->builtin ? -1 : 1;
  if (x->builtin && kind_rank (x->default_kind) != kind_rank (y->default_kind))
    return kind_rank (x->default_kind) < kind_rank (y->default_kind) ? -1 : 1;
  by_name = g_utf8_collate (x->name, y->name);
  if (by_name == 0)
    by_name = strcmp (x->name, y->name);
  if (by_name != 0)
    return by_name;
  return (x->id > y->id) - (x->id < y->id);
}

/**
 * xj_store_list_templates:
 *
 * Returns: (transfer full) (element-type XjTemplateSummary): in use
 *   before archived, built-in first (daily, weekly, monthly …), then by the
 *   name the user reads
 */
GPtrArray *
xj_store_list_templates (XjStore   *store,
                         gboolean   include_archived,
                         GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_template_summary_free);
  g_autoptr(GHashTable) counts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  if ((counts = count_inspections (store, error)) == NULL)
    return NULL;
  stmt = xj_store_prepare (store,
                           "SELECT t.id, t.uid, t.builtin, t.archived, v.id, v.version, v.name, "
                           "  (SELECT count(*) FROM template_items i JOIN template_sections s "
                           "     ON s.id = i.section_id WHERE s.version_id = v.id), v.created_at, "
                           "  v.default_kind "
                           "FROM templates t JOIN template_versions v ON v.template_id = t.id "
                           " AND v.version = (SELECT max(version) FROM template_versions "
                           "                  WHERE template_id = t.id) "
                           "WHERE t.archived = 0 OR ?1 "
                           "ORDER BY t.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjTemplateSummary *summary = g_new0 (XjTemplateSummary, 1);

      summary->id = sqlite3_column_int64 (stmt, 0);
      summary->uid = xj_store_column_dup_or_empty (stmt, 1);
      summary->builtin = sqlite3_column_int (stmt, 2) != 0;
      summary->archived = sqlite3_column_int (stmt, 3) != 0;
      summary->version_id = sqlite3_column_int64 (stmt, 4);
      summary->version = sqlite3_column_int (stmt, 5);
      summary->name = xj_store_column_dup_or_empty (stmt, 6);
      if (summary->builtin)
        xj_builtins_translate (&summary->name);
      summary->n_items = sqlite3_column_int (stmt, 7);
      summary->updated_at = sqlite3_column_int64 (stmt, 8);
      summary->default_kind = xj_store_column_dup (stmt, 9);
      summary->n_inspections = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &summary->id));
      g_ptr_array_add (list, summary);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      read_failed (store, rc, error);
      return NULL;
    }
  /* Sorted after the built-in names are translated: by the names the user
   * reads, not by the English ones stored. */
  g_ptr_array_sort (list, compare_summaries);
  return g_steal_pointer (&list);
}

/**
 * xj_store_list_template_versions:
 *
 * Returns: (transfer full) (element-type XjTemplateVersionInfo): newest first.
 */
GPtrArray *
xj_store_list_template_versions (XjStore  *store,
                                 gint64    template_id,
                                 GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_template_version_info_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  stmt = xj_store_prepare (store,
                           "SELECT v.id, v.version, v.name, v.created_at, "
                           "  (SELECT count(*) FROM inspections i WHERE i.version_id = v.id), "
                           "  (SELECT builtin FROM templates t WHERE t.id = v.template_id) "
                           "FROM template_versions v WHERE v.template_id = ?1 "
                           "ORDER BY v.version DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, template_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjTemplateVersionInfo *info = g_new0 (XjTemplateVersionInfo, 1);

      info->version_id = sqlite3_column_int64 (stmt, 0);
      info->version = sqlite3_column_int (stmt, 1);
      info->name = xj_store_column_dup_or_empty (stmt, 2);
      info->created_at = sqlite3_column_int64 (stmt, 3);
      info->n_inspections = sqlite3_column_int (stmt, 4);
      if (sqlite3_column_int (stmt, 5) != 0)
        xj_builtins_translate (&info->name);
      g_ptr_array_add (list, info);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      read_failed (store, rc, error);
      return NULL;
    }
  if (list->len == 0)
    {
      g_set_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_NOT_FOUND,
                   _("There is no checklist with ID %lld."), (long long) template_id);
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gboolean
load_header (XjStore     *store,
             XjTemplate  *tmpl,
             gint64       version_id,
             GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "SELECT v.template_id, v.version, v.name, v.description, "
                                         "v.default_kind, v.created_at, t.uid, t.builtin, t.archived "
                                         "FROM template_versions v JOIN templates t ON t.id = v.template_id "
                                         "WHERE v.id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      tmpl->version_id = version_id;
      tmpl->template_id = sqlite3_column_int64 (stmt, 0);
      tmpl->version = sqlite3_column_int (stmt, 1);
      g_free (tmpl->name);
      tmpl->name = xj_store_column_dup_or_empty (stmt, 2);
      g_free (tmpl->description);
      tmpl->description = xj_store_column_dup_or_empty (stmt, 3);
      tmpl->default_kind = xj_store_column_dup (stmt, 4);
      tmpl->created_at = sqlite3_column_int64 (stmt, 5);
      tmpl->uid = xj_store_column_dup_or_empty (stmt, 6);
      tmpl->builtin = sqlite3_column_int (stmt, 7) != 0;
      tmpl->archived = sqlite3_column_int (stmt, 8) != 0;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_NOT_FOUND,
                   _("There is no checklist version with ID %lld."), (long long) version_id);
      return FALSE;
    }
  return rc == SQLITE_ROW || read_failed (store, rc, error);
}

static XjTemplateItem *
item_from_row (sqlite3_stmt *stmt)
{
  XjTemplateItem *item = xj_template_item_new (NULL, NULL, XJ_RESPONSE_PASS_FAIL);
  XjResponseType type = XJ_RESPONSE_PASS_FAIL;

  item->id = sqlite3_column_int64 (stmt, 0);
  g_free (item->key);
  item->key = xj_store_column_dup_or_empty (stmt, 2);
  g_free (item->prompt);
  item->prompt = xj_store_column_dup_or_empty (stmt, 3);
  g_free (item->guidance);
  item->guidance = xj_store_column_dup_or_empty (stmt, 4);
  g_free (item->guidance_do);
  item->guidance_do = xj_store_column_dup_or_empty (stmt, 5);
  g_free (item->guidance_dont);
  item->guidance_dont = xj_store_column_dup_or_empty (stmt, 6);
  xj_response_type_from_string ((const char *) sqlite3_column_text (stmt, 7), &type);
  item->type = type;
  g_free (item->unit);
  item->unit = xj_store_column_dup_or_empty (stmt, 8);
  item->range_min = column_optional (stmt, 9);
  item->range_max = column_optional (stmt, 10);
  item->threshold = column_optional (stmt, 11);
  item->pass_answer = sqlite3_column_type (stmt, 12) == SQLITE_NULL || sqlite3_column_int (stmt, 12) != 0;
  item->score_weight = sqlite3_column_double (stmt, 13);
  item->failure_weight = sqlite3_column_double (stmt, 14);
  item->critical = sqlite3_column_int (stmt, 15) != 0;
  item->required = sqlite3_column_int (stmt, 16) != 0;
  item->photo_on_fail = sqlite3_column_int (stmt, 17) != 0;
  item->remark_on_fail = sqlite3_column_int (stmt, 18) != 0;
  item->notice_type = xj_store_column_dup (stmt, 19);
  item->responsible_party = xj_store_column_dup (stmt, 20);
  item->deadline_days = sqlite3_column_type (stmt, 21) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 21);
  g_free (item->category);
  item->category = xj_store_column_dup_or_empty (stmt, 22);
  return item;
}

static gboolean
load_content (XjStore     *store,
              XjTemplate  *tmpl,
              GError     **error)
{
  g_autoptr(GHashTable) sections = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) items = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store, "SELECT id, title FROM template_sections "
                                  "WHERE version_id = ?1 ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tmpl->version_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjTemplateSection *section = xj_template_section_new (NULL);

      section->id = sqlite3_column_int64 (stmt, 0);
      g_free (section->title);
      section->title = xj_store_column_dup_or_empty (stmt, 1);
      g_ptr_array_add (tmpl->sections, section);
      g_hash_table_insert (sections, &section->id, section);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return read_failed (store, rc, error);

  stmt = xj_store_prepare (store,
                           "SELECT i.id, i.section_id, item_key, prompt, guidance, guidance_do, "
                           "guidance_dont, response_type, unit, range_min, range_max, threshold, "
                           "pass_answer, score_weight, failure_weight, critical, required, "
                           "photo_on_fail, remark_on_fail, notice_type, responsible_party, "
                           "deadline_days, category FROM template_items i "
                           "JOIN template_sections s ON s.id = i.section_id "
                           "WHERE s.version_id = ?1 ORDER BY s.position, i.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tmpl->version_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 section_id = sqlite3_column_int64 (stmt, 1);
      XjTemplateSection *section = g_hash_table_lookup (sections, &section_id);
      XjTemplateItem *item = item_from_row (stmt);

      g_assert (section != NULL);
      g_ptr_array_add (section->items, item);
      g_hash_table_insert (items, &item->id, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return read_failed (store, rc, error);

  stmt = xj_store_prepare (store,
                           "SELECT o.item_id, o.label, o.score, o.fails FROM template_item_options o "
                           "JOIN template_items i ON i.id = o.item_id "
                           "JOIN template_sections s ON s.id = i.section_id "
                           "WHERE s.version_id = ?1 ORDER BY o.item_id, o.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tmpl->version_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 item_id = sqlite3_column_int64 (stmt, 0);
      XjTemplateItem *item = g_hash_table_lookup (items, &item_id);

      g_assert (item != NULL);
      g_ptr_array_add (item->options,
                       xj_template_option_new ((const char *) sqlite3_column_text (stmt, 1),
                                               sqlite3_column_double (stmt, 2),
                                               sqlite3_column_int (stmt, 3) != 0));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || read_failed (store, rc, error);
}

/* One version with everything in it, in template order, as stored (a
 * built-in one in English, whatever the language of the moment). */
XjTemplate *
_xj_store_load_template_version_as_stored (XjStore  *store,
                                           gint64    version_id,
                                           GError  **error)
{
  g_autoptr(XjTemplate) tmpl = xj_template_new (NULL);

  if (!load_header (store, tmpl, version_id, error) || !load_content (store, tmpl, error))
    return NULL;
  return g_steal_pointer (&tmpl);
}

/* One version with everything in it, in template order. */
XjTemplate *
xj_store_load_template_version (XjStore  *store,
                                gint64    version_id,
                                GError  **error)
{
  XjTemplate *tmpl;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  if ((tmpl = _xj_store_load_template_version_as_stored (store, version_id, error)) == NULL)
    return NULL;
  xj_builtins_translate_template (tmpl);
  return tmpl;
}

/* The latest version of a template. */
XjTemplate *
xj_store_load_template (XjStore  *store,
                        gint64    template_id,
                        GError  **error)
{
  gint64 version_id = 0;
  gboolean found;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  if (!xj_store_query_int64 (store, "SELECT id FROM template_versions WHERE template_id = ?1 "
                             "ORDER BY version DESC LIMIT 1", template_id, &version_id, &found,
                             _("Could not read checklists"), error))
    return NULL;
  if (!found)
    {
      g_set_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_NOT_FOUND,
                   _("There is no checklist with ID %lld."), (long long) template_id);
      return NULL;
    }
  return xj_store_load_template_version (store, version_id, error);
}

gboolean
xj_store_is_template_version_used (XjStore   *store,
                                   gint64     version_id,
                                   gboolean  *used,
                                   GError   **error)
{
  gint64 exists = 0;

  *used = FALSE;
  if (!xj_store_query_int64 (store, "SELECT EXISTS (SELECT 1 FROM inspections "
                             "WHERE version_id = ?1)", version_id, &exists, NULL,
                             _("Could not read checklists"), error))
    return FALSE;
  *used = exists != 0;
  return TRUE;
}

/* --- the list model ------------------------------------------------------- */

static GPtrArray *
load_summaries (XjStore   *store,
                gpointer   include_archived,
                GError   **error)
{
  g_autoptr(GPtrArray) summaries = xj_store_list_templates (store,
                                                            GPOINTER_TO_INT (include_archived),
                                                            error);
  GPtrArray *records;

  if (summaries == NULL)
    return NULL;
  records = g_ptr_array_new_full (summaries->len, g_object_unref);
  g_ptr_array_set_free_func (summaries, NULL);
  for (guint i = 0; i < summaries->len; i++)
    g_ptr_array_add (records, xj_record_new (summaries->pdata[i],
                                             (GDestroyNotify) xj_template_summary_free));
  return records;
}

static gboolean
same_summary (gpointer a,
              gpointer b)
{
  const XjTemplateSummary *x = xj_record_get_data (a);
  const XjTemplateSummary *y = xj_record_get_data (b);

  return x->id == y->id && x->version == y->version && g_strcmp0 (x->name, y->name) == 0;
}

/**
 * xj_template_model_new:
 *
 * Returns: (transfer full): XjRecords holding an XjTemplateSummary each, in
 *   xj_store_list_templates() order, following every change of the
 *   checklists
 */
XjStoreList *
xj_template_model_new (XjStore  *store,
                       gboolean  include_archived)
{
  return xj_store_list_new (store, "templates", XJ_TYPE_RECORD, load_summaries, same_summary,
                            GINT_TO_POINTER (include_archived));
}
