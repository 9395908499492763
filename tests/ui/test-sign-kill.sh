#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Nothing drawn is lost (issue 12): the real binary, in Chinese, driven over
# AT-SPI with python3-dogtail: a signature drawn on the sign dialog's pad,
# the process killed with SIGKILL, and the dialog opened after a restart
# shows the signature again (to sign with, or to clear).  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/xdo-harness.sh"

unset GTK_A11Y NO_AT_BRIDGE
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
atspi=$!
sleep 1
# dogtail reads the desktop's accessibility switch from a settings file of
# our own (the application keeps its settings in memory).
dogtail () {
  env -u GSETTINGS_SCHEMA_DIR GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$work/config" \
    /usr/bin/python3 "$(dirname "$0")/sign-pad.py" "$@" >"$work/pad.log" 2>&1
  result=$?
  sed 's/^#*/#/' "$work/pad.log" | grep -v dogtail | tail -5
  return $result
}
env -u GSETTINGS_SCHEMA_DIR GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$work/config" \
  gsettings set org.gnome.desktop.interface toolkit-accessibility true

start_app () {
  LANG=zh_CN.UTF-8 LANGUAGE=zh_CN "$bin" --data-dir "$d" --open-inspection "$id" >"$work/app.log" 2>&1 &
  app=$!
  win=$(timeout 30 xdotool search --sync --onlyvisible --pid "$app" 2>/dev/null | head -n 1)
  [ -n "$win" ]
}

"$bin" --data-dir "$d" demo >/dev/null; ok $? "demo data"
id=$(sqlite3 "$db" "SELECT min(id) FROM inspections WHERE state = 'completed'")
[ -n "$id" ]; ok $? "a completed inspection to sign ($id)"

start_app; ok $? "the application opens it"
sleep 2
dogtail draw; ok $? "a stroke drawn on the inspector's pad of the sign dialog"
wait_for "SELECT count(*) FROM signature_drafts WHERE inspection_id = $id AND role = 'inspector'" 1
ok $? "the strokes are in the database as they are drawn"
kill -9 "$app"; ok $? "SIGKILL with the dialog open"
wait "$app" 2>/dev/null
app=
[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ]; ok $? "PRAGMA integrity_check is ok"
[ "$(sqlite3 "$db" "SELECT count(*) FROM signatures WHERE inspection_id = $id")" = 0 ]
ok $? "nothing was signed"

start_app; ok $? "the application starts again on the same folder"
sleep 2
dogtail check; ok $? "the sign dialog opened again shows the signature drawn before the kill"

kill "$app" 2>/dev/null
wait "$app" 2>/dev/null
app=
kill "$atspi" 2>/dev/null
echo "1..$n"
exit $failed
