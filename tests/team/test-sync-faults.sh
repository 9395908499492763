#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Syncs cut short: the client stopped after a batch (XJ_SYNC_STOP_AFTER, as
# a crash at that point), killed with SIGKILL at random instants mid-push
# and mid-pull, its server backend terminated (pg_terminate_backend), the
# server restarted.  After each, the next sync converges: the server holds
# every record, the other laptop the same records, nothing lost.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"

run --data-dir "$a" demo >/dev/null 2>&1
as_a team join "$server" --user zhang >/dev/null && as_b team join "$server" --user li >/dev/null
ok $? "A (a season of work) and B (new) joined"
waiting=$(qa "SELECT count(*) FROM team_outbox")

# Stopped after two batches of 100: what was committed stays, the rest waits.
XJ_SYNC_BATCH=100 XJ_SYNC_STOP_AFTER=2 as_a sync >/dev/null 2>&1; [ $? = 9 ]
ok $? "a push stopped after two batches"
left=$(qa "SELECT count(*) FROM team_outbox")
[ "$left" -lt "$waiting" ] && [ "$left" -gt 0 ]; ok $? "two batches left the outbox ($waiting -> $left)"
[ "$(psql_value "SELECT count(*) FROM xunjian.sites")" -gt 0 ]; ok $? "and reached the server"

# Killed at random instants while pushing (small batches: many commits).
kills=0
for delay in 0.3 0.7 0.2 1.1 0.5 0.9; do
  XJ_SYNC_BATCH=20 PGPASSWORD=Sekr1t-zhang "$bin" --data-dir "$a" sync </dev/null >/dev/null 2>&1 &
  pid=$!
  sleep $delay
  kill -9 $pid 2>/dev/null && kills=$((kills + 1))
  wait $pid 2>/dev/null
done
echo "# $kills pushes killed, $(qa "SELECT count(*) FROM team_outbox") records waiting"
# A backend terminated mid-push.
XJ_SYNC_BATCH=20 PGPASSWORD=Sekr1t-zhang "$bin" --data-dir "$a" sync </dev/null >/dev/null 2>"$pg_dir/term.err" &
pid=$!
sleep 0.5
psql_value "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'xunjian'" >/dev/null
wait $pid; echo "# terminated push exited $?: $(head -c 200 "$pg_dir/term.err")"
as_a sync --json >"$pg_dir/a.json"; ok $? "the next push completes (exit 0)"
[ "$(qa "SELECT count(*) FROM team_outbox")" = 0 ]; ok $? "nothing waits on A"
[ "$(psql_value "SELECT count(*) FROM xunjian.inspections")" = "$(qa "SELECT count(*) FROM inspections")" ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.answers")" = "$(qa "SELECT count(*) FROM answers")" ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.photos")" = "$(qa "SELECT count(*) FROM photos")" ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.reports")" = "$(qa "SELECT count(*) FROM reports")" ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.audit")" = "$(qa "SELECT count(*) FROM audit_log")" ]
ok $? "the server holds every inspection, answer, photo, report and audit entry of A"

# Pulling: stopped after three batches, killed at random, server restarted.
XJ_SYNC_BATCH=30 XJ_SYNC_STOP_AFTER=3 as_b sync >/dev/null 2>&1; [ $? = 9 ]
ok $? "a pull stopped after three batches"
[ "$(qb "SELECT count(*) FROM sites")" -gt 0 ]; ok $? "what it took in is kept"
for delay in 0.4 0.8 1.3 0.6; do
  XJ_SYNC_BATCH=30 PGPASSWORD=Sekr1t-li "$bin" --data-dir "$b" sync </dev/null >/dev/null 2>&1 &
  pid=$!
  sleep $delay
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
done
# The server stopped mid-pull (if the pull is not done by then).
# (B forgets where its pulls stopped: everything comes again, harmlessly.)
qb "DELETE FROM team_settings WHERE key = 'pull_seq'"
XJ_SYNC_BATCH=5 PGPASSWORD=Sekr1t-li "$bin" --data-dir "$b" sync </dev/null >/dev/null 2>"$pg_dir/restart.err" &
pid=$!
sleep 0.5
pg_stop immediate; pg_start
wait $pid; echo "# the pull under a server restart exited $? (done before it, or cut off)"
as_b sync >/dev/null; ok $? "the next pull completes"
as_a sync >/dev/null && as_b sync >/dev/null; ok $? "both sync once more"
dump "$a" >"$pg_dir/a.dump"; dump "$b" >"$pg_dir/b.dump"
cmp -s "$pg_dir/a.dump" "$pg_dir/b.dump"; ok $? "A and B hold the same records"
diff "$pg_dir/a.dump" "$pg_dir/b.dump" | head -5 >&2
report=$(qa "SELECT path FROM reports ORDER BY id DESC LIMIT 1")
cmp -s "$a/$report" "$b/$report"; ok $? "a signed PDF arrived whole"
done_testing
