/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Photos in the database: attaching stored photos to answers and notices,
 * captions, the reuse check that catches a photo from another inspection,
 * and the integrity check of the files behind the rows.
 */
#define G_LOG_DOMAIN "xj-photo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "xj-clock.h"
#include "xj-photo-store.h"
#include "xj-transaction.h"

/* The two link tables differ in their owner column and the notice phase;
 * each keeps its own fixed SQL (never assembled at run time). */
typedef struct
{
  const char *table;
  const char *entity;
  const char *insert_sql;    /* ?1 owner, ?2 sha256, ?3 caption, ?4 added_at, ?5 phase */
  const char *delete_sql;    /* ?1 owner, ?2 sha256, ?5 phase */
  const char *caption_sql;   /* ?1 owner, ?2 sha256, ?3 caption, ?5 phase */
  const char *list_sql;      /* ?1 owner, ?5 phase */
  const char *annotate_sql;  /* ?1 owner, ?2 sha256, ?3 JSON; answers only (see schema_v1) */
} Link;

/* What a link action does, and so which of the Link's statements it runs. */
typedef enum {
  LINK_ATTACH,
  LINK_DETACH,
  LINK_CAPTION,
  LINK_ANNOTATE,
} LinkAction;
#define MAX_ANNOTATION_BYTES (256 * 1024)

#define LIST_COLUMNS "l.id, l.sha256, l.position, l.caption, p.mime, p.width, p.height, " \
                     "p.orientation, p.taken_at, p.gps_lat, p.gps_lon, p.camera, "         \
                     "p.original_name, l.added_at, "

static const Link answer_link = {
  "answer_photos", "answer",
  "INSERT INTO answer_photos (answer_id, sha256, caption, added_at, position) "
  "VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position) + 1, 0) FROM answer_photos "
  "WHERE answer_id = ?1))",
  "DELETE FROM answer_photos WHERE answer_id = ?1 AND sha256 = ?2",
  "UPDATE answer_photos SET caption = ?3 WHERE answer_id = ?1 AND sha256 = ?2",
  "SELECT " LIST_COLUMNS "l.annotation FROM answer_photos l JOIN photos p ON p.sha256 = l.sha256 "
  "WHERE l.answer_id = ?1 ORDER BY l.position, l.id",
  "UPDATE answer_photos SET annotation = ?3 WHERE answer_id = ?1 AND sha256 = ?2",
};

static const Link notice_link = {
  "notice_photos", "notice",
  "INSERT INTO notice_photos (notice_id, sha256, caption, added_at, phase, position) "
  "VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position) + 1, 0) FROM notice_photos "
  "WHERE notice_id = ?1 AND phase = ?5))",
  "DELETE FROM notice_photos WHERE notice_id = ?1 AND sha256 = ?2 AND phase = ?5",
  "UPDATE notice_photos SET caption = ?3 WHERE notice_id = ?1 AND sha256 = ?2 AND phase = ?5",
  "SELECT " LIST_COLUMNS "NULL FROM notice_photos l JOIN photos p ON p.sha256 = l.sha256 "
  "WHERE l.notice_id = ?1 AND l.phase = ?5 ORDER BY l.position, l.id",
  NULL,
};

static const char *
phase_to_string (XjNoticePhotoPhase phase)
{
  return phase == XJ_NOTICE_PHOTO_AFTER ? "after" : "before";
}

void
xj_attached_photo_free (XjAttachedPhoto *photo)
{
  if (photo == NULL)
    return;
  g_free (photo->sha256);
  g_free (photo->caption);
  g_free (photo->mime);
  g_free (photo->camera);
  g_free (photo->original_name);
  g_free (photo->annotation);
  g_free (photo);
}

static gboolean
check_sha256 (const char  *sha256,
              GError     **error)
{
  gboolean valid = sha256 != NULL && strlen (sha256) == 64;

  for (guint i = 0; valid && i < 64; i++)
    valid = g_ascii_isdigit (sha256[i]) || (sha256[i] >= 'a' && sha256[i] <= 'f');
  if (!valid)
    g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_INVALID,
                 _("“%s” is not a photo’s SHA-256 (64 lowercase hex digits)."),
                 sha256 != NULL ? sha256 : "");
  return valid;
}

/* --- adding photos ------------------------------------------------------- */

gboolean
xj_store_add_photo (XjStore            *store,
                    XjPhotoInfo        *info,
                    GError            **error)
{
  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (!xj_photo_info_insert (info, xj_store_get_db (store), error))
    return FALSE;
  xj_store_emit_changed (store, "photos");
  return TRUE;
}

