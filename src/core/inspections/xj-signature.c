/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Handwritten signatures: the strokes a signature pad recorded, with the
 * signer's role, name and company.  An inspection is signed by its
 * inspector and, for weekly and monthly checks, by the property company's
 * representative who accompanied it; notices by their issuer, recipient
 * and verifier.  Signing again in the same role replaces the signature
 * (the pad's "redo"), until the inspection is signed for good.
 */
#define G_LOG_DOMAIN "xj-signature"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-signature.h"
#include "xj-transaction.h"
#include "xj-text.h"
#include "xj-words.h"

#define NAME_MAX_CHARS 100

G_DEFINE_QUARK (xj-signature-error-quark, xj_signature_error)

static const struct {
  const char *id;
  const char *label;
} roles[] = {
  [XJ_SIGNATURE_ROLE_INSPECTOR] = { "inspector", N_("Inspector") },
  [XJ_SIGNATURE_ROLE_REPRESENTATIVE] = { "representative", N_("Property representative") },
  [XJ_SIGNATURE_ROLE_RECIPIENT] = { "recipient", N_("Recipient") },
  [XJ_SIGNATURE_ROLE_VERIFIER] = { "verifier", N_("Verifier") },
  [XJ_SIGNATURE_ROLE_ISSUER] = { "issuer", N_("Issuer") },
};

XJ_DEFINE_WORDS (static, xj_signature_role, XjSignatureRole, roles)

void
xj_signature_free (XjSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->name);
  g_free (signature->company);
  g_free (signature->strokes);
  g_free (signature);
}

/* --- strokes --------------------------------------------------------------- */

static gboolean
invalid_strokes (GError **error)
{
  g_set_error_literal (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_INVALID,
                       _("The signature is not a list of pen strokes; sign again."));
  return FALSE;
}

static gboolean
read_number (JsonArray *array,
             guint      index,
             double    *value)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) == G_TYPE_STRING
      || json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
}

static gboolean
read_stroke (JsonNode  *node,
             GArray    *points,
             guint     *total,
             GError   **error)
{
  JsonObject *object;
  JsonArray *list;
  gint64 start = 0;

  /* A stroke is {"t": …, "points": […]} or, as the signature pad writes
   * it, the bare array of points. */
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      list = json_node_get_array (node);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      object = json_node_get_object (node);
      if (json_object_has_member (object, "t"))
        start = json_object_get_int_member (object, "t");
      if (!json_object_has_member (object, "points")
          || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "points")))
        return invalid_strokes (error);
      list = json_object_get_array_member (object, "points");
    }
  else
    {
      return invalid_strokes (error);
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *point_node = json_array_get_element (list, i);
      XjSignaturePoint point = { 0, 0, start };
      JsonArray *xyt;
      double t = start;

      if (!JSON_NODE_HOLDS_ARRAY (point_node))
        return invalid_strokes (error);
      xyt = json_node_get_array (point_node);
      /* [x, y], [x, y, t] or the pad's [x, y, t, pressure]. */
      if (json_array_get_length (xyt) < 2 || json_array_get_length (xyt) > 4
          || !read_number (xyt, 0, &point.x) || !read_number (xyt, 1, &point.y)
          || (json_array_get_length (xyt) == 3 && !read_number (xyt, 2, &t)))
        return invalid_strokes (error);
      point.t = (gint64) t;
      if (++*total > XJ_SIGNATURE_MAX_POINTS)
        {
          g_set_error_literal (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_INVALID,
                               _("The signature has too many points; clear it and sign again."));
          return FALSE;
        }
      g_array_append_val (points, point);
    }
  return TRUE;
}

/**
 * xj_signature_parse_strokes:
 *
 * Reads the pad's JSON (see XjSignaturePoint).  A signature without a
 * single point is refused: an empty box is not a signature.
 * Returns: (transfer full) (element-type GArray): one array of
 * XjSignaturePoint per stroke.
 */
