/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sites: the estates, stores and service desks that are inspected.
 */
#define G_LOG_DOMAIN "xj-site"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-site.h"
#include "xj-transaction.h"
#include "xj-words.h"

struct _XjSite
{
  GObject     parent_instance;

  gint64      id;
  char       *name;
  XjSiteKind  kind;
  char       *address;
  char       *contact;
  char       *project_manager;
  char       *group;          /* '' for none (schema v8) */
  gboolean    active;
  char       *uuid;
  char       *merged_into;
  gboolean    possible_duplicate;
};

G_DEFINE_FINAL_TYPE (XjSite, xj_site, G_TYPE_OBJECT)
G_DEFINE_QUARK (xj-site-error-quark, xj_site_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_ADDRESS,
  PROP_CONTACT,
  PROP_PROJECT_MANAGER,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *id;
  const char *label;
} kinds[] = {
  [XJ_SITE_KIND_ESTATE] = { "estate", N_("Property estate") },
  [XJ_SITE_KIND_STORE] = { "store", N_("Store") },
  [XJ_SITE_KIND_SERVICE_DESK] = { "service_desk", N_("Service desk") },
};

/* --- helpers -------------------------------------------------------------- */

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value != NULL ? value : "");
  return TRUE;
}

static gboolean xj_site_kind_from_string (const char *text,
                                          XjSiteKind *kind);

static XjSite *
site_from_row (sqlite3_stmt *stmt)
{
  XjSite *site = g_object_new (XJ_TYPE_SITE, NULL);
  XjSiteKind kind = XJ_SITE_KIND_ESTATE;

  site->id = sqlite3_column_int64 (stmt, 0);
  g_free (site->name);
  site->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  xj_site_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
  site->kind = kind;
  g_free (site->address);
  site->address = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  g_free (site->contact);
  site->contact = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  g_free (site->project_manager);
  site->project_manager = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  site->active = sqlite3_column_int (stmt, 6) != 0;
  g_free (site->group);
  site->group = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  g_free (site->uuid);
  site->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  g_free (site->merged_into);
  site->merged_into = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  return site;
}

static int
compare_sites (gconstpointer a,
               gconstpointer b)
{
  XjSite *site_a = *(XjSite *const *) a;
  XjSite *site_b = *(XjSite *const *) b;

  if (site_a->active != site_b->active)
    return site_a->active ? -1 : 1;
  return g_utf8_collate (site_a->name, site_b->name);
}

#define SITE_COLUMNS "id, name, kind, address, contact, project_manager, active, group_name, " \
                     "uuid, merged_into"

/* --- GObject -------------------------------------------------------------- */

static void
xj_site_finalize (GObject *object)
{
  XjSite *self = XJ_SITE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->contact, g_free);
  g_clear_pointer (&self->project_manager, g_free);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->merged_into, g_free);

  G_OBJECT_CLASS (xj_site_parent_class)->finalize (object);
}

