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

"$bin" --data-dir "$d" team leave --force >/dev/null; ok $? "leave"
setsid -w "$bin" --data-dir "$d.3" team join "$server" --user zhang </dev/null 2>"$pg_dir/err"
[ $? -ne 0 ]; ok $? "after leaving, the keyring no longer holds the password"
done_testing
