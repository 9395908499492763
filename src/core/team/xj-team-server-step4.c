/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Team schema step 4: numbers claimed per laptop, and a printed number
 * that never changes on the server.
 *
 * - claim_printed_number said yes to the same login: one person who
 *   printed the same numbers on two laptops before joining kept both bare.
 *   Blocks now record the laptop (its short code) that leased or claimed
 *   them, and a claim is the caller's only when the block is this
 *   laptop's (blocks from before step 4, without a laptop, stay their
 *   login's, as before).
 * - A notice's number (and the suffix a laptop adds to it) is fixed once
 *   the notice is on the server, whoever writes: a suffix added after the
 *   first push is refused instead of changing a printed number.  (Reports
 *   are written once already.)
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include "xj-team-private.h"

const char _xj_team_server_step_4[] =
  "ALTER TABLE xunjian.number_blocks ADD COLUMN laptop text"
  "  CHECK (laptop IS NULL OR laptop ~ '^[A-Z0-9]{1,8}$');"
  "CREATE FUNCTION xunjian.lease_numbers(kind text, year int, size int, laptop text)"
  "  RETURNS xunjian.number_blocks LANGUAGE plpgsql SECURITY DEFINER"
  "  SET search_path = pg_catalog, pg_temp AS $$"
  "DECLARE block xunjian.number_blocks; first int; BEGIN"
  "  IF kind NOT IN ('report', 'notice') OR year NOT BETWEEN 2000 AND 2999"
  "     OR size NOT BETWEEN 1 AND 1000"
  "     OR (laptop IS NOT NULL AND laptop !~ '^[A-Z0-9]{1,8}$') THEN"
  "    RAISE EXCEPTION 'no such lease: % % % %', kind, year, size, laptop"
  "      USING ERRCODE = '22023';"
  "  END IF;"
  "  PERFORM pg_advisory_xact_lock(hashtext('xunjian-numbers'), hashtext(kind || year));"
  "  SELECT coalesce(max(b.last_number), 0) + 1 INTO first FROM xunjian.number_blocks b"
  "    WHERE b.kind = lease_numbers.kind AND b.year = lease_numbers.year;"
  "  INSERT INTO xunjian.number_blocks (kind, year, first_number, last_number, laptop)"
  "    VALUES (kind, year, first, first + size - 1, laptop) RETURNING * INTO block;"
  "  RETURN block; END $$;"
  /* TRUE: the number is this laptop's; FALSE: another laptop holds it
   * (another member's, or the same member's other laptop). */
  "CREATE FUNCTION xunjian.claim_printed_number(kind text, year int, number int, laptop text)"
  "  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER"
  "  SET search_path = pg_catalog, pg_temp AS $$ BEGIN"
  "  IF kind NOT IN ('report', 'notice') OR number < 1 OR laptop IS NULL"
  "     OR laptop !~ '^[A-Z0-9]{1,8}$' THEN"
  "    RAISE EXCEPTION 'no such number: % % %', kind, number, laptop USING ERRCODE = '22023';"
  "  END IF;"
  "  PERFORM pg_advisory_xact_lock(hashtext('xunjian-numbers'), hashtext(kind || year));"
  "  IF EXISTS (SELECT 1 FROM xunjian.number_blocks b WHERE b.kind = claim_printed_number.kind"
  "             AND b.year = claim_printed_number.year"
  "             AND claim_printed_number.number BETWEEN b.first_number AND b.last_number) THEN"
  "    RETURN EXISTS (SELECT 1 FROM xunjian.number_blocks b"
  "      WHERE b.kind = claim_printed_number.kind AND b.year = claim_printed_number.year"
  "      AND claim_printed_number.number BETWEEN b.first_number AND b.last_number"
  "      AND b.author = session_user"
  "      AND (b.laptop IS NULL OR b.laptop = claim_printed_number.laptop));"
  "  END IF;"
  "  INSERT INTO xunjian.number_blocks (kind, year, first_number, last_number, laptop)"
  "    VALUES (kind, year, number, number, laptop);"
  "  RETURN true; END $$;"
  "REVOKE ALL ON FUNCTION xunjian.lease_numbers(text, int, int, text),"
  "  xunjian.claim_printed_number(text, int, int, text) FROM PUBLIC;"
  "GRANT EXECUTE ON FUNCTION xunjian.lease_numbers(text, int, int, text),"
  "  xunjian.claim_printed_number(text, int, int, text) TO xunjian_inspector, xunjian_liaison,"
  "  xunjian_manager, xunjian_admin;"
  "CREATE FUNCTION xunjian.notice_number_fixed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
  "  IF NEW.number IS DISTINCT FROM OLD.number"
  "     OR NEW.body->'number' IS DISTINCT FROM OLD.body->'number'"
  "     OR NEW.body->'number_suffix' IS DISTINCT FROM OLD.body->'number_suffix' THEN"
  "    RAISE EXCEPTION 'notice % was printed as %: its number cannot change',"
  "      OLD.uuid, OLD.number USING ERRCODE = '23514';"
  "  END IF;"
  "  RETURN NEW; END $$;"
  "CREATE TRIGGER number_fixed BEFORE UPDATE ON xunjian.notices"
  "  FOR EACH ROW EXECUTE FUNCTION xunjian.notice_number_fixed();";
