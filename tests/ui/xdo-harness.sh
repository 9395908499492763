# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the tests that drive the real binary with xdotool (sourced, not
# run): a work folder and a display of their own, TAP output, and waiting
# for the database to show what a key press did.
#   needs: bin (the xunjian binary); sets: work, d, db, DISPLAY,
#   DBUS_SESSION_BUS_ADDRESS, app, xvfb, bus
work=$(mktemp -d)
app=
xvfb=
bus=
cleanup () {
  [ -n "$app" ] && kill -9 "$app" 2>/dev/null
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  [ -n "$bus" ] && kill "$bus" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
. "$(dirname "$0")/../common/tap.sh"

d=$work/data
db=$d/xunjian.db

# A display of our own without key auto-repeat: on a loaded machine the
# server would otherwise repeat a key whose release comes late ("ffff").
Xvfb -displayfd 3 -ardelay 60000 -arinterval 60000 -screen 0 1366x768x24 -nolisten tcp \
  3>"$work/display" 2>/dev/null &
xvfb=$!
i=0
while [ ! -s "$work/display" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
DISPLAY=:$(cat "$work/display"); export DISPLAY
[ -s "$work/display" ]; ok $? "a display without key repeat ($DISPLAY)"

# A session bus of our own, whether or not one is running: the same run
# with and without dbus-run-session, and never the desktop's bus (GTK
# aborts under fatal-criticals without any bus).
dbus-daemon --session --nofork --print-address=3 3>"$work/bus" 2>/dev/null &
bus=$!
i=0
while [ ! -s "$work/bus" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$work/bus"); export DBUS_SESSION_BUS_ADDRESS
[ -s "$work/bus" ]; ok $? "a session bus of our own"

# Waits up to 15 s for a query to print the expected text.
wait_for () {
  i=0
  while [ $i -lt 150 ]; do
    [ "$(sqlite3 "$db" "$1" 2>/dev/null)" = "$2" ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  echo "# waited in vain for [$1] = [$2], got [$(sqlite3 "$db" "$1" 2>&1)]"
  return 1
}

# Waits up to 15 s for a window to be gone (closed or hidden).
wait_gone () {
  i=0
  while [ $i -lt 150 ]; do
    xdotool search --onlyvisible --name "$1" >/dev/null 2>&1 || return 0
    sleep 0.1
    i=$((i + 1))
  done
  echo "# waited in vain for the window [$1] to close"
  return 1
}
