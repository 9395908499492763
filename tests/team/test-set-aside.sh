#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A change the team server refuses never blocks the outbox: it is set
# aside with the server's reason (what waits for it held with it), the sync
# goes on with the rest, `xunjian sync` lists it and fails while any is set
# aside, and a person decides: retry after the role was fixed, take the
# team's copy, or keep a record the server never had on this laptop only.
# Refusals by the member's role (a liaison changing a site, a role lowered
# on the server after the change was made) and by a rule of the server (a
# trigger); a sync killed mid-way still converges.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"

# zhang (A) is a manager; li (B) a liaison.
psql_value "REVOKE xunjian_manager FROM li; GRANT xunjian_liaison TO li" >/dev/null
run --data-dir "$a" demo >/dev/null 2>&1
as_a team join "$server" --user zhang >/dev/null && as_a sync >/dev/null \
  && as_b team join "$server" --user li >/dev/null && as_b sync >/dev/null
ok $? "A (a season of work, a manager) and B (a liaison) joined and synced"
now=$(date +%s)

# --- a liaison changes a site: refused for the role; the rest goes -------
site=$(qb "SELECT uuid FROM sites ORDER BY id LIMIT 1")
team_name=$(qb "SELECT name FROM sites WHERE uuid = '$site'")
notice=$(qb "SELECT uuid FROM notices WHERE state = 'issued' ORDER BY id LIMIT 1")
bn=$(qb "SELECT id FROM notices WHERE uuid = '$notice'")
qb "UPDATE sites SET name = '李娜改的名字', updated_at = $now WHERE uuid = '$site'"
qb "UPDATE notices SET state = 'acknowledged', acknowledged_at = $now, acknowledged_by = '物业王经理',
      updated_at = $now WHERE id = $bn;
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, remark)
      VALUES ($bn, $now, '李娜', 'issued', 'acknowledged', '物业王经理')"
as_b sync >"$pg_dir/b1.out" 2>"$pg_dir/b1.err"; [ $? -ne 0 ]
ok $? "B's sync fails: the laptop and the server do not agree"
grep -q "李娜改的名字" "$pg_dir/b1.out" && grep -q "only inspectors and managers add or change sites" "$pg_dir/b1.out" \
  && grep -q "set-aside list" "$pg_dir/b1.err"
ok $? "it names the site set aside and why, in plain words"
[ "$(psql_value "SELECT body->>'state' FROM xunjian.notices WHERE uuid = '$notice'")" = acknowledged ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.notice_events WHERE notice_uuid = '$notice'")" = \
       "$(qb "SELECT count(*) FROM notice_events WHERE notice_id = $bn")" ]
ok $? "the notice step made after it reached the server"
[ "$(psql_value "SELECT body->>'name' FROM xunjian.sites WHERE uuid = '$site'")" = "$team_name" ] \
  && [ "$(qb "SELECT name FROM sites WHERE uuid = '$site'")" = 李娜改的名字 ]
ok $? "the server keeps its name; B keeps what li wrote"
as_b team set-aside list --json >"$pg_dir/list1.json"; ok $? "set-aside list --json"
python3 - "$pg_dir/list1.json" <<'PY'; ok $? "one record: the site, on the server, refused for the role, nothing held"
import json, sys
items = json.load(open(sys.argv[1]))
assert len(items) == 1, items
i = items[0]
assert i["table"] == "sites" and i["label"] == "李娜改的名字" and i["on_server"], i
assert i["code"] == "denied" and i["role"] == "liaison" and i["held"] == 0, i
assert "liaison" in i["explanation"].lower() and i["reason"], i
PY
as_b team status >"$pg_dir/status"; grep -q "Set aside (refused by the team server): 1" "$pg_dir/status"
ok $? "team status counts it"
[ "$(as_b team status --json | python3 -c "import json,sys; print(json.load(sys.stdin)['set_aside'])")" = 1 ]
ok $? "team status --json too"
as_b sync --json >"$pg_dir/b2.json" 2>/dev/null; [ $? -ne 0 ] && [ "$(json "$pg_dir/b2.json" pushed)" = 0 ] \
  && [ "$(json "$pg_dir/b2.json" set_aside_now)" = 0 ] \
  && [ "$(qb "SELECT count(*) FROM team_set_aside")" = 1 ]