GPtrArray *
xj_signature_parse_strokes (const char  *json,
                            GError     **error)
{
  g_autoptr(GPtrArray) strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  guint total = 0;

  if (json == NULL || (root = json_from_string (json, NULL)) == NULL)
    {
      invalid_strokes (error);
      return NULL;
    }
  /* The list of strokes, or the signature pad's {"width", "height",
   * "strokes": […]}. */
  if (JSON_NODE_HOLDS_OBJECT (root)
      && json_object_has_member (json_node_get_object (root), "strokes")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "strokes")))
    list = json_object_get_array_member (json_node_get_object (root), "strokes");
  else if (JSON_NODE_HOLDS_ARRAY (root))
    list = json_node_get_array (root);
  else
    {
      invalid_strokes (error);
      return NULL;
    }
  for (guint s = 0; s < json_array_get_length (list); s++)
    {
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (XjSignaturePoint));

      if (!read_stroke (json_array_get_element (list, s), points, &total, error))
        return NULL;
      if (points->len > 0)
        g_ptr_array_add (strokes, g_steal_pointer (&points));
    }
  if (total == 0)
    {
      g_set_error_literal (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_INVALID,
                           _("The signature box is empty: sign in it first."));
      return NULL;
    }
  return g_steal_pointer (&strokes);
}

