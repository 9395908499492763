#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A notice's escalation is an event of its log, folded like its steps, not a
# field merged: two laptops escalating the same notice offline make one
# escalated notice (the first escalation's time and reason, both events
# kept, no conflict); an escalation made offline on one laptop and a close
# on the other fold to the same end everywhere (the escalation stands when
# it came before the notice was verified).  `notice escalate` is the real
# code path (the notice page's Escalate…).  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"

run --data-dir "$a" demo >/dev/null 2>&1
as_a team join "$server" --user zhang >/dev/null && as_b team join "$server" --user li >/dev/null \
  && as_a sync >/dev/null && as_b sync >/dev/null && as_a sync >/dev/null
ok $? "A (the demo) and B joined and synced"

# One notice rectified and one issued, neither escalated, on both laptops.
notice=$(qa "SELECT uuid FROM notices WHERE state = 'rectified' AND NOT escalated ORDER BY id LIMIT 1")
other=$(qa "SELECT uuid FROM notices WHERE state = 'issued' AND NOT escalated ORDER BY id LIMIT 1")
[ -n "$notice" ] && [ -n "$other" ] && [ "$(qb "SELECT count(*) FROM notices WHERE uuid IN ('$notice', '$other') AND NOT escalated")" = 2 ]
ok $? "the demo has a rectified and an issued notice, not escalated, on both laptops"
number () { qa "SELECT number FROM notices WHERE uuid = '$1'"; }
fields="escalated || '|' || ifnull(escalated_at, '') || '|' || escalation_reason || '|' || state"
fa () { qa "SELECT $fields FROM notices WHERE uuid = '$1'"; }
fb () { qb "SELECT $fields FROM notices WHERE uuid = '$1'"; }
events () { # LAPTOP-QUERY UUID: the notice's escalation events
  $1 "SELECT count(*) FROM notice_events e JOIN notices n ON n.id = e.notice_id
      WHERE n.uuid = '$2' AND e.to_state = 'escalated'"
}
step () { # NOTICE FROM TO AT: A records a step (the rows the lifecycle writes)
  qa "UPDATE notices SET state = '$3', updated_at = $4,
        acknowledged_at = CASE WHEN '$3' = 'acknowledged' THEN $4 ELSE acknowledged_at END,
        acknowledged_by = CASE WHEN '$3' = 'acknowledged' THEN '物业赵主管' ELSE acknowledged_by END,
        rectified_at = CASE WHEN '$3' = 'rectified' THEN $4 ELSE rectified_at END,
        verified_at = CASE WHEN '$3' = 'verified' THEN $4 ELSE verified_at END,
        verified_by = CASE WHEN '$3' = 'verified' THEN '张伟' ELSE verified_by END,
        closed_at = CASE WHEN '$3' = 'closed' THEN $4 ELSE closed_at END WHERE uuid = '$1';
      INSERT INTO notice_events (notice_id, at, actor, from_state, to_state, remark)
        SELECT id, $4, '张伟', '$2', '$3', '' FROM notices WHERE uuid = '$1'"
}

# Both laptops escalate the rectified notice offline, B a second earlier;
# then A accepts and closes it.
as_b notice escalate "$(number "$notice")" 现场无人整改 --actor 李娜 >/dev/null
ok $? "B escalates $(number "$notice") offline"
sleep 1.1
as_a notice escalate "$(number "$notice")" 逾期未整改 --actor 张伟 >/dev/null
ok $? "A escalates it offline too"
[ "$(events qa "$notice")" = 1 ] && [ "$(qa "SELECT escalated FROM notices WHERE uuid = '$notice'")" = 1 ]
ok $? "on A the escalation is an event of the notice, and its flag"
as_a notice escalate "$(number "$notice")" 再次 --actor 张伟 >/dev/null && [ "$(events qa "$notice")" = 1 ]
ok $? "escalating it again on A adds nothing"
now=$(date +%s)
step "$notice" rectified verified $((now + 100)) && step "$notice" verified closed $((now + 110))
ok $? "A then accepts and closes it"

# The issued notice: A takes it to closed first, B escalates it afterwards
# (offline, B still sees it issued).
step "$other" issued acknowledged $((now - 400)) && step "$other" acknowledged rectified $((now - 300)) \
  && step "$other" rectified verified $((now - 200)) && step "$other" verified closed $((now - 100))
ok $? "A closes the issued notice"
as_b notice escalate "$(number "$other")" 整改拖延 --actor 李娜 >/dev/null; ok $? "B escalates it later, offline"

as_a sync --json >"$pg_dir/a1.json" && as_b sync --json >"$pg_dir/b1.json" \
  && as_a sync --json >"$pg_dir/a2.json" && as_b sync --json >"$pg_dir/b2.json"
ok $? "A, B, A, B sync"
for run_ in a1 b1 a2 b2; do [ "$(json "$pg_dir/$run_.json" conflicts_found)" = 0 ] || break; done
r=$?; [ $r = 0 ] && [ "$(qa "SELECT count(*) FROM team_conflicts")$(qb "SELECT count(*) FROM team_conflicts")" = 00 ]
ok $? "no conflict anywhere"

b_at=$(qb "SELECT at FROM notice_events e JOIN notices n ON n.id = e.notice_id
  WHERE n.uuid = '$notice' AND e.to_state = 'escalated' AND e.actor = '李娜'")
[ "$(fa "$notice")" = "$(fb "$notice")" ] && [ "$(fa "$notice")" = "1|$b_at|现场无人整改|closed" ]
ok $? "one escalated notice on both, closed: the first escalation's time and reason ($(fa "$notice"))"
[ "$(events qa "$notice")" = 2 ] && [ "$(events qb "$notice")" = 2 ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.notice_events WHERE notice_uuid = '$notice'
                      AND body->>'to_state' = 'escalated'")" = 2 ]
ok $? "both escalation events kept on A, B and the server"
[ "$(psql_value "SELECT (body->>'escalated') || '|' || (body->>'escalated_at') || '|' || (body->>'escalation_reason')
                 || '|' || (body->>'state') FROM xunjian.notices WHERE uuid = '$notice'")" = "1|$b_at|现场无人整改|closed" ]
ok $? "the server's notice says the same"

[ "$(fa "$other")" = "0|||closed" ] && [ "$(fb "$other")" = "0|||closed" ]
r=$?; ok $r "escalated after the close (offline): closed, the escalation does not stand, on both"
[ $r = 0 ] || { fa "$other"; fb "$other"; } >&2
[ "$(events qa "$other")" = 1 ] && [ "$(events qb "$other")" = 1 ]
ok $? "its escalation event is kept in the log all the same"
[ "$(psql_value "SELECT (body->>'escalated') || '|' || (body->>'state') FROM xunjian.notices WHERE uuid = '$other'")" = "0|closed" ]
ok $? "and the server's notice is closed, not escalated"

as_a sync --json >"$pg_dir/a3.json" && as_b sync --json >"$pg_dir/b3.json"
[ "$(json "$pg_dir/a3.json" pushed)$(json "$pg_dir/a3.json" pulled)$(json "$pg_dir/b3.json" pushed)$(json "$pg_dir/b3.json" pulled)" = 0000 ]
ok $? "a further sync moves nothing: the folds agree"
dump "$a" >"$pg_dir/dump-a"; dump "$b" >"$pg_dir/dump-b"
cmp -s "$pg_dir/dump-a" "$pg_dir/dump-b"; ok $? "A and B: the same canonical dump"
diff "$pg_dir/dump-a" "$pg_dir/dump-b" | head >&2
done_testing
