#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Renditions first: a new laptop pulls each photo's rendition and thumbnail
# (what every page and report shows), not its original; the original comes
# from the server when asked for (`xunjian sync --original SHA256`), checked
# against its hash, and the laptop says so plainly when the server cannot
# be reached.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"
files () { find "$1" -type f 2>/dev/null | wc -l; }

run --data-dir "$a" demo >/dev/null 2>&1
as_a team join "$server" --user zhang >/dev/null && as_b team join "$server" --user li >/dev/null
ok $? "A (a season of work, with photos) and B joined"
photos=$(qa "SELECT count(*) FROM photos")
as_a sync >/dev/null; ok $? "A pushes"
[ "$photos" -gt 0 ] && [ "$(psql_value "SELECT count(*) FROM xunjian.photos WHERE rendition IS NOT NULL
  AND thumbnail IS NOT NULL AND original IS NOT NULL")" = "$photos" ]
ok $? "the server holds each of A's $photos photos with its rendition and thumbnail"

as_b sync --json >"$pg_dir/b.json"; ok $? "B pulls"
[ "$(json "$pg_dir/b.json" photos_received)" = "$photos" ]; ok $? "B received $photos photos"
[ "$(files "$b/photos")" = 0 ]; ok $? "and no original"
[ "$(files "$b/renditions")" = "$photos" ] && [ "$(files "$b/thumbnails")" = "$photos" ] \
  && diff -r "$a/renditions" "$b/renditions" >/dev/null && diff -r "$a/thumbnails" "$b/thumbnails" >/dev/null
ok $? "but every rendition and thumbnail, identical to A's"
derived=$(find "$b/renditions" "$b/thumbnails" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
[ "$(json "$pg_dir/b.json" bytes_received)" = "$(( derived + $(qb "SELECT total(bytes) FROM reports" | cut -d. -f1) ))" ]
ok $? "the bytes that came down are the renditions, thumbnails and signed reports"
dump "$a" >"$pg_dir/a.dump"; dump "$b" >"$pg_dir/b.dump"
cmp -s "$pg_dir/a.dump" "$pg_dir/b.dump"; ok $? "A and B hold the same records"

# `check` on B: the originals it did not pull are on the team server, no
# error; a rendition missing too is one.  On A, a photo of its own must
# keep its original.
as_b check >"$pg_dir/check" 2>&1; ok $? "check on B passes without the originals" || cat "$pg_dir/check" >&2
[ "$(grep -c "the original is kept on the team server" "$pg_dir/check")" = "$photos" ] \
  && grep -q "every photo intact" "$pg_dir/check" && ! grep -q "is missing" "$pg_dir/check"
ok $? "and says each of the $photos originals is kept on the team server"
one=$(qb "SELECT sha256 FROM photos ORDER BY sha256 LIMIT 1")
rendition=$(find "$b/renditions" -name "$one.jpg")
mv "$rendition" "$pg_dir/rendition.jpg"
as_b check >"$pg_dir/check" 2>&1; [ $? -ne 0 ]; ok $? "a pulled photo whose rendition is missing fails the check"
grep -q "Photo $one: the report rendition .* is missing" "$pg_dir/check"; ok $? "naming it"
mv "$pg_dir/rendition.jpg" "$rendition"
# One of A's own inspection photos (a notice's photo that went to the
# server may be fetched back from it, so the check names it as kept there).
own=$(qa "SELECT ap.sha256 FROM answer_photos ap JOIN answers x ON x.id = ap.answer_id
  JOIN inspections i ON i.id = x.inspection_id WHERE i.owner IS NULL ORDER BY 1 LIMIT 1")
mine=$(find "$a/photos" -type f -name "$own.*")
mv "$mine" "$pg_dir/original"
as_a check >"$pg_dir/check" 2>&1; [ $? -ne 0 ]; ok $? "on A, a photo of its own whose original is missing fails the check"
grep -q "the original file .* is missing" "$pg_dir/check" && ! grep -q "kept on the team server" "$pg_dir/check"
ok $? "as missing, not as kept on the server"
mv "$pg_dir/original" "$mine"
as_a check >/dev/null 2>&1; ok $? "A checks clean again"

# An inspection report on B is made from the renditions alone.
inspection=$(qb "SELECT i.id FROM inspections i JOIN answers a ON a.inspection_id = i.id
  JOIN answer_photos p ON p.answer_id = a.id LIMIT 1")
as_b report preview "$inspection" "$pg_dir/b.pdf" >/dev/null 2>"$pg_dir/err" \
  && [ "$(files "$b/photos")" = 0 ]
ok $? "B prints an inspection with photos from the renditions alone" || cat "$pg_dir/err" >&2

# The original on demand.
sha=$(qb "SELECT sha256 FROM photos ORDER BY sha256 LIMIT 1")
path=$(as_b sync --original "$sha"); ok $? "B asks for one original"
[ -f "$path" ] && cmp -s "$path" "$(find "$a/photos" -name "$sha.*")"
ok $? "and has it, identical to A's"
[ "$(files "$b/photos")" = 1 ]; ok $? "that one only"
[ "$(as_b sync --original "$sha")" = "$path" ]; ok $? "asked again, it is already here"

pg_stop
other=$(qb "SELECT sha256 FROM photos ORDER BY sha256 DESC LIMIT 1")
as_b sync --original "$other" >/dev/null 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "with the server down, asking for another fails"
grep -q "on the team server, which cannot be reached now" "$pg_dir/err"; ok $? "saying why"
pg_start
as_b sync --original "$other" >/dev/null; ok $? "and works once the server is back"
done_testing