ok $? "the next sync does not send it again, nor set it aside twice"
id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['id'])" "$pg_dir/list1.json")
as_b team set-aside take-theirs "$id" >/dev/null; ok $? "take-theirs"
[ "$(qb "SELECT name FROM sites WHERE uuid = '$site'")" = "$team_name" ] \
  && [ "$(qb "SELECT count(*) FROM team_set_aside")" = 0 ] \
  && [ "$(qb "SELECT count(*) FROM team_outbox WHERE record = '$site'")" = 0 ]
ok $? "B holds the team's name again; nothing is set aside or waiting"
as_b sync >/dev/null; ok $? "and syncs (exit 0)"

# --- the role lowered on the server after the change was made ------------
qb "UPDATE notices SET state = 'rectified', rectified_at = $((now + 10)), rectification_remark = '已清理',
      updated_at = $((now + 10)) WHERE id = $bn;
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, remark)
      VALUES ($bn, $((now + 10)), '李娜', 'acknowledged', 'rectified', '已清理');
    INSERT INTO notices (type, year, seq, number, site_id, description, state, issued_at, issued_by,
      deadline, created_at, updated_at)
      VALUES ('rectification', 2026, 950, 'ZG-2026-0950', (SELECT id FROM sites WHERE uuid = '$site'),
        '楼道堆放杂物', 'issued', $((now + 20)), '李娜', $((now + 7 * 86400)), $((now + 20)), $((now + 20)));
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state)
      VALUES ((SELECT id FROM notices WHERE number = 'ZG-2026-0950'), $((now + 20)), '李娜', 'draft', 'issued')"
new_notice=$(qb "SELECT uuid FROM notices WHERE number = 'ZG-2026-0950'")
psql_value "REVOKE xunjian_liaison FROM li; GRANT xunjian_inspector TO li" >/dev/null
# Made after the lowering, allowed to an inspector: goes past the refusals.
site2=$(qb "SELECT uuid FROM sites ORDER BY id LIMIT 1 OFFSET 1")
qb "UPDATE sites SET address = '解放路 8 号', updated_at = $((now + 30)) WHERE uuid = '$site2'"
as_b sync --json >"$pg_dir/b3.json" 2>/dev/null; [ $? -ne 0 ] && [ "$(json "$pg_dir/b3.json" set_aside_now)" = 2 ]
ok $? "li is an inspector now: B's two notice changes are set aside"
[ "$(psql_value "SELECT body->>'address' FROM xunjian.sites WHERE uuid = '$site2'")" = "解放路 8 号" ]
ok $? "the site change made after them reached the server"
python3 - "$pg_dir/b3.json" "$notice" "$new_notice" <<'PY'; ok $? "each with its step held with it; the new notice is not on the server; the reason names the role the server gives now"
import json, sys
items = {i["record"]: i for i in json.load(open(sys.argv[1]))["set_aside"]}
old, new = items[sys.argv[2]], items[sys.argv[3]]
assert old["on_server"] and old["held"] == 1, old
assert not new["on_server"] and new["held"] == 1 and new["label"] == "ZG-2026-0950", new
assert old["role"] == "inspector" and "only liaisons and managers" in old["explanation"], old
PY
[ "$(qb "SELECT value FROM team_settings WHERE key = 'role'")" = inspector ]
ok $? "B now knows li is an inspector"
[ "$(psql_value "SELECT count(*) FROM xunjian.notices WHERE uuid = '$new_notice'")$(psql_value "SELECT body->>'state' FROM xunjian.notices WHERE uuid = '$notice'")" = 0acknowledged ] \
  && [ "$(qb "SELECT state FROM notices WHERE uuid = '$notice'")" = rectified ] \
  && [ "$(qb "SELECT count(*) FROM notices WHERE uuid = '$new_notice'")" = 1 ]
