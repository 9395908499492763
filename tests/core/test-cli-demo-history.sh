#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `demo --sites N --years Y`: a history a manager would recognise.  On a
# small one (8 sites, 1 year), read back as the database holds it: notices
# raised from a plausible share of the failures, closed on time or late,
# some escalated, the overdue ones all escalated; signed reports in the
# archive, valid; mystery visits and calls with measured seconds and rings.
# TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../common/tap.sh"
unset DISPLAY WAYLAND_DISPLAY

d=$work/demo
start=$(date +%s)
out=$("$bin" --data-dir "$d" demo --sites 8 --years 1); ok $? "demo --sites 8 --years 1"
echo "# $(( $(date +%s) - start )) s: $out" | tr '\n' ' '; echo
signed=$(echo "$out" | sed -n 's/^\([0-9]*\) inspections signed.*/\1/p')
[ "${signed:-0}" -gt 0 ]; ok $? "says it signed and archived reports ($signed)"
db=$d/xunjian.db

$py - "$db" "$signed" <<'PY'; ok $? "notices from a plausible share of failures, on time, late, escalated"
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
one = lambda sql: db.execute(sql).fetchone()[0]
now = time.time()
failing = one("SELECT count(DISTINCT inspection_id) FROM answers WHERE outcome = 'fail'")
notices = one("SELECT count(*) FROM notices WHERE issued_at IS NOT NULL")
print("# %d notices for %d inspections with a failure" % (notices, failing))
assert notices > 20, notices
assert 0.02 < notices / failing < 0.4, (notices, failing)
from_findings = one("SELECT count(DISTINCT notice_id) FROM notice_findings")
assert from_findings >= notices - 12, (from_findings, notices)   # the stories' few standalone ones aside
closed = one("SELECT count(*) FROM notices WHERE state = 'closed'")
late = one("SELECT count(*) FROM notices WHERE state = 'closed' AND closed_at > deadline")
print("# closed %d, of them late %d" % (closed, late))
assert closed > notices / 2, (closed, notices)
assert 0.05 < late / closed < 0.45, (late, closed)
escalated = one("SELECT count(*) FROM notices WHERE escalated")
assert 0 < escalated < 0.6 * notices, (escalated, notices)
# Of the closed ones a few were escalated (safety hazards by the rule, a
# few by hand), not the share every fire & security finding would make.
closed_escalated = one("SELECT count(*) FROM notices WHERE state = 'closed' AND escalated")
print("# closed %d, of them escalated %d" % (closed, closed_escalated))
assert 0 < closed_escalated < 0.15 * closed, (closed_escalated, closed)
safety = one("SELECT count(*) FROM notices WHERE severity = 'safety' AND issued_at IS NOT NULL")
assert safety > 0, safety
overdue = one("SELECT count(*) FROM notices WHERE state IN ('issued', 'acknowledged') AND deadline < %d" % now)
assert overdue > 0, overdue
assert one("SELECT count(*) FROM notices WHERE state IN ('issued', 'acknowledged') AND deadline < %d AND NOT escalated" % now) == 0
numbers = one("SELECT count(DISTINCT number) FROM notices WHERE number IS NOT NULL")
assert numbers == one("SELECT count(*) FROM notices WHERE number IS NOT NULL")
PY

$py - "$db" "$signed" <<'PY'; ok $? "signed reports in the archive: recent monthly and weekly checks"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
one = lambda sql: db.execute(sql).fetchone()[0]
reports = one("SELECT count(*) FROM reports")
assert reports == int(sys.argv[2]) > 0, reports
assert one("SELECT count(*) FROM inspections WHERE state = 'archived'") == reports
kinds = {k for (k,) in db.execute("SELECT DISTINCT i.kind FROM reports r JOIN inspections i ON i.id = r.inspection_id")}
assert kinds <= {"monthly", "weekly"} and "monthly" in kinds, kinds
PY

pdf=$d/$(sqlite3 "$db" "SELECT path FROM reports ORDER BY id DESC LIMIT 1")
"$bin" --data-dir "$d" report verify "$pdf" >/dev/null; ok $? "report verify accepts an archived report"
pdfsig "$pdf" 2>&1 | grep -q "Signature is Valid"; ok $? "pdfsig: its signature is valid"

$py - "$db" <<'PY'; ok $? "mystery visits and calls with measured seconds and rings"
import sqlite3, statistics, sys
db = sqlite3.connect(sys.argv[1])
def values(key):
    return [float(v) for (v,) in db.execute(
        "SELECT a.value FROM answers a JOIN template_items t ON t.id = a.item_id "
        "WHERE t.item_key = ? AND a.value <> 'na'", (key,))]
calls = db.execute("SELECT count(*) FROM inspections WHERE kind = 'mystery_call'").fetchone()[0]
visits = db.execute("SELECT count(*) FROM inspections WHERE kind = 'mystery_visit'").fetchone()[0]
assert calls > 20 and visits > 20, (calls, visits)
rings = values("c-rings")
assert len(rings) > 20 and all(r == int(r) and 1 <= r <= 8 for r in rings), rings[:20]
over = sum(r > 3 for r in rings) / len(rings)
print("# rings: median %g, %.0f %% over 3" % (statistics.median(rings), 100 * over))
assert 0.01 < over < 0.4, over
seconds = values("v-approach")
assert len(seconds) > 20
late = sum(s > 30 for s in seconds) / len(seconds)
print("# seconds to approach: median %g, %.0f %% over 30" % (statistics.median(seconds), 100 * late))
assert statistics.median(seconds) < 20 and 0.01 < late < 0.4, (statistics.median(seconds), late)
PY

echo "1..$n"
exit $failed
