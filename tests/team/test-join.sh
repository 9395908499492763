#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A laptop joins a team, shows it, captures its changes, and leaves:
# `xunjian team join / status / leave` against a throwaway PostgreSQL, with
# the password from each place libpq takes it.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
unset DISPLAY WAYLAND_DISPLAY PGPASSWORD PGPASSFILE
# libpq's own sources and the terminal only: the keyring has its test
# (test-keyring.sh), and a session bus here could start the desktop's own.
unset DBUS_SESSION_BUS_ADDRESS
# No terminal to ask a password on, as in CI.
run () { setsid -w "$bin" "$@" </dev/null; }

"$bin" server init "$pg_admin" >/dev/null || { echo "Bail out! server init failed"; exit 1; }
"$bin" server add-user "$pg_admin" zhang inspector --password 'Sekr1t-zhang' >/dev/null
server="host=$pg_dir dbname=team"
d=$pg_dir/laptop
run --data-dir "$d" demo >/dev/null 2>&1; ok $? "a laptop with a season of work (demo)"
q () { sqlite3 "$d/xunjian.db" "$1"; }
records="SELECT (SELECT count(*) FROM sites) + (SELECT count(*) FROM templates)
  + (SELECT count(*) FROM template_versions) + (SELECT count(*) FROM schedules)
  + (SELECT count(*) FROM inspections) + (SELECT count(*) FROM answers)
  + (SELECT count(*) FROM answer_photos) + (SELECT count(*) FROM photos)
  + (SELECT count(*) FROM signatures) + (SELECT count(*) FROM reports)
  + (SELECT count(*) FROM notices) + (SELECT count(*) FROM notice_photos)
  + (SELECT count(*) FROM notice_events) + (SELECT count(*) FROM audit_log)"

run --data-dir "$d" team status >"$pg_dir/out"; ok $? "team status on a laptop in no team"
grep -q "in no team" "$pg_dir/out"; ok $? "says it is in no team"
[ "$(run --data-dir "$d" team status --json | python3 -c "import json,sys; print(json.load(sys.stdin))")" = "{'joined': False}" ]
ok $? "team status --json on a laptop in no team says only that"
q "UPDATE sites SET address = address || ' ' WHERE id = 1"
[ "$(q "SELECT count(*) FROM team_outbox")" = 0 ]; ok $? "without a team nothing is captured"

run --data-dir "$d" team join "$server" --user zhang 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "join without any password fails"
grep -q "PGPASSWORD" "$pg_dir/err"; ok $? "saying where a password can come from"
PGPASSWORD=wrong run --data-dir "$d" team join "$server" --user zhang 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "join with a wrong password fails"
grep -q "refused" "$pg_dir/err"; ok $? "saying the password was refused"
run --data-dir "$d" team join "host=$pg_dir dbname=team" --user postgres 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "a user who is no member may not join"
grep -q "not a member" "$pg_dir/err"; ok $? "saying so"
[ "$(q "SELECT count(*) FROM team_settings")" = 0 ]; ok $? "failed joins leave no trace"

version=$(psql_value "SELECT value FROM xunjian.meta WHERE key = 'schema_version'")
psql_value "UPDATE xunjian.meta SET value = '99' WHERE key = 'schema_version'" >/dev/null
PGPASSWORD=Sekr1t-zhang run --data-dir "$d" team join "$server" --user zhang 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "a server with a newer schema is refused"
grep -q "update Xunjian" "$pg_dir/err"; ok $? "saying to update Xunjian"
psql_value "UPDATE xunjian.meta SET value = '$version' WHERE key = 'schema_version'" >/dev/null
"$pg_bin/createdb" -h "$pg_dir" -U postgres older
PGPASSWORD=Sekr1t-zhang run --data-dir "$d" team join "host=$pg_dir dbname=older" --user zhang 2>"$pg_dir/err"
[ $? -ne 0 ]; ok $? "a server without the team schema (older) is refused"
grep -q "server init" "$pg_dir/err"; ok $? "saying the administrator should run server init"

# The password inside the connection string: used, and not kept.
run --data-dir "$d" team join "$server password=Sekr1t-zhang" --user zhang >"$pg_dir/out"
ok $? "join with the password in the connection string"
grep -q "(Inspector)" "$pg_dir/out"; ok $? "says the role on the team, as the team calls it"
! grep -rqa "Sekr1t" "$d"; ok $? "the password is nowhere in the data folder"
[ "$(q "SELECT count(*) FROM team_outbox")" = "$(q "$records")" ]
ok $? "every record the laptop holds waits for the first sync ($(q "SELECT count(*) FROM team_outbox"))"
keys=$(ls "$d/keys" | grep -c '\.key\.pem$')
[ "$(psql_value "SELECT count(*) FROM xunjian.certificates WHERE member = 'zhang'")" = "$keys" ]
ok $? "the laptop's $keys signing certificate(s) registered under zhang"
psql_value "SELECT pem FROM xunjian.certificates LIMIT 1" | grep -q "BEGIN CERTIFICATE"
ok $? "as a certificate (public part)"
! psql_value "SELECT pem FROM xunjian.certificates" | grep -q "PRIVATE"; ok $? "without a private key"

