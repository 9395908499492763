/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Report and notice numbers: where the next one comes from.
 *
 * - A laptop in no team counts on its own: reports per year
 *   (report_counters, never below the highest report number printed that
 *   year), notices per type and year (notice_counters).
 * - A laptop in a team takes the next number of a block it leased from the
 *   team server (number_blocks; xj-team-numbers.c leases them when a sync
 *   or the join finds a block running low).  The three types of notice share
 *   one count per year, as the server hands them out: ZG-2026-0051 may be
 *   followed by LX-2026-0052.
 * - A laptop in a team with no leased number left (it has been offline for
 *   long) goes on numbering: its own next number with the laptop's short
 *   code as suffix (XJ-2026-000143-B).  Only this laptop uses its code, and
 *   its own count stays above every number it has used, so the full number
 *   is unique across the team; numbering never stops offline.
 * Either way the laptop's own count moves past every number it uses, so
 * that a laptop that leaves its team goes on after them.
 *
 * _xj_numbers_next() only reads; _xj_numbers_take() uses the number it
 * gave, in the caller's transaction (the one that writes the report or the
 * notice), so a failed save uses no number.
 */
#define G_LOG_DOMAIN "xj-numbers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-numbers-private.h"
#include "xj-store-private.h"

const char *
xj_number_kind_to_string (XjNumberKind kind)
{
  return kind == XJ_NUMBER_REPORT ? "report" : "notice";
}

void
xj_number_clear (XjNumber *number)
{
  g_clear_pointer (&number->suffix, g_free);
}

/**
 * xj_number_dup_full:
 *
 * The number as shown: @base, and "-" and @suffix when there is one.
 */
char *
xj_number_dup_full (const char *base,
                    const char *suffix)
{
  if (suffix == NULL || *suffix == '\0')
    return g_strdup (base);
  return g_strconcat (base, "-", suffix, NULL);
}

/* A report's number without its suffix: XJ-2026-000123. */
char *
xj_number_dup_report_base (const XjNumber *number)
{
  return g_strdup_printf ("XJ-%04d-%06" G_GINT64_FORMAT, number->year, number->seq);
}

/* A report's number as printed and shown: XJ-2026-000123-B. */
char *
xj_number_dup_report (const XjNumber *number)
{
  g_autofree char *base = xj_number_dup_report_base (number);

  return xj_number_dup_full (base, number->suffix);
}

static gboolean
read_error (XjStore  *store,
            int       rc,
            GError  **error)
{
  return xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                    _("Could not read the numbering"));
}

/* The laptop's team: whether it has one, and its short code. */
static gboolean
read_team (XjStore   *store,
           gboolean  *joined,
           char     **code,
           GError   **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "SELECT EXISTS (SELECT 1 FROM team_settings WHERE "
                                         "key = 'server'), coalesce((SELECT value FROM "
                                         "team_settings WHERE key = 'laptop_code'), '')", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *joined = sqlite3_column_int (stmt, 0) != 0;
      *code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || read_error (store, rc, error);
}

/* The first unused number of the oldest leased block with one left. */
static gboolean
read_block (XjStore       *store,
            XjNumberKind   kind,
            int            year,
            gint64        *block_id,
            gint64        *next,
            GError       **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "SELECT id, next FROM number_blocks WHERE kind = ?1 "
                                         "AND year = ?2 AND next <= last ORDER BY first LIMIT 1",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, xj_number_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, year);
  *block_id = 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *block_id = sqlite3_column_int64 (stmt, 0);
      *next = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || read_error (store, rc, error);
}

/* The highest number this laptop has used of @kind (and @notice_type) in
 * @year. */
