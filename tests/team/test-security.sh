#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The team server's rules hold whatever client talks to it: each role,
# connected with plain psql, tries what it may do (accepted) and what it must
# not (refused by the server, for the right reason).  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
unset DISPLAY WAYLAND_DISPLAY

"$bin" server init "$pg_admin" >/dev/null || { echo "Bail out! server init failed"; exit 1; }
for m in "zhang inspector" "wang inspector" "li liaison" "zhao manager"; do
  set -- $m
  "$bin" server add-user "$pg_admin" "$1" "$2" --password "pw-$1" >/dev/null \
    || { echo "Bail out! add-user $1 failed"; exit 1; }
done

allowed () { # USER WHAT SQL
  psql_as "$1" "pw-$1" "$3"; ok $? "$1 may $2"
}
# The refusal must come from the rules, not from a mistake in the test.
refused () { # USER WHAT SQL
  : >"$pg_dir/psql.err"
  psql_as "$1" "pw-$1" "$3"; status=$?
  grep -qE "permission denied|row-level security|written once|signed and locked|belongs to|never deleted" \
    "$pg_dir/psql.err"
  [ $status -ne 0 ] && [ $? = 0 ]; ok $? "$1 may not $2"
  [ $status -ne 0 ] || cat "$pg_dir/psql.err" >&2
}

# Another's owned rows are outside what an UPDATE may touch: it changes nothing.
untouched () { # USER WHAT SQL (an UPDATE)
  changed=$(PGPASSWORD="pw-$1" "$pg_bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$pg_dir" -U "$1" \
            -d team -c "$3 RETURNING uuid")
  [ $? = 0 ] && [ -z "$changed" ]; ok $? "$1 may not $2 (no row changed)"
}

S=00000000-0000-4000-8000-000000000001
IZ=00000000-0000-4000-8000-0000000000a1   # zhang's inspection, later signed
IZ2=00000000-0000-4000-8000-0000000000a2  # zhang's open inspection
IW=00000000-0000-4000-8000-0000000000b1   # wang's inspection
N=00000000-0000-4000-8000-0000000000c1

allowed zhang "add a site" "INSERT INTO xunjian.sites (uuid, body) VALUES ('$S', '{\"name\": \"翠湖花园\"}')"
allowed zhang "start an inspection" "INSERT INTO xunjian.inspections (uuid, site_uuid, state) VALUES ('$IZ', '$S', 'draft'), ('$IZ2', '$S', 'draft')"
allowed wang "start an inspection" "INSERT INTO xunjian.inspections (uuid, site_uuid, state) VALUES ('$IW', '$S', 'draft')"
refused zhang "start an inspection in another's name" "INSERT INTO xunjian.inspections (uuid, site_uuid, state, owner) VALUES (gen_random_uuid(), '$S', 'draft', 'wang')"
allowed zhang "answer in an own inspection" "INSERT INTO xunjian.answers (uuid, inspection_uuid, body) VALUES ('00000000-0000-4000-8000-0000000000d1', '$IZ', '{\"value\": \"fail\"}')"
allowed zhang "change an own answer" "UPDATE xunjian.answers SET body = '{\"value\": \"pass\"}' WHERE uuid = '00000000-0000-4000-8000-0000000000d1'"
refused zhang "answer in another's inspection" "INSERT INTO xunjian.answers (uuid, inspection_uuid) VALUES (gen_random_uuid(), '$IW')"
untouched zhang "change another's inspection" "UPDATE xunjian.inspections SET state = 'completed' WHERE uuid = '$IW'"
[ "$(psql_value "SELECT state FROM xunjian.inspections WHERE uuid = '$IW'")" = draft ]; ok $? "wang's inspection unchanged"
refused zhang "hand an own inspection to another" "UPDATE xunjian.inspections SET owner = 'wang' WHERE uuid = '$IZ2'"
refused li "start an inspection" "INSERT INTO xunjian.inspections (uuid, site_uuid, state) VALUES (gen_random_uuid(), '$S', 'draft')"

