/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Team schema step 6: the manager's signed monthly report travels.
 *
 * A monthly report belongs to a month (YYYY-MM), not to an inspection, as
 * on the laptop (local schema v8): a report row has exactly one of
 * inspection_uuid and month, and a month has one report in the team.
 * Reports are written once already (the written_once trigger refuses any
 * change or removal, whoever asks, the table's owner included); only
 * managers and administrators add a monthly report (row-level security;
 * the inspection reports' policy stays their inspector's; liaisons have
 * no privilege on reports at all).
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include "xj-team-private.h"

const char _xj_team_server_step_6[] =
  "ALTER TABLE xunjian.reports ALTER COLUMN inspection_uuid DROP NOT NULL,"
  "  ADD COLUMN month text UNIQUE CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),"
  "  ADD CHECK ((inspection_uuid IS NULL) <> (month IS NULL));"
  "CREATE POLICY monthly ON xunjian.reports FOR INSERT WITH CHECK (month IS NOT NULL"
  "  AND inspection_uuid IS NULL AND (pg_has_role(current_user, 'xunjian_manager', 'MEMBER')"
  "   OR pg_has_role(current_user, 'xunjian_admin', 'MEMBER')));";
