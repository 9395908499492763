# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by the sync tests after pg-harness.sh: a team schema on the
# throwaway server, members zhang, li and wang (managers, so that each may
# write every kind of record), and helpers to act as laptop A, B or C.
# Gives: $server, $a $b $c (data folders), as_a/as_b/as_c ARGS (xunjian as
# that member on that laptop), qa/qb/qc SQL (sqlite3 on its database),
# json FILE KEY (one member of a JSON object), dump DIR (the canonical dump
# of a laptop's synced records).
unset DISPLAY WAYLAND_DISPLAY PGPASSFILE DBUS_SESSION_BUS_ADDRESS
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
run () { setsid -w "$bin" "$@" </dev/null; }

"$bin" server init "$pg_admin" >/dev/null || { echo "Bail out! server init failed"; exit 1; }
for member in zhang li wang; do
  "$bin" server add-user "$pg_admin" $member manager --password "Sekr1t-$member" >/dev/null \
    || { echo "Bail out! add-user $member failed"; exit 1; }
done
server="host=$pg_dir dbname=team"
a=$pg_dir/a
b=$pg_dir/b
c=$pg_dir/c
as_a () { PGPASSWORD=Sekr1t-zhang run --data-dir "$a" "$@"; }
as_b () { PGPASSWORD=Sekr1t-li run --data-dir "$b" "$@"; }
as_c () { PGPASSWORD=Sekr1t-wang run --data-dir "$c" "$@"; }
qa () { sqlite3 "$a/xunjian.db" "$1"; }
qb () { sqlite3 "$b/xunjian.db" "$1"; }
qc () { sqlite3 "$c/xunjian.db" "$1"; }
json () { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$@"; }

# The canonical dump: every synced record by UUID, references by UUID.
dump () {
  sqlite3 "$1/xunjian.db" "
  SELECT 'site', uuid, name, address, active FROM sites ORDER BY uuid;
  SELECT 'inspection', i.uuid, s.uuid, v.uuid, i.kind, i.state, i.inspector, i.started_at,
    i.completed_at, i.signed_at, i.score, i.grade, i.failure_index, i.critical_failed
    FROM inspections i JOIN sites s ON s.id = i.site_id
    JOIN template_versions v ON v.id = i.version_id ORDER BY i.uuid;
  SELECT 'answer', a.uuid, i.uuid, t.item_key, a.value, a.outcome, a.remark, a.answered_at
    FROM answers a JOIN inspections i ON i.id = a.inspection_id
    JOIN template_items t ON t.id = a.item_id ORDER BY a.uuid;
  SELECT 'answer_photo', p.uuid, a.uuid, p.sha256, p.caption FROM answer_photos p
    JOIN answers a ON a.id = p.answer_id ORDER BY p.uuid;
  SELECT 'photo', sha256, bytes, mime, width, height FROM photos ORDER BY sha256;
  SELECT 'signature', uuid, role, name, signed_at, strokes FROM signatures ORDER BY uuid;
  SELECT 'report', r.uuid, i.uuid, r.month, r.number, r.path, r.sha256, r.bytes, r.signer
    FROM reports r LEFT JOIN inspections i ON i.id = r.inspection_id ORDER BY r.uuid;
  SELECT 'notice', n.uuid, n.number, n.state, n.deadline, n.description,
    (SELECT group_concat(u) FROM (SELECT a.uuid AS u FROM notice_findings f
     JOIN answers a ON a.id = f.answer_id WHERE f.notice_id = n.id ORDER BY a.uuid))
    FROM notices n ORDER BY n.uuid;
  SELECT 'event', e.uuid, n.uuid, e.at, e.from_state, e.to_state FROM notice_events e
    JOIN notices n ON n.id = e.notice_id ORDER BY e.uuid;
  SELECT 'version', v.uuid, t.uid, v.version, v.name,
    (SELECT count(*) FROM template_sections s JOIN template_items i ON i.section_id = s.id
     WHERE s.version_id = v.id) FROM template_versions v JOIN templates t ON t.id = v.template_id
    WHERE v.id IN (SELECT version_id FROM inspections) ORDER BY v.uuid;"
}
