#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Identities and locks on the real binary's database (schema v4): ids never
# handed out twice, a signed inspection's report and photos locked against
# plain SQL, `check` comparing every archived PDF with its recorded hash and
# removing what a killed signing left, and `demo` all or nothing. TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
fixtures=${1:?the fixtures folder}
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work"; rm -rf "$work"' EXIT
. "$(dirname "$0")/../common/tap.sh"

unset DISPLAY WAYLAND_DISPLAY

d=$work/demo
"$bin" --data-dir "$d" demo >/dev/null; ok $? "demo fills a new folder"
q () { sqlite3 "$d/xunjian.db" "$1"; }
refused () { sqlite3 "$d/xunjian.db" "$1" 2>"$work/sqlerr"; [ $? -ne 0 ] && grep -q "signed and locked" "$work/sqlerr"; }

[ "$(q "PRAGMA user_version")" -ge 4 ]; ok $? "the database is at version 4 or later"
for table in sites templates template_versions schedules inspections answers answer_photos \
             notices notice_photos notice_events signatures reports; do
  [ "$(q "SELECT count(*) - count(DISTINCT uuid) + (SELECT count(*) FROM $table WHERE length(uuid) <> 36)
          FROM $table")" = 0 ] && [ "$(q "SELECT count(*) FROM $table")" -gt 0 ]
  ok $? "every $table row has its own UUID"
done

# A discarded notice: the newest draft deleted as the notices page does it,
# the next notice does not get its id, nor the audit trail filed under it.
last=$(q "SELECT max(id) FROM notices")
q "INSERT INTO audit_log (at, actor, entity, entity_id, action, detail)
   VALUES (1, '李娜', 'notice', $last, 'discard', 'test');
   DELETE FROM notice_findings WHERE notice_id = $last; DELETE FROM notice_photos WHERE notice_id = $last;
   DELETE FROM notices WHERE id = $last"
q "INSERT INTO notices (type, year, seq, number, site_id, created_at, updated_at)
   VALUES ('contact', 2031, 1, 'LX-2031-0001', 1, 0, 0)"
next=$(q "SELECT id FROM notices WHERE number = 'LX-2031-0001'")
[ "$next" -gt "$last" ]; ok $? "the next notice gets a new id ($next after $last)"
[ "$(q "SELECT count(*) FROM audit_log WHERE entity = 'notice' AND entity_id = $next")" = 0 ]
ok $? "and no history of the discarded one"

# Signed means locked: the report row of an archived inspection.
rid=$(q "SELECT min(id) FROM reports"); other=$(q "SELECT max(id) FROM reports")
iid=$(q "SELECT inspection_id FROM reports WHERE id = $rid")
want=$(q "SELECT sha256 FROM reports WHERE id = $rid")
refused "UPDATE reports SET path = (SELECT path FROM reports WHERE id = $other),
         sha256 = (SELECT sha256 FROM reports WHERE id = $other) WHERE id = $rid"
ok $? "another report's PDF and hash cannot be swapped in"
refused "DELETE FROM reports WHERE id = $rid"; ok $? "an archived inspection's report row cannot be deleted"
"$bin" --data-dir "$d" report export "$iid" "$work/r.pdf"; ok $? "report export still works"
[ "$(sha256sum "$work/r.pdf" | cut -d' ' -f1)" = "$want" ]; ok $? "handing out the report that was signed"

# ... and the photos its answers show: a completed inspection with a photo,
# then signed.
cid=$(q "SELECT id FROM inspections WHERE state = 'completed' ORDER BY id LIMIT 1")
sha=00000000000000000000000000000000000000000000000000000000000000aa
q "INSERT INTO photos (sha256, bytes, mime, width, height, imported_at, camera)
   VALUES ('$sha', 10, 'image/jpeg', 4, 3, 1, 'Canon');
   INSERT INTO answer_photos (answer_id, sha256, caption, added_at)
   VALUES ((SELECT min(id) FROM answers WHERE inspection_id = $cid), '$sha', '地面积水', 1);
   UPDATE inspections SET state = 'signed', signed_at = 2 WHERE id = $cid"
[ "$(q "SELECT state FROM inspections WHERE id = $cid")" = signed ]; ok $? "a signed inspection with a photo"
refused "UPDATE photos SET camera = 'Nikon', taken_at = 5 WHERE sha256 = '$sha'"
ok $? "its photo's details cannot be changed"
refused "DELETE FROM photos WHERE sha256 = '$sha'"; ok $? "nor the photo deleted"
refused "UPDATE answer_photos SET caption = '已整改' WHERE sha256 = '$sha'"; ok $? "nor its caption"
refused "UPDATE answer_photos SET annotation = '[]' WHERE sha256 = '$sha'"; ok $? "nor its annotation"
refused "DELETE FROM answer_photos WHERE sha256 = '$sha'"; ok $? "nor the link"
[ "$(q "SELECT camera || caption FROM photos JOIN answer_photos USING (sha256) WHERE sha256 = '$sha'")" = "Canon地面积水" ]
ok $? "all as they were"
q "INSERT INTO photos (sha256, bytes, mime, width, height, imported_at)
   VALUES ('${sha%aa}bb', 10, 'image/jpeg', 4, 3, 1);
   UPDATE photos SET camera = 'Nikon' WHERE sha256 = '${sha%aa}bb';
   DELETE FROM photos WHERE sha256 = '${sha%aa}bb'"
ok $? "a photo no signed inspection shows can still change"

