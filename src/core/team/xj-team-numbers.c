/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The laptop's side of numbers unique across the team (the server's side:
 * step 2 of the team schema, xunjian.lease_numbers and
 * xunjian.claim_printed_number).
 *
 * - Blocks: the laptop leases BLOCK_SIZE numbers of each kind for the
 *   current year when it joins, and again whenever fewer than LOW_WATER are
 *   left, during a sync (xj_team_numbers_refill(), never on the main loop:
 *   it waits for the server).  xj-numbers.c hands them out offline.
 * - The laptop's short code: unique in the team, given at join.  Without a
 *   server function of its own, it is derived from the server's number
 *   register: the laptop leases one number of the reserved year
 *   LAPTOP_CODE_YEAR (no report is ever dated 2999), and the n-th laptop to
 *   join gets the n-th code A, B, … Z, AA, AB …  The register serialises
 *   the leases, so no two laptops get the same code, and a laptop that
 *   leaves and joins again gets a new one (the old one stays unused).
 * - Numbers printed before joining: every report and notice number the
 *   laptop holds is claimed at join.  Where another member holds it
 *   already, the document gains the laptop's short code as suffix
 *   (ZG-2026-0001-B), shown with it wherever the number is read; the
 *   signed PDF already printed stays as it is.  The server counts the three
 *   types of notice as one, so a notice number held by another type
 *   elsewhere (LX-2026-0001 there, ZG-2026-0001 here) gains it too.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-clock.h"
#include "xj-numbers.h"
#include "xj-store-private.h"
#include "xj-team-numbers.h"
#include "xj-team-private.h"

#define BLOCK_SIZE        50
#define LOW_WATER         10
#define LAPTOP_CODE_YEAR  2999

static const XjNumberKind kinds[] = { XJ_NUMBER_REPORT, XJ_NUMBER_NOTICE };

static int
current_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (xj_clock_now ());

  return g_date_time_get_year (now);
}

/* A block of @size numbers of @kind and @year, leased from the server for
 * the laptop @laptop (NULL: the lease that gives the laptop its code). */
static gboolean
lease (XjTeamConnection  *connection,
       const char        *kind,
       int                year,
       int                size,
       const char        *laptop,
       gint64            *first,
       gint64            *last,
       GError           **error)
{
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  g_autofree char *size_text = g_strdup_printf ("%d", size);
  const char *params[] = { kind, year_text, size_text, laptop };
  g_autoptr(PGresult) result = _xj_team_exec (connection,
                                              "SELECT first_number, last_number FROM "
                                              "xunjian.lease_numbers($1, $2::int, $3::int, $4)",
                                              4, params, error);

  if (result == NULL)
    return FALSE;
  *first = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  *last = g_ascii_strtoll (PQgetvalue (result, 0, 1), NULL, 10);
  return TRUE;
}

/* The laptop's short code in the team, or NULL. */
static char *
dup_laptop_code (XjStore  *store,
                 GError  **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT value FROM team_settings"
                                         " WHERE key = 'laptop_code'", error);
  char *code = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (!xj_store_step_done (store, stmt, error))
    g_clear_pointer (&code, g_free);
  return code;
}

/* The numbers of @kind and @year left in the laptop's blocks. */
static gboolean
count_left (XjStore       *store,
            XjNumberKind   kind,
            int            year,
            gint64        *left,
            GError       **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "SELECT coalesce(sum(last - next + 1), 0) FROM "
                                         "number_blocks WHERE kind = ?1 AND year = ?2 "
                                         "AND next <= last", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, xj_number_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, year);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *left = sqlite3_column_int64 (stmt, 0);
  return xj_store_step_done (store, stmt, error);
}

