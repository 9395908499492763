#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Three laptops and one server, syncing in a random order: each works
# offline (A renames a site and adds one, B renames the same site, C moves
# a notice on and changes the site's address), then they sync in random
# orders until nothing moves.  All three hold the same records, the same
# field renamed on two laptops is one conflict on one laptop, the fields
# changed once are merged everywhere.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"
seed=${XJ_TEST_SEED:-$$}
echo "# random order seed $seed"

run --data-dir "$a" demo >/dev/null 2>&1
as_a team join "$server" --user zhang >/dev/null && as_b team join "$server" --user li >/dev/null \
  && as_c team join "$server" --user wang >/dev/null
ok $? "A (a season of work), B and C (new) joined"
good=0
for l in a b c a b c; do as_$l sync >/dev/null || good=1; done
ok $good "everyone synced"
site=$(qa "SELECT uuid FROM sites ORDER BY id LIMIT 1")
notice=$(qa "SELECT uuid FROM notices WHERE state = 'issued' ORDER BY id LIMIT 1")

qa "UPDATE sites SET name = '甲改名' WHERE uuid = '$site';
    INSERT INTO sites (name, created_at, updated_at) VALUES ('甲新站点', 1800000000, 1800000000)"
qb "UPDATE sites SET name = '乙改名' WHERE uuid = '$site'"
qc "UPDATE sites SET address = '丙地址' WHERE uuid = '$site';
    UPDATE notices SET state = 'acknowledged', acknowledged_at = 1800000000, acknowledged_by = '丙'
      WHERE uuid = '$notice';
    INSERT INTO notice_events (notice_id, at, actor, from_state, to_state)
      SELECT id, 1800000000, '丙', 'issued', 'acknowledged' FROM notices WHERE uuid = '$notice'"
ok $? "each laptop works offline"

orders=$(python3 -c "
import random; r = random.Random($seed)
for _ in range(4): print(' '.join(r.sample('abc', 3)))")
echo "$orders" | while read -r order; do
  echo "# round: $order"
  for l in $order; do as_$l sync >/dev/null || exit 1; done
done
ok $? "four rounds of syncs in random orders"
for l in a b c; do as_$l sync --json >"$pg_dir/$l.json"; done
[ "$(for l in a b c; do json "$pg_dir/$l.json" pushed; json "$pg_dir/$l.json" pulled; done | sort -u)" = 0 ]
ok $? "then nothing moves"

dump "$a" >"$pg_dir/a.dump"; dump "$b" >"$pg_dir/b.dump"; dump "$c" >"$pg_dir/c.dump"
cmp -s "$pg_dir/a.dump" "$pg_dir/b.dump" && cmp -s "$pg_dir/a.dump" "$pg_dir/c.dump"
ok $? "A, B and C hold the same records"
diff "$pg_dir/a.dump" "$pg_dir/c.dump" | head -5 >&2
[ $(( $(qa "SELECT count(*) FROM team_conflicts WHERE field = 'name'") + $(qb "SELECT count(*) FROM team_conflicts WHERE field = 'name'") + $(qc "SELECT count(*) FROM team_conflicts WHERE field = 'name'") )) = 1 ]
ok $? "the name renamed on A and B is one conflict, on one laptop"
[ $(( $(qa "SELECT count(*) FROM team_conflicts WHERE field <> 'name'") + $(qb "SELECT count(*) FROM team_conflicts WHERE field <> 'name'") + $(qc "SELECT count(*) FROM team_conflicts WHERE field <> 'name'") )) = 0 ]
ok $? "nothing else is a conflict"
good=0
for l in a b c; do
  [ "$(q$l "SELECT address FROM sites WHERE uuid = '$site'")" = 丙地址 ] \
    && [ "$(q$l "SELECT state FROM notices WHERE uuid = '$notice'")" = acknowledged ] \
    && [ "$(q$l "SELECT count(*) FROM sites WHERE name = '甲新站点'")" = 1 ] || good=1
done
ok $good "C's address and notice step and A's new site are everywhere"
name=$(psql_value "SELECT body->>'name' FROM xunjian.sites WHERE uuid = '$site'")
[ "$(qb "SELECT name FROM sites WHERE uuid = '$site'")" = "$name" ]; ok $? "every laptop shows the server's name ($name)"
done_testing
