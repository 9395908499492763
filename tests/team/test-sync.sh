#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two laptops and one server: what laptop A made (inspections with photos,
# completed, signed and archived; notices; checklists) reaches laptop B
# identical through `xunjian sync`, the signed PDF byte for byte and
# verifying there; a second sync moves nothing.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"

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

dump "$a" >"$pg_dir/a.dump"; dump "$b" >"$pg_dir/b.dump"
cmp -s "$pg_dir/a.dump" "$pg_dir/b.dump"; ok $? "A and B hold the same records (canonical dump)"
diff "$pg_dir/a.dump" "$pg_dir/b.dump" | head -20 >&2

report=$(qa "SELECT path FROM reports ORDER BY id LIMIT 1")
cmp -s "$a/$report" "$b/$report"; ok $? "a signed PDF is byte-identical on B"
run --data-dir "$b" report verify "$b/$report" >"$pg_dir/verify" 2>&1; ok $? "and verifies on B"

# A's inspections are zhang's on B: shown as such, and read-only there.
id=$(qb "SELECT id FROM inspections WHERE state = 'draft' ORDER BY id LIMIT 1")
run --data-dir "$b" inspection show "$id" --json >"$pg_dir/show.json"
[ "$(json "$pg_dir/show.json" owner)" = zhang ]; ok $? "on B, A's inspection shows its owner (zhang)"
run --data-dir "$a" inspection show "$(qa "SELECT id FROM inspections WHERE state = 'draft' ORDER BY id LIMIT 1")" --json >"$pg_dir/show-a.json"
[ "$(json "$pg_dir/show-a.json" owner)" = None ]; ok $? "on A it is A's own (no owner)"
qb "UPDATE inspections SET rep_name = '改' WHERE id = $id" 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "B cannot change it"
grep -q "another inspector" "$pg_dir/err"; ok $? "saying it is another inspector's"

as_a sync --json >"$pg_dir/a2.json"; ok $? "A syncs again (takes in what B sent)"
as_a sync --json >"$pg_dir/a2.json"; ok $? "A syncs once more"
as_b sync --json >"$pg_dir/b2.json"; ok $? "B syncs again"
[ "$(json "$pg_dir/a2.json" pushed)$(json "$pg_dir/a2.json" pulled)$(json "$pg_dir/b2.json" pushed)$(json "$pg_dir/b2.json" pulled)" = 0000 ]
r=$?; ok $r "a second sync moves nothing"
[ $r = 0 ] || cat "$pg_dir/a2.json" "$pg_dir/b2.json" >&2


done_testing
