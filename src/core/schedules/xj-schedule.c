/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schedules: per site × template × inspection kind, a rule that says when an
 * inspection is owed.  Occurrences are computed (xj-schedule-rule.c), never
 * stored; only skips are (schedule_skips, with their reason).
 *
 * Pausing keeps the schedule and its history; the occurrences planned while
 * it was paused are not owed.  The pause and resume times are read back from
 * the audit log, which already records them and cannot be edited.
 */
#define G_LOG_DOMAIN "xj-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-schedule-private.h"
#include "xj-transaction.h"

struct _XjSchedule
{
  GObject         parent_instance;

  gint64          id;
  gint64          site_id;
  gint64          template_id;
  char           *kind;
  XjScheduleSpec  spec;
  gint64          seed;
  gint64          starts_at;
  gboolean        paused;
  /* Read with the schedule, for lists and for starting an inspection. */
  char           *site_name;
  char           *template_name;
  gint64          version_id;
};

G_DEFINE_FINAL_TYPE (XjSchedule, xj_schedule, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_PAUSED,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- GObject -------------------------------------------------------------- */

static void
xj_schedule_finalize (GObject *object)
{
  XjSchedule *self = XJ_SCHEDULE (object);

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->site_name, g_free);
  g_clear_pointer (&self->template_name, g_free);

  G_OBJECT_CLASS (xj_schedule_parent_class)->finalize (object);
}