/* The JSON of @strokes (arrays of XjSignaturePoint), for a signature pad. */
char *
xj_signature_strokes_to_json (GPtrArray *strokes)
{
  g_autoptr(GString) json = g_string_new ("[");

  g_return_val_if_fail (strokes != NULL, NULL);

  for (guint s = 0; s < strokes->len; s++)
    {
      GArray *points = g_ptr_array_index (strokes, s);
      XjSignaturePoint *p = (XjSignaturePoint *) points->data;
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (json, "%s{\"t\": %lld, \"points\": [", s > 0 ? ", " : "",
                              points->len > 0 ? (long long) p[0].t : 0LL);
      for (guint i = 0; i < points->len; i++)
        g_string_append_printf (json, "%s[%s, %s, %lld]", i > 0 ? ", " : "",
                                g_ascii_formatd (x, sizeof x, "%.1f", p[i].x),
                                g_ascii_formatd (y, sizeof y, "%.1f", p[i].y), (long long) p[i].t);
      g_string_append (json, "]}");
    }
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

/* --- the store ------------------------------------------------------------- */

static gboolean
check_signer (const char  *name,
              const char  *strokes_json,
              GError     **error)
{
  g_autoptr(GPtrArray) strokes = NULL;

  if (xj_text_is_blank (name) || g_utf8_strlen (name, -1) > NAME_MAX_CHARS)
    {
      g_set_error (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_INVALID,
                   _("Enter the signer’s name (at most %d characters)."), NAME_MAX_CHARS);
      return FALSE;
    }
  strokes = xj_signature_parse_strokes (strokes_json, error);
  return strokes != NULL;
}

/* Inspections are signed only once completed, and never again once signed. */
static gboolean
check_inspection (XjStore  *store,
                  gint64    inspection_id,
                  GError  **error)
{
  g_autoptr(XjInspection) inspection = xj_store_get_inspection (store, inspection_id, error);

  if (inspection == NULL)
    return FALSE;
  if (inspection->state == XJ_INSPECTION_DRAFT)
    {
      g_set_error_literal (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_STATE,
                           _("Complete the inspection before it is signed."));
      return FALSE;
    }
  if (inspection->state != XJ_INSPECTION_COMPLETED)
    {
      g_set_error_literal (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_STATE,
                           _("This inspection is already signed; its signatures can no longer change."));
      return FALSE;
    }
  return TRUE;
}

/* The two roles that sign an inspection. */
static gboolean
check_role (XjSignatureRole   role,
            GError          **error)
{
  if (role == XJ_SIGNATURE_ROLE_INSPECTOR || role == XJ_SIGNATURE_ROLE_REPRESENTATIVE)
    return TRUE;
  g_set_error_literal (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_INVALID,
                       _("An inspection is signed by its inspector and the property representative only."));
  return FALSE;
}

/**
 * xj_store_add_inspection_signature:
 * @role: %XJ_SIGNATURE_ROLE_INSPECTOR or %XJ_SIGNATURE_ROLE_REPRESENTATIVE
 * @strokes_json: the pad's strokes (see XjSignaturePoint)
 *
 * Records a handwritten signature on a completed inspection.
 * Returns: the signature's id, or 0 on error.
 */
gint64
xj_store_add_inspection_signature (XjStore          *store,
                                   gint64            inspection_id,
                                   XjSignatureRole   role,
                                   const char       *name,
                                   const char       *company,
                                   const char       *strokes_json,
                                   GError          **error)
{
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;
  g_autoptr(XjTransaction) tx = NULL;
  gint64 id;

  g_return_val_if_fail (XJ_IS_STORE (store), 0);

  if (!check_role (role, error))
    return 0;
  /* One transaction: the signature replaces any earlier one in the same
   * role.  (A notice's signatures are written by its lifecycle step,
   * xj-notice-lifecycle.c.) */
  if (!check_signer (name, strokes_json, error)
      || (tx = xj_transaction_begin (store, error)) == NULL
      || !check_inspection (store, inspection_id, error))
    return 0;
  trimmed = g_strstrip (g_strdup (name));

  stmt = xj_store_prepare (store, "DELETE FROM signatures WHERE inspection_id = ?1 AND role = ?2",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_text (stmt, 2, xj_signature_role_to_string (role), -1, SQLITE_STATIC);
  if (!xj_store_step_done (store, stmt, error))
    return 0;

  stmt = xj_store_prepare (store,
                           "INSERT INTO signatures (inspection_id, role, name, company, signed_at, "
                           "strokes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_text (stmt, 2, xj_signature_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, trimmed, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, company != NULL ? company : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, xj_clock_now ());
  sqlite3_bind_text (stmt, 6, strokes_json, -1, SQLITE_TRANSIENT);
  if (!xj_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (xj_store_get_db (store));
  if (!xj_store_audit (store, trimmed, "inspection", inspection_id, "sign",
                       xj_signature_role_to_string (role), error)
      || !xj_transaction_commit (tx, error))
    return 0;
  xj_store_emit_changed (store, "signatures");
  return id;
}

/* The columns list_signatures () reads, in its order. */
#define SIGNATURE_SELECT "SELECT id, role, name, company, signed_at, strokes FROM signatures "

static GPtrArray *
list_signatures (XjStore     *store,
                 const char  *sql,
                 gint64       owner_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_signature_free);
  sqlite3_stmt *stmt = xj_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjSignature *signature = g_new0 (XjSignature, 1);

      signature->id = sqlite3_column_int64 (stmt, 0);
      xj_signature_role_from_string ((const char *) sqlite3_column_text (stmt, 1), &signature->role);
      signature->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      signature->company = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      signature->signed_at = sqlite3_column_int64 (stmt, 4);
      signature->strokes = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (list, signature);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read signatures"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * xj_store_list_inspection_signatures:
 *
 * Returns: (transfer full) (element-type XjSignature): by role (inspector first).
 */
GPtrArray *
xj_store_list_inspection_signatures (XjStore  *store,
                                     gint64    inspection_id,
                                     GError  **error)
{
  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  return list_signatures (store, SIGNATURE_SELECT "WHERE inspection_id = ?1 "
                          "ORDER BY role = 'representative', signed_at, id", inspection_id, error);
}

GPtrArray *
xj_store_list_notice_signatures (XjStore  *store,
                                 gint64    notice_id,
                                 GError  **error)
{
  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  return list_signatures (store, SIGNATURE_SELECT "WHERE notice_id = ?1 ORDER BY signed_at, id",
                          notice_id, error);
}

/**
 * xj_inspection_check_signatures:
 * @signatures: (element-type XjSignature): the inspection's signatures
 *
 * Whether the signatures the standard requires are among @signatures: the
 * inspector's always, the property representative's for weekly and
 * monthly checks.  Sets %XJ_SIGNATURE_ERROR_MISSING naming the first one
 * missing.  Reads nothing.
 */
gboolean
xj_inspection_check_signatures (const XjInspection  *inspection,
                                GPtrArray           *signatures,
                                GError             **error)
{
  gboolean has_inspector = FALSE, has_representative = FALSE;

  g_return_val_if_fail (inspection != NULL && signatures != NULL, FALSE);

  for (guint i = 0; i < signatures->len; i++)
    {
      XjSignature *signature = g_ptr_array_index (signatures, i);

      has_inspector |= signature->role == XJ_SIGNATURE_ROLE_INSPECTOR;
      has_representative |= signature->role == XJ_SIGNATURE_ROLE_REPRESENTATIVE;
    }
  if (!has_inspector)
    {
      g_set_error_literal (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_MISSING,
                           _("The inspector has not signed the inspection yet."));
      return FALSE;
    }
  if (!has_representative && xj_inspection_kind_needs_representative (inspection->kind))
    {
      g_set_error_literal (error, XJ_SIGNATURE_ERROR, XJ_SIGNATURE_ERROR_MISSING,
                           _("Weekly and monthly checks are also signed by the property "
                             "representative, who has not signed yet."));
      return FALSE;
    }
  return TRUE;
}

/**
 * xj_store_check_inspection_signatures:
 *
 * xj_inspection_check_signatures() on the inspection as stored.
 */
gboolean
xj_store_check_inspection_signatures (XjStore  *store,
                                      gint64    inspection_id,
                                      GError  **error)
{
  g_autoptr(XjInspection) inspection = NULL;
  g_autoptr(GPtrArray) signatures = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if ((inspection = xj_store_get_inspection (store, inspection_id, error)) == NULL
      || (signatures = xj_store_list_inspection_signatures (store, inspection_id, error)) == NULL)
    return FALSE;
  return xj_inspection_check_signatures (inspection, signatures, error);
}

/* --- drafts (schema v15, signature_drafts) ---------------------------------
 *
 * The strokes drawn on an inspection's signature pads, written on every
 * stroke so that a crash before the inspection is signed loses no
 * signature: the sign dialog starts from them again.  Local to this laptop
 * and not a signature yet (no audit entry, nothing travels).
 */

/**
 * xj_store_save_signature_draft:
 * @strokes_json: (nullable): the pad's strokes; %NULL or an empty pad
 *   forgets them
 *
 * Keeps what is drawn on a pad of the inspection until it is drawn again.
 */
gboolean
xj_store_save_signature_draft (XjStore          *store,
                               gint64            inspection_id,
                               XjSignatureRole   role,
                               const char       *strokes_json,
                               GError          **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(GPtrArray) strokes = NULL;
  gboolean empty;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if (!check_role (role, error))
    return FALSE;
  empty = xj_text_is_blank (strokes_json)
          || (strokes = xj_signature_parse_strokes (strokes_json, NULL)) == NULL
          || strokes->len == 0;
  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  stmt = xj_store_prepare (store, empty
                           ? "DELETE FROM signature_drafts WHERE inspection_id = ?1 AND role = ?2"
                           : "INSERT INTO signature_drafts (inspection_id, role, strokes, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (inspection_id, role) DO UPDATE "
                             "SET strokes = excluded.strokes, updated_at = excluded.updated_at",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_text (stmt, 2, xj_signature_role_to_string (role), -1, SQLITE_STATIC);
  if (!empty)
    {
      sqlite3_bind_text (stmt, 3, strokes_json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, xj_clock_now ());
    }
  return xj_store_step_done (store, stmt, error) && xj_transaction_commit (tx, error);
}

/**
 * xj_store_dup_signature_draft:
 *
 * Returns: (transfer full) (nullable): the strokes last drawn for @role on
 * the inspection, or %NULL (with @error unset when there are none)
 */
char *
xj_store_dup_signature_draft (XjStore          *store,
                              gint64            inspection_id,
                              XjSignatureRole   role,
                              GError          **error)
{
  g_autofree char *strokes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  if (!check_role (role, error))
    return NULL;
  stmt = xj_store_prepare (store, "SELECT strokes FROM signature_drafts "
                                  "WHERE inspection_id = ?1 AND role = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_text (stmt, 2, xj_signature_role_to_string (role), -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    strokes = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                 _("Could not read the signature drawn before"));
      return NULL;
    }
  return g_steal_pointer (&strokes);
}