/**
 * xj_store_discard_photo:
 *
 * Takes back an import that is not wanted after all (cancelled, or left
 * out in the review) on the store's connection: see xj_photo_info_discard().
 * Emits nothing: the caller says "changed::photos" once for a batch.
 */
gboolean
xj_store_discard_photo (XjStore      *store,
                        XjPhotoInfo  *info,
                        GError      **error)
{
  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  return xj_photo_info_discard (info, xj_store_get_db (store), error);
}

/**
 * xj_store_import_photo:
 *
 * Imports one file on the calling thread and records it: for the demo and
 * for a single pasted photo.  Lists of files go through
 * xj_photo_import_async() instead.
 *
 * Returns: (transfer full): the photo's details, or %NULL (and nothing
 * stored) on error.
 */
XjPhotoInfo *
xj_store_import_photo (XjStore     *store,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(XjPhotoInfo) info = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  info = xj_photo_import_file (xj_store_get_data_dir (store), path, NULL, error);
  if (info == NULL)
    return NULL;
  if (!xj_store_add_photo (store, info, error))
    {
      xj_photo_info_discard_files (info);
      return NULL;
    }
  return g_steal_pointer (&info);
}

/* --- links --------------------------------------------------------------- */

static gboolean
set_link_error (XjStore     *store,
                int          rc,
                GError     **error)
{
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    g_set_error_literal (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_ALREADY_ATTACHED,
                         _("This photo is already attached here."));
  else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    g_set_error_literal (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_FOUND,
                         _("The photo or the item it should be attached to no longer exists. "
                           "Import the photo again."));
  else
    xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not attach the photo"));
  return FALSE;
}

/* The link table of @owner, its id there and (a notice's) phase. */
static const Link *
resolve_owner (const XjPhotoOwner  *owner,
               gint64              *owner_id,
               const char         **phase)
{
  if (owner->notice_id != 0)
    {
      *owner_id = owner->notice_id;
      *phase = phase_to_string (owner->phase);
      return &notice_link;
    }
  *owner_id = owner->answer_id;
  *phase = NULL;
  return &answer_link;
}

/* @action on @owner's link to @sha256 as one audited transaction.
 * @caption (or the annotation's JSON) is bound when not NULL; a statement
 * that changes no row is XJ_PHOTO_ERROR_NOT_FOUND. */
