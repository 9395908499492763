#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# How many key presses a weekly check takes, from Today to completed, on
# the real binary driven by xdotool: the built-in 周检 (15 items) with three
# failures, each with a remark and a photo.  Typed text (the remarks, the
# representative's name) and the keys inside the file chooser are not
# counted; every other key is.  Prints the count and fails above 30.
# TAP output.  Usage: test-runner-keys.sh RUNNER_SETUP
set -u
bin=${XUNJIAN_BINARY:?}
setup=${1:?}
limit=30
. "$(dirname "$0")/xdo-harness.sh"
presses=0

# A counted key press, sent to the window that has the keyboard.
press () {
  for key in "$@"; do
    presses=$((presses + 1))
    xdotool key --clearmodifiers "$key"
    sleep 0.25
  done
}

# Typed text: not counted.
type_text () {
  xdotool type --delay 30 "$1"
  sleep 0.2
}

# The file chooser: find it, type the photo's path, Enter (not counted).
choose_photo () {
  chooser=$(timeout 15 xdotool search --sync --onlyvisible --name "$1" 2>/dev/null | head -n 1)
  [ -n "$chooser" ] || { echo "# no file chooser"; return 1; }
  # No window manager on the test display: the new window gets the
  # keyboard by hand, and the main window again when it is gone.
  xdotool windowfocus --sync "$chooser" 2>/dev/null
  sleep 0.5
  xdotool type --delay 30 "$2"
  sleep 0.3
  xdotool key Return
  wait_gone "$1"
  xdotool windowfocus --sync "$win" 2>/dev/null
}

photos="SELECT count(*) FROM answer_photos p JOIN answers a ON a.id = p.answer_id"

"$setup" "$d" xunjian:builtin:weekly-check weekly today; ok $? "a site with a weekly check due today"
for k in 1 2 3; do
  convert -size 640x480 "xc:rgb($((k * 60)),90,120)" "$work/photo$k.jpg"
done

# The inspector's name is in the preferences, as on a laptop in use.
mkdir -p "$work/config/glib-2.0/settings"
printf "[io/github/xunjian/Xunjian]\ninspector-name='王芳'\n" \
  >"$work/config/glib-2.0/settings/keyfile"
XDG_CONFIG_HOME=$work/config GSETTINGS_BACKEND=keyfile \
  "$bin" --data-dir "$d" >"$work/app.log" 2>&1 &
app=$!
win=$(timeout 20 xdotool search --sync --onlyvisible --pid "$app" 2>/dev/null | head -n 1)
[ -n "$win" ]; ok $? "the application opens on Today"
xdotool windowfocus --sync "$win" 2>/dev/null
sleep 2

# Today: the first row has the keyboard; Enter starts it.  A weekly check
# asks for the accompanying representative: name, Tab, company, Enter.
press Return
dialog=$(timeout 15 xdotool search --sync --onlyvisible --name "New Inspection" 2>/dev/null | head -n 1)
xdotool windowfocus --sync "$dialog" 2>/dev/null
type_text "Li Qiang"
press Tab
type_text "Lvcheng Property"
press Return
wait_gone "New Inspection"
xdotool windowfocus --sync "$win" 2>/dev/null
wait_for "SELECT count(*) FROM inspections WHERE state = 'draft'" 1
ok $? "Enter on Today's first row and Enter in the dialog start the check"
id=$(sqlite3 "$db" "SELECT id FROM inspections WHERE state = 'draft'")
sleep 1

# One failure: F keeps the keyboard in the remark; the remark is typed;
# Ctrl+Shift+A attaches a photo; Enter moves on.
fail_with_evidence () {
  press f
  type_text "$1"
  before=$(sqlite3 "$db" "$photos")
  press ctrl+shift+a
  choose_photo "Attach Photos" "$2"
  wait_for "$photos" $((before + 1)) || return 1
  sleep 0.3
  press Return
}

press p p
fail_with_evidence "litter by the east gate" "$work/photo1.jpg"; ok $? "item 3 failed with a remark and a photo"
press p p n
fail_with_evidence "broken bench in the park" "$work/photo2.jpg"; ok $? "item 7 failed with a remark and a photo"
press p p p p n p
fail_with_evidence "two cameras black" "$work/photo3.jpg"; ok $? "item 14 failed with a remark and a photo"
press p

answered="SELECT count(*) FROM answers WHERE inspection_id = $id AND value IS NOT NULL"
wait_for "$answered" 15; ok $? "all 15 items answered"
wait_for "SELECT count(*) FROM answers WHERE inspection_id = $id AND outcome = 'fail' AND remark <> ''" 3
ok $? "three failures, each with its remark"

# The summary has Complete focused: Enter completes.
press ctrl+Return
sleep 1
press Return
wait_for "SELECT state FROM inspections WHERE id = $id" completed; ok $? "the check is completed"

echo "# key presses from Today to completed: $presses (at most $limit)"
[ "$presses" -le "$limit" ]; ok $? "$presses key presses, at most $limit"

kill "$app"
wait "$app" 2>/dev/null
app=
echo "1..$n"
exit $failed
