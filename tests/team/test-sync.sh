#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two laptops and one server: what laptop A made (inspections with photos,
# completed, signed and archived; notices; checklists) reaches laptop B
# identical through `xunjian sync`, the signed PDF byte for byte and
# verifying there; a second sync moves nothing.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
unset DISPLAY WAYLAND_DISPLAY PGPASSFILE DBUS_SESSION_BUS_ADDRESS
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
run () { setsid -w "$bin" "$@" </dev/null; }

"$bin" server init "$pg_admin" >/dev/null || { echo "Bail out! server init failed"; exit 1; }
"$bin" server add-user "$pg_admin" zhang manager --password 'Sekr1t-zhang' >/dev/null
"$bin" server add-user "$pg_admin" li manager --password 'Sekr1t-li' >/dev/null
server="host=$pg_dir dbname=team"
a=$pg_dir/a
b=$pg_dir/b
as_a () { PGPASSWORD=Sekr1t-zhang run --data-dir "$a" "$@"; }
as_b () { PGPASSWORD=Sekr1t-li run --data-dir "$b" "$@"; }
qa () { sqlite3 "$a/xunjian.db" "$1"; }
qb () { sqlite3 "$b/xunjian.db" "$1"; }
json () { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$@"; }

run --data-dir "$a" demo >/dev/null 2>&1; ok $? "laptop A has a season of work (demo)"
as_a team join "$server" --user zhang >/dev/null; ok $? "A joins the team"
as_b team join "$server" --user li >/dev/null; ok $? "B, a new laptop, joins the team"

as_a sync --json >"$pg_dir/a1.json" 2>"$pg_dir/err"; ok $? "A syncs (exit 0: laptop and server agree)"
[ "$(json "$pg_dir/a1.json" pushed)" -gt 1000 ]; ok $? "A pushed its records"
[ "$(json "$pg_dir/a1.json" photos_sent)" = "$(qa "SELECT count(*) FROM photos")" ]
ok $? "and every photo once"
[ "$(qa "SELECT count(*) FROM team_outbox")" = 0 ]; ok $? "A's outbox is empty"
[ "$(psql_value "SELECT count(*) FROM xunjian.inspections")" = "$(qa "SELECT count(*) FROM inspections")" ]
ok $? "the server holds A's inspections"

as_b sync --json >"$pg_dir/b1.json" 2>"$pg_dir/err"; ok $? "B syncs"

[ "$(json "$pg_dir/b1.json" photos_received)" = "$(qa "SELECT count(*) FROM photos")" ]
ok $? "B received every photo"

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
  SELECT 'report', r.uuid, i.uuid, r.number, r.path, r.sha256, r.bytes FROM reports r
    JOIN inspections i ON i.id = r.inspection_id ORDER BY r.uuid;
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
dump "$a" >"$pg_dir/a.dump"; dump "$b" >"$pg_dir/b.dump"
cmp -s "$pg_dir/a.dump" "$pg_dir/b.dump"; ok $? "A and B hold the same records (canonical dump)"
diff "$pg_dir/a.dump" "$pg_dir/b.dump" | head -20 >&2

report=$(qa "SELECT path FROM reports ORDER BY id LIMIT 1")
cmp -s "$a/$report" "$b/$report"; ok $? "a signed PDF is byte-identical on B"
run --data-dir "$b" report verify "$b/$report" >"$pg_dir/verify" 2>&1; ok $? "and verifies on B"

as_a sync --json >"$pg_dir/a2.json"; ok $? "A syncs again (takes in what B sent)"
as_a sync --json >"$pg_dir/a2.json"; ok $? "A syncs once more"
as_b sync --json >"$pg_dir/b2.json"; ok $? "B syncs again"
[ "$(json "$pg_dir/a2.json" pushed)$(json "$pg_dir/a2.json" pulled)$(json "$pg_dir/b2.json" pushed)$(json "$pg_dir/b2.json" pulled)" = 0000 ]
r=$?; ok $r "a second sync moves nothing"
[ $r = 0 ] || cat "$pg_dir/a2.json" "$pg_dir/b2.json" >&2


done_testing