ok $? "nothing of them reached the server; on B both stay as li wrote them"
! grep -qi "foreign key" "$pg_dir/b3.json"; ok $? "no reference error: the steps waited with their notices"
new_id=$(python3 -c "import json,sys
print([i['id'] for i in json.load(open(sys.argv[1]))['set_aside'] if i['record'] == sys.argv[2]][0])" "$pg_dir/b3.json" "$new_notice")
as_b team set-aside take-theirs "$new_id" >/dev/null 2>"$pg_dir/theirs.err"; [ $? -ne 0 ] \
  && grep -q "no copy" "$pg_dir/theirs.err"
ok $? "take-theirs of a notice the server never had says so"
psql_value "GRANT xunjian_liaison TO li" >/dev/null
as_b team set-aside retry --all >"$pg_dir/retry.out" 2>&1; ok $? "li's role fixed on the server: retry --all syncs (exit 0)"
[ "$(psql_value "SELECT body->>'state' FROM xunjian.notices WHERE uuid = '$notice'")" = rectified ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.notices WHERE uuid = '$new_notice'")" = 1 ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.notice_events WHERE notice_uuid IN ('$notice', '$new_notice')")" = \
       "$(qb "SELECT count(*) FROM notice_events e JOIN notices n ON n.id = e.notice_id WHERE n.uuid IN ('$notice', '$new_notice')")" ] \
  && [ "$(qb "SELECT count(*) FROM team_set_aside")" = 0 ]
ok $? "both notices and their steps are on the server; nothing is set aside"

# --- a rule of the server (a trigger) refuses an inspection; killed mid-sync
psql_value "CREATE FUNCTION xunjian.test_refuse() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
    IF NEW.body->>'rep_name' = '停业整顿' THEN
      RAISE EXCEPTION '项目停业整顿期间不收巡检' USING ERRCODE = 'XJ900';
    END IF; RETURN NEW; END \$\$;
  CREATE TRIGGER test_refuse BEFORE INSERT OR UPDATE ON xunjian.inspections
    FOR EACH ROW EXECUTE FUNCTION xunjian.test_refuse()" >/dev/null
qa "INSERT INTO inspections (site_id, version_id, kind, inspector, rep_name, started_at, updated_at)
      SELECT site_id, version_id, kind, inspector, '停业整顿', $now, $now FROM inspections ORDER BY id LIMIT 1;
    INSERT INTO answers (inspection_id, item_id, remark, answered_at)
      SELECT (SELECT max(id) FROM inspections), t.id, '门厅', $now FROM template_items t
      JOIN template_sections s ON s.id = t.section_id
      WHERE s.version_id = (SELECT version_id FROM inspections ORDER BY id DESC LIMIT 1) LIMIT 3;
    UPDATE sites SET contact = '值班室 ' || id, updated_at = $now WHERE id IN (SELECT id FROM sites ORDER BY id LIMIT 8)"
refused=$(qa "SELECT uuid FROM inspections ORDER BY id DESC LIMIT 1")
XJ_SYNC_BATCH=3 XJ_SYNC_STOP_AFTER=2 as_a sync >/dev/null 2>&1; [ $? = 9 ]; ok $? "A's sync stopped after two batches"
for delay in 0.2 0.5 0.9; do
  XJ_SYNC_BATCH=2 PGPASSWORD=Sekr1t-zhang "$bin" --data-dir "$a" sync </dev/null >/dev/null 2>&1 &
  pid=$!
  sleep $delay
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
done
as_a sync --json >"$pg_dir/a1.json" 2>/dev/null; [ $? -ne 0 ]; ok $? "the sync after the kills fails: one change is set aside"
python3 - "$pg_dir/a1.json" "$refused" <<'PY'; ok $? "the inspection, its three answers held with it, the server's rule in its words"
import json, sys
items = json.load(open(sys.argv[1]))["set_aside"]
assert len(items) == 1, items
i = items[0]
assert i["record"] == sys.argv[2] and i["table"] == "inspections" and not i["on_server"], i
assert i["held"] == 3 and "项目停业整顿期间不收巡检" in i["explanation"], i
PY
[ "$(qa "SELECT count(*) FROM team_outbox_ready")" = 0 ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.sites WHERE body->>'contact' LIKE '值班室 %'")" = 8 ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.answers WHERE inspection_uuid = '$refused'")" = 0 ]
ok $? "everything else reached the server, and no answer of the refused inspection"
psql_value "DROP TRIGGER test_refuse ON xunjian.inspections" >/dev/null
as_a team set-aside retry "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['set_aside'][0]['id'])" "$pg_dir/a1.json")" >/dev/null
ok $? "the rule lifted: retry sends it (exit 0)"
[ "$(psql_value "SELECT count(*) FROM xunjian.answers WHERE inspection_uuid = '$refused'")" = 3 ]
ok $? "with its answers"
as_b sync >/dev/null && as_a sync >/dev/null; ok $? "both laptops sync"
dump "$a" >"$pg_dir/a.dump"; dump "$b" >"$pg_dir/b.dump"
cmp -s "$pg_dir/a.dump" "$pg_dir/b.dump"; ok $? "A and B hold the same records"
diff "$pg_dir/a.dump" "$pg_dir/b.dump" | head -5 >&2

