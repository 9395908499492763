#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The push in sets (records without bytes are copied into a staging table
# and written with one statement per table and batch; photos and reports
# in libpq's pipeline mode), and a sync with nothing to do.
# - A record the server refuses in the middle of a batch is set aside,
#   named with the server's words; its batch is sent again without it and
#   its inspection (the whole it is a part of), nothing of which reaches
#   the server; the rest goes, and once the server accepts it, a retry
#   sends everything (in sets again).
# - A sync with nothing to do asks the server one statement (the server's
#   own statement log counts them).
# TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"

run --data-dir "$a" demo >/dev/null 2>&1
as_a team join "$server" --user zhang >/dev/null && as_b team join "$server" --user li >/dev/null
ok $? "A (a season of work) and B joined"
waiting=$(qa "SELECT count(*) FROM team_outbox")

# The server's rules refuse one answer of the inspection queued last, amid
# its other answers (a rule of the test's own: a trigger, as the server's
# triggers refuse).
refused=$(qa "SELECT a.uuid FROM answers a JOIN inspections i ON i.id = a.inspection_id
  JOIN team_outbox o ON o.table_name = 'inspections' AND o.record = i.uuid
  ORDER BY o.id DESC, a.id LIMIT 1 OFFSET 3")
psql_value "CREATE FUNCTION public.refuse() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
  RAISE EXCEPTION 'refused by the test' USING ERRCODE = '42501'; END \$\$;
  CREATE TRIGGER refuse BEFORE INSERT ON xunjian.answers FOR EACH ROW
  WHEN (NEW.uuid = '$refused') EXECUTE FUNCTION public.refuse()" >/dev/null
# Batches of 20 outbox rows (each with its inspections' parts): several.
XJ_SYNC_BATCH=20 as_a sync >"$pg_dir/out" 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "the sync sets the refused answer aside, and says the laptop and the server do not agree"
grep -q "$refused" "$pg_dir/out" && grep -q "refused by the test" "$pg_dir/out"
ok $? "naming it and giving the server's words"
inspection=$(qa "SELECT i.uuid FROM answers a JOIN inspections i ON i.id = a.inspection_id
  WHERE a.uuid = '$refused'")
[ "$(psql_value "SELECT count(*) FROM xunjian.answers WHERE inspection_uuid = '$inspection'")" = 0 ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.inspections WHERE uuid = '$inspection'")" = 0 ]
ok $? "nothing of its inspection is on the server (held with it)"
[ "$(qa "SELECT count(*) FROM team_outbox WHERE record = '$refused'")" = 1 ]
ok $? "the refused answer still waits in the outbox"
[ "$(psql_value "SELECT count(*) FROM xunjian.answers")" -gt 0 ] \
  && [ "$(qa "SELECT count(*) FROM team_outbox_ready")" = 0 ]
ok $? "every other batch is on the server"

psql_value "DROP TRIGGER refuse ON xunjian.answers" >/dev/null
# Text that COPY must escape (a backslash, a tab, quotes, line ends) goes
# and comes back as it was (the dumps below compare it).
qa "UPDATE sites SET address = 'C:\\路' || char(9) || '\"东门\"' || char(10) || '二号'
  WHERE id = (SELECT min(id) FROM sites)"
qa "UPDATE answers SET remark = 'a\\b' || char(13) || char(10) || '\\n' WHERE id = (SELECT min(a.id)
  FROM answers a JOIN inspections i ON i.id = a.inspection_id WHERE i.state IN ('draft', 'completed'))"
psql_value "ALTER ROLE zhang SET log_statement = 'all'" >/dev/null
before=$(wc -l <"$pg_dir/log")
as_a team set-aside retry --all >/dev/null; ok $? "accepted now, a retry sends it and syncs (exit 0)"
# Answers (and the other records without bytes) go in sets: copied into
# the staging table, one statement per table and batch, none per answer.
tail -n +"$((before + 1))" "$pg_dir/log" >"$pg_dir/push.log"
sets=$(grep -c 'INSERT INTO xunjian.answers .*FROM pg_temp.xj_stage' "$pg_dir/push.log")
[ "$(grep -c 'execute xj_push_answers' "$pg_dir/push.log")" = 0 ] && [ "$sets" -gt 0 ] \
  && [ "$((sets * 20))" -lt "$(qa "SELECT count(*) FROM answers")" ]
ok $? "answers were written in sets ($sets statements), not one statement each"
[ "$(qa "SELECT count(*) FROM team_outbox")" = 0 ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.answers")" = "$(qa "SELECT count(*) FROM answers")" ] \
  && [ "$(psql_value "SELECT count(*) FROM xunjian.audit")" = "$(qa "SELECT count(*) FROM audit_log")" ]
ok $? "every answer and audit entry of A is on the server ($waiting records queued at join)"
as_b sync >/dev/null && as_a sync >/dev/null && as_b sync >/dev/null
dump "$a" >"$pg_dir/a.dump"; dump "$b" >"$pg_dir/b.dump"
cmp -s "$pg_dir/a.dump" "$pg_dir/b.dump"; ok $? "B pulled the same records"
[ "$(qb "SELECT count(*) FROM sites WHERE address = 'C:\\路' || char(9) || '\"东门\"' || char(10) || '二号'")" = 1 ] \
  && [ "$(qb "SELECT count(*) FROM answers WHERE remark = 'a\\b' || char(13) || char(10) || '\\n'")" = 1 ]
ok $? "with a backslash, a tab, quotes and line ends as they were"

# A sync with nothing to do: one statement on the server.
before=$(wc -l <"$pg_dir/log")
as_a sync --json >"$pg_dir/empty.json"; ok $? "a sync with nothing to do"
statements=$(tail -n +"$((before + 1))" "$pg_dir/log" | grep -cE 'LOG:  (statement|execute)')
[ "$statements" = 1 ]; ok $? "asks the server one statement (asked $statements)"
[ "$(json "$pg_dir/empty.json" pushed)" = 0 ] && [ "$(json "$pg_dir/empty.json" pulled)" = 0 ]
ok $? "and moves nothing"
done_testing