run --data-dir "$d" team status --json >"$pg_dir/status.json"; ok $? "team status --json"
python3 - "$pg_dir/status.json" "$pg_dir" "$(q "$records")" \
  "$(q "SELECT coalesce((SELECT value FROM team_settings WHERE key = 'laptop_code'), '')")" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["joined"] is True, s
assert "host='%s'" % sys.argv[2] in s["server"] and "Sekr1t" not in s["server"], s
assert s["user"] == "zhang" and s["role"] == "inspector", s
assert s["last_sync"] is None and s["conflicts"] == 0, s
assert s["changes_waiting"] == int(sys.argv[3]), s
assert s["laptop_code"] == sys.argv[4] and s["set_aside"] == 0, s
PY
ok $? "status names server, user, role, laptop code, last sync, changes waiting, conflicts, set aside"
run --data-dir "$d" team status >"$pg_dir/out"
grep -q "Changes waiting: $(q "SELECT count(*) FROM team_outbox")" "$pg_dir/out"; ok $? "team status in words"

run --data-dir "$d" team join "$server password=Sekr1t-zhang" --user zhang 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "joining twice is refused"
grep -q "already" "$pg_dir/err"; ok $? "saying the laptop is in a team already"

# Capture: whatever writes, the record is queued once.
q "DELETE FROM team_outbox"
uuid=$(q "SELECT uuid FROM sites WHERE id = 1")
q "UPDATE sites SET address = address || ' 1' WHERE id = 1; UPDATE sites SET address = address || ' 2' WHERE id = 1"
[ "$(q "SELECT group_concat(table_name || ' ' || record) FROM team_outbox")" = "sites $uuid" ]
ok $? "a site changed twice by another program is queued once"
run --data-dir "$d" template export 1 "$pg_dir/t.json" && sed -i 's/"name" : "[^"]*"/"name" : "Night patrol"/' "$pg_dir/t.json"
run --data-dir "$d" template import "$pg_dir/t.json" >/dev/null; ok $? "a checklist imported"
[ "$(q "SELECT count(*) FROM team_outbox WHERE table_name IN ('templates', 'template_versions')")" -ge 2 ]
ok $? "the imported checklist and its version are queued"
q "INSERT INTO photos (sha256, bytes, mime, width, height, imported_at)
   VALUES ('$(printf '%064d' 7)', 10, 'image/jpeg', 4, 3, 1)"
[ "$(q "SELECT count(*) FROM team_outbox WHERE table_name = 'photos' AND record = '$(printf '%064d' 7)'")" = 1 ]
ok $? "a photo is queued by its SHA-256"

run --data-dir "$d" team leave 2>"$pg_dir/err"; [ $? -ne 0 ]; ok $? "leave with changes not sent is refused"
grep -q "sync first" "$pg_dir/err"; ok $? "saying to sync first or force"
run --data-dir "$d" team leave --force >/dev/null; ok $? "leave --force"
[ "$(q "SELECT count(*) FROM team_settings") $(q "SELECT count(*) FROM team_outbox")" = "0 0" ]
ok $? "the team is forgotten"
q "UPDATE sites SET address = address || ' 3' WHERE id = 1"
[ "$(q "SELECT count(*) FROM team_outbox")" = 0 ]; ok $? "and nothing is captured any more"
[ "$(q "SELECT count(*) FROM inspections")" -gt 0 ]; ok $? "the laptop keeps its records"
run --data-dir "$d" team leave 2>"$pg_dir/err"; [ $? -ne 0 ]; ok $? "leaving again fails (no team)"
grep -q "This laptop is in no team\." "$pg_dir/err"; ok $? "saying the laptop is in no team"

# The server down: joining fails and leaves no trace.
pg_stop
PGPASSWORD=Sekr1t-zhang run --data-dir "$d" team join "$server" --user zhang 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "join with the server stopped fails"
grep -q "Cannot reach" "$pg_dir/err" && [ "$(q "SELECT count(*) FROM team_settings")" = 0 ]
ok $? "saying the server cannot be reached, and leaving no trace"
pg_start

# A password file, as libpq reads it.
printf '*:*:team:zhang:Sekr1t-zhang\n' >"$pg_dir/pgpass"; chmod 600 "$pg_dir/pgpass"
PGPASSFILE=$pg_dir/pgpass run --data-dir "$d" team join "$server" --user zhang >/dev/null
ok $? "join with the password from a password file"
run --data-dir "$d" team leave --force >/dev/null
PGPASSWORD=Sekr1t-zhang run --data-dir "$d" team join "$server" --user zhang >/dev/null
ok $? "join with PGPASSWORD"

# On a terminal, the password is asked for without echo.
run --data-dir "$d" team leave --force >/dev/null
python3 "$(dirname "$0")/type-password.py" "$bin" "$d" "$server" zhang Sekr1t-zhang >"$pg_dir/tty.out"
ok $? "join with the password typed on a terminal"
grep -q "Team password for zhang" "$pg_dir/tty.out"; ok $? "asked for on the terminal"
! grep -q "Sekr1t" "$pg_dir/tty.out"; ok $? "not echoed"
grep -q "joined the team" "$pg_dir/tty.out"; ok $? "and the laptop joined"
done_testing
