#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The manager's signed monthly report travels like an inspection's report
# (team schema step 6): one archived before joining and one after reach the
# second laptop byte for byte, are listed in its archive and verify there;
# the server keeps them written once (each role tries to change, remove or
# add one with psql, and only a manager may add one); the PDF goes only
# when the server lacks it; a server one step older is refused until
# `server init` migrates it.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"
"$bin" server add-user "$pg_admin" chen inspector --password pw-chen >/dev/null \
  && "$bin" server add-user "$pg_admin" zhao liaison --password pw-zhao >/dev/null \
  || { echo "Bail out! add-user failed"; exit 1; }
sign () { XUNJIAN_PASSPHRASE=xunjian-demo run --data-dir "$a" report monthly "$1" "$pg_dir/$1.pdf" --signer 张伟; }
mp () { psql_value "SELECT $1 FROM xunjian.reports WHERE month = '$2'"; }

run --data-dir "$a" demo >/dev/null 2>&1; ok $? "laptop A, the manager's, has a season of work (demo)"
last=$(qa "SELECT strftime('%Y-%m', max(started_at), 'unixepoch', 'localtime') FROM inspections")
first=$(qa "SELECT strftime('%Y-%m', max(started_at), 'unixepoch', 'localtime', '-1 month') FROM inspections")
sign "$first" >/dev/null; ok $? "A signs the monthly report of $first before joining"
as_a team join "$server" --user zhang >/dev/null; ok $? "A joins the team (zhang, manager)"
as_b team join "$server" --user li >/dev/null; ok $? "B, a new laptop, joins the team"
sign "$last" >/dev/null; ok $? "A signs the monthly report of $last in the team"
[ "$(qa "SELECT count(*) FROM team_outbox o JOIN reports r ON r.uuid = o.record WHERE r.month IS NOT NULL")" = 2 ]
ok $? "both wait in A's outbox (queued at the join and when archived)"

# A server from before monthly reports (taken back to version 1, every
# later step undone): refused until it is migrated.
program=$("$bin" server status "$pg_admin" --json \
  | python3 -c "import json, sys; print(json.load(sys.stdin)['program_schema_version'])")
"$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -U postgres -d team \
  -f "$(dirname "$0")/server-back-to-v1.sql" >/dev/null
as_a sync 2>"$pg_dir/err"; [ $? -ne 0 ]; ok $? "a sync with the server at version 1 fails"
grep -q "server init" "$pg_dir/err"; ok $? "asking for server init ($(cat "$pg_dir/err"))"
"$bin" server init "$pg_admin" >"$pg_dir/out"; ok $? "server init migrates it"
grep -q "from version 1 to $program" "$pg_dir/out"; ok $? "from 1 to $program"

as_a sync --json >"$pg_dir/a1.json" 2>"$pg_dir/err"; ok $? "A syncs"
[ "$(qa "SELECT count(*) FROM team_outbox")" = 0 ]; ok $? "A's outbox is empty"
for m in "$first" "$last"; do
  [ "$(mp "sha256 || ' ' || length(pdf) || ' ' || (inspection_uuid IS NULL) || ' ' || author" "$m")" \
    = "$(qa "SELECT sha256 || ' ' || bytes || ' true zhang' FROM reports WHERE month = '$m'")" ]
  ok $? "the server holds the report of $m: its PDF, by zhang, no inspection"
done

as_b sync --json >"$pg_dir/b1.json" 2>"$pg_dir/err"; ok $? "B syncs"
for m in "$first" "$last"; do
  path=$(qb "SELECT path FROM reports WHERE month = '$m' AND inspection_id IS NULL AND number = 'MR-$m'")
  [ -n "$path" ] && cmp -s "$a/$path" "$b/$path"; ok $? "B has the report of $m, byte-identical ($path)"
  run --data-dir "$b" report verify "$b/$path" >"$pg_dir/verify" 2>&1; ok $? "and it verifies on B"
  run --data-dir "$b" report list | grep -q "^MR-$m	archive/monthly/MR-$m.pdf"
  ok $? "B's archive lists it"
done
dump "$a" >"$pg_dir/a.dump"; dump "$b" >"$pg_dir/b.dump"
grep -q "|$last|MR-$last|" "$pg_dir/b.dump" && cmp -s "$pg_dir/a.dump" "$pg_dir/b.dump"
ok $? "A and B hold the same records, monthly reports included (canonical dump)"
diff "$pg_dir/a.dump" "$pg_dir/b.dump" | head -10 >&2

# Sent again (a push cut short after the server's commit): the server has
# it, so its PDF does not go again.
qa "INSERT INTO team_outbox (table_name, record, changed_at) SELECT 'reports', uuid, 0 FROM reports WHERE month = '$last'"
as_a sync --json >"$pg_dir/a2.json"; ok $? "A syncs with the report queued again"
[ "$(json "$pg_dir/a2.json" bytes_sent)" = 0 ] && [ "$(qa "SELECT count(*) FROM team_outbox")" = 0 ]
ok $? "no byte sent: the server has it"
as_b sync --json >"$pg_dir/b2.json"
[ "$(json "$pg_dir/b2.json" pushed)$(json "$pg_dir/b2.json" pulled)" = 00 ]; ok $? "B's next sync moves nothing"

# The server's rules, whoever asks.
uuid=$(mp uuid "$last")
refused () { # USER PASSWORD WHAT SQL
  : >"$pg_dir/psql.err"
  psql_as "$1" "$2" "$4"; status=$?
  grep -qE "permission denied|row-level security|written once" "$pg_dir/psql.err"
  [ $status -ne 0 ] && [ $? = 0 ]; ok $? "$1 may not $3"
  [ $status -ne 0 ] || cat "$pg_dir/psql.err" >&2
}
for who in "zhang Sekr1t-zhang" "chen pw-chen" "zhao pw-zhao"; do
  set -- $who
  refused "$1" "$2" "change the signed monthly report" "UPDATE xunjian.reports SET pdf = '\\x00' WHERE uuid = '$uuid'"
  refused "$1" "$2" "move it to another month" "UPDATE xunjian.reports SET month = '2001-01' WHERE uuid = '$uuid'"
  refused "$1" "$2" "delete it" "DELETE FROM xunjian.reports WHERE uuid = '$uuid'"
done
: >"$pg_dir/psql.err"
psql_value "UPDATE xunjian.reports SET body = '{}' WHERE uuid = '$uuid'" >/dev/null 2>"$pg_dir/psql.err"
[ $? -ne 0 ] && grep -q "written once" "$pg_dir/psql.err"; ok $? "nor may the superuser change it"
add () { echo "INSERT INTO xunjian.reports (uuid, month, sha256, pdf) VALUES (gen_random_uuid(), '$1', repeat('a', 64), '\\x25504446')"; }
refused chen pw-chen "add a monthly report (inspector)" "$(add 2001-02)"
refused zhao pw-zhao "add a monthly report (liaison)" "$(add 2001-03)"
psql_as li Sekr1t-li "$(add 2001-04)"; ok $? "a manager may add one"
psql_as li Sekr1t-li "$(add 2001-04)"; [ $? -ne 0 ]; ok $? "but not a second of the same month"
[ "$(mp "pdf = '\\x00'::bytea OR month <> '$last'" "$last")" = f ]
ok $? "the report of $last is unchanged on the server"
[ "$(psql_value "SELECT count(*) FROM xunjian.reports WHERE month IS NOT NULL")" = 3 ]
ok $? "the server holds three monthly reports"

done_testing
