#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two concurrent pushers: one transaction held open in psql takes a lower
# change sequence number and commits after the other pusher's rows were
# pulled.  The pull stops below the oldest transaction still running, so
# the late row is pulled by the next sync, not skipped.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"

as_a team join "$server" --user zhang >/dev/null && as_b team join "$server" --user li >/dev/null \
  && as_a sync >/dev/null && as_b sync >/dev/null
ok $? "A and B (new laptops) joined and synced"

# wang, a third member, writes a site in a transaction that stays open.
late=5b0c7d2e-1f3a-4c5d-8e9f-0a1b2c3d4e5f
PGPASSWORD=Sekr1t-wang "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -U wang -d team \
  >"$pg_dir/held.out" 2>&1 <<SQL &
BEGIN;
INSERT INTO xunjian.sites (uuid, body) VALUES ('$late', '{"uuid": "$late", "name": "晚到的站点",
  "kind": "estate", "address": "", "contact": "", "project_manager": "", "active": 1,
  "created_at": 1700000000, "updated_at": 1700000000}');
SELECT pg_sleep(15);
COMMIT;
SQL
held=$!
for i in $(seq 50); do
  [ "$(psql_value "SELECT count(*) FROM pg_stat_activity WHERE usename = 'wang' AND query LIKE '%pg_sleep%'")" = 1 ] && break
  sleep 0.1
done
held_seq=$(psql_value "SELECT last_value FROM xunjian.change_seq")

# A pushes a site meanwhile: it takes a higher sequence number and commits first.
qa "INSERT INTO sites (name, created_at, updated_at) VALUES ('先到的站点', 1700000000, 1700000000)"
as_a sync >/dev/null; ok $? "A pushes while wang's transaction is open"
[ "$(psql_value "SELECT seq FROM xunjian.sites WHERE body->>'name' = '先到的站点'")" -gt "$held_seq" ]
ok $? "A's row has the higher sequence number"
as_b sync >/dev/null; ok $? "B pulls while wang's transaction is open"
[ "$(qb "SELECT count(*) FROM sites WHERE uuid = '$late'")" = 0 ]; ok $? "B has not wang's site, not committed yet"
[ "$(qb "SELECT count(*) FROM sites WHERE name = '先到的站点'")" = 0 ]
ok $? "nor A's yet: the pull stops below the oldest transaction still running"

wait $held; ok $? "wang's transaction commits, with the lower sequence number"
[ "$(psql_value "SELECT seq FROM xunjian.sites WHERE uuid = '$late'")" -lt \
  "$(psql_value "SELECT seq FROM xunjian.sites WHERE body->>'name' = '先到的站点'")" ]
ok $? "its row's sequence number is below A's"
as_b sync >/dev/null; ok $? "B syncs again"
[ "$(qb "SELECT name FROM sites WHERE uuid = '$late'")" = 晚到的站点 ]; ok $? "B has the late site: nothing skipped"
[ "$(qb "SELECT count(*) FROM sites WHERE name = '先到的站点'")" = 1 ]; ok $? "and A's"
as_a sync >/dev/null; [ "$(qa "SELECT name FROM sites WHERE uuid = '$late'")" = 晚到的站点 ]
ok $? "and so has A"

# Interleaved: zhang's transaction starts first and writes, wang's starts and
# writes (a higher number), zhang writes again (higher still) and commits
# while wang's is open.  B pulls zhang's two rows; wang's, numbered between
# them, commits later and still arrives.
site_json () { echo "{\"uuid\": \"$1\", \"name\": \"$2\", \"kind\": \"estate\", \"address\": \"\",
  \"contact\": \"\", \"project_manager\": \"\", \"active\": 1, \"created_at\": 1700000000,
  \"updated_at\": 1700000000}"; }
p1=11111111-1f3a-4c5d-8e9f-0a1b2c3d4e51
p2=11111111-1f3a-4c5d-8e9f-0a1b2c3d4e52
w=22222222-1f3a-4c5d-8e9f-0a1b2c3d4e53
PGPASSWORD=Sekr1t-zhang "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -U zhang -d team \
  >"$pg_dir/first.out" 2>&1 <<SQL &