static void
xj_site_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  XjSite *self = XJ_SITE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_CONTACT:
      g_value_set_string (value, self->contact);
      break;
    case PROP_PROJECT_MANAGER:
      g_value_set_string (value, self->project_manager);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xj_site_class_init (XjSiteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = xj_site_finalize;
  object_class->get_property = xj_site_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, G_N_ELEMENTS (kinds) - 1, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTACT] =
    g_param_spec_string ("contact", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT_MANAGER] =
    g_param_spec_string ("project-manager", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xj_site_init (XjSite *self)
{
  self->name = g_strdup ("");
  self->address = g_strdup ("");
  self->contact = g_strdup ("");
  self->project_manager = g_strdup ("");
  self->group = g_strdup ("");
  self->active = TRUE;
}

/* --- kinds ---------------------------------------------------------------- */

XJ_DEFINE_WORD_TO_STRING (extern, xj_site_kind, XjSiteKind, kinds)
XJ_DEFINE_WORD_FROM_STRING (static, xj_site_kind, XjSiteKind, kinds)

XJ_DEFINE_WORD_LABEL (extern, xj_site_kind, XjSiteKind, kinds, NULL)

/* --- accessors ------------------------------------------------------------ */

XjSite *
xj_site_new (const char *name,
             XjSiteKind  kind)
{
  XjSite *self = g_object_new (XJ_TYPE_SITE, NULL);

  xj_site_set_name (self, name);
  xj_site_set_kind (self, kind);
  return self;
}

gint64
xj_site_get_id (XjSite *self)
{
  g_return_val_if_fail (XJ_IS_SITE (self), 0);
  return self->id;
}

const char *
xj_site_get_name (XjSite *self)
{
  g_return_val_if_fail (XJ_IS_SITE (self), NULL);
  return self->name;
}

void
xj_site_set_name (XjSite     *self,
                  const char *name)
{
  g_return_if_fail (XJ_IS_SITE (self));
  if (set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

XjSiteKind
xj_site_get_kind (XjSite *self)
{
  g_return_val_if_fail (XJ_IS_SITE (self), 0);
  return self->kind;
}

void
xj_site_set_kind (XjSite     *self,
                  XjSiteKind  kind)
{
  g_return_if_fail (XJ_IS_SITE (self));
  g_return_if_fail (kind < G_N_ELEMENTS (kinds));

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
xj_site_get_address (XjSite *self)
{
  g_return_val_if_fail (XJ_IS_SITE (self), NULL);
  return self->address;
}

void
xj_site_set_address (XjSite     *self,
                     const char *address)
{
  g_return_if_fail (XJ_IS_SITE (self));
  if (set_string (&self->address, address))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

const char *
xj_site_get_contact (XjSite *self)
{
  g_return_val_if_fail (XJ_IS_SITE (self), NULL);
  return self->contact;
}

void
xj_site_set_contact (XjSite     *self,
                     const char *contact)
{
  g_return_if_fail (XJ_IS_SITE (self));
  if (set_string (&self->contact, contact))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}

const char *
xj_site_get_project_manager (XjSite *self)
{
  g_return_val_if_fail (XJ_IS_SITE (self), NULL);
  return self->project_manager;
}

void
xj_site_set_project_manager (XjSite     *self,
                             const char *project_manager)
{
  g_return_if_fail (XJ_IS_SITE (self));
  if (set_string (&self->project_manager, project_manager))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_MANAGER]);
}

/* The site's group (a region, 华东区), "" for none. */
const char *
xj_site_get_group (XjSite *self)
{
  g_return_val_if_fail (XJ_IS_SITE (self), NULL);
  return self->group;
}

void
xj_site_set_group (XjSite     *self,
                   const char *group)
{
  g_return_if_fail (XJ_IS_SITE (self));
  set_string (&self->group, group);
}

gboolean
xj_site_get_active (XjSite *self)
{
  g_return_val_if_fail (XJ_IS_SITE (self), FALSE);
  return self->active;
}

/* NULL for a site not saved yet. */
const char *
xj_site_get_uuid (XjSite *self)
{
  g_return_val_if_fail (XJ_IS_SITE (self), NULL);
  return self->uuid;
}

/* The UUID of the site this one was merged into, or NULL. */
const char *
xj_site_get_merged_into (XjSite *self)
{
  g_return_val_if_fail (XJ_IS_SITE (self), NULL);
  return self->merged_into;
}

/* Whether another site in the same list has the same normalised name
 * (xj_site_normalise_name()): a person may want to merge them. */
gboolean
xj_site_get_possible_duplicate (XjSite *self)
{
  g_return_val_if_fail (XJ_IS_SITE (self), FALSE);
  return self->possible_duplicate;
}

/**
 * xj_site_normalise_name:
 *
 * Returns: (transfer full): @name as compared for possible duplicates:
 *   compatibility-normalised (full-width letters and digits are the
 *   ordinary ones), case-folded, without any white space.
 */
char *
xj_site_normalise_name (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name != NULL ? name : "", -1, G_NORMALIZE_ALL);
  g_autofree char *folded = g_utf8_casefold (normal != NULL ? normal : "", -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && g_unichar_type (c) != G_UNICODE_FORMAT)
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/* Flags the sites of @sites whose normalised names meet more than once. */
static void
mark_duplicates (GPtrArray *sites)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < sites->len; i++)
      {
        XjSite *site = g_ptr_array_index (sites, i);
        g_autofree char *key = xj_site_normalise_name (site->name);
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));

        if (pass == 0)
          g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
        else
          site->possible_duplicate = count > 1;
      }
}

