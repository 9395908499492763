#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two laptops that each made a site of the same name offline: after the
# syncs both sites are on both laptops, flagged as possible duplicates and
# not renamed; a person merges one into the other on laptop B (the real
# binary, `xunjian site merge`): its schedules and notices move, its
# inspections (signed ones untouched, their reports verifying) are listed
# under the site kept, the merge is in the audit; after the syncs laptop A
# shows the same.  Wrong merges are refused with a clear message and
# change nothing.  Two opposite merges made at once on two laptops end in
# one answer on both.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"

field () { # FILE KEY: one member of every object of a JSON list, one a line
  python3 -c "import json,sys
for o in json.load(open(sys.argv[1])): print(o[sys.argv[2]])" "$@"
}

run --data-dir "$a" demo >/dev/null 2>&1; ok $? "laptop A has a season of work (demo)"
# The site of A with the most signed inspections, its schedules and notices.
from=$(qa "SELECT s.uuid FROM sites s JOIN inspections i ON i.site_id = s.id
           WHERE i.state IN ('signed', 'archived') GROUP BY s.id ORDER BY count(*) DESC LIMIT 1")
name=$(qa "SELECT name FROM sites WHERE uuid = '$from'")
[ -n "$name" ]; ok $? "A's site $name has signed inspections"
n_insp=$(qa "SELECT count(*) FROM inspections i JOIN sites s ON s.id = i.site_id WHERE s.uuid = '$from'")
n_sched=$(qa "SELECT count(*) FROM schedules i JOIN sites s ON s.id = i.site_id WHERE s.uuid = '$from'")
n_notice=$(qa "SELECT count(*) FROM notices i JOIN sites s ON s.id = i.site_id WHERE s.uuid = '$from'")
[ "$n_insp" -gt 0 ] && [ "$n_sched" -gt 0 ] && [ "$n_notice" -gt 0 ]
ok $? "with $n_insp inspections, $n_sched schedules and $n_notice notices"
signed_before=$(qa "SELECT group_concat(i.uuid || ':' || r.sha256 || ':' || i.signed_at) FROM inspections i
                    JOIN reports r ON r.inspection_id = i.id JOIN sites s ON s.id = i.site_id
                    WHERE s.uuid = '$from' ORDER BY i.uuid")

# B, offline, makes a site of the same name (as a person would type it,
# with a different case and spaces), and a schedule there.
run --data-dir "$b" site list >/dev/null 2>&1; ok $? "laptop B starts"
qb "INSERT INTO sites (name, address, created_at, updated_at) VALUES (' $name ', '乙记的地址', 1800000000, 1800000000);
    UPDATE sites SET name = trim(name);
    INSERT INTO schedules (site_id, template_id, kind, rule, starts_at, created_at)
      SELECT (SELECT id FROM sites WHERE address = '乙记的地址'), id, 'daily', 'daily', 1800000000, 1800000000
      FROM templates ORDER BY id LIMIT 1"
into=$(qb "SELECT uuid FROM sites WHERE address = '乙记的地址'")
[ -n "$into" ]; ok $? "laptop B made a site named $name offline"

as_a team join "$server" --user zhang >/dev/null; ok $? "A joins the team"
as_b team join "$server" --user li >/dev/null; ok $? "B joins the team"
as_a sync >/dev/null 2>"$pg_dir/err"; ok $? "A syncs"
as_b sync >/dev/null 2>"$pg_dir/err"; ok $? "B syncs"
as_a sync >/dev/null 2>"$pg_dir/err"; ok $? "A syncs again"

for l in a b; do
  [ "$(q$l "SELECT count(*) FROM sites WHERE name = '$name'")" = 2 ]
  ok $? "laptop $(echo $l | tr ab AB) has both sites, neither renamed"
done
run --data-dir "$b" site list --json >"$pg_dir/sites.json"; ok $? "site list --json on B"
python3 - "$pg_dir/sites.json" "$name" <<'PY'
import json, sys
sites = [s for s in json.load(open(sys.argv[1])) if s["name"] == sys.argv[2]]
others = [s for s in json.load(open(sys.argv[1])) if s["name"] != sys.argv[2]]
assert len(sites) == 2 and all(s["possible_duplicate"] for s in sites), sites
assert all(s["merged_into"] is None for s in sites)
PY
ok $? "both flagged as possible duplicates"
run --data-dir "$b" site list >"$pg_dir/sites.txt"
[ "$(grep -c "^[0-9]*	$name	.*(possible duplicate" "$pg_dir/sites.txt")" = 2 ]
ok $? "and marked so in the plain list"

# Wrong merges: a clear message each, nothing changed.
state () { qb "SELECT group_concat(uuid || '|' || coalesce(merged_into, '')) FROM sites;
               SELECT group_concat(site_id) FROM (SELECT site_id FROM schedules ORDER BY id);
               SELECT group_concat(site_id) FROM (SELECT site_id FROM notices ORDER BY id);
               SELECT count(*) FROM audit_log; SELECT count(*) FROM team_outbox"; }
before=$(state)
run --data-dir "$b" site merge 999999 "$into" 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "merging an unknown site fails"
grep -q "There is no site with ID 999999" "$pg_dir/err"; ok $? "saying so"
run --data-dir "$b" site merge "$into" 00000000-0000-4000-8000-000000000000 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "merging into an unknown UUID fails"
grep -q "There is no site “00000000-0000-4000-8000-000000000000”" "$pg_dir/err"; ok $? "saying so"
run --data-dir "$b" site merge "$into" "$into" 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "merging a site into itself fails"
grep -q "cannot be merged into itself" "$pg_dir/err"; ok $? "saying so"
[ "$(state)" = "$before" ]; ok $? "and nothing changed"

# The merge, on B: A's site into B's.
run --data-dir "$b" site merge "$from" "$into" >"$pg_dir/merge" 2>"$pg_dir/err"
ok $? "B merges A's $name into its own"
grep -q "$n_insp inspections, $n_sched schedules, $n_notice notices now under it" "$pg_dir/merge"
ok $? "saying what moved ($(cat "$pg_dir/merge"))"
other=$(qb "SELECT uuid FROM sites WHERE merged_into IS NULL AND uuid NOT IN ('$into') LIMIT 1")
before=$(state)
run --data-dir "$b" site merge "$other" "$from" 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "merging into a merged site fails"
grep -q "was merged into another site" "$pg_dir/err"; ok $? "saying so"
run --data-dir "$b" site merge "$from" "$other" 2>"$pg_dir/err"; [ $? -ne 0 ]
ok $? "merging a merged site again fails"
grep -q "already merged" "$pg_dir/err"; ok $? "saying so"
[ "$(state)" = "$before" ]; ok $? "and nothing changed"

as_b sync >/dev/null 2>"$pg_dir/err"; ok $? "B syncs"
as_a sync >/dev/null 2>"$pg_dir/err"; ok $? "A syncs"
as_b sync >/dev/null 2>"$pg_dir/err"; ok $? "B syncs again"

for l in a b; do
  L=$(echo $l | tr ab AB)
  into_id=$(q$l "SELECT id FROM sites WHERE uuid = '$into'")
  run --data-dir "$(eval echo \$$l)" site list --json >"$pg_dir/sites-$l.json"
  [ "$(field "$pg_dir/sites-$l.json" name | grep -c "^$name\$")" = 1 ] \
    && ! field "$pg_dir/sites-$l.json" possible_duplicate | grep -q True
  ok $? "$L lists one $name, no longer flagged"
  [ "$(q$l "SELECT merged_into FROM sites WHERE uuid = '$from'")" = "$into" ]
  ok $? "$L: A's site points to the one kept"
  [ "$(q$l "SELECT count(*) FROM schedules s JOIN sites x ON x.id = s.site_id WHERE x.uuid = '$into'")" = $((n_sched + 1)) ] \
    && [ "$(q$l "SELECT count(*) FROM notices s JOIN sites x ON x.id = s.site_id WHERE x.uuid = '$into'")" = "$n_notice" ]
  ok $? "$L: every schedule and notice is under the site kept"
  run --data-dir "$(eval echo \$$l)" inspection list --json >"$pg_dir/insp-$l.json"
  [ "$(field "$pg_dir/insp-$l.json" site_id | grep -c "^$into_id\$")" = "$n_insp" ]
  ok $? "$L: the $n_insp inspections are listed under the site kept"
  after=$(q$l "SELECT group_concat(i.uuid || ':' || r.sha256 || ':' || i.signed_at) FROM inspections i
               JOIN reports r ON r.inspection_id = i.id JOIN sites s ON s.id = i.site_id
               WHERE s.uuid = '$from' ORDER BY i.uuid")
  [ "$after" = "$signed_before" ]; ok $? "$L: signed inspections and reports unchanged"
  path=$(q$l "SELECT r.path FROM reports r JOIN inspections i ON i.id = r.inspection_id
              JOIN sites s ON s.id = i.site_id WHERE s.uuid = '$from' LIMIT 1")
  run --data-dir "$(eval echo \$$l)" report verify "$(eval echo \$$l)/$path" >/dev/null 2>&1
  ok $? "$L: a signed report of the merged site verifies"
  run --data-dir "$(eval echo \$$l)" site show "$from" --json >"$pg_dir/show-$l.json"
  python3 - "$pg_dir/show-$l.json" "$into" <<'PY'
import json, sys
site = json.load(open(sys.argv[1]))
merges = [e for e in site["history"] if e["action"] == "merge"]
assert len(merges) == 1 and merges[0]["actor"] == "li" and sys.argv[2] in merges[0]["detail"], site
assert merges[0]["at"]
PY
  ok $? "$L: the merge is in the audit (who, when, from, into)"
done
# The manager's export of the site kept has the merged site's inspections.
into_a=$(qa "SELECT id FROM sites WHERE uuid = '$into'")
run --data-dir "$a" export xlsx "$pg_dir/kept.xlsx" --from 2000-01-01 --to 2099-12-31 --site "$into_a" >/dev/null 2>"$pg_dir/err"
ok $? "A exports the site kept to Excel"
[ "$(/usr/bin/python3 -c "import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(sum(1 for r in ws.iter_rows(min_row=2, values_only=True) if r[0] is not None))" "$pg_dir/kept.xlsx")" = "$n_insp" ]
ok $? "with the $n_insp inspections of the merged site"
[ "$(psql_value "SELECT body->>'merged_into' FROM xunjian.sites WHERE uuid = '$from'")" = "$into" ]
ok $? "the server holds the merge"
[ "$(qa "SELECT count(*) FROM team_conflicts")" = 0 ] && [ "$(qb "SELECT count(*) FROM team_conflicts")" = 0 ]
ok $? "no conflict on either laptop"

# Two opposite merges at once: P into Q on A, Q into P on B.
qa "INSERT INTO sites (name, created_at, updated_at) VALUES ('并发站点', 1800000000, 1800000000)"
qb "INSERT INTO sites (name, created_at, updated_at) VALUES ('并发站点', 1800000000, 1800000000)"
as_a sync >/dev/null && as_b sync >/dev/null && as_a sync >/dev/null
ok $? "two more same-name sites, one made on each laptop, synced"
p=$(qa "SELECT uuid FROM sites WHERE name = '并发站点' ORDER BY uuid LIMIT 1")
q=$(qa "SELECT uuid FROM sites WHERE name = '并发站点' ORDER BY uuid DESC LIMIT 1")
[ -n "$p" ] && [ "$p" != "$q" ]; ok $? "both laptops have both"
run --data-dir "$a" site merge "$p" "$q" >/dev/null; ok $? "A merges the first into the second"
run --data-dir "$b" site merge "$q" "$p" >/dev/null; ok $? "B, not knowing, the second into the first"
as_a sync >/dev/null && as_b sync >/dev/null && as_a sync >/dev/null && as_b sync >/dev/null
ok $? "both sync"
for l in a b; do
  [ "$(q$l "SELECT coalesce(merged_into, '-') FROM sites WHERE uuid = '$p'")" = - ] \
    && [ "$(q$l "SELECT merged_into FROM sites WHERE uuid = '$q'")" = "$p" ]
  ok $? "$(echo $l | tr ab AB): one answer, the site with the smaller UUID kept"
done
[ "$(psql_value "SELECT coalesce(body->>'merged_into', '-') || ' ' || (SELECT body->>'merged_into'
  FROM xunjian.sites WHERE uuid = '$q') FROM xunjian.sites WHERE uuid = '$p'")" = "- $p" ]
ok $? "the server holds the same answer"
[ "$(qa "SELECT count(*) FROM team_conflicts")" = 0 ] && [ "$(qb "SELECT count(*) FROM team_conflicts")" = 0 ]
ok $? "without a conflict to decide"
as_a sync --json >"$pg_dir/a.json" && as_b sync --json >"$pg_dir/b.json"
[ "$(json "$pg_dir/a.json" pushed)$(json "$pg_dir/b.json" pushed)" = 00 ]
ok $? "and a further sync moves nothing"

done_testing
