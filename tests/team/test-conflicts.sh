#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared records edited on two laptops: different fields are merged, the
# same field changed to different values is one conflict (both values, who,
# when), recorded once however often the laptops sync, listed and resolved
# with `xunjian conflicts`; then every laptop and the server agree.  A notice
# moved through its steps on one laptop is seen on the other.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"

run --data-dir "$a" demo >/dev/null 2>&1
as_a team join "$server" --user zhang >/dev/null && as_b team join "$server" --user li >/dev/null \
  && as_a sync >/dev/null && as_b sync >/dev/null && as_a sync >/dev/null
ok $? "A (a season of work) and B (new) joined and synced"
site=$(qa "SELECT uuid FROM sites ORDER BY id LIMIT 1")
[ "$(qb "SELECT name FROM sites WHERE uuid = '$site'")" = "$(qa "SELECT name FROM sites WHERE uuid = '$site'")" ]
ok $? "B has A's sites"

# Offline: both rename the site; A changes its address, B its contact.
qa "UPDATE sites SET name = '东区一号（甲）', address = '甲地址', updated_at = 2000000000 WHERE uuid = '$site'"
qb "UPDATE sites SET name = '东区一号（乙）', contact = '乙联系人', updated_at = 2000000100 WHERE uuid = '$site'"
as_a sync >/dev/null; ok $? "A syncs first"
as_b sync --json >"$pg_dir/b.json"; ok $? "B syncs second"
[ "$(json "$pg_dir/b.json" conflicts_found)" = 1 ]; ok $? "one conflict found"
as_b conflicts list --json >"$pg_dir/list.json"; ok $? "conflicts list --json"
python3 - "$pg_dir/list.json" <<'PY'; ok $? "the conflict names the site, the field, both values, who"
import json, sys
c = json.load(open(sys.argv[1]))
assert len(c) == 1, c
c = c[0]
assert c["table"] == "sites" and c["field"] == "name", c
assert c["label"] == "东区一号（甲）", c
assert json.loads(c["mine"]) == "东区一号（乙）" and json.loads(c["theirs"]) == "东区一号（甲）", c
assert c["their_author"] == "zhang" and c["found_at"], c
PY
[ "$(qb "SELECT name || '|' || address || '|' || contact FROM sites WHERE uuid = '$site'")" = "东区一号（甲）|甲地址|乙联系人" ]
ok $? "on B: the server's name in force, A's address and B's contact merged"
as_a sync >/dev/null; as_b sync --json >"$pg_dir/b2.json"; as_a sync >/dev/null; as_b sync --json >"$pg_dir/b3.json"
[ "$(json "$pg_dir/b2.json" conflicts_found)$(json "$pg_dir/b3.json" conflicts_found)" = 00 ] \
  && [ "$(qb "SELECT count(*) FROM team_conflicts")" = 1 ]
ok $? "syncing again records it no second time"
[ "$(qa "SELECT name || '|' || address || '|' || contact FROM sites WHERE uuid = '$site'")" = "东区一号（甲）|甲地址|乙联系人" ]
ok $? "A has the merge too"
as_b team status >"$pg_dir/status"; grep -q "Conflicts: 1" "$pg_dir/status"; ok $? "team status counts it"

id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['id'])" "$pg_dir/list.json")
as_b conflicts resolve "$id" --keep mine >/dev/null; ok $? "B keeps its own name"
[ "$(qb "SELECT count(*) FROM team_conflicts WHERE resolved_at IS NULL")" = 0 ]; ok $? "nothing waits any more"
as_b sync >/dev/null && as_a sync >/dev/null; ok $? "both sync"
[ "$(qa "SELECT name FROM sites WHERE uuid = '$site'")" = "东区一号（乙）" ] \
  && [ "$(qb "SELECT name FROM sites WHERE uuid = '$site'")" = "东区一号（乙）" ] \
  && [ "$(psql_value "SELECT body->>'name' FROM xunjian.sites WHERE uuid = '$site'")" = "东区一号（乙）" ]