# --- a record the server never had, kept on this laptop only -------------
psql_value "REVOKE xunjian_liaison FROM li" >/dev/null
qb "INSERT INTO notices (type, year, seq, number, site_id, description, created_at, updated_at)
      VALUES ('rectification', 2026, 951, 'ZG-2026-0951', (SELECT min(id) FROM sites), '草稿：消防栓', $now, $now)"
as_b sync >/dev/null 2>&1; [ $? -ne 0 ] && [ "$(qb "SELECT count(*) FROM team_set_aside")" = 1 ]
ok $? "li, an inspector again, drafts a notice: set aside"
as_b team set-aside keep-local "$(qb "SELECT id FROM team_set_aside")" >/dev/null; ok $? "keep-local"
[ "$(qb "SELECT count(*) FROM team_outbox o JOIN notices n ON n.uuid = o.record WHERE n.number = 'ZG-2026-0951'")" = 0 ] \
  && [ "$(qb "SELECT count(*) FROM notices WHERE number = 'ZG-2026-0951'")" = 1 ]
ok $? "the notice stays on B, not waiting to be sent"
as_b sync >/dev/null; ok $? "B syncs (exit 0)"
as_b team set-aside list >"$pg_dir/empty"; grep -q "No change is set aside" "$pg_dir/empty"
ok $? "and nothing is set aside"
# --- the team's copy of a notice taken: the steps made here go ----------
# li (an inspector) acknowledges a notice the team has: set aside with its
# step.  Taking the team's copy drops that step (kept in the history as
# discarded), so the next pull does not fold it in again.
shared=$(psql_value "SELECT uuid FROM xunjian.notices WHERE body->>'state' = 'issued' ORDER BY uuid LIMIT 1")
sn=$(qb "SELECT id FROM notices WHERE uuid = '$shared'")
qb "UPDATE notices SET state = 'acknowledged', acknowledged_at = $((now + 100)), acknowledged_by = '李娜看过',
      updated_at = $((now + 100)) WHERE id = $sn;
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, remark)
      VALUES ($sn, $((now + 100)), '李娜', 'issued', 'acknowledged', '李娜看过')"
step=$(qb "SELECT uuid FROM notice_events WHERE notice_id = $sn AND remark = '李娜看过'")
as_b sync >/dev/null 2>&1; [ $? -ne 0 ] && [ "$(qb "SELECT count(*) FROM team_set_aside WHERE record IN ('$shared', '$step')")" = 2 ]
ok $? "li acknowledges a notice of the team: set aside, its step held with it"
as_b team set-aside take-theirs "$(qb "SELECT id FROM team_set_aside WHERE record = '$shared'")" >/dev/null
ok $? "take-theirs of the notice"
[ "$(qb "SELECT state FROM notices WHERE id = $sn")" = issued ] \
  && [ "$(qb "SELECT count(*) FROM notice_events WHERE uuid = '$step'")" = 0 ] \
  && [ "$(qb "SELECT count(*) FROM team_set_aside")$(qb "SELECT count(*) FROM team_outbox")" = 00 ]
ok $? "B holds the team's notice: issued, li's step gone from its history, nothing waiting"
[ "$(qb "SELECT count(*) FROM audit_log WHERE action = 'discard_step' AND entity_id = $sn AND detail LIKE '%$step%李娜看过%'")" = 1 ]
ok $? "the history keeps li's step as discarded"
an=$(qa "SELECT id FROM notices WHERE uuid = '$shared'")
qa "UPDATE notices SET state = 'acknowledged', acknowledged_at = $((now + 200)), acknowledged_by = '物业赵经理',
      updated_at = $((now + 200)) WHERE id = $an;
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, remark)
      VALUES ($an, $((now + 200)), '张伟', 'issued', 'acknowledged', '物业赵经理')"
as_a sync >/dev/null && as_b sync >/dev/null; ok $? "A acknowledges it for the team; both sync (exit 0)"
[ "$(qb "SELECT state || ' ' || acknowledged_by FROM notices WHERE id = $sn")" = "acknowledged 物业赵经理" ] \
  && [ "$(qb "SELECT count(*) FROM notice_events WHERE notice_id = $sn")" = \
       "$(psql_value "SELECT count(*) FROM xunjian.notice_events WHERE notice_uuid = '$shared'")" ] \
  && [ "$(qb "SELECT count(*) FROM team_conflicts WHERE record = '$shared'")" = 0 ]
ok $? "the pull folds the team's steps only: A's acknowledgement, no conflict, li's step not back"
done_testing