/**
 * xj_site_validate:
 *
 * Checks what a person typed before anything is written; the messages are
 * shown under the field they concern.
 */
static gboolean
xj_site_validate (XjSite  *self,
                  GError **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (XJ_IS_SITE (self), FALSE);

  trimmed = g_strstrip (g_strdup (self->name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NAME_EMPTY,
                           _("Enter the site’s name."));
      return FALSE;
    }
  if (g_utf8_strlen (trimmed, -1) > XJ_SITE_NAME_MAX)
    {
      g_set_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NAME_TOO_LONG,
                   _("The name is too long: at most %d characters."), XJ_SITE_NAME_MAX);
      return FALSE;
    }
  if (g_utf8_strlen (self->group, -1) > XJ_SITE_GROUP_MAX)
    {
      g_set_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NAME_TOO_LONG,
                   _("The group’s name is too long: at most %d characters."), XJ_SITE_GROUP_MAX);
      return FALSE;
    }
  return TRUE;
}

/* --- store ---------------------------------------------------------------- */

static gboolean
name_taken (XjStore     *store,
            const char  *name,
            gint64       except_id,
            gboolean    *taken,
            GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "SELECT 1 FROM sites WHERE name = ?1 COLLATE NOCASE "
                                         "AND id <> ?2 AND merged_into IS NULL "
                                         /* Same-name sites arrive from other
                                          * laptops: a site keeping its own
                                          * name may still be edited. */
                                         "AND NOT EXISTS (SELECT 1 FROM sites s WHERE "
                                         "s.id = ?2 AND s.name = ?1 COLLATE NOCASE)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read sites"));
  *taken = rc == SQLITE_ROW;
  return TRUE;
}

/**
 * xj_store_save_site:
 *
 * Inserts @site when it has no id yet (and gives it one), updates it
 * otherwise; one transaction, with an audit entry.
 */
gboolean
xj_store_save_site (XjStore     *store,
                    XjSite      *site,
                    const char  *actor,
                    GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gboolean taken = FALSE;
  gboolean is_new;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (XJ_IS_SITE (site), FALSE);

  if (!xj_site_validate (site, error))
    return FALSE;

  name = g_strstrip (g_strdup (site->name));
  is_new = site->id == 0;

  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  if (!name_taken (store, name, site->id, &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NAME_TAKEN,
                   _("A site named “%s” already exists. Choose another name."), name);
      return FALSE;
    }

  if (is_new)
    stmt = xj_store_prepare (store,
                             "INSERT INTO sites (name, kind, address, contact, project_manager, "
                             "active, created_at, updated_at, group_name) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6, trim(?8))", error);
  else
    stmt = xj_store_prepare (store,
                             "UPDATE sites SET name = ?1, kind = ?2, address = ?3, contact = ?4, "
                             "project_manager = ?5, updated_at = ?6, group_name = trim(?8) "
                             "WHERE id = ?7", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, xj_site_kind_to_string (site->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, site->address, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, site->contact, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, site->project_manager, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, xj_clock_now ());
  sqlite3_bind_text (stmt, 8, site->group, -1, SQLITE_TRANSIENT);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 7, site->id);
  if (!xj_store_step_done (store, stmt, error))
    return FALSE;

  if (!is_new && sqlite3_changes (xj_store_get_db (store)) == 0)
    {
      g_set_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NOT_FOUND,
                   _("The site no longer exists."));
      return FALSE;
    }

  {
    gint64 id = is_new ? sqlite3_last_insert_rowid (xj_store_get_db (store)) : site->id;

    if (!xj_store_audit (store, actor, "site", id, is_new ? "create" : "edit", name, error)
        || !xj_transaction_commit (tx, error))
      return FALSE;
    site->id = id;
  }

  if (g_strcmp0 (name, site->name) != 0)
    xj_site_set_name (site, name);
  xj_store_emit_changed (store, "sites");
  return TRUE;
}