static gboolean
insert_block (XjStore       *store,
              XjNumberKind   kind,
              int            year,
              gint64         first,
              gint64         last,
              GError       **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, "INSERT INTO number_blocks (kind, year, first, "
                                         "last, next, leased_at) VALUES (?1, ?2, ?3, ?4, ?3, ?5)",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, xj_number_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, first);
  sqlite3_bind_int64 (stmt, 4, last);
  sqlite3_bind_int64 (stmt, 5, xj_clock_now ());
  return xj_store_step_done (store, stmt, error);
}

/**
 * xj_team_numbers_refill:
 *
 * Leases a new block of report numbers and one of notice numbers for the
 * current year from the team server, for each kind that has fewer than
 * LOW_WATER numbers left on this laptop.  Waits for the server: call it
 * from the sync (a worker), never on the main loop.  A block leased and
 * not recorded (the laptop fails right after) only leaves a gap.
 */
gboolean
xj_team_numbers_refill (XjStore           *store,
                        XjTeamConnection  *connection,
                        GError           **error)
{
  int year = current_year ();
  g_autofree char *code = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (connection != NULL, FALSE);

  if ((code = dup_laptop_code (store, &local_error)) == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(XjTransaction) tx = NULL;
      gint64 left = 0, first = 0, last = 0;

      if (!count_left (store, kinds[i], year, &left, error))
        return FALSE;
      if (left >= LOW_WATER)
        continue;
      if (!lease (connection, xj_number_kind_to_string (kinds[i]), year, BLOCK_SIZE, code,
                  &first, &last, error))
        return FALSE;
      if ((tx = xj_transaction_begin (store, error)) == NULL
          || !insert_block (store, kinds[i], year, first, last, error)
          || !xj_transaction_commit (tx, error))
        return FALSE;
    }
  xj_store_emit_changed (store, "number_blocks");
  return TRUE;
}

/* 1 → A, 26 → Z, 27 → AA … */
static char *
code_from_ordinal (gint64 n)
{
  GString *code = g_string_new (NULL);

  for (; n > 0; n = (n - 1) / 26)
    g_string_prepend_c (code, (char) ('A' + (n - 1) % 26));
  return g_string_free (code, FALSE);
}

/* The numbers printed here so far, as the server counts them. */
typedef struct {
  GString *kinds;     /* PostgreSQL array literals */
  GString *years;
  GString *numbers;
  GString *uuids;
  GArray  *tables;    /* 'r' (reports) or 'n' (notices) */
  GArray  *ids;
} Printed;

static void
printed_clear (Printed *printed)
{
  g_string_free (printed->kinds, TRUE);
  g_string_free (printed->years, TRUE);
  g_string_free (printed->numbers, TRUE);
  g_string_free (printed->uuids, TRUE);
  g_array_unref (printed->tables);
  g_array_unref (printed->ids);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Printed, printed_clear)

static gboolean
read_printed (XjStore  *store,
              Printed  *printed,
              GError  **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store,
                                         "SELECT 'report', CAST(substr(number, 4, 4) AS INTEGER), "
                                         "CAST(substr(number, 9) AS INTEGER), 'r', id, uuid "
                                         "FROM reports WHERE number_suffix = '' AND number GLOB "
                                         "'XJ-[0-9][0-9][0-9][0-9]-[0-9]*' "
                                         "UNION ALL SELECT 'notice', year, seq, 'n', id, uuid "
                                         "FROM notices WHERE number_suffix = ''", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  printed->kinds = g_string_new ("{");
  printed->years = g_string_new ("{");
  printed->numbers = g_string_new ("{");
  printed->uuids = g_string_new ("{");
  printed->tables = g_array_new (FALSE, FALSE, sizeof (char));
  printed->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sep = printed->ids->len > 0 ? "," : "";
      char table = *(const char *) sqlite3_column_text (stmt, 3);
      gint64 id = sqlite3_column_int64 (stmt, 4);

      g_string_append_printf (printed->kinds, "%s%s", sep, sqlite3_column_text (stmt, 0));
      g_string_append_printf (printed->years, "%s%d", sep, sqlite3_column_int (stmt, 1));
      g_string_append_printf (printed->numbers, "%s%lld", sep,
                              (long long) sqlite3_column_int64 (stmt, 2));
      g_string_append_printf (printed->uuids, "%s%s", sep, sqlite3_column_text (stmt, 5));
      g_array_append_val (printed->tables, table);
      g_array_append_val (printed->ids, id);
    }
  sqlite3_reset (stmt);
  g_string_append_c (printed->kinds, '}');
  g_string_append_c (printed->years, '}');
  g_string_append_c (printed->numbers, '}');
  g_string_append_c (printed->uuids, '}');
  return rc == SQLITE_DONE || xj_store_set_sqlite_error (error, xj_store_get_db (store), rc,
                                                         _("Could not read the numbering"));
}

