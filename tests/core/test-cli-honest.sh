#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line says what is true: a checklist file survives import and
# export, a read that fails is an error, not an empty answer, and built-in
# checklists speak the language of the moment. TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
seeds=${XJ_FUZZ_SEEDS:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../common/tap.sh"

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

# Built-in checklists follow the language of the moment, not that of the
# folder's first start (this demo ran in English); text a user wrote stays.
zh () { LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN "$@"; }
"$bin" --data-dir "$d" template list --json >"$work/en.json"
grep -q '"name" : "Daily patrol"' "$work/en.json"; ok $? "an English folder lists the built-ins in English"
zh "$bin" --data-dir "$d" template list --json >"$work/zh.json"; ok $? "template list --json in Chinese"
grep -q '"name" : "日常巡视"' "$work/zh.json"; ok $? "lists the built-ins in Chinese"
! grep -q '"name" : "Daily patrol"' "$work/zh.json"; ok $? "and not in English"
zh "$bin" --data-dir "$d" inspection show "$id" --json >"$work/show.json"
python3 - "$work/show.json" <<'PY'; ok $? "inspection show --json in Chinese: built-in checklist name, sections and prompts"
import json, sys
shown = json.load(open(sys.argv[1]))
assert shown["template"] in ("日常巡视", "周检", "月检", "神秘顾客暗访：门店"), shown["template"]
prompts = [a["prompt"] for s in shown["sections"] for a in s["answers"]]
assert prompts and all(any("\u4e00" <= c <= "\u9fff" for c in p) for p in prompts), prompts
PY
zh "$bin" --data-dir "$d" report preview "$id" "$work/zh.pdf"; ok $? "report preview in Chinese"
prompt=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sections"][0]["answers"][0]["prompt"])' "$work/show.json")
pdftotext -enc UTF-8 "$work/zh.pdf" - | tr -d ' \n' | grep -qF "$(echo "$prompt" | tr -d ' ')" \
  && python3 -c 'import sys; assert any("\u4e00" <= c <= "\u9fff" for c in sys.argv[1])' "$prompt"; ok $? "the report prints the Chinese prompt ($prompt)"
english=$("$bin" --data-dir "$d" inspection show "$id" --json \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["sections"][0]["answers"][0]["prompt"])')
! pdftotext -enc UTF-8 "$work/zh.pdf" - | grep -qF "$english"; ok $? "and not the English one ($english)"
# A checklist of the user's own, made from the English export with one
# prompt rewritten: kept as written, in every language.
daily=$(python3 -c 'import json,sys; print([t["id"] for t in json.load(open(sys.argv[1])) if t["name"] == "Daily patrol"][0])' "$work/en.json")
"$bin" --data-dir "$d" template export "$daily" "$work/daily.csv"
sed 's/^Daily patrol,/Night patrol,/; s/No obvious litter in public areas/Litter picked up by the night shift/' "$work/daily.csv" >"$work/night.csv"
own=$("$bin" --data-dir "$d" template import "$work/night.csv"); ok $? "a user's checklist imports"
zh "$bin" --data-dir "$d" template export "$own" "$work/own.csv"
grep -q '^Night patrol,.*Litter picked up by the night shift' "$work/own.csv"; ok $? "in Chinese, the user's text stays as written"
zh "$bin" --data-dir "$d" template list --json | grep -q '"name" : "Night patrol"'; ok $? "and so does its name"
# A folder first opened in Chinese shows the built-ins in English to an
# English user.
zh "$bin" --data-dir "$work/zh-first" template list >/dev/null
"$bin" --data-dir "$work/zh-first" template list --json | grep -q '"name" : "Daily patrol"'; ok $? "a Chinese-first folder lists the built-ins in English to an English user"
"$bin" --data-dir "$d" inspection show "$id" --json >"$work/before.json"; ok $? "inspection show --json"
grep -q '"photos" : \[$' "$work/before.json"; ok $? "lists the photos"
sqlite3 "$d/xunjian.db" "ALTER TABLE answer_photos RENAME COLUMN position TO position_damaged"
"$bin" --data-dir "$d" inspection show "$id" --json >"$work/out" 2>"$work/err"
[ $? -ne 0 ]; ok $? "a photo read error fails the command"
[ ! -s "$work/out" ]; ok $? "and prints no JSON with empty photo lists"
grep -q 'position' "$work/err"; ok $? "and says what failed: $(cat "$work/err")"

echo "1..$n"
exit $failed