static gboolean
read_count (XjStore       *store,
            XjNumberKind   kind,
            const char    *notice_type,
            int            year,
            gint64        *count,
            GError       **error)
{
  /* Six digits: the highest as text is the highest as a number, read at
   * the end of the index, not by a scan of the year. */
  g_autofree char *pattern = g_strdup_printf ("XJ-%04d-[0-9][0-9][0-9][0-9][0-9][0-9]", year);
  sqlite3_stmt *stmt;
  int rc;

  if (kind == XJ_NUMBER_REPORT)
    stmt = xj_store_prepare (store,
                             "SELECT max(coalesce((SELECT last_seq FROM report_counters WHERE "
                             "year = ?1), 0), coalesce((SELECT CAST(substr(number, 9) AS "
                             "INTEGER) FROM reports WHERE number GLOB ?2 ORDER BY number DESC "
                             "LIMIT 1), 0))", error);
  else
    stmt = xj_store_prepare (store,
                             "SELECT coalesce((SELECT last_seq FROM notice_counters WHERE "
                             "year = ?1 AND type = ?2), 0)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_text (stmt, 2, kind == XJ_NUMBER_REPORT ? pattern : notice_type, -1,
                     SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_ROW || read_error (store, rc, error);
}

/**
 * _xj_numbers_next:
 * @notice_type: for %XJ_NUMBER_NOTICE: the notice's type as stored
 * @number: (out caller-allocates): the next number; clear it after use
 *
 * The next number of @kind for @year; nothing is written.
 */
gboolean
_xj_numbers_next (XjStore       *store,
                  XjNumberKind   kind,
                  const char    *notice_type,
                  int            year,
                  XjNumber      *number,
                  GError       **error)
{
  g_autofree char *code = NULL;
  gboolean joined = FALSE;
  gint64 block_id = 0, next = 0, count = 0;

  g_return_val_if_fail (kind == XJ_NUMBER_REPORT || notice_type != NULL, FALSE);

  if (!read_team (store, &joined, &code, error)
      || (joined && !read_block (store, kind, year, &block_id, &next, error)))
    return FALSE;
  number->year = year;
  if (block_id != 0)
    {
      number->seq = next;
      number->suffix = g_strdup ("");
      number->block_id = block_id;
      return TRUE;
    }
  if (!read_count (store, kind, notice_type, year, &count, error))
    return FALSE;
  number->seq = count + 1;
  number->suffix = g_strdup (joined ? code : "");
  number->block_id = 0;
  return TRUE;
}

/**
 * _xj_numbers_take:
 * @number: as _xj_numbers_next() gave it, in the same transaction
 *
 * Uses @number: its block moves on, and the laptop's own count moves past
 * it.
 */
gboolean
_xj_numbers_take (XjStore         *store,
                  XjNumberKind     kind,
                  const char      *notice_type,
                  const XjNumber  *number,
                  GError         **error)
{
  sqlite3_stmt *stmt;

  if (number->block_id != 0)
    {
      stmt = xj_store_prepare (store, "UPDATE number_blocks SET next = next + 1 "
                               "WHERE id = ?1 AND next = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, number->block_id);
      sqlite3_bind_int64 (stmt, 2, number->seq);
      if (!xj_store_step_done (store, stmt, error))
        return FALSE;
      if (sqlite3_changes (xj_store_get_db (store)) != 1)
        {
          g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_FAILED,
                       _("The number %lld was used meanwhile."), (long long) number->seq);
          return FALSE;
        }
    }
  if (kind == XJ_NUMBER_REPORT)
    stmt = xj_store_prepare (store, "INSERT INTO report_counters (year, last_seq) VALUES (?1, ?2) "
                             "ON CONFLICT (year) DO UPDATE SET "
                             "last_seq = max(last_seq, excluded.last_seq)", error);
  else
    stmt = xj_store_prepare (store, "INSERT INTO notice_counters (type, year, last_seq) "
                             "VALUES (?3, ?1, ?2) ON CONFLICT (type, year) DO UPDATE SET "
                             "last_seq = max(last_seq, excluded.last_seq)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, number->year);
  sqlite3_bind_int64 (stmt, 2, number->seq);
  if (kind == XJ_NUMBER_NOTICE)
    sqlite3_bind_text (stmt, 3, notice_type, -1, SQLITE_TRANSIENT);
  return xj_store_step_done (store, stmt, error);
}

/**
 * xj_store_peek_report_number:
 * @number: (out caller-allocates): the number the next report of @year
 *   gets, unless another one is archived first
 *
 * For the report writer, which prints the number before the report is
 * archived; xj_store_archive_report() takes it, or refuses with
 * %XJ_ARCHIVE_ERROR_NUMBER_TAKEN when it went to another report meanwhile.
 */
gboolean
xj_store_peek_report_number (XjStore   *store,
                             int        year,
                             XjNumber  *number,
                             GError   **error)
{
  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  return _xj_numbers_next (store, XJ_NUMBER_REPORT, NULL, year, number, error);
}
