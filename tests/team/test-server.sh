#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `xunjian server init / add-user / status` against a throwaway PostgreSQL.
# TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
unset DISPLAY WAYLAND_DISPLAY
# pg_dump marks each dump with a random "restrict" key: not part of the schema.
dump () { "$pg_bin/pg_dump" -h "$pg_dir" -U postgres --schema-only team | grep -Ev '^.(un)?restrict '; }

"$bin" server status "$pg_admin" >"$pg_dir/out"; ok $? "status on an empty database"
grep -q "server init" "$pg_dir/out"; ok $? "says the archive is not there yet"
"$bin" server add-user "$pg_admin" zhangwei inspector 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "add-user refused before init"

"$bin" server init "$pg_admin" >"$pg_dir/out"; ok $? "init creates the schema"
# The program's own version (steps are added by several branches: no literal).
program=$("$bin" server status "$pg_admin" --json \
  | python3 -c "import json, sys; print(json.load(sys.stdin)['program_schema_version'])")
[ "$program" -ge 3 ] && grep -q "version $program created" "$pg_dir/out"; ok $? "and says so"
[ "$(psql_value "SELECT value FROM xunjian.meta WHERE key = 'schema_version'")" = "$program" ]
ok $? "schema version $program recorded"
[ "$(psql_value "SELECT count(*) FROM pg_indexes WHERE schemaname = 'xunjian' AND indexdef LIKE '%(txid)'")" = 14 ]
ok $? "the sync's first question has an index on txid in each of the 14 record tables"
for r in inspector liaison manager admin; do
  [ "$(psql_value "SELECT count(*) FROM pg_roles WHERE rolname = 'xunjian_$r' AND NOT rolcanlogin")" = 1 ]
  ok $? "group role xunjian_$r exists and cannot log in"
done
[ "$(psql_value "SELECT count(*) FROM pg_tables WHERE schemaname = 'xunjian' AND rowsecurity")" = 16 ]
ok $? "row-level security on all 16 synced tables"

dump >"$pg_dir/before.sql"
"$bin" server init "$pg_admin" >"$pg_dir/out"; ok $? "init again succeeds"
grep -q "nothing to do" "$pg_dir/out"; ok $? "and says there was nothing to do"
dump >"$pg_dir/after.sql"
cmp -s "$pg_dir/before.sql" "$pg_dir/after.sql"; ok $? "init twice leaves the same schema"

# A second team database on the same server: the roles are already there.
"$pg_bin/createdb" -h "$pg_dir" -U postgres team2
"$bin" server init "host=$pg_dir user=postgres dbname=team2" >/dev/null; ok $? "a second database on the same server"

