/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writing templates.  Versions that an inspection used are immutable (the
 * schema's triggers refuse changes too), so saving such a template makes
 * version N+1.  The latest version while no inspection uses it is edited in
 * place: a checklist being drafted does not pile up versions nobody ran.
 * Built-in templates are read-only; people duplicate them to adapt them.
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-clock.h"
#include "xj-template-private.h"
#include "xj-transaction.h"

static void
bind_optional_double (sqlite3_stmt *stmt,
                      int           index,
                      double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

static void
bind_optional_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static gboolean
insert_options (XjStore         *store,
                XjTemplateItem  *item,
                GError         **error)
{
  for (guint o = 0; o < item->options->len; o++)
    {
      XjTemplateOption *option = g_ptr_array_index (item->options, o);
      sqlite3_stmt *stmt = xj_store_prepare (store,
                                             "INSERT INTO template_item_options (item_id, position, "
                                             "label, score, fails) VALUES (?1, ?2, ?3, ?4, ?5)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->id);
      sqlite3_bind_int (stmt, 2, o);
      sqlite3_bind_text (stmt, 3, option->label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 4, option->score);
      sqlite3_bind_int (stmt, 5, option->fails ? 1 : 0);
      if (!xj_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_item (XjStore         *store,
             XjTemplateItem  *item,
             gint64           section_id,
             guint            position,
             GError         **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "INSERT INTO template_items (section_id, position, item_key, "
                                         "prompt, guidance, guidance_do, guidance_dont, response_type, "
                                         "unit, range_min, range_max, threshold, pass_answer, "
                                         "score_weight, failure_weight, critical, required, "
                                         "photo_on_fail, remark_on_fail, notice_type, "
                                         "responsible_party, deadline_days, category) VALUES (?1, ?2, "
                                         "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                                         "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, section_id);
  sqlite3_bind_int (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, item->key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, item->prompt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, item->guidance, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, item->guidance_do, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, item->guidance_dont, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, xj_response_type_to_string (item->type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, item->unit, -1, SQLITE_TRANSIENT);
  bind_optional_double (stmt, 10, item->range_min);
  bind_optional_double (stmt, 11, item->range_max);
  bind_optional_double (stmt, 12, item->threshold);
  if (item->type == XJ_RESPONSE_YES_NO)
    sqlite3_bind_int (stmt, 13, item->pass_answer ? 1 : 0);
  else
    sqlite3_bind_null (stmt, 13);
  sqlite3_bind_double (stmt, 14, item->score_weight);
  sqlite3_bind_double (stmt, 15, item->failure_weight);
  sqlite3_bind_int (stmt, 16, item->critical ? 1 : 0);
  sqlite3_bind_int (stmt, 17, item->required ? 1 : 0);
  sqlite3_bind_int (stmt, 18, item->photo_on_fail ? 1 : 0);
  sqlite3_bind_int (stmt, 19, item->remark_on_fail ? 1 : 0);
  bind_optional_text (stmt, 20, item->notice_type);
  bind_optional_text (stmt, 21, item->responsible_party);
  if (item->deadline_days < 0)
    sqlite3_bind_null (stmt, 22);
  else
    sqlite3_bind_int (stmt, 22, item->deadline_days);
  sqlite3_bind_text (stmt, 23, item->category, -1, SQLITE_TRANSIENT);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  item->id = sqlite3_last_insert_rowid (xj_store_get_db (store));
  return insert_options (store, item, error);
}

static gboolean
insert_content (XjStore     *store,
                XjTemplate  *tmpl,
                GError     **error)
{
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);
      sqlite3_stmt *stmt = xj_store_prepare (store,
                                             "INSERT INTO template_sections (version_id, position, "
                                             "title) VALUES (?1, ?2, ?3)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, tmpl->version_id);
      sqlite3_bind_int (stmt, 2, s);
      sqlite3_bind_text (stmt, 3, section->title, -1, SQLITE_TRANSIENT);
      if (!xj_store_step_done (store, stmt, error))
        return FALSE;
      section->id = sqlite3_last_insert_rowid (xj_store_get_db (store));
      for (guint i = 0; i < section->items->len; i++)
        if (!insert_item (store, g_ptr_array_index (section->items, i), section->id, i, error))
          return FALSE;
    }
  return TRUE;
}

gboolean
_xj_template_insert_version (XjStore     *store,
                             XjTemplate  *tmpl,
                             gint64       template_id,
                             int          version,
                             GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "INSERT INTO template_versions (template_id, version, name, "
                                         "description, default_kind, created_at) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  gint64 now = xj_clock_now ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, template_id);
  sqlite3_bind_int (stmt, 2, version);
  sqlite3_bind_text (stmt, 3, tmpl->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, tmpl->description, -1, SQLITE_TRANSIENT);
  bind_optional_text (stmt, 5, tmpl->default_kind);
  sqlite3_bind_int64 (stmt, 6, now);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  tmpl->template_id = template_id;
  tmpl->version_id = sqlite3_last_insert_rowid (xj_store_get_db (store));
  tmpl->version = version;
  tmpl->created_at = now;
  return insert_content (store, tmpl, error);
}

/**
 * _xj_template_find_uid:
 * @template_id: (out): the family with @uid, 0 when there is none
 * @builtin: (out): whether it is a built-in checklist
 * @latest: (out): its latest version number, 0 when it has none
 *
 * Returns: %FALSE with @error set when the store could not be read.
 */
gboolean
_xj_template_find_uid (XjStore     *store,
                       const char  *uid,
                       gint64      *template_id,
                       gboolean    *builtin,
                       int         *latest,
                       GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "SELECT t.id, t.builtin, coalesce((SELECT max(v.version) "
                                         "FROM template_versions v WHERE v.template_id = t.id), 0) "
                                         "FROM templates t WHERE t.uid = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *template_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  *builtin = rc == SQLITE_ROW && sqlite3_column_int (stmt, 1) != 0;
  *latest = rc == SQLITE_ROW ? sqlite3_column_int (stmt, 2) : 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE
         || xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read checklists"));
}

gint64
_xj_template_insert_family (XjStore     *store,
                            const char  *uid,
                            gboolean     builtin,
                            GError     **error)
{
  g_autofree char *fresh = NULL;
  gint64 taken_by = 0;
  gboolean taken_by_builtin;
  int taken_latest;
  sqlite3_stmt *stmt;

  /* A uid already here means the file is a copy of a template we have:
   * it becomes a template of its own. */
  if (uid != NULL
      && !_xj_template_find_uid (store, uid, &taken_by, &taken_by_builtin, &taken_latest, error))
    return 0;
  if (uid == NULL || taken_by != 0)
    uid = fresh = g_uuid_string_random ();

  stmt = xj_store_prepare (store, "INSERT INTO templates (uid, builtin, created_at) "
                                  "VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, builtin ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, xj_clock_now ());
  if (!xj_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (xj_store_get_db (store));
}

/* The latest version's id and number, and whether the family is built in. */
static gboolean
read_family (XjStore   *store,
             gint64     template_id,
             gint64    *latest_id,
             int       *latest,
             gboolean  *builtin,
             GError   **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "SELECT v.id, v.version, t.builtin FROM templates t "
                                         "JOIN template_versions v ON v.template_id = t.id "
                                         "WHERE t.id = ?1 ORDER BY v.version DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, template_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *latest_id = sqlite3_column_int64 (stmt, 0);
      *latest = sqlite3_column_int (stmt, 1);
      *builtin = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_NOT_FOUND,
                 _("The checklist no longer exists."));
  else if (rc != SQLITE_ROW)
    xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read checklists"));
  return rc == SQLITE_ROW;
}

static gboolean
replace_in_place (XjStore     *store,
                  XjTemplate  *tmpl,
                  gint64       version_id,
                  GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "UPDATE template_versions SET name = ?1, description = ?2, "
                                         "default_kind = ?3 WHERE id = ?4", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tmpl->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tmpl->description, -1, SQLITE_TRANSIENT);
  bind_optional_text (stmt, 3, tmpl->default_kind);
  sqlite3_bind_int64 (stmt, 4, version_id);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  stmt = xj_store_prepare (store, "DELETE FROM template_sections WHERE version_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version_id);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  tmpl->version_id = version_id;
  return insert_content (store, tmpl, error);
}

/**
 * xj_store_save_template:
 * @tmpl: (inout): a template; on success its template, version, section and
 *   item ids and its version number are those stored
 *
 * Validates @tmpl, then in one transaction with an audit entry: a new
 * template (template_id 0); or the latest version edited in place when no
 * inspection uses it and @tmpl was loaded from it; otherwise version N+1.
 */
gboolean
xj_store_save_template (XjStore     *store,
                        XjTemplate  *tmpl,
                        const char  *actor,
                        GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(XjTemplate) work = NULL;
  const char *action;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (tmpl != NULL, FALSE);

  if (!xj_template_check (tmpl, error))
    return FALSE;
  /* Written from a copy so that a failure leaves the caller's ids alone. */
  work = xj_template_copy (tmpl);
  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;

  if (work->template_id == 0)
    {
      gint64 id = _xj_template_insert_family (store, work->uid, FALSE, error);

      action = "create";
      if (id == 0 || !_xj_template_insert_version (store, work, id, 1, error))
        return FALSE;
    }
  else
    {
      gint64 latest_id = 0;
      int latest = 0;
      gboolean builtin = FALSE, used = TRUE;

      if (!read_family (store, work->template_id, &latest_id, &latest, &builtin, error))
        return FALSE;
      if (builtin)
        {
          g_set_error_literal (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_BUILTIN,
                               _("Built-in checklists cannot be changed. Duplicate it and edit the copy."));
          return FALSE;
        }
      if (work->version_id == latest_id
          && !xj_store_is_template_version_used (store, latest_id, &used, error))
        return FALSE;
      if (work->version_id == latest_id && !used)
        {
          action = "edit";
          if (!replace_in_place (store, work, latest_id, error))
            return FALSE;
        }
      else
        {
          action = "new-version";
          if (!_xj_template_insert_version (store, work, work->template_id, latest + 1, error))
            return FALSE;
        }
    }

  {
    g_autofree char *detail = g_strdup_printf ("%s v%d", work->name, work->version);

    if (!xj_store_audit (store, actor, "template", work->template_id, action, detail, error)
        || !xj_transaction_commit (tx, error))
      return FALSE;
  }
  g_ptr_array_set_size (tmpl->sections, 0);
  g_ptr_array_extend_and_steal (tmpl->sections, g_steal_pointer (&work->sections));
  work->sections = g_ptr_array_new ();
  tmpl->template_id = work->template_id;
  tmpl->version_id = work->version_id;
  tmpl->version = work->version;
  tmpl->created_at = work->created_at;
  xj_store_emit_changed (store, "templates");
  return TRUE;
}

/**
 * xj_store_duplicate_template:
 * @name: (nullable): the copy's name; NULL for “NAME (copy)”
 *
 * Returns: the new template's id, 0 on error.
 */
gint64
xj_store_duplicate_template (XjStore     *store,
                             gint64       template_id,
                             const char  *name,
                             const char  *actor,
                             GError     **error)
{
  g_autoptr(XjTemplate) copy = xj_store_load_template (store, template_id, error);

  if (copy == NULL)
    return 0;
  {
    /* Translators: the name of a duplicated checklist */
    char *new_name = name != NULL ? g_strdup (name) : g_strdup_printf (_("%s (copy)"), copy->name);

    g_free (copy->name);
    copy->name = new_name;
  }
  g_clear_pointer (&copy->uid, g_free);
  copy->template_id = copy->version_id = 0;
  copy->builtin = copy->archived = FALSE;
  if (!xj_store_save_template (store, copy, actor, error))
    return 0;
  return copy->template_id;
}

gboolean
xj_store_set_template_archived (XjStore     *store,
                                gint64       template_id,
                                gboolean     archived,
                                const char  *actor,
                                GError     **error)
{
  const XjRowFlagUpdate update = {
    "UPDATE templates SET archived = ?1 WHERE id = ?2", "template", "templates",
    XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_NOT_FOUND, N_("The checklist no longer exists.")
  };

  return xj_store_set_row_flag (store, &update, template_id, archived, actor,
                                archived ? "archive" : "unarchive", error);
}
