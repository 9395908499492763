#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The headless command line, as a script or an administrator uses it. TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../common/tap.sh"

# No display is needed for a command.
unset DISPLAY WAYLAND_DISPLAY

# The command links no GTK (issue 13: a headless command such as `sync`
# must not pay for loading it); the application is its own executable.
ldd "$bin" >"$work/ldd"; ok $? "ldd reads the command"
! grep -Eq 'libgtk|libgdk|libadwaita' "$work/ldd"; ok $? "the command links no GTK and no libadwaita"
! grep -q 'libheif' "$work/ldd"; ok $? "nor libheif (opened at the first HEIF photo)"
[ -x "$(dirname "$bin")/xunjian-app" ]; ok $? "the application, xunjian-app, is built next to it"
ldd "$(dirname "$bin")/xunjian-app" | grep -q 'libadwaita'; ok $? "xunjian-app links libadwaita"
# Away from the build tree the command looks for the application in
# libexecdir: where it is not installed, one line says so.
cp "$bin" "$work/xunjian"
"$work/xunjian" --data-dir "$work/none" >/dev/null 2>"$work/err"; [ $? -eq 1 ]; ok $? "no application to start: exit status 1"
grep -q '^xunjian: .*xunjian-app' "$work/err" && [ "$(wc -l <"$work/err")" -eq 1 ]
ok $? "one line naming xunjian-app"
[ ! -e "$work/none" ]; ok $? "and no data folder made"
rm -f "$work/xunjian"

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

# The notice PDF as the notice is, at every state, exported by its number.
q () { sqlite3 "$d/xunjian.db" "$1"; }
for state in draft issued acknowledged rectified verified closed; do
  num=$(q "SELECT number FROM notices n WHERE state = '$state' ORDER BY (SELECT count(*)
           FROM notice_findings f WHERE f.notice_id = n.id) DESC, id LIMIT 1")
  "$bin" --data-dir "$d" notice export "$num" "$work/$state.pdf"; ok $? "notice export $num ($state) by number"
  pdftotext -layout -enc UTF-8 "$work/$state.pdf" "$work/$state.txt"
  q "SELECT f.rowid, t.prompt FROM notices n JOIN notice_findings f ON f.notice_id = n.id
     JOIN answers a ON a.id = f.answer_id JOIN template_items t ON t.id = a.item_id
     WHERE n.number = '$num' ORDER BY a.id" | cut -d'|' -f2 | awk '{ print NR " " $0 }' >"$work/$state.want"
  grep -E '^ *[0-9]+ {2,}[^ ]' "$work/$state.txt" | sed -E 's/^ *([0-9]+) +/\1 /; s/ {3,}.*$//' >"$work/$state.got"
  cmp -s "$work/$state.want" "$work/$state.got"; ok $? "$num: findings numbered 1..$(wc -l <"$work/$state.want") as the notice's"
  photos=$(q "SELECT count(*) FROM notice_photos p JOIN notices n ON n.id = p.notice_id
              WHERE n.number = '$num' AND (p.phase = 'before' OR n.state IN ('rectified', 'verified', 'closed'))")
  [ "$(pdfimages -list "$work/$state.pdf" | tail -n +3 | wc -l)" -ge "$photos" ]; ok $? "$num: its $photos photos printed"
  # Each before-photo says which numbered finding it shows (issue 12: three
  # findings and three photos, and nothing said which was which).
  shown=$(q "SELECT count(*) FROM notice_photos p JOIN notices n ON n.id = p.notice_id
             WHERE n.number = '$num' AND p.phase = 'before' AND EXISTS (SELECT 1
             FROM notice_findings f JOIN answer_photos a ON a.answer_id = f.answer_id
             WHERE f.notice_id = n.id AND a.sha256 = p.sha256)")
  [ "$(grep -oE 'Finding [0-9]+' "$work/$state.txt" | wc -l)" -eq "$shown" ] && [ "$shown" -gt 0 ]
  ok $? "$num: its $shown finding photos captioned with their finding's number"
  if [ "$state" != draft ]; then
    grep -qE "Name +$(q "SELECT issued_by FROM notices WHERE number = '$num'")" "$work/$state.txt"
    ok $? "$num: the issuer is named"
  fi
  case $state in rectified|verified|closed) r=0 ;; *) r=1 ;; esac
  grep -q "What was done" "$work/$state.txt"; [ $? = $r ]; ok $? "$num: the rectification printed only once done"
  case $state in verified|closed) r=0 ;; *) r=1 ;; esac
  grep -qx "Verification" "$work/$state.txt"; [ $? = $r ]; ok $? "$num: the verification printed only once done"
  case $state in closed) r=0 ;; *) r=1 ;; esac
  grep -q "Closed out" "$work/$state.txt"; [ $? = $r ]; ok $? "$num: the closing out printed only once done"