static gboolean
run_link_action (XjStore             *store,
                 const XjPhotoOwner  *owner,
                 LinkAction           link_action,
                 const char          *sha256,
                 const char          *caption,
                 const char          *actor,
                 gint64              *attachment_id,
                 GError             **error)
{
  static const char *const audit_actions[] = {
    [LINK_ATTACH] = "attach-photo", [LINK_DETACH] = "detach-photo",
    [LINK_CAPTION] = "caption-photo", [LINK_ANNOTATE] = "annotate-photo",
  };
  gint64 owner_id;
  const char *phase;
  const Link *link = resolve_owner (owner, &owner_id, &phase);
  const char *action = audit_actions[link_action];
  const char *sql = link_action == LINK_ATTACH ? link->insert_sql
                    : link_action == LINK_DETACH ? link->delete_sql
                    : link_action == LINK_CAPTION ? link->caption_sql : link->annotate_sql;
  g_autoptr(XjTransaction) tx = NULL;
  sqlite3 *db = xj_store_get_db (store);
  sqlite3_stmt *stmt;
  g_autofree char *detail = NULL;
  int rc;

  if (!check_sha256 (sha256, error) || (tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  stmt = xj_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_TRANSIENT);
  if (caption != NULL)
    sqlite3_bind_text (stmt, 3, caption, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 4)
    sqlite3_bind_int64 (stmt, 4, xj_clock_now ());
  if (phase != NULL)
    sqlite3_bind_text (stmt, 5, phase, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      set_link_error (store, rc, error);
      return FALSE;
    }
  if (sqlite3_changes (db) == 0)
    {
      g_set_error_literal (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NOT_FOUND,
                           _("This photo is not attached here (any more)."));
      return FALSE;
    }
  if (attachment_id != NULL)
    *attachment_id = sqlite3_last_insert_rowid (db);

  detail = phase != NULL ? g_strdup_printf ("%s %s", phase, sha256) : g_strdup (sha256);
  if (!xj_store_audit (store, actor, link->entity, owner_id, action, detail, error)
      || !xj_transaction_commit (tx, error))
    return FALSE;
  xj_store_emit_changed (store, link->table);
  return TRUE;
}

/**
 * xj_store_list_photos:
 *
 * Returns: (transfer full) (element-type XjAttachedPhoto): the photos of
 * @owner, in the order they were attached.
 */
GPtrArray *
xj_store_list_photos (XjStore             *store,
                      const XjPhotoOwner  *owner,
                      GError             **error)
{
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_attached_photo_free);
  gint64 owner_id;
  const char *phase;
  const Link *link;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (owner != NULL, NULL);

  link = resolve_owner (owner, &owner_id, &phase);
  stmt = xj_store_prepare (store, link->list_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  if (phase != NULL)
    sqlite3_bind_text (stmt, 5, phase, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjAttachedPhoto *photo = g_new0 (XjAttachedPhoto, 1);

      photo->id = sqlite3_column_int64 (stmt, 0);
      photo->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      photo->position = sqlite3_column_int (stmt, 2);
      photo->caption = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      photo->mime = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      photo->width = sqlite3_column_int (stmt, 5);
      photo->height = sqlite3_column_int (stmt, 6);
      photo->orientation = sqlite3_column_int (stmt, 7);
      photo->has_taken_at = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
      photo->taken_at = sqlite3_column_int64 (stmt, 8);
      photo->has_gps = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
      photo->gps_lat = sqlite3_column_double (stmt, 9);
      photo->gps_lon = sqlite3_column_double (stmt, 10);
      photo->camera = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
      photo->original_name = g_strdup ((const char *) sqlite3_column_text (stmt, 12));
      photo->added_at = sqlite3_column_int64 (stmt, 13);
      photo->annotation = g_strdup ((const char *) sqlite3_column_text (stmt, 14));
      g_ptr_array_add (photos, photo);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read photos"));
      return NULL;
    }
  return g_steal_pointer (&photos);
}

/* --- attaching ----------------------------------------------------------- */

/**
 * xj_store_attach_photo:
 * @sha256: a photo already in the store (xj_store_add_photo())
 * @caption: (nullable)
 * @attachment_id: (out) (optional): the answer_photos or notice_photos row
 *
 * Appends the photo to @owner's photos; one audited transaction.  Refused
 * with %XJ_STORE_ERROR_LOCKED on a signed inspection.
 */
gboolean
xj_store_attach_photo (XjStore             *store,
                       const XjPhotoOwner  *owner,
                       const char          *sha256,
                       const char          *caption,
                       const char          *actor,
                       gint64              *attachment_id,
                       GError             **error)
{
  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);

  return run_link_action (store, owner, LINK_ATTACH, sha256, caption != NULL ? caption : "",
                          actor, attachment_id, error);
}

gboolean
xj_store_detach_photo (XjStore             *store,
                       const XjPhotoOwner  *owner,
                       const char          *sha256,
                       const char          *actor,
                       GError             **error)
{
  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);

  return run_link_action (store, owner, LINK_DETACH, sha256, NULL, actor, NULL, error);
}

gboolean
xj_store_set_photo_caption (XjStore             *store,
                            const XjPhotoOwner  *owner,
                            const char          *sha256,
                            const char          *caption,
                            const char          *actor,
                            GError             **error)
{
  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);

  return run_link_action (store, owner, LINK_CAPTION, sha256, caption != NULL ? caption : "",
                          actor, NULL, error);
}

/**
 * xj_store_set_answer_photo_annotation:
 * @json: (nullable): the annotation's vector data (see src/report/pdf/xj-annotation.h),
 *   or %NULL to remove it
 *
 * Stores the drawing over an attached photo; the photo's files are never
 * changed.  One audited transaction; refused on a signed inspection by the
 * database's own triggers.
 */
gboolean
xj_store_set_answer_photo_annotation (XjStore     *store,
                                      gint64       answer_id,
                                      const char  *sha256,
                                      const char  *json,
                                      const char  *actor,
                                      GError     **error)
{
  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if (json != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (strlen (json) > MAX_ANNOTATION_BYTES || !json_parser_load_from_data (parser, json, -1, NULL)
          || json_parser_get_root (parser) == NULL
          || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_INVALID,
                       _("The drawing could not be saved: it is not a JSON object of at most %d KB."),
                       MAX_ANNOTATION_BYTES / 1024);
          return FALSE;
        }
    }
  return run_link_action (store, XJ_ANSWER_PHOTOS (answer_id), LINK_ANNOTATE, sha256, json,
                          actor, NULL, error);
}

