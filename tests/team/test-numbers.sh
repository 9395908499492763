#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Report and notice numbers unique across the team: blocks leased by the
# server (also by two members at the same instant), numbers printed before
# joining claimed, and an older team schema migrated to the one that has
# them; then two laptops (data folders, the real binary) that printed the
# same numbers before joining: the later one's gain its short code wherever
# they are shown, numbers after joining differ, and numbering goes on
# offline.  TAP output.
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
psql_value "DO \$\$ DECLARE i text; BEGIN
    FOR i IN SELECT indexname FROM pg_indexes WHERE schemaname = 'xunjian'
        AND indexname LIKE '%_txid' LOOP
      EXECUTE format('DROP INDEX xunjian.%I', i);
    END LOOP; END \$\$;
  DROP TRIGGER locked_added ON xunjian.answers;
  DROP TRIGGER locked ON xunjian.answers;
  CREATE TRIGGER locked BEFORE INSERT OR UPDATE OR DELETE ON xunjian.answers
    FOR EACH ROW EXECUTE FUNCTION xunjian.inspection_part_locked();
  ALTER TABLE xunjian.photos DROP COLUMN rendition, DROP COLUMN thumbnail;
  DROP TRIGGER number_fixed ON xunjian.notices;
  DROP FUNCTION xunjian.notice_number_fixed();
  DROP FUNCTION xunjian.lease_numbers(text, int, int, text);
  DROP FUNCTION xunjian.claim_printed_number(text, int, int, text);
  ALTER TABLE xunjian.number_blocks DROP COLUMN laptop;
  DROP TABLE xunjian.answer_photos, xunjian.notice_photos;
  DROP FUNCTION xunjian.inspection_parts_added();
  ALTER TABLE xunjian.templates DROP COLUMN uid;
  DROP POLICY notice ON xunjian.signatures;
  ALTER TABLE xunjian.signatures DROP COLUMN notice_uuid, ALTER COLUMN inspection_uuid SET NOT NULL;
  REVOKE INSERT ON xunjian.signatures FROM xunjian_liaison;
  DROP FUNCTION xunjian.lease_numbers(text, int, int);
  DROP FUNCTION xunjian.claim_printed_number(text, int, int);
  UPDATE xunjian.meta SET value = '1' WHERE key = 'schema_version'" >/dev/null
"$bin" server init "$pg_admin" >"$pg_dir/out"; ok $? "init on a version 1 server"
program=$("$bin" server status "$pg_admin" --json \
  | python3 -c "import json, sys; print(json.load(sys.stdin)['program_schema_version'])")
grep -q "from version 1 to $program" "$pg_dir/out"; ok $? "says it migrated from 1 to $program"
[ "$(as li "SELECT first_number FROM xunjian.lease_numbers('report', 2026, 1)")" = 301 ]
ok $? "leases work again, after the blocks already leased"
# --- Two laptops -------------------------------------------------------------
# A team database of their own (the one above has blocks of its own).
"$pg_bin/createdb" -h "$pg_dir" -U postgres laptops || { echo "Bail out! createdb failed"; exit 1; }
team="host=$pg_dir user=postgres dbname=laptops"
"$bin" server init "$team" >/dev/null || { echo "Bail out! server init failed"; exit 1; }
"$bin" server add-user "$team" wang inspector --password pw-wang >/dev/null
"$bin" server add-user "$team" zhao inspector --password pw-zhao >/dev/null
server="host=$pg_dir dbname=laptops"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
run () { setsid -w "$bin" "$@"; }
a=$pg_dir/laptop-a; b=$pg_dir/laptop-b
run --data-dir "$a" demo >/dev/null 2>&1; ok $? "laptop A has a season of work (demo)"
run --data-dir "$b" demo >/dev/null 2>&1; ok $? "and laptop B too, on its own"
qa () { sqlite3 "$a/xunjian.db" "$1"; }
qb () { sqlite3 "$b/xunjian.db" "$1"; }