# Signing: the inspection, its signature and report in one transaction.
allowed zhang "sign an own inspection with its signature and report" "BEGIN;
  UPDATE xunjian.inspections SET state = 'signed', body = '{\"signed_at\": 1}' WHERE uuid = '$IZ';
  INSERT INTO xunjian.answers (uuid, inspection_uuid) VALUES ('00000000-0000-4000-8000-0000000000d2', '$IZ');
  INSERT INTO xunjian.signatures (uuid, inspection_uuid) VALUES ('00000000-0000-4000-8000-0000000000e1', '$IZ');
  INSERT INTO xunjian.reports (uuid, inspection_uuid, sha256, pdf)
    VALUES ('00000000-0000-4000-8000-0000000000f1', '$IZ', repeat('a', 64), '\\x25504446');
  COMMIT"
refused zhang "change a signed inspection" "UPDATE xunjian.inspections SET body = '{}' WHERE uuid = '$IZ'"
refused zhang "reopen a signed inspection" "UPDATE xunjian.inspections SET state = 'draft' WHERE uuid = '$IZ'"
refused zhang "delete a signed inspection" "DELETE FROM xunjian.inspections WHERE uuid = '$IZ'"
refused zhang "change an answer of a signed inspection" "UPDATE xunjian.answers SET body = '{\"value\": \"fail\"}' WHERE uuid = '00000000-0000-4000-8000-0000000000d1'"
refused zhang "add an answer to a signed inspection" "INSERT INTO xunjian.answers (uuid, inspection_uuid) VALUES (gen_random_uuid(), '$IZ')"
# Checked once per statement (server step 7): one answer to a signed
# inspection among answers to an open one refuses the whole statement,
# however it is written (as the push writes a set, or an upsert).
refused zhang "add answers to an open and a signed inspection in one statement" "INSERT INTO xunjian.answers (uuid, inspection_uuid) VALUES (gen_random_uuid(), '$IZ2'), (gen_random_uuid(), '$IZ'), (gen_random_uuid(), '$IZ2')"
refused zhang "upsert a new answer into a signed inspection" "INSERT INTO xunjian.answers AS t (uuid, inspection_uuid) SELECT gen_random_uuid(), '$IZ' ON CONFLICT (uuid) DO UPDATE SET body = EXCLUDED.body"
[ "$(psql_value "SELECT count(*) FROM xunjian.answers WHERE inspection_uuid = '$IZ2'")" = 0 ]
ok $? "and nothing of those statements stays"
allowed zhang "send an answer of a signed inspection again unchanged (nothing changes)" "INSERT INTO xunjian.answers AS t (uuid, inspection_uuid, body) SELECT uuid, inspection_uuid, body FROM xunjian.answers WHERE uuid = '00000000-0000-4000-8000-0000000000d1' ON CONFLICT (uuid) DO UPDATE SET body = EXCLUDED.body WHERE t.body IS DISTINCT FROM EXCLUDED.body"
refused zhang "send it again changed" "INSERT INTO xunjian.answers AS t (uuid, inspection_uuid, body) VALUES ('00000000-0000-4000-8000-0000000000d1', '$IZ', '{\"value\": \"n/a\"}') ON CONFLICT (uuid) DO UPDATE SET body = EXCLUDED.body WHERE t.body IS DISTINCT FROM EXCLUDED.body"
refused zhang "delete an answer" "DELETE FROM xunjian.answers WHERE uuid = '00000000-0000-4000-8000-0000000000d1'"
refused zhang "change a signed report" "UPDATE xunjian.reports SET pdf = '\\x00' WHERE uuid = '00000000-0000-4000-8000-0000000000f1'"
refused zhang "delete a signed report" "DELETE FROM xunjian.reports WHERE uuid = '00000000-0000-4000-8000-0000000000f1'"
refused zhang "change a signature" "UPDATE xunjian.signatures SET body = '{}' WHERE uuid = '00000000-0000-4000-8000-0000000000e1'"
refused zhang "delete a signature" "DELETE FROM xunjian.signatures WHERE uuid = '00000000-0000-4000-8000-0000000000e1'"
allowed zhang "archive a signed inspection" "UPDATE xunjian.inspections SET state = 'archived' WHERE uuid = '$IZ'"
refused wang "add a report to another's inspection" "INSERT INTO xunjian.reports (uuid, inspection_uuid, sha256, pdf) VALUES (gen_random_uuid(), '$IZ2', repeat('b', 64), '\\x00')"
refused wang "sign another's inspection" "INSERT INTO xunjian.signatures (uuid, inspection_uuid) VALUES (gen_random_uuid(), '$IZ2')"

