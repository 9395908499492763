#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A notice's state is folded from its event log on every laptop.  Two
# steps made offline from the same state that cannot both stand (verified
# on A, rejected on B): both events kept everywhere, the same state on both
# laptops, one 'steps' conflict on each, recorded once; resolving it on one
# laptop appends a decision event and every laptop converges.  Steps made
# one after the other on two laptops fold with no conflict.  The same login
# on two laptops: each pulls what the other pushed.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"

run --data-dir "$a" demo >/dev/null 2>&1
as_a team join "$server" --user zhang >/dev/null && as_b team join "$server" --user li >/dev/null \
  && as_a sync >/dev/null && as_b sync >/dev/null && as_a sync >/dev/null
ok $? "A (the demo) and B joined and synced"

now=$(date +%s)
# A notice of the demo rectified (with a photo taken after) and waiting for
# its verification, on both laptops.
notice=$(qa "SELECT uuid FROM notices n WHERE state = 'rectified' AND EXISTS (SELECT 1
  FROM notice_photos p WHERE p.notice_id = n.id AND p.phase = 'after') ORDER BY id LIMIT 1")
nid=$(qa "SELECT id FROM notices WHERE uuid = '$notice'")
deadline=$(qa "SELECT deadline FROM notices WHERE id = $nid")
[ "$(qb "SELECT state FROM notices WHERE uuid = '$notice'")" = rectified ]
ok $? "B has the notice rectified too"

# Offline: A verifies it, B rejects it with a new deadline.  (The command
# line has no notice steps: the rows the lifecycle writes.)
bid=$(qb "SELECT id FROM notices WHERE uuid = '$notice'")
qa "UPDATE notices SET state = 'verified', verified_at = $((now - 300)), verified_by = '张伟',
      updated_at = $((now - 300)) WHERE id = $nid;
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, deadline, remark)
      VALUES ($nid, $((now - 300)), '张伟', 'rectified', 'verified', $deadline, '现场复查合格')"
qb "UPDATE notices SET state = 'issued', deadline = $((now + 86400 * 7)), acknowledged_at = NULL,
      acknowledged_by = '', rectified_at = NULL, updated_at = $((now - 200)) WHERE id = $bid;
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, deadline, remark)
      VALUES ($bid, $((now - 200)), '李娜', 'rectified', 'issued', $deadline, '复查时仍有渗漏')"
as_a sync --json >"$pg_dir/a1.json"; ok $? "A syncs its verification"
as_b sync --json >"$pg_dir/b1.json"; ok $? "B syncs its rejection"
as_a sync --json >"$pg_dir/a2.json"; ok $? "A syncs again"
[ "$(json "$pg_dir/b1.json" conflicts_found)" = 1 ] && [ "$(json "$pg_dir/a2.json" conflicts_found)" = 1 ]
ok $? "each laptop finds one conflict"
state_a=$(qa "SELECT state || '|' || verified_by FROM notices WHERE uuid = '$notice'")
state_b=$(qb "SELECT state || '|' || verified_by FROM notices WHERE uuid = '$notice'")
[ "$state_a" = "verified|张伟" ] && [ "$state_b" = "$state_a" ]
ok $? "both laptops fold to the same state: the first step (verified) in force ($state_a / $state_b)"
events="SELECT count(*) FROM notice_events e JOIN notices n ON n.id = e.notice_id
        WHERE n.uuid = '$notice' AND e.from_state = 'rectified'"
[ "$(qa "$events")" = 2 ] && [ "$(qb "$events")" = 2 ]; ok $? "both steps kept on both laptops"
[ "$(psql_value "SELECT body->>'state' FROM xunjian.notices WHERE uuid = '$notice'")" = verified ]
ok $? "the server's notice says the same"
open="SELECT count(*) FROM team_conflicts WHERE resolved_at IS NULL"
[ "$(qa "$open")" = 1 ] && [ "$(qb "$open")" = 1 ] \
  && [ "$(qb "SELECT table_name || '|' || field FROM team_conflicts")" = "notices|steps" ]
ok $? "one open 'steps' conflict on each laptop, no conflict on the field state"
as_b sync --json >"$pg_dir/b2.json"; as_a sync --json >"$pg_dir/a3.json"
[ "$(json "$pg_dir/b2.json" conflicts_found)$(json "$pg_dir/a3.json" conflicts_found)" = 00 ] \
  && [ "$(qa "SELECT count(*) FROM team_conflicts")" = 1 ] && [ "$(qb "SELECT count(*) FROM team_conflicts")" = 1 ]
ok $? "syncing again records it no second time"
as_b conflicts list --json >"$pg_dir/list.json"; ok $? "conflicts list --json on B"
python3 - "$pg_dir/list.json" <<'PY'; ok $? "mine is B's rejection, theirs A's verification, with who, when, remark, the photo"
import json, sys
c = json.load(open(sys.argv[1]))
assert len(c) == 1, c
c = c[0]
assert c["table"] == "notices" and c["field"] == "steps", c
mine, theirs = json.loads(c["mine"]), json.loads(c["theirs"])
assert mine["step"] == "reject" and mine["who"] == "李娜" and mine["remark"] == "复查时仍有渗漏", mine
assert theirs["step"] == "accept" and theirs["who"] == "张伟" and theirs["to"] == "verified", theirs
assert mine["at"] > theirs["at"], (mine, theirs)
assert len(mine["photos"]) == 1 and mine["photos"] == theirs["photos"], (mine, theirs)
PY
# (For a look at the Conflicts page on B's data folder as it is now.)
[ -n "${XJ_FOLD_KEEP:-}" ] && cp -a "$b" "$XJ_FOLD_KEEP"