static gboolean
add_suffix (XjStore     *store,
            char         table,
            gint64       id,
            const char  *code,
            GError     **error)
{
  sqlite3_stmt *stmt = xj_store_prepare (store, table == 'r'
                                         ? "UPDATE reports SET number_suffix = ?2 WHERE id = ?1"
                                         : "UPDATE notices SET number_suffix = ?2 WHERE id = ?1",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  return xj_store_step_done (store, stmt, error);
}

/* Claims every number printed here, in one statement; the ones another
 * laptop holds gain @code.  A record the server has already (pushed before,
 * a laptop that left the team and joins again) keeps its number as it was
 * pushed: a suffix is only ever added before the first push. */
static gboolean
claim_printed (XjStore           *store,
               XjTeamConnection  *connection,
               const char        *code,
               GError           **error)
{
  g_auto(Printed) printed = { 0 };
  g_autoptr(PGresult) result = NULL;
  const char *params[5];

  if (!read_printed (store, &printed, error))
    return FALSE;
  if (printed.ids->len == 0)
    return TRUE;
  params[0] = printed.kinds->str;
  params[1] = printed.years->str;
  params[2] = printed.numbers->str;
  params[3] = printed.uuids->str;
  params[4] = code;
  result = _xj_team_exec (connection,
                          "SELECT c.held FROM (SELECT u.i, CASE WHEN EXISTS (SELECT 1 FROM "
                          "xunjian.reports r WHERE r.uuid = u.id) OR EXISTS (SELECT 1 FROM "
                          "xunjian.notices n WHERE n.uuid = u.id) THEN true "
                          "ELSE xunjian.claim_printed_number(u.k, u.y, u.n, $5) END AS held "
                          "FROM unnest($1::text[], $2::int[], $3::int[], $4::uuid[]) "
                          "WITH ORDINALITY AS u (k, y, n, id, i)) c ORDER BY c.i", 5, params, error);
  if (result == NULL)
    return FALSE;
  for (guint i = 0; i < printed.ids->len; i++)
    if (g_str_equal (PQgetvalue (result, (int) i, 0), "f")
        && !add_suffix (store, g_array_index (printed.tables, char, i),
                        g_array_index (printed.ids, gint64, i), code, error))
      return FALSE;
  return TRUE;
}

/**
 * _xj_team_numbers_join:
 *
 * At join, inside the join's local transaction (so that nothing is
 * numbered between the claim and the join): gives the laptop its short
 * code, claims every number printed here (suffixing those another member
 * holds) and leases the first blocks.
 */
gboolean
_xj_team_numbers_join (XjStore           *store,
                       XjTeamConnection  *connection,
                       GError           **error)
{
  g_autofree char *code = NULL;
  gint64 ordinal = 0, last = 0;

  if (!lease (connection, "report", LAPTOP_CODE_YEAR, 1, NULL, &ordinal, &last, error))
    return FALSE;
  code = code_from_ordinal (ordinal);
  return _xj_team_set_setting (store, "laptop_code", code, error)
         && claim_printed (store, connection, code, error)
         && xj_team_numbers_refill (store, connection, error);
}
