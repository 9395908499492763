#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The team in the app against a real throwaway PostgreSQL: data folders
# prepared with the `xunjian` CLI, the application run on them under the
# suite's X server (or an Xvfb of its own) with a desktop keyring of its
# own, and each step driven on the real widgets by team-ui-driver.
# TAP output.
set -u
if [ -z "${XJ_KEYRING_BUS:-}" ]; then
  XJ_KEYRING_BUS=1 exec dbus-run-session -- "$0" "$@"
fi
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1366x768x24" "$0" "$@"
fi
bin=${XUNJIAN_BINARY:?}
driver=${XJ_TEAM_UI_DRIVER:?}
. "$(dirname "$0")/pg-harness.sh"
unset WAYLAND_DISPLAY PGPASSWORD PGPASSFILE
export HOME=$pg_dir/home
mkdir -p "$HOME"
command -v gnome-keyring-daemon >/dev/null || { echo "Bail out! gnome-keyring is not installed"; exit 1; }
printf 'keyring-pw' | env -u DISPLAY gnome-keyring-daemon --unlock --components=secrets >/dev/null
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 GTK_A11Y=none NO_AT_BRIDGE=1

"$bin" server init "$pg_admin" >/dev/null || { echo "Bail out! server init failed"; exit 1; }
"$bin" server add-user "$pg_admin" zhang inspector --password 'Zhang-pw-1' >/dev/null
"$bin" server add-user "$pg_admin" li liaison --password 'Li-pw-1' >/dev/null
export XJ_TEAM_HOST=$pg_dir XJ_TEAM_DB=team

# drive STEP DATA_DIR USER PASSWORD: one step of the scenario in the app.
drive () {
  LANG=zh_CN.UTF-8 LANGUAGE=zh_CN XJ_TEAM_DATA_DIR=$2 XJ_TEAM_USER=$3 XJ_TEAM_PASSWORD=$4 \
    "$driver" -p "/xj/team-ui/$1" >"$pg_dir/driver-$1.log" 2>&1
  status=$?
  [ $status -eq 0 ] || cat "$pg_dir/driver-$1.log" >&2
  return $status
}

a=$pg_dir/laptop-a
b=$pg_dir/laptop-b
mkdir -p "$a" "$b"

drive join "$a" zhang Zhang-pw-1; ok $? "join from Preferences -> Team (no route, wrong password, reached as inspector, joined)"
[ "$(sqlite3 "$a/xunjian.db" "SELECT value FROM team_settings WHERE key = 'role'")" = inspector ]
ok $? "the laptop keeps the role the server gave"
! grep -rqa "Zhang-pw-1" "$a"; ok $? "the password is nowhere in the data folder"
"$bin" --data-dir "$a.2" team join "host=$pg_dir dbname=team" --user zhang </dev/null >/dev/null 2>&1
ok $? "the password typed in Preferences is in the desktop keyring"
done_testing
