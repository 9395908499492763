#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The headless command line, as a script or an administrator uses it. TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0

ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

# No display is needed for a command.
unset DISPLAY WAYLAND_DISPLAY

out=$("$bin" --version); ok $? "--version runs"
case $out in "xunjian "[0-9]*) r=0 ;; *) r=1 ;; esac; ok $r "--version prints the version"

d=$work/new
out=$("$bin" --data-dir "$d" site list --json); ok $? "site list --json on a new folder"
[ "$(echo "$out" | tr -d ' \n')" = "[]" ]; ok $? "prints []"
[ -f "$d/xunjian.db" ]; ok $? "creates the database"
mode=$(sqlite3 "$d/xunjian.db" "PRAGMA journal_mode")
[ "$mode" = wal ]; ok $? "database is in WAL mode ($mode)"
ver=$(sqlite3 "$d/xunjian.db" "PRAGMA user_version")
[ "$ver" -ge 1 ]; ok $? "user_version is set ($ver)"

XUNJIAN_DATA_DIR=$work/env "$bin" site list >/dev/null; ok $? "XUNJIAN_DATA_DIR is honoured"
[ -f "$work/env/xunjian.db" ]; ok $? "database made in XUNJIAN_DATA_DIR"

"$bin" --data-dir "$d" demo >/dev/null; ok $? "demo fills a new folder"
out=$("$bin" --data-dir "$d" site list --json)
echo "$out" | grep -q '"name" : "翠湖花园"'; ok $? "demo sites have Chinese names"
echo "$out" | grep -q '"id" : 1'; ok $? "site JSON carries ids"
"$bin" --data-dir "$d" demo >/dev/null 2>"$work/err"; [ $? -ne 0 ]; ok $? "demo refuses a folder with data"
[ "$(wc -l <"$work/err")" -eq 1 ]; ok $? "one line on stderr"

"$bin" --data-dir "$d" check >/dev/null; ok $? "check passes on a good database"

b=$work/bad
mkdir -p "$b"; printf 'not a database at all, just text\n' >"$b/xunjian.db"
cp "$b/xunjian.db" "$work/bad-copy"
"$bin" --data-dir "$b" site list 2>"$work/err"; [ $? -ne 0 ]; ok $? "a damaged file is refused"
[ "$(wc -l <"$work/err")" -eq 1 ]; ok $? "with one line on stderr"
grep -q "$b/xunjian.db" "$work/err"; ok $? "naming the file"
cmp -s "$b/xunjian.db" "$work/bad-copy"; ok $? "and leaving it unchanged"

out=$("$bin" --data-dir "$d" notice list --json); ok $? "notice list --json on demo data"
for state in draft issued acknowledged rectified verified closed; do
  echo "$out" | grep -qF "\"state\" : \"$state\""; ok $? "demo has a $state notice"
done
echo "$out" | grep -qF '"escalated" : true'; ok $? "demo has an escalated notice"
echo "$out" | grep -qF '"overdue" : true'; ok $? "demo has an overdue notice"

# The notice list on hand-made rows, in a folder of its own.
e=$work/notices
"$bin" --data-dir "$e" site list >/dev/null
sqlite3 "$e/xunjian.db" "INSERT INTO sites (name, created_at, updated_at) VALUES ('翠湖花园', 0, 0)"
out=$("$bin" --data-dir "$e" notice list --json); ok $? "notice list --json with no notices"
[ "$(echo "$out" | tr -d ' \n')" = "[]" ]; ok $? "prints []"
sqlite3 "$e/xunjian.db" "INSERT INTO notices (type, year, seq, number, site_id, state, severity,
  responsible_party, deadline, issued_at, issued_by, escalated, created_at, updated_at) VALUES
  ('rectification', 2026, 1, 'ZG-2026-0001', 1, 'issued', 'safety', 'property', 1700000000,
   1690000000, '李娜', 1, 0, 0),
  ('work_order', 2026, 1, 'PG-2026-0001', 1, 'acknowledged', 'normal', 'repair_crew', 4102444800,
   1690000000, '李娜', 0, 0, 0)"
out=$("$bin" --data-dir "$e" notice list --json); ok $? "notice list --json"
for key in '"number" : "ZG-2026-0001"' '"type" : "rectification"' '"state" : "issued"' \
           '"site" : "翠湖花园"' '"deadline" : "2023-11-15T06:13:20+08:00"' '"overdue" : true' \
           '"escalated" : true' '"severity" : "safety"' '"party" : "repair_crew"'; do
  echo "$out" | grep -qF "$key"; ok $? "notice JSON has $key"
done
out=$("$bin" --data-dir "$e" notice list --overdue --json)
[ "$(echo "$out" | grep -c '"number"')" -eq 1 ]; ok $? "--overdue lists only the overdue notice"
out=$("$bin" --data-dir "$e" notice list); ok $? "notice list as text"
echo "$out" | grep -q '^PG-2026-0001  Work order'; ok $? "text output is aligned in columns"
[ "$(echo "$out" | wc -l)" -eq 3 ]; ok $? "a header and one line per notice"
"$bin" --data-dir "$e" notice frobnicate 2>/dev/null; [ $? -ne 0 ]; ok $? "notice with a bad subcommand fails"

"$bin" --data-dir "$d" site frobnicate 2>/dev/null; [ $? -ne 0 ]; ok $? "an unknown subcommand fails"

echo "1..$n"
exit $failed
