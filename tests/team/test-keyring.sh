#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The team password in the desktop keyring: typed once on a terminal, kept by
# the Secret Service (a gnome-keyring of the test's own, on a session bus of
# its own), used by the next join without asking, and forgotten on leave.
# TAP output.
set -u
if [ -z "${XJ_KEYRING_BUS:-}" ]; then
  XJ_KEYRING_BUS=1 exec dbus-run-session -- "$0" "$@"
fi
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
unset DISPLAY WAYLAND_DISPLAY PGPASSWORD PGPASSFILE
export HOME=$pg_dir/home
mkdir -p "$HOME"
command -v gnome-keyring-daemon >/dev/null || { echo "Bail out! gnome-keyring is not installed"; exit 1; }
# It leaves with the session bus that dbus-run-session ends.
printf 'keyring-pw' | gnome-keyring-daemon --unlock --components=secrets >/dev/null

"$bin" server init "$pg_admin" >/dev/null || { echo "Bail out! server init failed"; exit 1; }
"$bin" server add-user "$pg_admin" zhang inspector --password 'Typed-pw-1' >/dev/null
server="host=$pg_dir dbname=team"
d=$pg_dir/laptop

python3 "$(dirname "$0")/type-password.py" "$bin" "$d" "$server" zhang Typed-pw-1 >"$pg_dir/tty.out"
ok $? "join with the password typed on a terminal"
! grep -rqa "Typed-pw-1" "$d"; ok $? "the password is nowhere in the data folder"
# A second data folder of the same person on this desktop: no terminal, no
# PGPASSWORD, no password file; only the keyring.
setsid -w "$bin" --data-dir "$d.2" team join "$server" --user zhang </dev/null >"$pg_dir/out" 2>"$pg_dir/err"
ok $? "a join with no terminal and no PGPASSWORD takes the password from the keyring"
grep -q "joined the team" "$pg_dir/out"; ok $? "and the laptop joined"

# With the password in the keyring and none of libpq's own, the keyring is
# asked first: a sync costs the server one connection, not one refused for
# want of a password and a second (issue 13, a sync with nothing to do).
psql_value "ALTER SYSTEM SET log_connections = on" >/dev/null && psql_value "SELECT pg_reload_conf()" >/dev/null
for i in 1 2 3 4 5 6 7 8 9 10; do [ "$(psql_value "SHOW log_connections")" = on ] && break; sleep 0.2; done
received () { grep -c "connection received" "$pg_dir/log"; }
before=$(received)
setsid -w "$bin" --data-dir "$d.2" sync </dev/null >/dev/null 2>"$pg_dir/err"
ok $? "a sync with the password from the keyring"
[ $(( $(received) - before )) -eq 1 ]; ok $? "one connection to the server ($(( $(received) - before )))"
# A password of libpq's own still goes first (PGPASSWORD here).
before=$(received)
PGPASSWORD=Typed-pw-1 setsid -w "$bin" --data-dir "$d.2" sync </dev/null >/dev/null 2>"$pg_dir/err"
ok $? "a sync with PGPASSWORD beside the keyring"
[ $(( $(received) - before )) -eq 1 ]; ok $? "one connection"
# A wrong password in PGPASSWORD is libpq's, and refused, as before.
PGPASSWORD=wrong setsid -w "$bin" --data-dir "$d.2" sync </dev/null >/dev/null 2>"$pg_dir/err"
[ $? -ne 0 ]; ok $? "a wrong PGPASSWORD is refused, as before"

"$bin" --data-dir "$d" team leave --force >/dev/null; ok $? "leave"
setsid -w "$bin" --data-dir "$d.3" team join "$server" --user zhang </dev/null 2>"$pg_dir/err"
[ $? -ne 0 ]; ok $? "after leaving, the keyring no longer holds the password"
done_testing