gboolean
xj_store_set_site_active (XjStore     *store,
                          gint64       site_id,
                          gboolean     active,
                          const char  *actor,
                          GError     **error)
{
  const XjRowFlagUpdate update = {
    "UPDATE sites SET active = ?1, updated_at = ?3 WHERE id = ?2", "site", "sites",
    XJ_SITE_ERROR, XJ_SITE_ERROR_NOT_FOUND, N_("The site no longer exists.")
  };

  return xj_store_set_row_flag (store, &update, site_id, active, actor,
                                active ? "activate" : "deactivate", error);
}

XjSite *
xj_store_get_site (XjStore  *store,
                   gint64    site_id,
                   GError  **error)
{
  XjSite *site;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  if (!xj_store_query_row (store, "SELECT " SITE_COLUMNS " FROM sites WHERE id = ?1", site_id,
                           (XjStoreRowFunc) site_from_row, (gpointer *) &site,
                           _("Could not read sites"), error))
    return NULL;
  if (site == NULL)
    g_set_error (error, XJ_SITE_ERROR, XJ_SITE_ERROR_NOT_FOUND,
                 _("There is no site with ID %lld."), (long long) site_id);
  return site;
}

/**
 * xj_store_list_sites:
 *
 * Returns: (transfer full) (element-type XjSite): sites sorted by name,
 * active ones first.
 */
GPtrArray *
xj_store_list_sites (XjStore  *store,
                     gboolean  include_inactive,
                     GError  **error)
{
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  stmt = xj_store_prepare (store,
                           "SELECT " SITE_COLUMNS " FROM sites WHERE (active = 1 OR ?1) "
                           "AND merged_into IS NULL ORDER BY name COLLATE LOCALE, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sites, site_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read sites"));
      return NULL;
    }
  /* SQLite compares bytes; people expect the locale's order (pinyin for
   * Chinese names). */
  g_ptr_array_sort (sites, compare_sites);
  mark_duplicates (sites);
  return g_steal_pointer (&sites);
}

/* --- the list model ------------------------------------------------------- */

static GPtrArray *
load_sites (XjStore   *store,
            gpointer   include_inactive,
            GError   **error)
{
  return xj_store_list_sites (store, GPOINTER_TO_INT (include_inactive), error);
}

static gboolean
same_site (gpointer a,
           gpointer b)
{
  return xj_site_get_id (a) == xj_site_get_id (b)
         && g_strcmp0 (xj_site_get_name (a), xj_site_get_name (b)) == 0
         && g_strcmp0 (xj_site_get_group (a), xj_site_get_group (b)) == 0
         && xj_site_get_active (a) == xj_site_get_active (b)
         && XJ_SITE (a)->possible_duplicate == XJ_SITE (b)->possible_duplicate;
}

/**
 * xj_site_model_new:
 *
 * Returns: (transfer full): the sites as xj_store_list_sites() orders them,
 *   following every change of the sites
 */
XjStoreList *
xj_site_model_new (XjStore  *store,
                   gboolean  include_inactive)
{
  return xj_store_list_new (store, "sites", XJ_TYPE_SITE, load_sites, same_site,
                            GINT_TO_POINTER (include_inactive));
}