# B decides: its rejection stands.
id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['id'])" "$pg_dir/list.json")
as_b conflicts resolve "$id" --keep mine >/dev/null; ok $? "B keeps its own step"
[ "$(qb "SELECT state FROM notices WHERE uuid = '$notice'")" = issued ] && [ "$(qb "$open")" = 0 ]
ok $? "on B the notice is issued again at once, nothing waits"
[ "$(qb "SELECT count(*) FROM notice_events e JOIN notices n ON n.id = e.notice_id
        WHERE n.uuid = '$notice' AND e.from_state = e.to_state")" = 1 ]
ok $? "the decision is a new event (none deleted)"
as_b sync >/dev/null && as_a sync --json >"$pg_dir/a4.json"; ok $? "B and A sync"
[ "$(qa "SELECT state || '|' || deadline || '|' || verified_by FROM notices WHERE uuid = '$notice'")" = \
  "$(qb "SELECT state || '|' || deadline || '|' || verified_by FROM notices WHERE uuid = '$notice'")" ] \
  && [ "$(qa "SELECT state FROM notices WHERE uuid = '$notice'")" = issued ]
ok $? "A holds the decision too: issued, B's new deadline, no verifier"
[ "$(qa "$open")" = 0 ] && [ "$(qa "SELECT kept FROM team_conflicts")" = theirs ] \
  && [ "$(json "$pg_dir/a4.json" conflicts_found)" = 0 ]
ok $? "A's conflict closed by the decision that came (kept: theirs)"
all="SELECT count(*) FROM notice_events e JOIN notices n ON n.id = e.notice_id WHERE n.uuid = '$notice'"
[ "$(qa "$all")" = "$(qb "$all")" ] && [ "$(qa "$all")" = \
  "$(psql_value "SELECT count(*) FROM xunjian.notice_events WHERE notice_uuid = '$notice'")" ]
ok $? "every event on A, B and the server ($(qa "$all"))"
as_a sync >/dev/null; as_b sync >/dev/null
[ "$(psql_value "SELECT body->>'state' FROM xunjian.notices WHERE uuid = '$notice'")" = issued ]
ok $? "the server's notice is issued"

# Steps one after the other on two laptops: no conflict.
second=$(qa "SELECT uuid FROM notices WHERE state = 'issued' AND uuid <> '$notice' ORDER BY id LIMIT 1")
n2a=$(qa "SELECT id FROM notices WHERE uuid = '$second'")
n2b=$(qb "SELECT id FROM notices WHERE uuid = '$second'")
qa "UPDATE notices SET state = 'acknowledged', acknowledged_at = $((now - 100)),
      acknowledged_by = '物业赵主管' WHERE id = $n2a;
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, remark)
      VALUES ($n2a, $((now - 100)), '张伟', 'issued', 'acknowledged', '物业赵主管')"
as_a sync >/dev/null && as_b sync >/dev/null; ok $? "A acknowledges a second notice, both sync"
qb "UPDATE notices SET state = 'rectified', rectified_at = $((now - 50)),
      rectification_remark = '已清理堵塞' WHERE id = $n2b;
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, remark)
      VALUES ($n2b, $((now - 50)), '李娜', 'acknowledged', 'rectified', '已清理堵塞')"
as_b sync --json >"$pg_dir/b5.json" && as_a sync --json >"$pg_dir/a5.json"; ok $? "B rectifies it, both sync"
[ "$(qa "SELECT state || '|' || acknowledged_by || '|' || rectification_remark FROM notices WHERE id = $n2a")" \
  = "rectified|物业赵主管|已清理堵塞" ] \
  && [ "$(json "$pg_dir/b5.json" conflicts_found)$(json "$pg_dir/a5.json" conflicts_found)" = 00 ]
ok $? "A folds B's step on its own: rectified, no conflict"
dump "$a" >"$pg_dir/dump-a"; dump "$b" >"$pg_dir/dump-b"
cmp -s "$pg_dir/dump-a" "$pg_dir/dump-b"; ok $? "A and B: the same canonical dump"

# The same login on a second laptop (D, zhang again).
d=$pg_dir/d
as_d () { PGPASSWORD=Sekr1t-zhang run --data-dir "$d" "$@"; }
as_d team join "$server" --user zhang >/dev/null && as_d sync >/dev/null; ok $? "D joins as zhang too and syncs"
[ "$(sqlite3 "$d/xunjian.db" "SELECT count(*) FROM notices")" = "$(qa "SELECT count(*) FROM notices")" ] \
  && [ "$(sqlite3 "$d/xunjian.db" "SELECT count(*) FROM inspections")" = "$(qa "SELECT count(*) FROM inspections")" ]
ok $? "D has everything zhang pushed from A"
qa "INSERT INTO sites (name, created_at, updated_at) VALUES ('张伟新建站点', $now, $now)"
as_a sync --json >"$pg_dir/a6.json" && as_d sync >/dev/null; ok $? "A makes a site, A and D sync"
[ "$(sqlite3 "$d/xunjian.db" "SELECT count(*) FROM sites WHERE name = '张伟新建站点'")" = 1 ]
ok $? "D has the site A made under the same login"
sqlite3 "$d/xunjian.db" "UPDATE sites SET address = 'D地址' WHERE name = '张伟新建站点'"
as_d sync >/dev/null && as_a sync --json >"$pg_dir/a7.json"; ok $? "D changes it, both sync"
[ "$(qa "SELECT address FROM sites WHERE name = '张伟新建站点'")" = D地址 ]
ok $? "A has D's change"
as_a sync --json >"$pg_dir/a8.json"
[ "$(json "$pg_dir/a8.json" pulled)" = 0 ]; ok $? "A does not pull back what it pushed itself"
[ "$(qa "SELECT count(*) FROM inspections WHERE owner IS NOT NULL")" = 0 ]
ok $? "A's own inspections stay its own"
done_testing