# Signs the newest completed inspection of $1 (a data folder) through
# `report sign`, as the demo's certificate holder, after the handwritten
# signatures it needs; prints the command's output.
strokes='[{"t": 0, "points": [[10, 40, 0], [30, 10, 16], [50, 45, 32]]}]'
ready_one () { # DIR [NTH]: the NTH newest completed inspection (0: newest), ready to sign; its ID
  id=$(sqlite3 "$1/xunjian.db" "SELECT id FROM inspections WHERE state = 'completed'
                                 ORDER BY id DESC LIMIT 1 OFFSET ${2:-0}")
  sqlite3 "$1/xunjian.db" "UPDATE inspections SET inspector = (SELECT signer FROM reports LIMIT 1)
      WHERE id = $id;
    INSERT INTO signatures (inspection_id, role, name, signed_at, strokes)
      SELECT id, 'inspector', inspector, unixepoch(), '$strokes' FROM inspections WHERE id = $id
      UNION ALL SELECT id, 'representative', '李明', unixepoch(), '$strokes' FROM inspections
      WHERE id = $id"
  echo "$id"
}
sign_one () {
  id=$(ready_one "$1")
  echo xunjian-demo | run --data-dir "$1" report sign "$id"
}
number_of () { sed -n 's/.* as report \([^:]*\):.*/\1/p' "$1"; }

sign_one "$a" >"$pg_dir/a1" 2>&1; ok $? "laptop A signs an inspection before joining"
sign_one "$b" >"$pg_dir/b1" 2>&1; ok $? "laptop B too"
na=$(number_of "$pg_dir/a1"); nb=$(number_of "$pg_dir/b1")
[ -n "$na" ] && [ "$na" = "$nb" ]; ok $? "both printed the same report number ($na, $nb)"
last=$(qa "SELECT max(CAST(substr(number, 9) AS INTEGER)) FROM reports")
[ "$na" = "$(printf 'XJ-%s-%06d' "$(echo "$na" | cut -d- -f2)" "$last")" ]
ok $? "counted after the highest number printed, not from the inspection's id"
# Two signings at once on one laptop (two processes): each report is
# printed with the number it is archived under, and the numbers differ.
i1=$(ready_one "$a" 0); i2=$(ready_one "$a" 1)
(echo xunjian-demo | run --data-dir "$a" report sign "$i1" >"$pg_dir/c1" 2>&1) &
(echo xunjian-demo | run --data-dir "$a" report sign "$i2" >"$pg_dir/c2" 2>&1) &
wait
n1=$(number_of "$pg_dir/c1"); n2=$(number_of "$pg_dir/c2")
[ -n "$n1" ] && [ -n "$n2" ] && [ "$n1" != "$n2" ]; ok $? "two signings at once: two numbers ($n1, $n2)"
p1=$(sed -n 's/.* as report [^:]*: //p' "$pg_dir/c1"); p2=$(sed -n 's/.* as report [^:]*: //p' "$pg_dir/c2")
pdftotext "$p1" - | grep -q -- "$n1" && pdftotext "$p2" - | grep -q -- "$n2"
ok $? "each printed with the number it was archived under"
# B catches up (the same two numbers, before joining).
sign_one "$b" >/dev/null 2>&1 && sign_one "$b" >/dev/null 2>&1; ok $? "B signs two more"
notice=$(qb "SELECT number FROM notices ORDER BY id LIMIT 1")
[ "$(qa "SELECT count(*) FROM notices WHERE number = '$notice'")" = 1 ]
ok $? "and the same notice number ($notice) is on both laptops"

PGPASSWORD=pw-wang run --data-dir "$a" team join "$server" --user wang >"$pg_dir/ja" 2>&1
ok $? "laptop A joins the team"
PGPASSWORD=pw-zhao run --data-dir "$b" team join "$server" --user zhao >"$pg_dir/jb" 2>&1
ok $? "laptop B joins the team"
code_a=$(qa "SELECT value FROM team_settings WHERE key = 'laptop_code'")
code_b=$(qb "SELECT value FROM team_settings WHERE key = 'laptop_code'")
[ -n "$code_a" ] && [ -n "$code_b" ] && [ "$code_a" != "$code_b" ]
ok $? "each laptop has its own short code ($code_a, $code_b)"
grep -q "short code in the team: $code_b" "$pg_dir/jb"; ok $? "join says the laptop's code"
! grep -q "now end in" "$pg_dir/ja"; ok $? "A's printed numbers are all its own"
printed_b=$(qb "SELECT (SELECT count(*) FROM reports) + (SELECT count(*) FROM notices)")
grep -q "^$printed_b numbers printed before joining are also held by another laptop: they now end in “-$code_b”" "$pg_dir/jb"
ok $? "B's are held by A: join says they now end in -$code_b"
[ "$(qb "SELECT count(*) FROM reports WHERE number_suffix = '$code_b'")" = "$(qb "SELECT count(*) FROM reports")" ] \
  && [ "$(qa "SELECT count(*) FROM reports WHERE number_suffix <> ''")" = 0 ]
ok $? "every report of B gained the suffix, none of A"

# Wherever the number is shown.
run --data-dir "$b" notice list >"$pg_dir/nl" 2>&1; ok $? "notice list on B"
grep -q -- "$notice-$code_b" "$pg_dir/nl"; ok $? "shows $notice-$code_b"
run --data-dir "$b" notice list --json | grep -q "\"number\" *: *\"$notice-$code_b\""
ok $? "also in --json"
run --data-dir "$a" notice list | grep -q -- "$notice\( \|$\)"; ok $? "A still shows $notice"
run --data-dir "$b" report list >"$pg_dir/rl" 2>&1; ok $? "report list on B"
grep -q "^$nb-$code_b	" "$pg_dir/rl"; ok $? "shows $nb-$code_b"
run --data-dir "$a" report list | grep -q "^$na	"; ok $? "A still shows $na"
path=$(qb "SELECT path FROM reports WHERE number = '$nb'")
run --data-dir "$b" report verify "$b/$path" >/dev/null; ok $? "the PDF signed before joining is untouched and verifies"
qb "UPDATE reports SET number_suffix = 'Z' WHERE number = '$nb'" 2>/dev/null; [ $? -ne 0 ]
ok $? "a report's suffix, once there, is locked like the rest of it"

# After joining: numbers from the leased blocks, different on each laptop.
[ "$(qa "SELECT count(*) FROM number_blocks WHERE kind = 'report'")" = 1 ] \
  && [ "$(qb "SELECT count(*) FROM number_blocks WHERE kind = 'notice'")" = 1 ]
ok $? "each laptop leased its blocks at join"
sign_one "$a" >"$pg_dir/a2" 2>&1; ok $? "A signs after joining"
sign_one "$b" >"$pg_dir/b2" 2>&1; ok $? "B signs after joining"
na2=$(number_of "$pg_dir/a2"); nb2=$(number_of "$pg_dir/b2")
[ -n "$na2" ] && [ -n "$nb2" ] && [ "$na2" != "$nb2" ]; ok $? "their numbers differ ($na2, $nb2)"
case "$na2$nb2" in *-"$code_a"*|*-"$code_b"*) false;; esac; ok $? "and need no suffix"
seq_a=$(echo "$na2" | cut -d- -f3 | sed 's/^0*//'); seq_b=$(echo "$nb2" | cut -d- -f3 | sed 's/^0*//')
[ "$seq_a" -gt "$last" ] && [ "$seq_b" -gt "$last" ]; ok $? "both after every number printed before"
year=$(echo "$na2" | cut -d- -f2)
[ "$("$pg_bin/psql" -X -q -A -t -h "$pg_dir" -U postgres -d laptops -c "SELECT
  (SELECT count(*) FROM xunjian.number_blocks WHERE kind = 'report' AND year = $year
   AND $seq_a BETWEEN first_number AND last_number AND author = 'wang' AND first_number < last_number)
  + (SELECT count(*) FROM xunjian.number_blocks WHERE kind = 'report' AND year = $year
   AND $seq_b BETWEEN first_number AND last_number AND author = 'zhao' AND first_number < last_number)")" = 2 ]
