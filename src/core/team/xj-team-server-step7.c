/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Team schema step 7: the push in sets.
 *
 * The rule that nothing is added to a signed inspection (answers, their
 * photos), except in the very transaction that brings it signed, was a
 * row trigger: one query per answer, about a quarter of the server's work
 * in a push (profile of a 20-site push, 91,000 answers).  Additions are
 * now checked once per statement, over the rows the statement added
 * (a transition table), with the same refusal (XJ003, the inspection
 * named).  Changes and deletions keep the row trigger: a change may move
 * an answer from one inspection to another, and its owner may not change.
 *
 * An answer that is sent again unchanged after its inspection was signed
 * (a batch repeated after a crash between the server's commit and the
 * laptop's) is no longer refused: the statement adds nothing and changes
 * nothing.
 */
#define G_LOG_DOMAIN "xj-team"

#include "config.h"

#include "xj-team-private.h"

const char _xj_team_server_step_7[] =
  "CREATE FUNCTION xunjian.inspection_parts_added() RETURNS trigger LANGUAGE plpgsql AS $$"
  "DECLARE target uuid; BEGIN"
  "  SELECT i.uuid INTO target FROM added a JOIN xunjian.inspections i"
  "    ON i.uuid = a.inspection_uuid"
  "    WHERE i.state IN ('signed', 'archived') AND i.txid <> pg_current_xact_id() LIMIT 1;"
  "  IF target IS NOT NULL THEN"
  "    RAISE EXCEPTION 'inspection % is signed and locked', target USING ERRCODE = 'XJ003';"
  "  END IF;"
  "  RETURN NULL; END $$;"
  "DO $$ DECLARE t text; BEGIN"
  "  FOREACH t IN ARRAY ARRAY['answers', 'answer_photos'] LOOP"
  "    EXECUTE format('DROP TRIGGER locked ON xunjian.%I', t);"
  "    EXECUTE format('CREATE TRIGGER locked BEFORE UPDATE OR DELETE ON xunjian.%I"
  "                    FOR EACH ROW EXECUTE FUNCTION xunjian.inspection_part_locked()', t);"
  "    EXECUTE format('CREATE TRIGGER locked_added AFTER INSERT ON xunjian.%I"
  "                    REFERENCING NEW TABLE AS added FOR EACH STATEMENT"
  "                    EXECUTE FUNCTION xunjian.inspection_parts_added()', t);"
  "  END LOOP; END $$;";
