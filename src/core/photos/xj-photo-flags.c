/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Photos that are suspicious as evidence, said the same way wherever they
 * appear (the import review, the item row, the viewer, the report): taken
 * long before or after the inspection, with the capture time, or already
 * handed in for another inspection, named by its site and date (the
 * classic mystery-shop fraud is an old photo handed in again; the same
 * bytes have the same hash whatever the file is called).
 */
#define G_LOG_DOMAIN "xj-photo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-photo-flags.h"
#include "xj-photo-match.h"

void
xj_photo_use_free (XjPhotoUse *use)
{
  if (use == NULL)
    return;
  g_free (use->site_name);
  g_free (use);
}

/**
 * xj_store_list_photo_uses:
 * @except_inspection_id: the inspection asking (0: none)
 *
 * Returns: (transfer full) (element-type XjPhotoUse): the other
 * inspections whose answers carry the photo, oldest first, or %NULL with
 * @error set when the database could not be read.
 */
GPtrArray *
xj_store_list_photo_uses (XjStore     *store,
                          const char  *sha256,
                          gint64       except_inspection_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) uses = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_photo_use_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = xj_store_prepare (store,
                           "SELECT DISTINCT i.id, s.name, i.started_at FROM answer_photos ap "
                           "JOIN answers a ON a.id = ap.answer_id "
                           "JOIN inspections i ON i.id = a.inspection_id "
                           "JOIN sites s ON s.id = i.site_id "
                           "WHERE ap.sha256 = ?1 AND i.id <> ?2 "
                           "ORDER BY i.started_at, i.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_inspection_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XjPhotoUse *use = g_new0 (XjPhotoUse, 1);

      use->inspection_id = sqlite3_column_int64 (stmt, 0);
      use->site_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      use->started_at = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (uses, use);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, xj_store_get_db (store), rc, _("Could not read photos"));
      return NULL;
    }
  return g_steal_pointer (&uses);
}

/* "38 hours", "5 days": hours up to two days, then days. */
static char *
format_distance (gint64 seconds)
{
  int n;

  if (seconds < 2 * 86400)
    {
      n = (int) MAX (1, seconds / 3600);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", n), n);
    }
  n = (int) MIN (seconds / 86400, G_MAXINT);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", n), n);
}

static char *
format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (unix_seconds);

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("");
}

/**
 * xj_store_dup_photo_flags:
 * @inspection: the inspection the photo is (or is about to be) attached to;
 *   one still running counts until now
 *
 * Returns: (transfer full) (nullable): what makes the photo suspicious as
 * evidence, in sentences for a person, or %NULL when nothing does (or on
 * error, with @error set).
 */
char *
xj_store_dup_photo_flags (XjStore            *store,
                          const XjInspection *inspection,
                          const char         *sha256,
                          gboolean            has_taken_at,
                          gint64              taken_at,
                          GError            **error)
{
  g_autoptr(GString) flags = g_string_new (NULL);
  g_autoptr(GPtrArray) uses = NULL;
  gint64 end;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (inspection != NULL && sha256 != NULL, NULL);

  end = inspection->completed_at > 0 ? inspection->completed_at : xj_clock_now ();
  if (has_taken_at && xj_photo_time_is_far (taken_at, inspection->started_at, end,
                                            XJ_PHOTO_FAR_THRESHOLD))
    {
      g_autofree char *when = xj_format_local_minute (taken_at);
      g_autofree char *distance = format_distance (xj_photo_time_distance (taken_at,
                                                                           inspection->started_at,
                                                                           end));

      if (taken_at < inspection->started_at)
        /* Translators: "Taken 2026-12-03 08:10, 38 hours before the inspection." */
        g_string_append_printf (flags, _("Taken %s, %s before the inspection."), when, distance);
      else
        g_string_append_printf (flags, _("Taken %s, %s after the inspection."), when, distance);
    }

  if ((uses = xj_store_list_photo_uses (store, sha256, inspection->id, error)) == NULL)
    return NULL;
  if (uses->len > 0)
    {
      XjPhotoUse *first = g_ptr_array_index (uses, 0);
      g_autofree char *date = format_date (first->started_at);

      if (flags->len > 0)
        g_string_append_c (flags, ' ');
      /* Translators: "Already used in the inspection at 翠湖花园 on 2026-11-20." */
      g_string_append_printf (flags, _("Already used in the inspection at %s on %s."),
                              first->site_name, date);
      if (uses->len > 1)
        {
          guint others = uses->len - 1;

          g_string_append_c (flags, ' ');
          g_string_append_printf (flags, g_dngettext (GETTEXT_PACKAGE,
                                                      "And in %u other inspection.",
                                                      "And in %u other inspections.", others),
                                  others);
        }
    }
  return flags->len > 0 ? g_string_free (g_steal_pointer (&flags), FALSE) : NULL;
}