ok $? "each from a block the server leased to its member"

# Offline: the server is gone; numbering goes on.
pg_stop
sign_one "$b" >"$pg_dir/b3" 2>&1; ok $? "B signs offline"
nb3=$(number_of "$pg_dir/b3")
[ "$(echo "$nb3" | cut -d- -f3 | sed 's/^0*//')" = $((seq_b + 1)) ]; ok $? "from its block ($nb3)"
# The block used up, as fifty signings would.
qb "UPDATE number_blocks SET next = last + 1 WHERE kind = 'report'"
sign_one "$b" >"$pg_dir/b4" 2>&1; ok $? "B signs offline with no leased number left"
nb4=$(number_of "$pg_dir/b4")
case "$nb4" in XJ-*-*-"$code_b") true;; *) false;; esac; ok $? "its own next number with its code ($nb4)"
run --data-dir "$b" report list | grep -q "^$nb4	"; ok $? "report list shows it so"
pg_start

# Leaving the team: the blocks go with it, numbering goes on, bare again.
run --data-dir "$b" team leave --force >/dev/null 2>&1; ok $? "B leaves the team"
[ "$(qb "SELECT count(*) FROM number_blocks")" = 0 ]; ok $? "its leased blocks are gone"
sign_one "$b" >"$pg_dir/b5" 2>&1; ok $? "B signs on its own"
nb5=$(number_of "$pg_dir/b5")
[ "$nb5" = "$(printf 'XJ-%s-%06d' "$(echo "$nb4" | cut -d- -f2)" $(( $(echo "$nb4" | cut -d- -f3 | sed 's/^0*//') + 1 )))" ]
ok $? "its own next number, no suffix ($nb5)"
done_testing