out=$("$bin" server add-user "$pg_admin" zhangwei inspector); ok $? "add-user without a password"
pw=$(echo "$out" | sed -n 's/.*: \([A-Za-z0-9]\{16\}\)$/\1/p')
[ ${#pw} = 16 ]; ok $? "prints a one-time password"
psql_as zhangwei "$pw" "SELECT 1"; ok $? "the member logs in with it"
psql_as zhangwei "wrong$pw" "SELECT 1"; [ $? -ne 0 ]; ok $? "a wrong password is refused"
"$bin" server status "host=$pg_dir user=zhangwei password=wrong dbname=team" 2>"$pg_dir/err"
[ $? -ne 0 ]; ok $? "xunjian with a wrong password fails"
grep -q "password" "$pg_dir/err"; ok $? "saying the password was refused"
[ "$(wc -l <"$pg_dir/err")" = 1 ]; ok $? "in one line"
"$bin" server add-user "$pg_admin" lina liaison --password 'li na pw' >"$pg_dir/out"; ok $? "add-user with --password"
grep -q "lina" "$pg_dir/out" && ! grep -q "li na pw" "$pg_dir/out"; ok $? "the given password is not echoed"
psql_as lina 'li na pw' "SELECT 1"; ok $? "the liaison logs in with the given password"
psql_value "SELECT rolpassword FROM pg_authid WHERE rolname = 'lina'" | grep -q '^SCRAM-SHA-256\$'
ok $? "the server holds a SCRAM hash, not the password"
"$bin" server add-user "$pg_admin" chen boss --password x 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "an unknown role is refused"
"$bin" server add-user "$pg_admin" 'Robert"; DROP TABLE xunjian.sites; --' manager --password x >/dev/null
ok $? "a name with quotes is taken literally"
[ "$(psql_value "SELECT to_regclass('xunjian.sites') IS NOT NULL")" = t ]; ok $? "and injects nothing"
"$bin" server add-user "$pg_admin" zhangwei manager --password pw2 >/dev/null; ok $? "adding a member again changes the role"
"$bin" server add-user "$pg_admin" postgres inspector --password x 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "a superuser is not made a member"
grep -q "superuser" "$pg_dir/err" \
  && [ "$(psql_value "SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = 'postgres'")" = t ]
ok $? "saying so, and leaving its password alone"

"$bin" server status "$pg_admin" --json >"$pg_dir/status.json"; ok $? "status --json"
python3 - "$pg_dir/status.json" <<'PY'; ok $? "status --json names the version, members with roles and row counts"
import json, sys
s = json.load(open(sys.argv[1]))
members = {m["name"]: m["role"] for m in s["members"]}
assert s["schema_version"] == s["program_schema_version"] >= 3, s
assert members["zhangwei"] == "manager" and members["lina"] == "liaison", members
assert len(s["rows"]) == 16 and all(v == 0 for v in s["rows"].values()), s["rows"]
PY
psql_value "INSERT INTO xunjian.sites (uuid, body) VALUES (gen_random_uuid(), '{}')" >/dev/null
"$bin" server status "$pg_admin" | grep -qP '^  sites\t1$'; ok $? "status counts rows"

# A server newer than the program: refused, and left exactly as it was.
psql_value "UPDATE xunjian.meta SET value = '99' WHERE key = 'schema_version'" >/dev/null
dump >"$pg_dir/before.sql"
"$bin" server init "$pg_admin" >/dev/null 2>"$pg_dir/err"; [ $? -ne 0 ]; ok $? "a newer server schema is refused"
grep -q "99" "$pg_dir/err" && grep -q "update Xunjian" "$pg_dir/err"; ok $? "saying which version and what to do"
dump >"$pg_dir/after.sql"
cmp -s "$pg_dir/before.sql" "$pg_dir/after.sql" \
  && [ "$(psql_value "SELECT value FROM xunjian.meta WHERE key = 'schema_version'")" = 99 ]
ok $? "the newer server is left untouched"

# An init cut off by pg_terminate_backend (here while it waits for the schema
# lock) leaves nothing behind, and the next one completes.
"$pg_bin/createdb" -h "$pg_dir" -U postgres team3
PGAPPNAME=holder "$pg_bin/psql" -X -q -h "$pg_dir" -U postgres -d team3 \
  -c "SELECT pg_advisory_lock(hashtext('xunjian-schema'))" -c "SELECT pg_sleep(30)" \
  >/dev/null 2>&1 &
holder=$!
sleep 1
"$bin" server init "host=$pg_dir user=postgres dbname=team3" >/dev/null 2>"$pg_dir/err" &
init=$!
for i in $(seq 50); do
  [ "$(psql_value "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'xunjian'
                   AND wait_event_type = 'Lock'")" = 1 ] && break
  sleep 0.2
done
psql_value "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'xunjian'" >/dev/null
wait $init; [ $? -ne 0 ]; ok $? "an init whose backend is terminated fails"
grep -q "connection to the team server was lost" "$pg_dir/err"; ok $? "saying the connection was lost"
psql_value "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'holder'" >/dev/null
wait $holder 2>/dev/null
[ "$("$pg_bin/psql" -X -A -t -h "$pg_dir" -U postgres -d team3 -c "SELECT to_regclass('xunjian.meta') IS NULL")" = t ]
ok $? "and leaves no schema behind"
"$bin" server init "host=$pg_dir user=postgres dbname=team3" >/dev/null; ok $? "the next init completes"

# The server stopped, then back.
pg_stop
"$bin" server status "$pg_admin" 2>"$pg_dir/err"; [ $? -ne 0 ]; ok $? "status with the server stopped fails"
grep -q "Cannot reach" "$pg_dir/err"; ok $? "saying the server cannot be reached"
pg_start
"$bin" server status "$pg_admin" >/dev/null; ok $? "and works once it is back"

"$bin" server init "host=$pg_dir/nowhere user=postgres dbname=team" 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "an unreachable server fails"
grep -q "Cannot reach" "$pg_dir/err"; ok $? "saying it cannot be reached"

# A version 1 server (steps 2 to 7 undone) migrates to the very schema a
# new one gets, and a second init changes nothing.
"$pg_bin/createdb" -h "$pg_dir" -U postgres team4
v1="host=$pg_dir user=postgres dbname=team4"
dump4 () { "$pg_bin/pg_dump" -h "$pg_dir" -U postgres --schema-only team4 | grep -Ev '^.(un)?restrict '; }
"$bin" server init "$v1" >/dev/null; ok $? "a new server at the program's version"
dump4 >"$pg_dir/fresh.sql"
"$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -U postgres -d team4 \
  -f "$(dirname "$0")/server-back-to-v1.sql" >/dev/null
ok $? "the same server taken back to version 1"
"$bin" server init "$v1" >"$pg_dir/out"; ok $? "init on the version 1 server"
grep -q "from version 1 to $program" "$pg_dir/out"; ok $? "says it migrated from 1 to $program"
dump4 >"$pg_dir/migrated.sql"
diff "$pg_dir/fresh.sql" "$pg_dir/migrated.sql" >&2; ok $? "the migrated schema is the new one"
"$bin" server init "$v1" >"$pg_dir/out" && grep -q "nothing to do" "$pg_dir/out"
ok $? "init again does nothing"
done_testing