done
grep -qF "$(q "SELECT rectification_remark FROM notices WHERE state = 'closed' LIMIT 1")" "$work/closed.txt"
ok $? "a closed notice prints what was done"
grep -q "After rectification" "$work/closed.txt"; ok $? "with the after-photos beside the before"
# In Chinese, the three stages say when, alike (验收 was the heading's word).
num=$(q "SELECT number FROM notices WHERE state = 'closed' LIMIT 1")
LANG=zh_CN.UTF-8 LANGUAGE=zh_CN "$bin" --data-dir "$d" notice export "$num" "$work/closed-zh.pdf"
pdftotext -layout -enc UTF-8 "$work/closed-zh.pdf" - | grep -E "^ *(整改|验收|结案)时间 " | wc -l >"$work/times"
[ "$(cat "$work/times")" = 3 ]; ok $? "$num in Chinese: 整改时间, 验收时间 and 结案时间"
"$bin" --data-dir "$d" notice export zg-2026-0001 "$work/lower.pdf"; ok $? "a number in lower case is found"
"$bin" --data-dir "$d" notice export ZG-2026-9999 "$work/none.pdf" 2>"$work/err"; [ $? -ne 0 ]
ok $? "an unknown number fails"
grep -q "ZG-2026-9999" "$work/err"; ok $? "naming the number"
# `site show` in words: the site, then its history, each event at its local minute.
out=$("$bin" --data-dir "$d" site show 1); ok $? "site show"
at=$(q "SELECT strftime('%Y-%m-%d %H:%M', at, 'unixepoch', 'localtime') FROM audit_log
        WHERE entity = 'site' AND entity_id = 1 AND action = 'create'")
echo "$out" | grep -qP "^\Q$at\E\tdemo\tcreate\t$(q "SELECT name FROM sites WHERE id = 1")\$"
ok $? "its history says when it was created ($at), by whom and what"

# A photo row whose files are gone: the check names it and fails.
sha=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
sqlite3 "$d/xunjian.db" "INSERT INTO photos (sha256, bytes, mime, width, height, imported_at)
  VALUES ('$sha', 10, 'image/jpeg', 4, 3, 1)"
out=$("$bin" --data-dir "$d" check 2>"$work/err"); [ $? -ne 0 ]; ok $? "check fails on a missing photo"
echo "$out" | grep -q "$sha"; ok $? "naming the photo"
[ "$(wc -l <"$work/err")" -eq 1 ]; ok $? "with one line on stderr"
sqlite3 "$d/xunjian.db" "DELETE FROM photos WHERE sha256 = '$sha'"

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
nid=$(sqlite3 "$e/xunjian.db" "SELECT id FROM notices WHERE number = 'ZG-2026-0001'")
"$bin" --data-dir "$e" notice export "$nid" "$work/n.pdf" --organisation 华信物业; ok $? "notice export"
pdftotext -enc UTF-8 "$work/n.pdf" - | grep -q "ZG-2026-0001"; ok $? "the notice PDF carries its number"
"$bin" --data-dir "$e" notice export 999 "$work/n2.pdf" 2>"$work/err"; [ $? -ne 0 ]; ok $? "notice export of a missing notice fails"
[ "$(wc -l <"$work/err")" -eq 1 ] && [ ! -e "$work/n2.pdf" ]; ok $? "with one line and no file"

# The large demo for benchmarks: schedules followed for years, with gaps.
h=$work/history
"$bin" --data-dir "$h" demo --sites 3 --years 1 >/dev/null; ok $? "demo --sites 3 --years 1"
count=$(sqlite3 "$h/xunjian.db" "SELECT count(*) FROM inspections WHERE schedule_id IS NOT NULL AND state = 'completed'")
[ "$count" -gt 500 ]; ok $? "a year of scheduled inspections ($count)"
count=$(sqlite3 "$h/xunjian.db" "SELECT count(*) FROM answers")
[ "$count" -gt 5000 ]; ok $? "with every answer ($count)"
"$bin" --data-dir "$h" check >/dev/null; ok $? "and an intact database"
"$bin" --data-dir "$h" demo --years 0 2>/dev/null; [ $? -ne 0 ]; ok $? "--years 0 is refused"

# inspection show --json carries enough to recompute the score by the rule.
sid=$(sqlite3 "$d/xunjian.db" "SELECT id FROM inspections WHERE state <> 'draft' AND score IS NOT NULL ORDER BY id LIMIT 1")
"$bin" --data-dir "$d" inspection show "$sid" --json >"$work/show.json"; ok $? "inspection show --json"
python3 - "$work/show.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
for key in ("id", "site", "template", "kind", "state", "score", "grade", "photos",
            "critical_failed", "failure_index", "sections"):
    assert key in doc, key
earned = possible = failure_index = 0.0
critical = False
for section in doc["sections"]:
    for a in section["answers"]:
        for key in ("item_id", "prompt", "type", "value", "outcome", "weight",
                    "failure_weight", "critical", "remark", "photos"):
            assert key in a, key
        if a["outcome"] in ("pass", "fail"):
            earned += a["weight"] * a["earned"]
            possible += a["weight"]
        if a["outcome"] == "fail":
            failure_index += a["failure_weight"]
            critical = critical or a["critical"]
score = 100.0 * earned / possible
assert abs(score - doc["score"]) < 0.051, (score, doc["score"])
assert abs(failure_index - doc["failure_index"]) < 1e-9
assert critical == doc["critical_failed"]
PY
ok $? "the score recomputed from the JSON by the rule matches"
"$bin" --data-dir "$d" inspection show 999999 --json 2>"$work/err"; [ $? -ne 0 ]; ok $? "inspection show of a missing inspection fails"
[ "$(wc -l <"$work/err")" -eq 1 ]; ok $? "with one line"
out=$("$bin" --data-dir "$d" inspection list --json)
echo "$out" | python3 -c 'import json,sys; l=json.load(sys.stdin); assert l and all(k in l[0] for k in ("id","site","template","kind","state","score","grade","photos"))'
ok $? "inspection list --json has the promised keys"

# Signed reports: the demo signs and archives inspections.
id=$(sqlite3 "$d/xunjian.db" "SELECT inspection_id FROM reports ORDER BY id LIMIT 1")
[ -n "$id" ]; ok $? "demo signed and archived inspections"
"$bin" --data-dir "$d" report export "$id" "$work/r.pdf"; ok $? "report export of a signed inspection"
out=$("$bin" --data-dir "$d" report verify "$work/r.pdf"); ok $? "report verify of the export: intact"
echo "$out" | grep -q "^Intact: signed by 张伟"; ok $? "saying who signed (the data folder keeps 张伟's certificate)"
pdfsig "$work/r.pdf" | grep -q "Signature is Valid"; ok $? "pdfsig agrees"
"$bin" --data-dir "$work/elsewhere" report verify "$work/r.pdf" >/dev/null 2>"$work/err"
[ $? -eq 2 ]; ok $? "where no one keeps the certificate: intact but unknown signer, exit 2"
grep -q "valid, but by an unknown certificate (fingerprint [0-9A-F:]*)" "$work/err" && ! grep -q "张伟" "$work/err"
ok $? "naming the fingerprint, never the name in the certificate"

# Changed inside /Contents (outside the signed bytes): the certificate's
# name, or the zero padding after the signature.
set -- $(grep -ao '/ByteRange \[[0-9 ]*\]' "$work/r.pdf" | tail -1 | tr -d '/ByteRange[]')
hole_end=$3
cp "$work/r.pdf" "$work/forged.pdf"
at=$(grep -abo 'E5BCA0E4BC9F' "$work/forged.pdf" | sed -n 2p | cut -d: -f1)  # 张伟, the subject
printf '1' | dd of="$work/forged.pdf" bs=1 seek=$((at + 5)) conv=notrunc 2>/dev/null  # 弡伟
"$bin" --data-dir "$d" report verify "$work/forged.pdf" >"$work/out" 2>"$work/err"; [ $? -eq 1 ]
ok $? "a changed name in the embedded certificate: report verify refuses (exit 1)"
grep -q "certificate was altered" "$work/err" && ! grep -q "弡伟" "$work/err" "$work/out"
ok $? "saying the certificate was altered, never naming 弡伟"
"$bin" --data-dir "$work/elsewhere" report verify "$work/forged.pdf" >/dev/null 2>&1; [ $? -ne 0 ]
ok $? "and refused elsewhere too"
cp "$work/r.pdf" "$work/issuer.pdf"
at=$(grep -abo 'E5BCA0E4BC9F' "$work/issuer.pdf" | sed -n 1p | cut -d: -f1)  # 张伟, the issuer
printf '1' | dd of="$work/issuer.pdf" bs=1 seek=$((at + 5)) conv=notrunc 2>/dev/null
"$bin" --data-dir "$d" report verify "$work/issuer.pdf" >/dev/null 2>"$work/err"; [ $? -eq 1 ]
ok $? "a changed issuer name in the embedded certificate: refused too (exit 1)"
cp "$work/r.pdf" "$work/padded.pdf"
printf '1' | dd of="$work/padded.pdf" bs=1 seek=$((hole_end - 2)) conv=notrunc 2>/dev/null
"$bin" --data-dir "$d" report verify "$work/padded.pdf" >/dev/null 2>"$work/err"; [ $? -eq 1 ]
ok $? "a digit changed in the zero padding of /Contents: report verify refuses (exit 1)"
grep -q "signature field was changed" "$work/err"; ok $? "saying the signature field was changed"
draft=$(sqlite3 "$d/xunjian.db" "SELECT id FROM inspections WHERE state = 'draft' LIMIT 1")
"$bin" --data-dir "$d" report export "$draft" "$work/d.pdf" 2>"$work/err"; [ $? -ne 0 ]
ok $? "report export of an unsigned inspection is refused"
[ "$(wc -l <"$work/err")" -eq 1 ] && grep -q "is not signed" "$work/err"; ok $? "with one line saying why"
[ ! -e "$work/d.pdf" ]; ok $? "and no file written"
"$bin" --data-dir "$d" report preview "$draft" "$work/preview.pdf"; ok $? "report preview of a draft"
pdftotext "$work/preview.pdf" - | grep -q "PREVIEW · NOT SIGNED"; ok $? "marked as a preview"
pdfsig "$work/preview.pdf" 2>&1 | grep -q "does not contain any signatures"; ok $? "and not signed"
state=$(sqlite3 "$d/xunjian.db" "SELECT state FROM inspections WHERE id = $draft")
[ "$state" = draft ]; ok $? "the draft stays a draft ($state)"
"$bin" --data-dir "$d" report preview 99999 "$work/none.pdf" 2>/dev/null; [ $? -ne 0 ]
ok $? "report preview of an unknown inspection fails"
at=2000  # in the first page, before the signature
byte=$(dd if="$work/r.pdf" bs=1 skip=$at count=1 2>/dev/null | od -An -tu1 | tr -d ' ')
if [ "$byte" = 65 ]; then new=B; else new=A; fi
printf '%s' "$new" | dd of="$work/r.pdf" bs=1 seek=$at conv=notrunc 2>/dev/null
"$bin" --data-dir "$d" report verify "$work/r.pdf" >/dev/null 2>"$work/err"; [ $? -eq 1 ]; ok $? "one changed byte: report verify fails"
[ "$(wc -l <"$work/err")" -eq 1 ] && grep -q "the digest does not match" "$work/err"
ok $? "with one line: the digest does not match"
pdfsig "$work/r.pdf" | grep -q "Digest Mismatch"; ok $? "pdfsig says the digest does not match"
"$bin" report verify "$work/missing.pdf" 2>/dev/null; [ $? -ne 0 ]; ok $? "report verify of a missing file fails"

"$bin" --data-dir "$d" site frobnicate 2>/dev/null; [ $? -ne 0 ]; ok $? "an unknown subcommand fails"
# A mistyped command is said to be one, headless, and touches nothing; help
# lists every command, in the user's language.
DISPLAY= "$bin" --data-dir "$work/typo" stie list >"$work/out" 2>"$work/err"; [ $? -eq 2 ]
ok $? "a word that is not a command exits 2 (not the application)"
[ "$(cat "$work/err")" = "xunjian: “stie” is not a command; \`xunjian help\` lists them." ] && [ ! -s "$work/out" ]
ok $? "saying so in one line"
[ ! -e "$work/typo" ]; ok $? "and creating no data folder"
out=$(DISPLAY= "$bin" --data-dir "$work/typo" help); ok $? "xunjian help"
for word in check conflicts demo export inspection notice report server site sync team template; do
  echo "$out" | grep -q "^  $word  *[A-Z]" || { echo "# $word missing from help"; false; }
done; ok $? "help names every command with what it is for"
[ ! -e "$work/typo" ]; ok $? "help creates no data folder"
LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 "$bin" help | grep -q "^  sync        将本机与团队归档同步$"
ok $? "help in Chinese for a Chinese user"

# Checklist templates.
t=$work/templates
out=$("$bin" --data-dir "$t" template list --json); ok $? "template list --json"
[ "$(echo "$out" | grep -c '"builtin" : true')" -eq 6 ]; ok $? "six built-in checklists installed on first use"
for key in '"id"' '"name"' '"version"' '"items"'; do
  echo "$out" | grep -q "$key :"; ok $? "template JSON carries $key"
done
out=$(LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 "$bin" --data-dir "$work/zh" template list)
echo "$out" | grep -q "日常巡视"; ok $? "built-ins are installed in Chinese for a Chinese user"
# Built-ins in the order of their kinds, those of one kind by the names read
# (服务 fu before 神秘 shen in Chinese, "Mystery" before "Service" in English).
[ "$(echo "$out" | cut -f2 | tr '\n' ' ')" = "日常巡视 周检 月检 服务窗口暗访 神秘顾客暗访：门店 神秘来电 " ]
ok $? "Chinese built-ins: daily, weekly, monthly, then visits by pinyin, then the call"
[ "$(LANGUAGE=en LC_ALL=C.UTF-8 "$bin" --data-dir "$work/zh" template list | cut -f2 | tr '\n' '|')" = \
  "Daily patrol|Weekly check|Monthly check|Mystery visit: store|Service-desk visit|Mystery call|" ]
ok $? "the same data folder in English: the same kinds' order, visits by English name"
"$bin" --data-dir "$t" template export 2 "$work/monthly.csv"; ok $? "template export to CSV"
bom=$(printf '\357\273\277')
head -1 "$work/monthly.csv" | grep -q "^${bom}template,section,key,prompt"; ok $? "CSV has a UTF-8 byte-order mark and the documented header"
"$bin" --data-dir "$t" template export 2 "$work/monthly.json"; ok $? "template export to JSON"
grep -q '"format_version" : 1' "$work/monthly.json"; ok $? "JSON carries format_version"
id=$("$bin" --data-dir "$t" template import "$work/monthly.csv"); ok $? "template import prints an ID"
[ "$id" = 7 ]; ok $? "the new template's ID is 7 ($id)"
"$bin" --data-dir "$t" template export "$id" "$work/again.csv"
cmp -s "$work/monthly.csv" "$work/again.csv"; ok $? "export, import, export gives the same CSV"
printf 'section,prompt,type\n保洁,地面,checkbox\n' >"$work/bad.csv"
"$bin" --data-dir "$t" template import "$work/bad.csv" 2>"$work/err"; [ $? -ne 0 ]; ok $? "a bad file is refused"
[ "$(wc -l <"$work/err")" -eq 1 ]; ok $? "with one line on stderr"
grep -q 'bad.csv:2: type: “checkbox”' "$work/err"; ok $? "naming the file, line, column and value"
count=$("$bin" --data-dir "$t" template list | wc -l)
[ "$count" -eq 7 ]; ok $? "and importing nothing ($count templates)"
"$bin" --data-dir "$t" template export 99 "$work/x.json" 2>/dev/null; [ $? -ne 0 ]; ok $? "exporting an unknown ID fails"

# Opening reads only.  A copy of the demo database, as the app leaves it.
o=$work/open
mkdir -p "$o"
sqlite3 "$d/xunjian.db" ".backup '$o/xunjian.db'" && sqlite3 "$o/xunjian.db" "PRAGMA journal_mode = WAL" >/dev/null
ok $? "a copy of the demo database"
sums () { sha256sum "$1" | cut -d' ' -f1; }
ms () { echo $(( $(date +%s%N) / 1000000 )); }

# Another program's database, unstamped, in the data folder: refused untouched.
f=$work/foreign
mkdir -p "$f"
sqlite3 "$f/xunjian.db" "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('李雷')"
before=$(sums "$f/xunjian.db")
"$bin" --data-dir "$f" site list >/dev/null 2>"$work/err"; [ $? -ne 0 ]; ok $? "a foreign database (application_id 0) is refused"
[ "$(wc -l <"$work/err")" -eq 1 ]; ok $? "with one line on stderr"
grep -q "$f/xunjian.db" "$work/err" && grep -q "another program" "$work/err" && grep -q -- "--data-dir" "$work/err"
ok $? "naming the file, what it is and what to do"
[ "$(sums "$f/xunjian.db")" = "$before" ]; ok $? "the foreign file is byte for byte unchanged"
[ ! -e "$f/xunjian.db-wal" ] && [ ! -e "$f/xunjian.db-shm" ]; ok $? "and no journal was started beside it"
[ "$(sqlite3 "$f/xunjian.db" "PRAGMA application_id; SELECT count(*) FROM sqlite_schema")" = "0
1" ]; ok $? "no id stamped, no tables added"
sqlite3 "$f/xunjian.db" "PRAGMA application_id = 42"
"$bin" --data-dir "$f" site list >/dev/null 2>"$work/err"; [ $? -ne 0 ]; ok $? "a database stamped by another program is refused"

# Another process holds the write lock: reading commands answer at once.
# Each is first timed without the lock, at the same moment: on a loaded
# machine (the sanitizers, other tests) a command may take seconds either
# way; waiting for the lock (5 s) is what must not happen.
for cmd in "site list" "inspection list" "notice list" "template list"; do
  t0=$(ms)
  # shellcheck disable=SC2086
  "$bin" --data-dir "$o" $cmd >/dev/null 2>&1
  eval "unlocked_$(echo "$cmd" | tr ' ' _)=$(( $(ms) - t0 ))"
done
rm -f "$work/locked"
python3 - "$o/xunjian.db" "$work/locked" <<'PY' &
import sqlite3, sys, time, os
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT INTO frequent_remarks (text, last_used) VALUES ('held', 1)")
open(sys.argv[2], "w").close()
while os.path.exists(sys.argv[2]):
    time.sleep(0.05)
db.execute("ROLLBACK")
PY
holder=$!
for i in $(seq 100); do [ -e "$work/locked" ] && break; sleep 0.1; done
[ -e "$work/locked" ]; ok $? "another process holds the write lock"
for cmd in "site list" "inspection list" "notice list" "template list"; do
  t0=$(ms)
  # shellcheck disable=SC2086
  "$bin" --data-dir "$o" $cmd >"$work/out" 2>"$work/err"; r=$?
  took=$(( $(ms) - t0 ))
  unlocked=$(eval echo "\$unlocked_$(echo "$cmd" | tr ' ' _)")
  [ $r = 0 ] && [ -s "$work/out" ]; ok $? "$cmd works while the database is locked"
  [ "$took" -lt $(( unlocked > 2000 ? unlocked + 2000 : 2000 )) ]
  ok $? "$cmd answers within 2 s ($took ms; $unlocked ms without the lock)"
done
# A change has to wait for the lock, and says why it could not.
"$bin" --data-dir "$o" template import "$work/monthly.csv" >/dev/null 2>"$work/err"; [ $? -ne 0 ]
ok $? "a change while another program holds the lock fails"
grep -q "another program" "$work/err" && ! grep -q "damaged" "$work/err"; ok $? "saying another program is busy with the database: $(cat "$work/err")"
rm -f "$work/locked"; wait $holder

# A damaged database is refused and left exactly as it was.
x=$work/damaged
mkdir -p "$x"
sqlite3 "$o/xunjian.db" ".backup '$x/xunjian.db'"
size=$(stat -c %s "$x/xunjian.db")
dd if=/dev/urandom of="$x/xunjian.db" bs=4096 seek=$((size / 4096 / 2)) count=8 conv=notrunc 2>/dev/null
before=$(sums "$x/xunjian.db")
"$bin" --data-dir "$x" site list >/dev/null 2>"$work/err"; [ $? -ne 0 ]; ok $? "a damaged database is refused"
grep -q "damaged" "$work/err" && grep -q "backup" "$work/err"; ok $? "said to be damaged, with the backups to restore"
[ "$(sums "$x/xunjian.db")" = "$before" ]; ok $? "the damaged file is byte for byte unchanged"

# A database this user may only read: reading commands work, a change is
# refused for what it is (permissions), never called damage.  Tests run as
# root, whom file modes do not stop: the commands then run as nobody.
r=$work/readonly
mkdir -p "$r"
cp "$o/xunjian.db" "$r/xunjian.db"
cp "$work/monthly.csv" "$r/monthly.csv"
chmod 755 "$work" "$r"; chmod 644 "$r/xunjian.db" "$r/monthly.csv"
if [ "$(id -u)" = 0 ]; then as_reader () { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else chmod 555 "$r"; chmod 444 "$r/xunjian.db"; as_reader () { "$@"; }; fi
before=$(sums "$r/xunjian.db")
as_reader "$bin" --data-dir "$r" site list >"$work/out" 2>"$work/err"; ok $? "site list on a read-only database"
grep -q "翠湖花园" "$work/out"; ok $? "lists the sites"
as_reader "$bin" --data-dir "$r" inspection list >/dev/null 2>&1; ok $? "inspection list on a read-only database"
as_reader "$bin" --data-dir "$r" template import "$r/monthly.csv" >/dev/null 2>"$work/err"; [ $? -ne 0 ]
ok $? "a change to a read-only database fails"
grep -q "may not write" "$work/err" && ! grep -q "damaged" "$work/err"; ok $? "saying it is about permissions, not damage: $(cat "$work/err")"
[ "$(sums "$r/xunjian.db")" = "$before" ] && [ ! -e "$r/xunjian.db-wal" ]; ok $? "the read-only file is unchanged"
# An older database in a folder this user may not write: it needs an upgrade.
u=$work/old-readonly
mkdir -p "$u"; cp "$(dirname "$0")/../fixtures/xunjian-v1.db" "$u/xunjian.db"; chmod 755 "$u"; chmod 644 "$u/xunjian.db"
[ "$(id -u)" = 0 ] || { chmod 555 "$u"; chmod 444 "$u/xunjian.db"; }
as_reader "$bin" --data-dir "$u" site list >/dev/null 2>"$work/err"; [ $? -ne 0 ]; ok $? "an older database that cannot be upgraded here is refused"
grep -q "may not write" "$work/err" && ! grep -q "damaged" "$work/err"; ok $? "for lack of permission, not as damaged"
chmod -R u+w "$r" "$u"

# A full disk while an older database is upgraded: said to be full, never
# damaged.  The disk is a real, small file system, mounted in a namespace of
# our own (unshare works for an unprivileged user too).
z=$work/full
mkdir -p "$z"
fixture_v1=$(dirname "$0")/../fixtures/xunjian-v1.db
unshare -rm sh -c "mount -t tmpfs -o size=300k tmpfs '$z' && cp '$fixture_v1' '$z/xunjian.db' && '$bin' --data-dir '$z' site list" >/dev/null 2>"$work/err"
[ $? -ne 0 ]; ok $? "an upgrade on a full disk fails"
grep -q "is full" "$work/err" && ! grep -q "damaged" "$work/err" && ! grep -q "backup" "$work/err"
ok $? "saying the disk is full, not that the database is damaged: $(cat "$work/err")"

echo "1..$n"
exit $failed