# check: every archived PDF against the hash recorded when it was signed.
d2=$work/check
"$bin" --data-dir "$d2" demo >/dev/null
out=$("$bin" --data-dir "$d2" check); ok $? "check passes on the demo"
echo "$out" | grep -q "Archive: every one of [0-9]* signed reports intact"; ok $? "saying the archive is intact"
path=$(sqlite3 "$d2/xunjian.db" "SELECT path FROM reports ORDER BY id LIMIT 1")
number=$(sqlite3 "$d2/xunjian.db" "SELECT number FROM reports ORDER BY id LIMIT 1")
cp "$d2/$path" "$work/kept.pdf"
printf 'X' | dd of="$d2/$path" bs=1 seek=1000 conv=notrunc 2>/dev/null
out=$("$bin" --data-dir "$d2" check 2>"$work/err"); [ $? -ne 0 ]; ok $? "an archived PDF with one byte changed: check fails"
echo "$out" | grep -F "$number" | grep -qF "$d2/$path"; ok $? "naming the report and its file"
[ "$(wc -l <"$work/err")" -eq 1 ]; ok $? "with one line on stderr"
cp "$work/kept.pdf" "$d2/$path"
rm "$d2/$path"
out=$("$bin" --data-dir "$d2" check 2>/dev/null); [ $? -ne 0 ]; ok $? "an archived PDF gone: check fails"
echo "$out" | grep -qF "$number"; ok $? "naming it"
cp "$work/kept.pdf" "$d2/$path"

# A signing killed mid-write leaves a temporary file beside the report.
folder=$(dirname "$d2/$path")
: >"$folder/.XJ-2026-009999.pdf.Ab12Cd"
touch -d '2 hours ago' "$folder/.XJ-2026-009999.pdf.Ab12Cd"
: >"$folder/.XJ-2026-009998.pdf.Ef34Gh"   # a signing still running
out=$("$bin" --data-dir "$d2" check); ok $? "check passes with a leftover temporary file"
[ ! -e "$folder/.XJ-2026-009999.pdf.Ab12Cd" ]; ok $? "which it removed"
echo "$out" | grep -q "Removed .*XJ-2026-009999.pdf.Ab12Cd"; ok $? "saying so"
[ -e "$folder/.XJ-2026-009998.pdf.Ef34Gh" ]; ok $? "a fresh one (a signing still running) is left alone"

# demo is all or nothing: a photo that is not one fails it half way (after
# the sites and schedules), and nothing of it stays.
mkdir -p "$work/badphotos"; printf 'not a photo\n' >"$work/badphotos/门厅.jpg"
f=$work/failing
"$bin" --data-dir "$f" demo --photos "$work/badphotos" >/dev/null 2>"$work/err"; [ $? -ne 0 ]
ok $? "demo with a photo that is not one fails"
[ ! -e "$f" ]; ok $? "leaving no data folder"
[ -z "$(ls -d "$f".* 2>/dev/null)" ]; ok $? "and nothing beside it"
[ "$(wc -l <"$work/err")" -eq 1 ] && grep -q "门厅.jpg" "$work/err"; ok $? "with one line naming the file"
e=$work/empty
"$bin" --data-dir "$e" site list >/dev/null
sqlite3 "$e/xunjian.db" .dump >"$work/empty-before.sql"
"$bin" --data-dir "$e" demo --photos "$work/badphotos" >/dev/null 2>&1; [ $? -ne 0 ]
ok $? "into a folder with an empty database: fails too"
sqlite3 "$e/xunjian.db" .dump >"$work/empty-after.sql"
[ "$(ls "$e")" = xunjian.db ] && cmp -s "$work/empty-before.sql" "$work/empty-after.sql"
ok $? "which is left as it was"
[ -z "$(ls -d "$e".* 2>/dev/null)" ]; ok $? "with nothing beside it"
out=$("$bin" --data-dir "$e" demo); ok $? "and a demo that succeeds fills it"
echo "$out" | grep -qF "Demo data written to “$e”"; ok $? "saying where"
[ "$(sqlite3 "$e/xunjian.db" "SELECT count(*) FROM reports")" -gt 0 ]; ok $? "with its signed reports"
"$bin" --data-dir "$e" check >/dev/null; ok $? "intact where it landed"

# Migration of every shipped version on the real binary, to the version a
# new database gets.
latest=$(sqlite3 "$e/xunjian.db" "PRAGMA user_version")
for v in 1 2 3 4 5 6; do
  m=$work/v$v
  mkdir -p "$m"; cp "$fixtures/xunjian-v$v.db" "$m/xunjian.db"
  before=$(sqlite3 "$m/xunjian.db" "SELECT (SELECT count(*) FROM sites) || ',' || (SELECT count(*) FROM inspections)
                                    || ',' || (SELECT count(*) FROM notices)")
  "$bin" --data-dir "$m" site list >/dev/null; ok $? "v$v: opens"
  after=$(sqlite3 "$m/xunjian.db" "SELECT (SELECT count(*) FROM sites) || ',' || (SELECT count(*) FROM inspections)
                                   || ',' || (SELECT count(*) FROM notices)")
  [ "$before" = "$after" ]; ok $? "v$v: rows intact ($after)"
  [ "$(sqlite3 "$m/xunjian.db" "SELECT count(DISTINCT uuid) = count(*) FROM sites")" = 1 ]; ok $? "v$v: unique uuids"
  [ "$(sqlite3 "$m/xunjian.db" "PRAGMA user_version")" = "$latest" ]; ok $? "v$v: at version $latest"
done

echo "1..$n"
exit $failed
