#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A photo's original fetched from the photo viewer against a real throwaway
# PostgreSQL: laptop A (a demo with camera-size photos) pushes; laptop B
# pulls renditions only; in the app on B the viewer shows a pulled photo's
# rendition at once and offers Download Original, fetched in a worker with
# its progress shown (hash-checked); with the server stopped it says so and
# nothing blocks.  The driver (original-ui-driver) works the real widgets.
# TAP output.
set -u
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1366x768x24" "$0" "$@"
fi
bin=${XUNJIAN_BINARY:?}
driver=${XJ_ORIGINAL_UI_DRIVER:?}
display=$DISPLAY
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"
export DISPLAY=$display ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 GTK_A11Y=none NO_AT_BRIDGE=1

# Camera-size photos (larger than a rendition), for the demo's failures.
mkdir -p "$pg_dir/camera"
for i in 1 2 3; do
  convert -size 2400x1800 "plasma:fractal" -seed $i -quality 92 "$pg_dir/camera/IMG_000$i.jpg" \
    || { echo "Bail out! convert failed"; exit 1; }
done
run --data-dir "$a" demo --photos "$pg_dir/camera" >/dev/null 2>&1; ok $? "laptop A has a demo with camera-size photos"
as_a team join "$server" --user zhang >/dev/null && as_a sync >/dev/null; ok $? "A joins and syncs"
as_b team join "$server" --user li >/dev/null && as_b sync >/dev/null; ok $? "B joins and syncs"

# Two photos of answers, not annotated, larger than a rendition: on B
# without their originals.
photos=$(qb "SELECT a.inspection_id || ' ' || p.answer_id || ' ' || p.sha256 FROM answer_photos p
  JOIN answers a ON a.id = p.answer_id JOIN photos f ON f.sha256 = p.sha256
  WHERE p.annotation IS NULL AND f.width > 1600 GROUP BY p.sha256 ORDER BY p.id LIMIT 2")
set -- $photos
[ $# = 6 ] && [ "$3" != "$6" ]; ok $? "B has two pulled photos to open"
first_inspection=$1 first_answer=$2 first=$3 second_inspection=$4 second_answer=$5 second=$6
[ -z "$(find "$b/photos" -name "$first*" 2>/dev/null)" ] && [ -n "$(find "$b/renditions" -name "$first*")" ]
ok $? "B has the rendition of the first, not its original"

# drive STEP INSPECTION ANSWER SHA256: one step in the app on B (li).
drive () {
  LANG=zh_CN.UTF-8 LANGUAGE=zh_CN PGPASSWORD=Sekr1t-li XJ_TEAM_DATA_DIR=$b \
    XJ_PHOTO_INSPECTION=$2 XJ_PHOTO_ANSWER=$3 XJ_PHOTO_SHA256=$4 \
    "$driver" -p "/xj/original-ui/$1" >"$pg_dir/driver-$1.log" 2>&1
  status=$?
  [ $status -eq 0 ] || cat "$pg_dir/driver-$1.log" >&2
  return $status
}

# The server's photos held by another transaction for a few seconds, so
# that the download is seen under way.
export XJ_PHOTO_HOLD="$pg_bin/psql -X -q -h $pg_dir -U postgres -d team -c \"BEGIN; LOCK TABLE xunjian.photos IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(3); COMMIT\""
drive download "$first_inspection" "$first_answer" "$first"
ok $? "the viewer shows the rendition, offers Download Original, shows its progress, then the original"
original=$(find "$b/photos" -name "$first*")
[ -n "$original" ] && [ "$(sha256sum "$original" | cut -d' ' -f1)" = "$first" ]
ok $? "the original is in B's data folder, its SHA-256 checked"
cmp -s "$original" "$(find "$a/photos" -name "$first*")"; ok $? "byte-identical to A's"

pg_stop
drive offline "$second_inspection" "$second_answer" "$second"
ok $? "with the server stopped the viewer says so plainly and keeps the rendition"
[ -z "$(find "$b/photos" -name "$second*" 2>/dev/null)" ]; ok $? "and writes no original"
pg_start
done_testing
