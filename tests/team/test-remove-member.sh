#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A member the manager removes (`xunjian server remove-user`): their laptop
# is told it is no member any more (not "wrong password", not "your change
# was refused"), keeps what it has, and syncs again once added back.
# Against a throwaway PostgreSQL, the real binary.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
unset DISPLAY WAYLAND_DISPLAY PGPASSWORD PGPASSFILE DBUS_SESSION_BUS_ADDRESS
export LANG=C.UTF-8 LANGUAGE=
run () { setsid -w "$bin" "$@" </dev/null; }

"$bin" server init "$pg_admin" >/dev/null || { echo "Bail out! server init failed"; exit 1; }
"$bin" server add-user "$pg_admin" li inspector --password 'Li-pw-1' >"$pg_dir/out"
ok $? "the manager adds an inspector"
grep -q "(Inspector)" "$pg_dir/out"; ok $? "named by the role as the team calls it"
server="host=$pg_dir dbname=team"
d=$pg_dir/inspector
run --data-dir "$d" site add 新城花园 >/dev/null
PGPASSWORD=Li-pw-1 run --data-dir "$d" team join "$server" --user li >/dev/null 2>&1
ok $? "the inspector joins (a site of their own)"
PGPASSWORD=Li-pw-1 run --data-dir "$d" sync >/dev/null 2>&1; ok $? "and syncs"

run server remove-user "$pg_admin" nobody 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "removing a name that is no member is refused"
grep -q "not a member" "$pg_dir/err"; ok $? "saying so"
run server remove-user "$pg_admin" postgres 2>/dev/null; [ $? -ne 0 ]
ok $? "the server's superuser is no member to remove"
run server remove-user "$pg_admin" li >"$pg_dir/out"; ok $? "the manager removes the inspector"
grep -q "removed" "$pg_dir/out"; ok $? "saying so"
! "$bin" server status "$pg_admin" | grep -q "^  li"; ok $? "no longer listed among the members"
! psql_as li Li-pw-1 "SELECT 1"; ok $? "the removed member can no longer log in"

before=$(sqlite3 "$d/xunjian.db" "SELECT count(*) FROM sites")
PGPASSWORD=Li-pw-1 run --data-dir "$d" sync 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "the removed member's sync fails"
grep -q "no longer a member" "$pg_dir/err"; ok $? "saying they are no longer a member"
! grep -qi "password" "$pg_dir/err"; ok $? "not that the password was wrong"
[ "$(sqlite3 "$d/xunjian.db" "SELECT count(*) FROM sites")" = "$before" ]
ok $? "the laptop keeps what it has"
[ "$(sqlite3 "$d/xunjian.db" "SELECT count(*) FROM team_set_aside")" = 0 ]
ok $? "nothing is set aside as refused"

# Only the team's roles taken away (an administrator's REVOKE by hand):
# the login works, the first read is refused: said as not a member too.
"$bin" server add-user "$pg_admin" li inspector --password 'Li-pw-1' >/dev/null
psql_value "REVOKE xunjian_inspector FROM li" >/dev/null
PGPASSWORD=Li-pw-1 run --data-dir "$d" sync 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "a member whose team role was revoked cannot sync"
grep -q "not a member" "$pg_dir/err"; ok $? "told they are not a member, not that a change was refused"
! grep -q "refused a change" "$pg_dir/err"; ok $? "no change is said to be refused"

"$bin" server add-user "$pg_admin" li inspector --password 'Li-pw-1' >/dev/null
PGPASSWORD=Li-pw-1 run --data-dir "$d" sync >/dev/null 2>&1; ok $? "added back, the laptop syncs again"
done_testing
