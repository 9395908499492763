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
export HOME=$pg_dir/home XDG_CONFIG_HOME=$pg_dir/config
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
command -v gnome-keyring-daemon >/dev/null || { echo "Bail out! gnome-keyring is not installed"; exit 1; }
printf 'keyring-pw' | env -u DISPLAY gnome-keyring-daemon --unlock --components=secrets >/dev/null
# The desktop's notification server, recording what it is shown.
/usr/bin/python3 "$(dirname "$0")/notifications.py" "$pg_dir/notifications" &
notifications_pid=$!
trap 'kill $notifications_pid 2>/dev/null; pg_cleanup' EXIT
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
"$bin" server add-user "$pg_admin" wang inspector --password 'Wang-pw-1' >/dev/null
export XJ_TEAM_SITE=新城花园 XJ_TEAM_SITE_OFFLINE=翠湖花园
if [ "$(id -u)" = 0 ]; then as_pg="runuser -u postgres --"; else as_pg=; fi
export XJ_TEAM_PG_STOP="$as_pg $pg_bin/pg_ctl -D $pg_dir/data -m fast -w stop"
export XJ_TEAM_PG_START="$as_pg $pg_bin/pg_ctl -D $pg_dir/data -l $pg_dir/log -w -t 60 start"

drive join "$a" zhang Zhang-pw-1; ok $? "join from Preferences -> Team (no route, wrong password, reached as inspector, joined)"
[ "$(sqlite3 "$a/xunjian.db" "SELECT value FROM team_settings WHERE key = 'role'")" = inspector ]
ok $? "the laptop keeps the role the server gave"
! grep -rqa "Zhang-pw-1" "$a"; ok $? "the password is nowhere in the data folder"
"$bin" --data-dir "$a.2" team join "host=$pg_dir dbname=team" --user zhang </dev/null >/dev/null 2>&1
ok $? "the password typed in Preferences is in the desktop keyring"
drive join "$b" wang Wang-pw-1; ok $? "a second laptop (wang) joins from Preferences too"

drive complete "$a" zhang Zhang-pw-1; ok $? "an inspection completed on laptop A syncs by itself"
[ "$(psql_value "SELECT count(*) FROM xunjian.inspections")" -ge 1 ]; ok $? "and is on the server"
drive arrives "$b" wang Wang-pw-1; ok $? "after Sync Now it is in laptop B's Inspections list"

# The same site renamed on both laptops while apart; A syncs first.
sqlite3 "$a/xunjian.db" "UPDATE sites SET name = '新城花园北区' WHERE name = '新城花园'"
sqlite3 "$b/xunjian.db" "UPDATE sites SET name = '新城花园南区' WHERE name = '新城花园'"
"$bin" --data-dir "$a" sync </dev/null >/dev/null 2>&1; ok $? "laptop A syncs its name"
# While B shows the conflict, laptop A adds a site (no conflict) and syncs.
cat >"$pg_dir/colleague.sh" <<EOF
sqlite3 "$a/xunjian.db" "INSERT INTO sites (name, created_at, updated_at) VALUES ('碧水湾', 1, 1)" &&
PGPASSWORD=Zhang-pw-1 "$bin" --data-dir "$a" sync </dev/null >/dev/null 2>&1
EOF
XJ_TEAM_COLLEAGUE_CHANGE="sh $pg_dir/colleague.sh" XJ_TEAM_MINE=新城花园南区 XJ_TEAM_THEIRS=新城花园北区 \
  drive conflict "$b" wang Wang-pw-1
ok $? "laptop B's sync finds the conflict; the Conflicts page shows both names; a sync that changes no conflict leaves its row (selected) as it was; Keep Mine decides it"
"$bin" --data-dir "$a" sync </dev/null >/dev/null 2>&1
[ "$(sqlite3 "$a/xunjian.db" "SELECT name FROM sites WHERE name LIKE '新城花园%'")" = 新城花园南区 ]
ok $? "the name kept on B reaches A at its next sync"
export XJ_TEAM_SITE=新城花园南区
drive offline "$a" zhang Zhang-pw-1
ok $? "server stopped while the app runs: offline, nothing blocks, work waits, the sync after restart catches up"
[ "$(psql_value "SELECT count(*) FROM xunjian.sites WHERE body->>'name' = '翠湖花园'")" = 1 ]
ok $? "what was done offline is on the server"
# Laptop A (an inspector) plans a daily check that is due: on Today.
sqlite3 "$a/xunjian.db" "INSERT INTO schedules (site_id, template_id, kind, rule, starts_at, created_at)
  SELECT (SELECT id FROM sites WHERE name = '翠湖花园'), id, 'daily', 'daily', $(($(date +%s) - 2 * 86400)), 1
  FROM templates ORDER BY id LIMIT 1"