BEGIN;
INSERT INTO xunjian.sites (uuid, body) VALUES ('$p1', '$(site_json $p1 张一)');
SELECT pg_sleep(2);
INSERT INTO xunjian.sites (uuid, body) VALUES ('$p2', '$(site_json $p2 张二)');
COMMIT;
SQL
first=$!
sleep 0.5
PGPASSWORD=Sekr1t-wang "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -U wang -d team \
  >"$pg_dir/second.out" 2>&1 <<SQL &
BEGIN;
INSERT INTO xunjian.sites (uuid, body) VALUES ('$w', '$(site_json $w 王一)');
SELECT pg_sleep(15);
COMMIT;
SQL
second=$!
wait $first; ok $? "zhang's transaction commits while wang's is open"
as_b sync >/dev/null; ok $? "B pulls"
[ "$(qb "SELECT count(*) FROM sites WHERE uuid IN ('$p1', '$p2')")" = 2 ]; ok $? "B has zhang's two sites"
[ "$(qb "SELECT count(*) FROM sites WHERE uuid = '$w'")" = 0 ]; ok $? "not wang's, still open"
wait $second; ok $? "wang's transaction commits"
[ "$(psql_value "SELECT (SELECT seq FROM xunjian.sites WHERE uuid = '$p1') < s.seq
  AND s.seq < (SELECT seq FROM xunjian.sites WHERE uuid = '$p2') FROM xunjian.sites s WHERE uuid = '$w'")" = t ]
ok $? "its sequence number lies between zhang's two"
as_b sync >/dev/null; [ "$(qb "SELECT name FROM sites WHERE uuid = '$w'")" = 王一 ]
ok $? "B's next sync pulls it: nothing skipped"

# A sync with nothing to do writes nothing to the database (no watermark,
# no time of the sync in it: no disk sync, no WAL to checkpoint), and the
# laptop still says when it last synced.  The first sync after B's own
# push may still prune its list of pushes to skip; the ones after it
# write nothing.
qb "UPDATE sites SET address = '东门' WHERE uuid = '$w'"
as_b sync >/dev/null && as_b sync >/dev/null && as_a sync >/dev/null; ok $? "B pushes, A pulls"
before=$(as_b team status --json | python3 -c "import json,sys; print(json.load(sys.stdin)['last_sync'])")
cp "$b/xunjian.db" "$pg_dir/b-before.db"
sleep 1.1
as_b sync --json >"$pg_dir/empty.json"; ok $? "an empty sync"
[ "$(json "$pg_dir/empty.json" pushed)/$(json "$pg_dir/empty.json" pulled)" = 0/0 ]
ok $? "it moved nothing"
cmp -s "$b/xunjian.db" "$pg_dir/b-before.db" && [ ! -s "$b/xunjian.db-wal" ]
ok $? "and wrote nothing to the database"
after=$(as_b team status --json | python3 -c "import json,sys; print(json.load(sys.stdin)['last_sync'])")
[ -n "$after" ] && [ "$after" != None ] && [ "$after" \> "$before" ]
ok $? "team status gives the time of that sync ($before, then $after)"
# Something new from A: the next sync pulls it and writes again.
qa "UPDATE sites SET contact = '李四' WHERE uuid = '$w'"
as_a sync >/dev/null && as_b sync >/dev/null; ok $? "A pushes a change, B pulls it"
[ "$(qb "SELECT contact FROM sites WHERE uuid = '$w'")" = 李四 ]; ok $? "B has it"
# Left and joined again: the time of a sync of the team before is not shown.
as_b team leave >/dev/null && as_b team join "$server" --user li >/dev/null; ok $? "B leaves and joins again"
[ "$(as_b team status --json | python3 -c "import json,sys; print(json.load(sys.stdin)['last_sync'])")" = None ]
ok $? "it has not synced since"
done_testing
