#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Never lose an answer: the real binary answers items through its keyboard
# shortcuts (xdotool key presses on the test display), is killed with
# SIGKILL, and the next start finds every answer given before the kill in
# an intact database.  TAP output.  Usage: test-runner-kill.sh RUNNER_SETUP
set -u
bin=${XUNJIAN_BINARY:?}
setup=${1:?}
. "$(dirname "$0")/xdo-harness.sh"

start_app () {
  "$bin" --data-dir "$d" --open-inspection "$id" >"$work/app.log" 2>&1 &
  app=$!
  win=$(timeout 20 xdotool search --sync --onlyvisible --pid "$app" 2>/dev/null | head -n 1)
  [ -n "$win" ]
}

keys () {
  for key in "$@"; do
    xdotool key --window "$win" --clearmodifiers "$key"
    sleep 0.15
  done
}

"$bin" --data-dir "$d" demo >/dev/null; ok $? "demo data"
id=$("$setup" "$d" xunjian:builtin:weekly-check weekly); ok $? "a weekly check draft ($id)"

start_app; ok $? "the application opens the draft in a window"
xdotool windowfocus --sync "$win" 2>/dev/null
sleep 0.5

# Items 1-5 pass / fail, item 6 a text, item 7 fails.  A failure that needs
# a photo keeps the keyboard in its remark (Enter moves on); R just after N
# is about the item just answered; Enter in the text item's entry moves on.
keys p f Return n r
xdotool type --window "$win" --delay 40 "no water at tap 3"
keys Return p f Return p
xdotool type --window "$win" --delay 40 "gate log complete"
keys Return f

answered="SELECT count(*) FROM answers WHERE inspection_id = $id AND value IS NOT NULL"
wait_for "$answered" 7; ok $? "seven answers are in the database"
wait_for "SELECT count(*) FROM answers WHERE inspection_id = $id AND remark = 'no water at tap 3'" 1
ok $? "the remark is in the database"

# A remark typed on item 7 (the failure keeps the keyboard in its remark)
# and the process killed the moment the last key is released: what was
# typed is durable within 100 ms of the keystroke.
xdotool type --window "$win" --delay 40 "kill at once"
sleep 0.1
kill -9 "$app"; ok $? "SIGKILL right after typing"
wait "$app" 2>/dev/null
app=
[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ]; ok $? "PRAGMA integrity_check is ok"

start_app; ok $? "the application starts again on the same folder"
xdotool windowfocus --sync "$win" 2>/dev/null
sleep 0.5
"$bin" --data-dir "$d" inspection show "$id" --json >"$work/show.json"; ok $? "inspection show --json"

python3 - "$work/show.json" <<'PY'
import json, sys
show = json.load(open(sys.argv[1]))
answers = [a for s in show["sections"] for a in s["answers"]]
expected = ["pass", "fail", "na", "pass", "fail", "gate log complete", "fail"]
got = [a["value"] for a in answers[:7]]
assert got == expected, got
assert answers[2]["remark"] == "no water at tap 3", answers[2]
assert answers[6]["remark"] == "kill at once", answers[6]
assert all(a["value"] is None for a in answers[7:]), answers[7:]
open(sys.argv[1] + ".next", "w").write(str(answers[7]["item_id"]))
PY
ok $? "every answer given before the kill is there, nothing else"

# The draft resumes at the first unanswered item (8), so the next key
# answers it and overwrites nothing.
keys p
wait_for "$answered" 8; ok $? "the restarted application answers the next item"
wait_for "SELECT value FROM answers WHERE inspection_id = $id AND item_id = $(cat "$work/show.json.next")" pass
ok $? "P after the restart answers the first unanswered item"
wait_for "SELECT count(*) FROM answers WHERE inspection_id = $id AND value = 'fail'" 3
ok $? "no answer given before the kill was overwritten"

kill "$app"
wait "$app" 2>/dev/null
app=

# A stopwatch started with S runs on through SIGKILL and a restart: its
# start is in the database, and S after the restart stops it with the
# whole time measured.
id=$("$setup" "$d" xunjian:builtin:mystery-store-visit mystery_visit); ok $? "a store visit draft ($id)"
start_app; ok $? "the application opens the store visit"
xdotool windowfocus --sync "$win" 2>/dev/null
sleep 0.5
timer="SELECT count(*) FROM answers WHERE inspection_id = $id AND timer_started_ms IS NOT NULL"
keys s
wait_for "$timer" 1; ok $? "S starts the stopwatch and its start is stored"
started=$(sqlite3 "$db" "SELECT timer_started_ms FROM answers WHERE inspection_id = $id AND timer_started_ms IS NOT NULL")
kill -9 "$app"; ok $? "SIGKILL with the stopwatch running"
wait "$app" 2>/dev/null
app=
sleep 1
start_app; ok $? "the application starts again"
xdotool windowfocus --sync "$win" 2>/dev/null
sleep 0.5
[ "$(sqlite3 "$db" "SELECT timer_started_ms FROM answers WHERE inspection_id = $id AND timer_started_ms IS NOT NULL")" = "$started" ]
ok $? "the stopwatch still runs from the same start"
keys s
wait_for "SELECT count(*) FROM answers WHERE inspection_id = $id AND value IS NOT NULL AND timer_started_ms IS NULL AND CAST(value AS REAL) >= 1.5" 1
ok $? "S stops it with the time since the start before the kill"

kill "$app"
wait "$app" 2>/dev/null
app=
echo "1..$n"
exit $failed
