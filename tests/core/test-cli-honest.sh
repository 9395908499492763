#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line says what is true: a checklist file survives import and
# export, and a read that fails is an error, not an empty answer. TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
seeds=${XJ_FUZZ_SEEDS:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0

ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

unset DISPLAY WAYLAND_DISPLAY

# The CSV fuzzer's minimised input: a guidance of one space.
t=$work/templates
id=$("$bin" --data-dir "$t" template import "$seeds/seeds-csv/one-space-guidance.csv"); ok $? "the one-space guidance file imports"
"$bin" --data-dir "$t" template export "$id" "$work/first.csv"; ok $? "and exports"
again=$("$bin" --data-dir "$t" template import "$work/first.csv"); ok $? "the export imports again"
"$bin" --data-dir "$t" template export "$again" "$work/second.csv"
cmp -s "$work/first.csv" "$work/second.csv"; ok $? "import, export, import, export: the same CSV"

# A photo list that cannot be read (a damaged answer_photos table).
d=$work/demo
"$bin" --data-dir "$d" demo >/dev/null; ok $? "demo"
id=$(sqlite3 "$d/xunjian.db" "SELECT a.inspection_id FROM answer_photos p JOIN answers a ON a.id = p.answer_id LIMIT 1")
"$bin" --data-dir "$d" inspection show "$id" --json >"$work/before.json"; ok $? "inspection show --json"
grep -q '"photos" : \[$' "$work/before.json"; ok $? "lists the photos"
sqlite3 "$d/xunjian.db" "ALTER TABLE answer_photos RENAME COLUMN position TO position_damaged"
"$bin" --data-dir "$d" inspection show "$id" --json >"$work/out" 2>"$work/err"
[ $? -ne 0 ]; ok $? "a photo read error fails the command"
[ ! -s "$work/out" ]; ok $? "and prints no JSON with empty photo lists"
grep -q 'position' "$work/err"; ok $? "and says what failed: $(cat "$work/err")"

echo "1..$n"
exit $failed
