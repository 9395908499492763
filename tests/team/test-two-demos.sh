#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two laptops that both worked before joining the team: each has its own
# sites, inspections on its built-in checklists and signed reports.  Both
# join and sync: the built-in checklist versions they each used become one
# record on the server (each laptop takes the team's UUID, although its
# versions are in use and otherwise immutable), every inspection reaches the
# other laptop, and both end with the same records.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"

run --data-dir "$a" demo >/dev/null 2>&1; ok $? "laptop A has a season of work (demo)"
run --data-dir "$b" demo >/dev/null 2>&1; ok $? "laptop B has its own season of work (demo)"
before_b=$(qb "SELECT group_concat(uuid) FROM (SELECT v.uuid FROM template_versions v
  WHERE v.id IN (SELECT version_id FROM inspections) ORDER BY v.uuid)")

as_a team join "$server" --user zhang >/dev/null; ok $? "A joins the team"
as_b team join "$server" --user li >/dev/null; ok $? "B joins the team"
as_a sync >/dev/null 2>"$pg_dir/err-a1"; ok $? "A syncs"
as_b sync >/dev/null 2>"$pg_dir/err-b1"; r=$?; ok $r "B syncs: its built-in checklists in use take the team's identity"
[ $r = 0 ] || cat "$pg_dir/err-b1" >&2
as_a sync >/dev/null 2>"$pg_dir/err-a2"; ok $? "A syncs again"
as_b sync >/dev/null 2>"$pg_dir/err-b2"; ok $? "B syncs again"

[ "$(qb "SELECT count(*) FROM team_outbox")" = 0 ]; ok $? "B's outbox is empty"
after_b=$(qb "SELECT group_concat(uuid) FROM (SELECT v.uuid FROM template_versions v
  WHERE v.id IN (SELECT version_id FROM inspections) ORDER BY v.uuid)")
[ "$before_b" != "$after_b" ]; ok $? "B's versions in use now carry the team's UUIDs"
[ "$(psql_value "SELECT count(*) FROM (SELECT content_sha256 FROM xunjian.template_versions
   GROUP BY content_sha256 HAVING count(*) > 1) d")" = 0 ]
ok $? "the server holds each built-in version once"
[ "$(qa "SELECT count(*) FROM inspections")" = "$(qb "SELECT count(*) FROM inspections")" ]
ok $? "A and B hold the same number of inspections"
[ "$(psql_value "SELECT count(*) FROM xunjian.inspections")" = "$(qa "SELECT count(*) FROM inspections")" ]
ok $? "and so does the server"
dump "$a" >"$pg_dir/a.dump"; dump "$b" >"$pg_dir/b.dump"
cmp -s "$pg_dir/a.dump" "$pg_dir/b.dump"; ok $? "A and B hold the same records (canonical dump)"
diff "$pg_dir/a.dump" "$pg_dir/b.dump" | head -20 >&2
qb "UPDATE template_versions SET name = 'changed' WHERE id IN (SELECT version_id FROM inspections)" 2>"$pg_dir/err"
[ $? -ne 0 ]; ok $? "a version in use still cannot be changed"
grep -q "in use" "$pg_dir/err"; ok $? "saying it is in use"

done_testing