ok $? "A, B and the server hold B's name"

# The other way: keep theirs sends nothing.
qa "UPDATE sites SET address = '甲二' WHERE uuid = '$site'"
qb "UPDATE sites SET address = '乙二' WHERE uuid = '$site'"
as_a sync >/dev/null; as_b sync >/dev/null
id=$(qb "SELECT id FROM team_conflicts WHERE resolved_at IS NULL")
[ -n "$id" ]; ok $? "a second conflict (address)"
as_b conflicts resolve "$id" --keep theirs >/dev/null; ok $? "B keeps the team's address"
as_b sync --json >"$pg_dir/b4.json"; as_a sync >/dev/null
[ "$(json "$pg_dir/b4.json" pushed)" = 0 ] && [ "$(qb "SELECT address FROM sites WHERE uuid = '$site'")" = 甲二 ] \
  && [ "$(qa "SELECT address FROM sites WHERE uuid = '$site'")" = 甲二 ]
ok $? "nothing sent, both hold A's address"
as_b conflicts resolve "$id" --keep mine 2>/dev/null; [ $? -ne 0 ]; ok $? "a conflict is resolved once"

# A site of the same name made on both laptops offline: two sites, neither
# renamed, both flagged as possible duplicates (test-site-merge.sh merges).
qa "INSERT INTO sites (name, created_at, updated_at) VALUES ('同名站点', 1800000000, 1800000000)"
qb "INSERT INTO sites (name, created_at, updated_at) VALUES ('同名站点', 1800000001, 1800000001)"
as_a sync >/dev/null && as_b sync >/dev/null && as_a sync >/dev/null; ok $? "both made 同名站点 offline and synced"
[ "$(qa "SELECT count(*) FROM sites WHERE name LIKE '同名站点%'")" = 2 ] \
  && [ "$(qb "SELECT count(*) FROM sites WHERE name LIKE '同名站点%'")" = 2 ]
ok $? "each laptop has two sites"
buuid=$(qb "SELECT uuid FROM sites WHERE name = '同名站点' AND created_at = 1800000001")
[ "$(qa "SELECT name FROM sites WHERE uuid = '$buuid'")" = 同名站点 ] \
  && [ "$(run --data-dir "$a" site list --json | python3 -c "import json, sys
print(sum(1 for s in json.load(sys.stdin) if s['name'] == '同名站点' and s['possible_duplicate']))")" = 2 ]
ok $? "B's, arriving on A, keeps its name; both are flagged as possible duplicates"

# A notice moved through its steps on A, seen on B.
notice=$(qa "SELECT uuid FROM notices WHERE state = 'issued' ORDER BY id LIMIT 1")
nid=$(qa "SELECT id FROM notices WHERE uuid = '$notice'")
# (The command line has no notice steps: the same rows the app writes.)
qa "UPDATE notices SET state = 'acknowledged', acknowledged_at = 2000000000, acknowledged_by = '物业王经理' WHERE id = $nid;
         INSERT INTO notice_events (notice_id, at, actor, from_state, to_state) VALUES ($nid, 2000000000, '物业王经理', 'issued', 'acknowledged')"
as_a sync >/dev/null && as_b sync >/dev/null; ok $? "A moves a notice on and syncs; B syncs"
[ "$(qb "SELECT state FROM notices WHERE uuid = '$notice'")" = acknowledged ]; ok $? "B sees the notice acknowledged"
[ "$(qb "SELECT count(*) FROM notice_events e JOIN notices n ON n.id = e.notice_id WHERE n.uuid = '$notice'")" = \
  "$(qa "SELECT count(*) FROM notice_events e JOIN notices n ON n.id = e.notice_id WHERE n.uuid = '$notice'")" ]
ok $? "with every step of its history"
done_testing
