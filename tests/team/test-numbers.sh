#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Report and notice numbers unique across the team: blocks leased by the
# server (also by two members at the same instant), numbers printed before
# joining claimed, and an older team schema migrated to the one that has
# them.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
unset DISPLAY WAYLAND_DISPLAY

"$bin" server init "$pg_admin" >/dev/null || { echo "Bail out! server init failed"; exit 1; }
for m in "zhang inspector" "li liaison"; do
  set -- $m
  "$bin" server add-user "$pg_admin" "$1" "$2" --password "pw-$1" >/dev/null
done
as () { # USER SQL: one value
  PGPASSWORD="pw-$1" "$pg_bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$pg_dir" -U "$1" -d team \
    -c "$2" 2>>"$pg_dir/psql.err"
}

[ "$(as zhang "SELECT first_number || '-' || last_number FROM xunjian.lease_numbers('report', 2026, 50)")" = 1-50 ]
ok $? "the first lease is 1-50"
[ "$(as li "SELECT first_number || '-' || last_number FROM xunjian.lease_numbers('report', 2026, 50)")" = 51-100 ]
ok $? "the next one follows it"
[ "$(as li "SELECT first_number FROM xunjian.lease_numbers('notice', 2026, 10)")" = 1 ]
ok $? "notices are counted apart from reports"
[ "$(psql_value "SELECT author FROM xunjian.number_blocks WHERE first_number = 51")" = li ]
ok $? "the block is recorded under the member who leased it"

# Two members at the same instant: the second waits, and gets the next block.
PGPASSWORD=pw-zhang "$pg_bin/psql" -X -q -A -t -h "$pg_dir" -U zhang -d team \
  -c "BEGIN" -c "SELECT first_number FROM xunjian.lease_numbers('report', 2026, 100)" \
  -c "SELECT pg_sleep(2)" -c "COMMIT" >"$pg_dir/a.out" 2>&1 &
sleep 0.5
as li "SELECT first_number FROM xunjian.lease_numbers('report', 2026, 100)" >"$pg_dir/b.out"
wait
a=$(grep -x '[0-9]*' "$pg_dir/a.out" | head -1); b=$(cat "$pg_dir/b.out")
[ "$a" = 101 ] && [ "$b" = 201 ]; ok $? "concurrent leases do not overlap ($a, $b)"
[ "$(psql_value "SELECT count(*) FROM xunjian.number_blocks a JOIN xunjian.number_blocks b
  ON a.kind = b.kind AND a.year = b.year AND a.uuid <> b.uuid
  AND a.first_number <= b.last_number AND b.first_number <= a.last_number")" = 0 ]
ok $? "no two blocks overlap"

# Numbers printed before joining.
[ "$(as zhang "SELECT xunjian.claim_printed_number('notice', 2026, 500)")" = t ]
ok $? "a number printed before joining is claimed"
[ "$(as li "SELECT first_number FROM xunjian.lease_numbers('notice', 2026, 10)")" = 501 ]
ok $? "the counters move past it"
[ "$(as zhang "SELECT xunjian.claim_printed_number('notice', 2026, 500)")" = t ]
ok $? "claiming an own number again is fine"
[ "$(as li "SELECT xunjian.claim_printed_number('notice', 2026, 500)")" = f ]
ok $? "a number another member holds is refused (the laptop adds its suffix)"
[ "$(as li "SELECT xunjian.claim_printed_number('notice', 2026, 3)")" = t ]
ok $? "a number inside the member's own block is theirs"

as zhang "INSERT INTO xunjian.number_blocks (kind, year, first_number, last_number) VALUES ('report', 2026, 1, 10)" >/dev/null
[ $? -ne 0 ]; ok $? "members may not write blocks directly"
as zhang "UPDATE xunjian.number_blocks SET last_number = 5000" >/dev/null
[ $? -ne 0 ]; ok $? "nor change a block"
as zhang "SELECT xunjian.lease_numbers('report', 2026, 100000)" >/dev/null
[ $? -ne 0 ]; ok $? "an absurd lease is refused"

# A server at the previous schema version is migrated, its data kept.
psql_value "DROP TABLE xunjian.answer_photos, xunjian.notice_photos;
  ALTER TABLE xunjian.templates DROP COLUMN uid;
  DROP POLICY notice ON xunjian.signatures;
  ALTER TABLE xunjian.signatures DROP COLUMN notice_uuid, ALTER COLUMN inspection_uuid SET NOT NULL;
  REVOKE INSERT ON xunjian.signatures FROM xunjian_liaison;
  DROP FUNCTION xunjian.lease_numbers(text, int, int);
  DROP FUNCTION xunjian.claim_printed_number(text, int, int);
  UPDATE xunjian.meta SET value = '1' WHERE key = 'schema_version'" >/dev/null
"$bin" server init "$pg_admin" >"$pg_dir/out"; ok $? "init on a version 1 server"
grep -q "from version 1 to 3" "$pg_dir/out"; ok $? "says it migrated from 1 to 3"
[ "$(as li "SELECT first_number FROM xunjian.lease_numbers('report', 2026, 1)")" = 301 ]
ok $? "leases work again, after the blocks already leased"
done_testing