/* --- integrity ----------------------------------------------------------- */

/* @on_server: the photo came from the team (or went there): its original
 * may stay on the server until it is asked for. */
static gboolean
check_one_photo (const char  *data_dir,
                 const char  *sha256,
                 const char  *mime,
                 gint64       bytes,
                 gboolean     on_server,
                 GString     *report)
{
  g_autofree char *original = xj_photo_dup_original_path (data_dir, sha256, mime);
  g_autofree char *rendition = xj_photo_dup_rendition_path (data_dir, sha256);
  g_autofree char *thumbnail = xj_photo_dup_thumbnail_path (data_dir, sha256);
  g_autofree char *contents = NULL;
  g_autofree char *actual = NULL;
  gsize length = 0;
  gboolean ok = TRUE;

  if (on_server && !g_file_test (original, G_FILE_TEST_EXISTS))
    g_string_append_printf (report, _("Photo %s: the original is kept on the team server "
                                      "(xunjian sync --original %s brings it here)\n"),
                            sha256, sha256);
  else if (!g_file_get_contents (original, &contents, &length, NULL))
    {
      g_string_append_printf (report, _("Photo %s: the original file %s is missing\n"),
                              sha256, original);
      ok = FALSE;
    }
  else if ((gint64) length != bytes)
    {
      g_string_append_printf (report, _("Photo %s: the original file has %lld bytes, "
                                        "the database says %lld\n"),
                              sha256, (long long) length, (long long) bytes);
      ok = FALSE;
    }
  else if (g_strcmp0 (actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                            (const guint8 *) contents, length),
                      sha256) != 0)
    {
      g_string_append_printf (report, _("Photo %s: the original file was altered "
                                        "(its SHA-256 is now %s)\n"), sha256, actual);
      ok = FALSE;
    }
  if (!g_file_test (rendition, G_FILE_TEST_IS_REGULAR))
    {
      g_string_append_printf (report, _("Photo %s: the report rendition %s is missing\n"),
                              sha256, rendition);
      ok = FALSE;
    }
  if (!g_file_test (thumbnail, G_FILE_TEST_IS_REGULAR))
    {
      g_string_append_printf (report, _("Photo %s: the thumbnail %s is missing\n"),
                              sha256, thumbnail);
      ok = FALSE;
    }
  return ok;
}

/**
 * xj_photo_store_check:
 * @report: receives one line per problem
 *
 * Every photos row must have its original with the recorded size and
 * hash, its rendition and its thumbnail.  In a team, a photo pulled from
 * the server comes as its rendition and thumbnail only: its original,
 * kept on the server, may be absent (said in @report, no problem).  A
 * photo of this laptop's own (on an inspection made here, or not sent
 * yet) must have its original.  Reads every original: for `xunjian
 * check`, not for the main loop.
 *
 * Returns: %TRUE when nothing is wrong.
 */
gboolean
xj_photo_store_check (XjStore  *store,
                      GString  *report,
                      GError  **error)
{
  const char *data_dir;
  sqlite3_stmt *stmt;
  guint problems = 0;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  data_dir = xj_store_get_data_dir (store);
  stmt = xj_store_prepare (store,
                           "SELECT p.sha256, p.mime, p.bytes,"
                           " EXISTS (SELECT 1 FROM team_settings WHERE key = 'server')"
                           " AND NOT EXISTS (SELECT 1 FROM team_outbox o"
                           "   WHERE o.table_name = 'photos' AND o.record = p.sha256)"
                           " AND NOT EXISTS (SELECT 1 FROM answer_photos ap"
                           "   JOIN answers a ON a.id = ap.answer_id"
                           "   JOIN inspections i ON i.id = a.inspection_id"
                           "   WHERE ap.sha256 = p.sha256 AND i.owner IS NULL)"
                           " FROM photos p ORDER BY p.sha256", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!check_one_photo (data_dir, (const char *) sqlite3_column_text (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1),
                          sqlite3_column_int64 (stmt, 2), sqlite3_column_int (stmt, 3) != 0,
                          report))
      problems++;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                      _("Could not read photos"));
  if (problems > 0)
    {
      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_CORRUPT,
                   g_dngettext (GETTEXT_PACKAGE, "%u photo in “%s” is damaged or missing",
                                "%u photos in “%s” are damaged or missing", problems),
                   problems, data_dir);
      return FALSE;
    }
  return TRUE;
}