"$bin" --data-dir "$a" sync </dev/null >/dev/null 2>&1; ok $? "laptop A plans a daily check and syncs it"
c=$pg_dir/laptop-c
mkdir -p "$c"
PGPASSWORD=Li-pw-1 "$bin" --data-dir "$c" team join "host=$pg_dir dbname=team" --user li </dev/null >/dev/null 2>"$pg_dir/join-c.err"
ok $? "a liaison's laptop joins (command line)" || cat "$pg_dir/join-c.err" >&2
PGPASSWORD=Li-pw-1 "$bin" --data-dir "$c" sync </dev/null >/dev/null 2>&1
ok $? "and syncs once (command line): it holds the team's checklists and schedules"
drive role "$c" li Li-pw-1; ok $? "on a liaison's laptop New Inspection, Start on Today and changing checklists and schedules are off, with the reason; New Notice is on"
m=$pg_dir/laptop-m
mkdir -p "$m"
"$bin" server add-user "$pg_admin" ma manager --password 'Ma-pw-1' >/dev/null
PGPASSWORD=Ma-pw-1 "$bin" --data-dir "$m" team join "host=$pg_dir dbname=team" --user ma </dev/null >/dev/null 2>&1 \
  && PGPASSWORD=Ma-pw-1 "$bin" --data-dir "$m" sync </dev/null >/dev/null 2>&1
ok $? "a manager's laptop joins and syncs (command line)"
drive manager "$m" ma Ma-pw-1; ok $? "on a manager's laptop checklists and schedules are on; Start on Today is off, with the reason"
drive password "$c" li Li-pw-1
ok $? "joined from the command line: Preferences -> Team says the keyring has no password, refuses a wrong one, keeps the right one; the sync goes through"
"$bin" --data-dir "$c" sync </dev/null >/dev/null 2>&1
ok $? "the password given in Preferences is in the desktop keyring"
# This time the liaison's password comes from libpq's own source.
PGPASSWORD=Li-pw-1 drive raise-notice "$c" li Li-pw-1
ok $? "the liaison issues a notice on laptop A's inspection; it goes to the team"
export XJ_TEAM_FOLLOW=翠湖花园 XJ_TEAM_FOLLOWED_NOTICE=消防通道被占用 XJ_TEAM_UNFOLLOWED_NOTICE=绿化带缺苗
drive notified "$a" zhang Zhang-pw-1
ok $? "it arrives on laptop A by sync and is on the board; clicking the notification opens it"
grep -q "新城花园" "$pg_dir/notifications"; ok $? "and the desktop showed a notification naming it"
PGPASSWORD=Li-pw-1 drive raise-more "$c" li Li-pw-1
ok $? "the liaison raises two notices on sites where laptop A has no inspection"
drive followed "$a" zhang Zhang-pw-1
ok $? "laptop A announces only the one on the site its user follows"
followed_number=$(sqlite3 "$c/xunjian.db" "SELECT number FROM notices WHERE description = '$XJ_TEAM_FOLLOWED_NOTICE'")
unfollowed_number=$(sqlite3 "$c/xunjian.db" "SELECT number FROM notices WHERE description = '$XJ_TEAM_UNFOLLOWED_NOTICE'")
grep "$followed_number" "$pg_dir/notifications" | grep -q "翠湖花园 · 你关注的项目"
ok $? "the desktop named the followed site's notice, and why"
! grep -q "$unfollowed_number" "$pg_dir/notifications"
ok $? "and showed nothing of the unfollowed site's notice"
PGPASSWORD=Li-pw-1 drive move-notices "$c" li Li-pw-1
ok $? "the liaison acknowledges the notice on A's inspection, escalates the followed site's, acknowledges the other; no news of its own steps"
drive updated "$a" zhang Zhang-pw-1
ok $? "laptop A announces the two notices it hears of in one notification"
own_number=$(sqlite3 "$c/xunjian.db" "SELECT number FROM notices WHERE description = '3 号楼门厅地面有积水'")
last=$(tail -n 1 "$pg_dir/notifications")
echo "# $last"
echo "$last" | grep -q "^团队中有 2 张通知单有了新进展 | " && echo "$last" | grep -q "$own_number.*已签收（李娜）" \
  && echo "$last" | grep -q "$followed_number.*已升级 · 你关注的项目" && ! echo "$last" | grep -q "$unfollowed_number"
