#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Numbers printed before joining are claimed per laptop, not per login:
# one person (one login) with two laptops that printed the same notice
# numbers keeps them apart (the second laptop's gain its short code).  A
# suffix is only added before a record's first push: a laptop that left
# the team and joins again keeps the numbers the server has as they are,
# and the server refuses a printed number that changes.  Real server, real
# binary, two data folders.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
unset DISPLAY WAYLAND_DISPLAY PGPASSFILE DBUS_SESSION_BUS_ADDRESS
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

"$bin" server init "$pg_admin" >/dev/null || { echo "Bail out! server init failed"; exit 1; }
"$bin" server add-user "$pg_admin" zhang manager --password pw-zhang >/dev/null \
  || { echo "Bail out! add-user failed"; exit 1; }
server="host=$pg_dir dbname=team"
a=$pg_dir/a; b=$pg_dir/b
run () { setsid -w "$bin" "$@" </dev/null; }
as_zhang () { dir=$1; shift; PGPASSWORD=pw-zhang run --data-dir "$dir" "$@"; }
qa () { sqlite3 "$a/xunjian.db" "$1"; }
qb () { sqlite3 "$b/xunjian.db" "$1"; }

# Each laptop, before joining, printed ZG-2026-0001 and ZG-2026-0002.
for d in "$a" "$b"; do
  run --data-dir "$d" site list >/dev/null 2>&1
  sqlite3 "$d/xunjian.db" "INSERT INTO sites (name, created_at, updated_at)
      VALUES ('站点$(basename "$d")', 1800000000, 1800000000);
    INSERT INTO notices (type, year, seq, number, site_id, created_at, updated_at)
      SELECT 'rectification', 2026, n, printf('ZG-2026-%04d', n), (SELECT max(id) FROM sites),
        1800000000, 1800000000 FROM (SELECT 1 AS n UNION ALL SELECT 2)" || exit 1
done
[ "$(qa "SELECT group_concat(number) FROM notices")" = "$(qb "SELECT group_concat(number) FROM notices")" ]
ok $? "both laptops printed the same two notice numbers"

as_zhang "$a" team join "$server" --user zhang >"$pg_dir/ja" 2>&1; ok $? "zhang joins with laptop A"
as_zhang "$b" team join "$server" --user zhang >"$pg_dir/jb" 2>&1; ok $? "and with laptop B, same login"
code_a=$(qa "SELECT value FROM team_settings WHERE key = 'laptop_code'")
code_b=$(qb "SELECT value FROM team_settings WHERE key = 'laptop_code'")
[ -n "$code_a" ] && [ -n "$code_b" ] && [ "$code_a" != "$code_b" ]; ok $? "two laptop codes ($code_a, $code_b)"
[ "$(qa "SELECT count(*) FROM notices WHERE number_suffix <> ''")" = 0 ]; ok $? "A keeps its numbers bare"
[ "$(qb "SELECT count(*) FROM notices WHERE number_suffix = '$code_b'")" = 2 ]
ok $? "B's, held by the same person's other laptop, gain -$code_b"
grep -q "now end in “-$code_b”" "$pg_dir/jb"; ok $? "join says so"
[ "$(psql_value "SELECT count(*) FROM xunjian.number_blocks WHERE kind = 'notice' AND laptop = '$code_a'
  AND first_number = last_number")" = 2 ]; ok $? "the server records A's claims under laptop $code_a"
[ "$(psql_value "SELECT count(*) FROM xunjian.number_blocks WHERE laptop = '$code_b' AND first_number < last_number")" -ge 2 ]
ok $? "and the blocks B leased under laptop $code_b"

as_zhang "$a" sync >/dev/null 2>"$pg_dir/err"; ok $? "A syncs"
as_zhang "$b" sync >/dev/null 2>"$pg_dir/err"; ok $? "B syncs"
as_zhang "$a" sync >/dev/null 2>"$pg_dir/err"; ok $? "A syncs again"
# The same login's other laptop's notices arrive too (the pull skips this
# laptop's own transactions, not its login): B lists A's ZG-2026-0001 once,
# bare, and its own as ZG-2026-0001-B.
run --data-dir "$b" notice list >"$pg_dir/nl"
grep -q "ZG-2026-0001-$code_b" "$pg_dir/nl" && [ "$(grep -c "ZG-2026-0001\([^-]\|$\)" "$pg_dir/nl")" = 1 ]
ok $? "B lists its notice as ZG-2026-0001-$code_b, and A's as ZG-2026-0001"
[ "$(psql_value "SELECT count(DISTINCT (number, body->>'number_suffix')) FROM xunjian.notices")" = 4 ]
ok $? "four notices, four full numbers on the server"

# A leaves and joins again: a new code, its pushed notices keep their numbers.
run --data-dir "$a" team leave >/dev/null 2>"$pg_dir/err"; ok $? "A leaves the team"
as_zhang "$a" team join "$server" --user zhang >"$pg_dir/ja2" 2>&1; ok $? "and joins again"
code_a2=$(qa "SELECT value FROM team_settings WHERE key = 'laptop_code'")
[ "$code_a2" != "$code_a" ]; ok $? "with a new code ($code_a2)"
[ "$(qa "SELECT count(*) FROM notices WHERE number_suffix = '$code_a2'")" = 0 ]
ok $? "no number on the server gained a suffix after its push"
! grep -q "now end in" "$pg_dir/ja2"; ok $? "join says nothing of the kind"
as_zhang "$a" sync >/dev/null 2>"$pg_dir/err"; ok $? "A syncs after joining again"
[ "$(qa "SELECT count(*) FROM team_outbox")" = 0 ]; ok $? "and everything went"

# The server itself keeps a printed number.
notice=$(qa "SELECT uuid FROM notices WHERE number = 'ZG-2026-0001' AND number_suffix = ''")
psql_as zhang pw-zhang "UPDATE xunjian.notices SET body = jsonb_set(body, '{number_suffix}', '\"Q\"')
  WHERE uuid = '$notice'" >/dev/null 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "the server refuses a suffix added to a pushed notice"
grep -q "cannot change" "$pg_dir/psql.err"; ok $? "saying the printed number cannot change"
psql_as zhang pw-zhang "UPDATE xunjian.notices SET body = jsonb_set(body, '{description}', '\"改\"')
  WHERE uuid = '$notice'" >/dev/null 2>"$pg_dir/err"; ok $? "other fields still change"

done_testing