# Notices are the liaisons' (and managers').
allowed li "raise a notice" "INSERT INTO xunjian.notices (uuid, site_uuid, number) VALUES ('$N', '$S', 'ZG-2026-0001')"
allowed li "change a notice's deadline" "UPDATE xunjian.notices SET body = '{\"deadline\": 2}' WHERE uuid = '$N'"
allowed li "record a notice event" "INSERT INTO xunjian.notice_events (uuid, notice_uuid, body) VALUES ('00000000-0000-4000-8000-000000000101', '$N', '{\"step\": \"issued\"}')"
refused li "change a notice event" "UPDATE xunjian.notice_events SET body = '{}' WHERE uuid = '00000000-0000-4000-8000-000000000101'"
refused li "delete a notice event" "DELETE FROM xunjian.notice_events WHERE uuid = '00000000-0000-4000-8000-000000000101'"
refused li "delete a notice" "DELETE FROM xunjian.notices WHERE uuid = '$N'"
refused zhang "change a notice" "UPDATE xunjian.notices SET body = '{}' WHERE uuid = '$N'"
refused zhang "record a notice event" "INSERT INTO xunjian.notice_events (uuid, notice_uuid) VALUES (gen_random_uuid(), '$N')"
allowed zhao "raise a notice" "INSERT INTO xunjian.notices (uuid, site_uuid) VALUES (gen_random_uuid(), '$S')"

# The audit trail only grows.
allowed zhang "write an audit entry" "INSERT INTO xunjian.audit (uuid, body) VALUES ('00000000-0000-4000-8000-000000000201', '{\"what\": \"signed\"}')"
refused zhao "change an audit entry" "UPDATE xunjian.audit SET body = '{}' WHERE uuid = '00000000-0000-4000-8000-000000000201'"
refused zhao "delete an audit entry" "DELETE FROM xunjian.audit WHERE uuid = '00000000-0000-4000-8000-000000000201'"

# Managers read everything, and change no inspector's work.
[ "$(PGPASSWORD=pw-zhao "$pg_bin/psql" -X -A -t -h "$pg_dir" -U zhao -d team \
     -c "SELECT count(*) FROM xunjian.inspections")" = 3 ]; ok $? "zhao (manager) reads every inspection"
untouched zhao "change an inspector's inspection" "UPDATE xunjian.inspections SET state = 'completed' WHERE uuid = '$IW'"
[ "$(psql_value "SELECT state FROM xunjian.inspections WHERE uuid = '$IW'")" = draft ]; ok $? "the inspection is unchanged"

# Certificates: each registers their own; a second is added, never swapped.
cert="-----BEGIN CERTIFICATE-----x"
allowed zhang "register an own certificate" "INSERT INTO xunjian.certificates (sha256, pem) VALUES (repeat('c', 64), '$cert')"
refused zhang "register a certificate under another's name" "INSERT INTO xunjian.certificates (sha256, member, pem) VALUES (repeat('d', 64), 'wang', '$cert')"
refused zhang "replace an own certificate" "UPDATE xunjian.certificates SET pem = '$cert-2' WHERE sha256 = repeat('c', 64)"

# The server, not the client, says who wrote what and when.
allowed zhang "add a site claiming another author" "INSERT INTO xunjian.sites (uuid, author, seq, body) VALUES ('00000000-0000-4000-8000-000000000002', 'zhao', 1, '{}')"
[ "$(psql_value "SELECT author FROM xunjian.sites WHERE uuid = '00000000-0000-4000-8000-000000000002'")" = zhang ]
ok $? "the author is the one who wrote"
[ "$(psql_value "SELECT seq > 1 FROM xunjian.sites WHERE uuid = '00000000-0000-4000-8000-000000000002'")" = t ]
ok $? "the change sequence is the server's"

# Not even the tables' owner changes what is written once.
psql_value "UPDATE xunjian.reports SET pdf = '\\x00'" >/dev/null 2>&1; [ $? -ne 0 ]
ok $? "the superuser may not change a signed report either"
psql_value "DELETE FROM xunjian.audit" >/dev/null 2>&1; [ $? -ne 0 ]
ok $? "nor delete the audit trail"
done_testing