ok $? "the notification names the step and who made it, the escalation and why A hears of it; nothing of the unfollowed notice"
drive refused "$b" wang Wang-pw-1
ok $? "a notice made on an inspector's laptop: the server refuses it; it is set aside, the status says so as a state of its own; Retry keeps it aside while the role is the same"
[ "$(sqlite3 "$b/xunjian.db" "SELECT count(*) FROM notices WHERE description = '楼道堆放杂物'")" = 1 ]
ok $? "the notice stays on laptop B"
psql_value "GRANT xunjian_liaison TO wang" >/dev/null
drive retried "$b" wang Wang-pw-1
ok $? "the administrator makes wang a liaison: Retry in the status's details sends it"
[ "$(psql_value "SELECT count(*) FROM xunjian.notices WHERE body->>'description' = '楼道堆放杂物'")" = 1 ]
ok $? "the notice is on the server"
psql_value "REVOKE xunjian_liaison FROM wang" >/dev/null
drive leave "$b" wang Wang-pw-1; ok $? "Leave with a change not sent asks first, then leaves"
[ "$(sqlite3 "$b/xunjian.db" "SELECT count(*) FROM team_settings")" = 0 ]; ok $? "laptop B is in no team"

# Two liaisons' laptops: D is li's second laptop (the same login as C), E
# is zhao's.  A notice rectified, then verified on D and rejected on E while
# apart (the rows the lifecycle writes); E decides in the app.
"$bin" server add-user "$pg_admin" zhao liaison --password 'Zhao-pw-1' >/dev/null
d=$pg_dir/laptop-d
e=$pg_dir/laptop-e
as_d () { PGPASSWORD=Li-pw-1 "$bin" --data-dir "$d" "$@" </dev/null >/dev/null 2>&1; }
as_e () { PGPASSWORD=Zhao-pw-1 "$bin" --data-dir "$e" "$@" </dev/null >/dev/null 2>&1; }
as_d team join "host=$pg_dir dbname=team" --user li && as_d sync \
  && as_e team join "host=$pg_dir dbname=team" --user zhao && as_e sync
ok $? "li's second laptop and zhao's laptop join and sync (command line)"
notice=$(sqlite3 "$d/xunjian.db" "SELECT uuid FROM notices WHERE description = '3 号楼门厅地面有积水'")
[ -n "$notice" ]; ok $? "li's second laptop has the notice li issued on laptop C"
now=$(date +%s)
qd () { sqlite3 "$d/xunjian.db" "$1"; }
qe () { sqlite3 "$e/xunjian.db" "$1"; }
dn=$(qd "SELECT id FROM notices WHERE uuid = '$notice'")
qd "UPDATE notices SET state = 'acknowledged', acknowledged_at = $((now - 300)), acknowledged_by = '物业孙经理' WHERE id = $dn;
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, remark)
      VALUES ($dn, $((now - 300)), '李娜', 'issued', 'acknowledged', '物业孙经理');
    UPDATE notices SET state = 'rectified', rectified_at = $((now - 200)), rectification_remark = '已疏通地漏' WHERE id = $dn;
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, remark)
      VALUES ($dn, $((now - 200)), '李娜', 'acknowledged', 'rectified', '已疏通地漏')"
as_d sync && as_e sync; ok $? "the notice is rectified on both"
en=$(qe "SELECT id FROM notices WHERE uuid = '$notice'")
qd "UPDATE notices SET state = 'verified', verified_at = $((now - 100)), verified_by = '李娜' WHERE id = $dn;
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, remark)
      VALUES ($dn, $((now - 100)), '李娜', 'rectified', 'verified', '现场复查地面已干燥')"
qe "UPDATE notices SET state = 'issued', deadline = $((now + 5 * 86400)), acknowledged_at = NULL,
      acknowledged_by = '', rectified_at = NULL WHERE id = $en;
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, remark)
      VALUES ($en, $((now - 50)), '赵敏', 'rectified', 'issued', '雨后门厅仍有积水')"
as_d sync; ok $? "li verifies on D and syncs; zhao rejected on E, offline"
PGPASSWORD=Zhao-pw-1 XJ_TEAM_MY_REMARK=雨后门厅仍有积水 XJ_TEAM_THEIR_REMARK=现场复查地面已干燥 drive steps "$e" zhao Zhao-pw-1
ok $? "E: the board says the notice needs a decision; the Conflicts page shows both steps; Keep Theirs settles it"
as_d sync
[ "$(qd "SELECT state FROM notices WHERE uuid = '$notice'")" = verified ] \
  && [ "$(qe "SELECT state FROM notices WHERE uuid = '$notice'")" = verified ] \
  && [ "$(qd "SELECT count(*) FROM team_conflicts WHERE resolved_at IS NULL")" = 0 ]
ok $? "D and E hold the verification, D's conflict closed by E's decision"
done_testing