static void
xj_schedule_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  XjSchedule *self = XJ_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_DESCRIPTION:
      g_value_take_string (value, xj_schedule_dup_description (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xj_schedule_class_init (XjScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = xj_schedule_finalize;
  object_class->get_property = xj_schedule_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "daily",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xj_schedule_init (XjSchedule *self)
{
  self->kind = g_strdup ("daily");
  xj_schedule_spec_init (&self->spec, XJ_SCHEDULE_RULE_DAILY);
}

/* --- accessors ------------------------------------------------------------ */

/**
 * xj_schedule_new:
 *
 * A new, unsaved schedule.  Its seed for random spot checks is drawn now
 * and stored with it; set another with xj_schedule_set_seed().
 */
XjSchedule *
xj_schedule_new (gint64                site_id,
                 gint64                template_id,
                 const char           *kind,
                 const XjScheduleSpec *spec,
                 gint64                starts_at)
{
  XjSchedule *self = g_object_new (XJ_TYPE_SCHEDULE, NULL);

  g_return_val_if_fail (spec != NULL, self);

  self->site_id = site_id;
  self->template_id = template_id;
  g_free (self->kind);
  self->kind = g_strdup (kind);
  self->spec = *spec;
  self->starts_at = starts_at;
  self->seed = (gint64) ((guint64) g_random_int () << 31 ^ g_random_int ());
  return self;
}

#define GETTER(type, name, field, fallback) \
  type xj_schedule_get_##name (XjSchedule *self) \
  { \
    g_return_val_if_fail (XJ_IS_SCHEDULE (self), fallback); \
    return self->field; \
  }

GETTER (gint64, id, id, 0)
GETTER (gint64, site_id, site_id, 0)
GETTER (gint64, template_id, template_id, 0)
GETTER (const char *, kind, kind, NULL)
GETTER (gint64, seed, seed, 0)
GETTER (gint64, starts_at, starts_at, 0)
GETTER (gboolean, paused, paused, FALSE)
GETTER (const char *, site_name, site_name, NULL)
GETTER (const char *, template_name, template_name, NULL)

#undef GETTER

const XjScheduleSpec *
xj_schedule_get_spec (XjSchedule *self)
{
  g_return_val_if_fail (XJ_IS_SCHEDULE (self), NULL);
  return &self->spec;
}

void
xj_schedule_set_site_id (XjSchedule *self,
                         gint64      site_id)
{
  g_return_if_fail (XJ_IS_SCHEDULE (self));
  self->site_id = site_id;
}

void
xj_schedule_set_template_id (XjSchedule *self,
                             gint64      template_id)
{
  g_return_if_fail (XJ_IS_SCHEDULE (self));
  self->template_id = template_id;
}

void
xj_schedule_set_kind (XjSchedule *self,
                      const char *kind)
{
  g_return_if_fail (XJ_IS_SCHEDULE (self));

  if (g_strcmp0 (self->kind, kind) == 0)
    return;
  g_free (self->kind);
  self->kind = g_strdup (kind);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

void
xj_schedule_set_spec (XjSchedule           *self,
                      const XjScheduleSpec *spec)
{
  g_return_if_fail (XJ_IS_SCHEDULE (self));
  g_return_if_fail (spec != NULL);

  self->spec = *spec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

void
xj_schedule_set_seed (XjSchedule *self,
                      gint64      seed)
{
  g_return_if_fail (XJ_IS_SCHEDULE (self));
  self->seed = seed;
}

char *
xj_schedule_dup_description (XjSchedule *self)
{
  g_return_val_if_fail (XJ_IS_SCHEDULE (self), NULL);
  return xj_schedule_spec_describe (&self->spec);
}

/**
 * xj_schedule_plan:
 *
 * Returns: (element-type gint64): the planned times in [@from, @to), without
 * statuses (see xj_schedule_occurrences() for those).
 */
GArray *
xj_schedule_plan (XjSchedule *self,
                  gint64      from,
                  gint64      to)
{
  g_return_val_if_fail (XJ_IS_SCHEDULE (self), NULL);
  return xj_schedule_spec_plan (&self->spec, self->seed, self->starts_at, from, to);
}

static void
_xj_schedule_set_names (XjSchedule *self,
                        const char *site_name,
                        const char *template_name,
                        gint64      version_id)
{
  g_free (self->site_name);
  self->site_name = g_strdup (site_name);
  g_free (self->template_name);
  self->template_name = g_strdup (template_name);
  self->version_id = version_id;
}

gint64
_xj_schedule_get_version_id (XjSchedule *self)
{
  return self->version_id;
}

/* --- store ---------------------------------------------------------------- */

XjSchedule *
_xj_schedule_from_row (sqlite3_stmt *stmt)
{
  XjSchedule *self = g_object_new (XJ_TYPE_SCHEDULE, NULL);
  XjScheduleRule rule = XJ_SCHEDULE_RULE_DAILY;
  g_autoptr(GError) error = NULL;

  self->id = sqlite3_column_int64 (stmt, 0);
  self->site_id = sqlite3_column_int64 (stmt, 1);
  self->template_id = sqlite3_column_int64 (stmt, 2);
  g_free (self->kind);
  self->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  xj_schedule_rule_from_string ((const char *) sqlite3_column_text (stmt, 4), &rule);
  /* A spec that fails validation (edited outside Xunjian) plans with the
   * rule's defaults rather than not at all; the message goes to the log. */
  if (!xj_schedule_spec_parse (rule, (const char *) sqlite3_column_text (stmt, 5), &self->spec,
                               &error))
    g_warning ("Schedule %lld: %s", (long long) self->id, error->message);
  self->seed = sqlite3_column_int64 (stmt, 6);
  self->starts_at = sqlite3_column_int64 (stmt, 7);
  self->paused = sqlite3_column_int (stmt, 8) != 0;
  _xj_schedule_set_names (self, (const char *) sqlite3_column_text (stmt, 9),
                          (const char *) sqlite3_column_text (stmt, 10),
                          sqlite3_column_int64 (stmt, 11));
  if (sqlite3_column_int (stmt, 12) != 0)
    xj_builtins_translate (&self->template_name);
  return self;
}

static gboolean
row_exists (XjStore     *store,
            const char  *sql,
            gint64       id,
            gboolean    *exists,
            GError     **error)
{
  gint64 one;

  return xj_store_query_int64 (store, sql, id, &one, exists, _("Could not read schedules"), error);
}

static gboolean
check_references (XjStore     *store,
                  XjSchedule  *schedule,
                  GError     **error)
{
  gboolean exists = FALSE;

  /* No site chosen, usually because there is none yet: say what to do,
   * not that ID 0 does not exist. */
  if (schedule->site_id <= 0)
    {
      g_set_error_literal (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_NO_SITE,
                           _("Add a site first: a schedule plans the inspections of a site."));
      return FALSE;
    }
  if (!row_exists (store, "SELECT 1 FROM sites WHERE id = ?1", schedule->site_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_NOT_FOUND,
                   _("There is no site with ID %lld."), (long long) schedule->site_id);
      return FALSE;
    }
  if (!row_exists (store, "SELECT 1 FROM templates WHERE id = ?1", schedule->template_id,
                   &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_NOT_FOUND,
                   _("There is no checklist template with ID %lld."),
                   (long long) schedule->template_id);
      return FALSE;
    }
  return TRUE;
}

/* Names for lists and Today, as xj_store_get_schedule() reads them. */
static gboolean
load_names (XjStore     *store,
            XjSchedule  *schedule,
            GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "SELECT (SELECT name FROM sites WHERE id = ?1), v.name, v.id, "
                                         "(SELECT builtin FROM templates WHERE id = ?2) "
                                         "FROM (SELECT 1) LEFT JOIN template_versions v ON v.id = "
                                         "(SELECT id FROM template_versions WHERE template_id = ?2 "
                                         "ORDER BY version DESC LIMIT 1)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, schedule->site_id);
  sqlite3_bind_int64 (stmt, 2, schedule->template_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    _xj_schedule_set_names (schedule, (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            sqlite3_column_int64 (stmt, 2));
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 3) != 0)
    xj_builtins_translate (&schedule->template_name);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW
         || xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                       _("Could not read schedules"));
}

/* The end of every change: its audit entry, commit, and the signal; or
 * nothing at all (the caller's @tx then rolls back). */
gboolean
_xj_schedule_finish_change (XjStore        *store,
                            XjTransaction  *tx,
                            const char     *actor,
                            gint64          schedule_id,
                            const char     *action,
                            const char     *detail,
                            GError        **error)
{
  /* Its stored outcomes (schema v10) follow the change at once. */
  if (!xj_store_audit (store, actor, "schedule", schedule_id, action, detail, error)
      || !_xj_schedule_outcomes_refresh (store, error)
      || !xj_transaction_commit (tx, error))
    return FALSE;
  xj_store_emit_changed (store, "schedules");
  return TRUE;
}

static gboolean
fail_not_found (GError **error,
                gint64   schedule_id)
{
  g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_NOT_FOUND,
               _("There is no schedule with ID %lld."), (long long) schedule_id);
  return FALSE;
}

/**
 * xj_store_save_schedule:
 *
 * Creates @schedule when it has no id yet (and gives it one), updates it
 * otherwise; validated first, then one transaction with an audit entry.
 */
gboolean
xj_store_save_schedule (XjStore     *store,
                        XjSchedule  *schedule,
                        const char  *actor,
                        GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autofree char *spec_json = NULL;
  sqlite3_stmt *stmt;
  gboolean is_new;
  gint64 id;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (XJ_IS_SCHEDULE (schedule), FALSE);

  if (!xj_schedule_kind_is_valid (schedule->kind))
    {
      g_set_error (error, XJ_SCHEDULE_ERROR, XJ_SCHEDULE_ERROR_BAD_KIND,
                   _("“%s” is not a kind of inspection."), schedule->kind);
      return FALSE;
    }
  if (!xj_schedule_spec_validate (&schedule->spec, error))
    return FALSE;
  spec_json = xj_schedule_spec_to_json (&schedule->spec);
  is_new = schedule->id == 0;

  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  if (!check_references (store, schedule, error))
    return FALSE;
  if (is_new)
    stmt = xj_store_prepare (store,
                             "INSERT INTO schedules (site_id, template_id, kind, rule, spec, seed, "
                             "starts_at, paused, created_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8)", error);
  else
    stmt = xj_store_prepare (store,
                             "UPDATE schedules SET site_id = ?1, template_id = ?2, kind = ?3, "
                             "rule = ?4, spec = ?5, seed = ?6, starts_at = ?7 WHERE id = ?9", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, schedule->site_id);
  sqlite3_bind_int64 (stmt, 2, schedule->template_id);
  sqlite3_bind_text (stmt, 3, schedule->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, xj_schedule_rule_to_string (schedule->spec.rule), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, spec_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, schedule->seed);
  sqlite3_bind_int64 (stmt, 7, schedule->starts_at);
  if (is_new)
    sqlite3_bind_int64 (stmt, 8, xj_clock_now ());
  else
    sqlite3_bind_int64 (stmt, 9, schedule->id);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  if (!is_new && sqlite3_changes (xj_store_get_db (store)) == 0)
    {
      fail_not_found (error, schedule->id);
      return FALSE;
    }
  id = is_new ? sqlite3_last_insert_rowid (xj_store_get_db (store)) : schedule->id;
  if (!load_names (store, schedule, error))
    return FALSE;
  if (!_xj_schedule_finish_change (store, tx, actor, id, is_new ? "create" : "edit", spec_json, error))
    return FALSE;
  schedule->id = id;
  return TRUE;
}

static gboolean
change_schedule (XjStore     *store,
                 const char  *sql,
                 gint64       schedule_id,
                 const char  *actor,
                 const char  *action,
                 GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  stmt = xj_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, schedule_id);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (xj_store_get_db (store)) == 0)
    {
      /* Already in that state (pause, resume) or gone (delete). */
      return g_str_equal (action, "delete") ? fail_not_found (error, schedule_id) : TRUE;
    }
  return _xj_schedule_finish_change (store, tx, actor, schedule_id, action, NULL, error);
}

/**
 * xj_store_set_schedule_paused:
 *
 * Pauses or resumes; asking for the state it already has changes nothing,
 * so the audit entries are exactly the pause history.
 */
gboolean
xj_store_set_schedule_paused (XjStore     *store,
                              gint64       schedule_id,
                              gboolean     paused,
                              const char  *actor,
                              GError     **error)
{
  gboolean exists = FALSE;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if (!row_exists (store, "SELECT 1 FROM schedules WHERE id = ?1", schedule_id, &exists, error))
    return FALSE;
  if (!exists)
    return fail_not_found (error, schedule_id);
  if (paused)
    return change_schedule (store, "UPDATE schedules SET paused = 1 WHERE id = ?1 AND paused = 0",
                            schedule_id, actor, "pause", error);
  return change_schedule (store, "UPDATE schedules SET paused = 0 WHERE id = ?1 AND paused = 1",
                          schedule_id, actor, "resume", error);
}

/**
 * xj_store_delete_schedule:
 *
 * Deletes the schedule and its skips; inspections made for it stay, their
 * link cleared by the schema (ON DELETE SET NULL).
 */
gboolean
xj_store_delete_schedule (XjStore     *store,
                          gint64       schedule_id,
                          const char  *actor,
                          GError     **error)
{
  return change_schedule (store, "DELETE FROM schedules WHERE id = ?1", schedule_id, actor,
                          "delete", error);
}

XjSchedule *
xj_store_get_schedule (XjStore  *store,
                       gint64    schedule_id,
                       GError  **error)
{
  XjSchedule *schedule;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  if (!xj_store_query_row (store, "SELECT " SCHEDULE_COLUMNS SCHEDULE_FROM " WHERE s.id = ?1",
                           schedule_id, (XjStoreRowFunc) _xj_schedule_from_row,
                           (gpointer *) &schedule, _("Could not read schedules"), error))
    return NULL;
  if (schedule == NULL)
    fail_not_found (error, schedule_id);
  return schedule;
}

static GPtrArray *
list_schedules (XjStore     *store,
                const char  *sql,
                gint64       site_id,
                GError     **error)
{
  g_autoptr(GPtrArray) schedules = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = xj_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, site_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (schedules, _xj_schedule_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read schedules"));
      return NULL;
    }
  return g_steal_pointer (&schedules);
}

/**
 * xj_store_list_schedules:
 * @site_id: one site's schedules, or 0 for all
 *
 * Returns: (transfer full) (element-type XjSchedule): by site name, then id.
 */
GPtrArray *
xj_store_list_schedules (XjStore  *store,
                         gint64    site_id,
                         GError  **error)
{
  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  return list_schedules (store,
                         "SELECT " SCHEDULE_COLUMNS SCHEDULE_FROM
                         " WHERE ?1 = 0 OR s.site_id = ?1 ORDER BY si.name COLLATE LOCALE, s.id",
                         site_id, error);
}

/* What Today follows: schedules not paused, of sites in use. */
GPtrArray *
_xj_store_list_active_schedules (XjStore  *store,
                                 GError  **error)
{
  return list_schedules (store,
                         "SELECT " SCHEDULE_COLUMNS SCHEDULE_FROM
                         " WHERE s.paused = 0 AND si.active = 1 AND ?1 = 0 ORDER BY s.id",
                         0, error);
}
