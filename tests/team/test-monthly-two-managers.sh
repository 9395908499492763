#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two managers sign the same month's management report offline, on two
# laptops of one team.  The team keeps one report per month: the second
# laptop's sync sets its report aside, saying who already signed that month
# and when; both signed PDFs stay and verify.  The manager's choices do
# what they say and never lose a signed PDF: "take the team's copy" makes
# the team's report the month's report there and keeps the laptop's own,
# kept here only (MR-YYYY-MM-B, a file of its own); "keep it here only"
# keeps the laptop's as the month's report, sent no more.
# Then a monthly report archived in the team by an older build (local
# schema v11, which never queued it) reaches the server after the update.
# TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/pg-harness.sh"
. "$(dirname "$0")/laptops.sh"
sign () { XUNJIAN_PASSPHRASE=xunjian-demo run --data-dir "$1" report monthly "$2" "$pg_dir/$3.pdf" --signer 张伟; }
on_server () { psql_value "SELECT $1 FROM xunjian.reports WHERE month = '$2'"; }

# A: a season of work.  B: a laptop with a signing certificate of its own
# (made by a demo elsewhere: only its keys are taken), filled by the team.
run --data-dir "$a" demo >/dev/null 2>&1 && run --data-dir "$pg_dir/other" demo >/dev/null 2>&1 \
  && mkdir -p "$b" && cp -r "$pg_dir/other/keys" "$b/"
ok $? "A has a season of work; B a certificate of its own"
as_a team join "$server" --user zhang >/dev/null && as_a sync >/dev/null \
  && as_b team join "$server" --user li >/dev/null && as_b sync >/dev/null
ok $? "A (zhang) and B (li), both managers, joined and synced"
first=$(qa "SELECT strftime('%Y-%m', max(started_at), 'unixepoch', 'localtime', '-1 month') FROM inspections")
last=$(qa "SELECT strftime('%Y-%m', max(started_at), 'unixepoch', 'localtime') FROM inspections")

# --- the same month signed on both, offline; A syncs first ---------------
sign "$a" "$last" a-last >/dev/null && sleep 1 && sign "$b" "$last" b-last >/dev/null
ok $? "A and B each sign the report of $last, offline"
b_sha=$(qb "SELECT sha256 FROM reports WHERE month = '$last'")
as_a sync >/dev/null; ok $? "A syncs: the team has A's report of $last"
as_b sync --json >"$pg_dir/b1.json" 2>"$pg_dir/b1.err"; [ $? -ne 0 ]
ok $? "B's sync fails: its report of $last is set aside"
a_when=$(qa "SELECT strftime('%Y-%m-%d %H:%M', created_at, 'unixepoch', 'localtime') FROM reports WHERE month = '$last'")
python3 - "$pg_dir/b1.json" "$last" "$a_when" <<'PY'; ok $? "it names who signed the team's report of $last and when ($a_when), in plain words"
import json, sys
items = json.load(open(sys.argv[1]))["set_aside"]
assert len(items) == 1, items
i = items[0]
assert i["table"] == "reports" and i["label"] == "MR-" + sys.argv[2], i
assert i["taken_by"] == "张伟" and i["on_server"], i
assert "张伟" in i["explanation"] and sys.argv[3] in i["explanation"], i
assert "one report" in i["explanation"], i
PY
grep -q "张伟" "$pg_dir/b1.err" || as_b team set-aside list | grep -q "signed by 张伟 on $a_when"
ok $? "team set-aside list says it too"
[ "$(on_server "count(*)" "$last")" = 1 ] && [ "$(on_server sha256 "$last")" = "$(qa "SELECT sha256 FROM reports WHERE month = '$last'")" ]
ok $? "the server holds A's report of $last only"
run --data-dir "$a" report verify "$a/archive/monthly/MR-$last.pdf" >/dev/null 2>&1 \
  && run --data-dir "$b" report verify "$b/archive/monthly/MR-$last.pdf" >/dev/null 2>&1
ok $? "both signed PDFs verify, each on its laptop"

# --- B takes the team's copy: its own is kept here only -------------------
id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['set_aside'][0]['id'])" "$pg_dir/b1.json")
code=$(qb "SELECT value FROM team_settings WHERE key = 'laptop_code'")
as_b team set-aside take-theirs "$id" >/dev/null; ok $? "B takes the team's copy"
cmp -s "$a/archive/monthly/MR-$last.pdf" "$b/archive/monthly/MR-$last.pdf" \
  && [ "$(qb "SELECT number || number_suffix || kept_local FROM reports WHERE month = '$last' AND uuid = '$(on_server uuid "$last")'")" = "MR-${last}0" ]
ok $? "B's report of $last is now the team's, byte-identical to A's"
kept=$(qb "SELECT path FROM reports WHERE month = '$last' AND kept_local = 1 AND sha256 = '$b_sha' AND number_suffix = '$code'")
[ "$kept" = "archive/monthly/MR-$last-$code.pdf" ] && [ "$(sha256sum <"$b/$kept" | cut -c1-64)" = "$b_sha" ]
ok $? "B's own signed report is kept here only: MR-$last-$code, its PDF unchanged ($kept)"
run --data-dir "$b" report verify "$b/$kept" >/dev/null 2>&1 \
  && run --data-dir "$b" report verify "$b/archive/monthly/MR-$last.pdf" >/dev/null 2>&1
ok $? "on B both verify"
run --data-dir "$b" report list >"$pg_dir/b-list"
grep -q "^MR-$last	archive/monthly/MR-$last.pdf" "$pg_dir/b-list" && grep -q "^MR-$last-$code	$kept" "$pg_dir/b-list"
ok $? "B's archive lists both"
[ "$(qb "SELECT count(*) FROM audit_log WHERE action = 'kept_local' AND detail LIKE '%MR-$last-$code.pdf'")" = 1 ]
ok $? "the history says where B's own went"
as_b sync --json >"$pg_dir/b2.json"; ok $? "B syncs (exit 0)"
[ "$(json "$pg_dir/b2.json" pushed)" = 0 ] && [ "$(qb "SELECT count(*) FROM team_set_aside")" = 0 ] \
  && [ "$(on_server "count(*)" "$last")" = 1 ]
ok $? "nothing of B's own is sent; nothing set aside; the team keeps one report of $last"

# --- the same again for $first: B keeps its own here only ----------------
sign "$a" "$first" a-first >/dev/null && sleep 1 && sign "$b" "$first" b-first >/dev/null
ok $? "A and B each sign the report of $first, offline"
b_first=$(qb "SELECT sha256 FROM reports WHERE month = '$first'")
as_a sync >/dev/null && { as_b sync >/dev/null 2>&1; [ $? -ne 0 ]; }
ok $? "A syncs first; B's is set aside"
as_b team set-aside keep-local "$(qb "SELECT id FROM team_set_aside")" >/dev/null; ok $? "B keeps its own here only"
[ "$(qb "SELECT sha256 || kept_local FROM reports WHERE month = '$first'")" = "${b_first}0" ] \
  && [ "$(qb "SELECT count(*) FROM team_outbox_ready")" = 0 ]
ok $? "B's report stays the report of $first there, and waits no more"
as_b sync >/dev/null; ok $? "B syncs (exit 0)"
[ "$(qb "SELECT sha256 FROM reports WHERE month = '$first'")" = "$b_first" ] \
  && [ "$(on_server sha256 "$first")" = "$(qa "SELECT sha256 FROM reports WHERE month = '$first'")" ] \
  && run --data-dir "$b" report verify "$b/archive/monthly/MR-$first.pdf" >/dev/null 2>&1
ok $? "the pull leaves it: B holds its own, the team A's, and it verifies"

# --- a monthly report archived in the team by an older build (v11) -------
# The older build neither queued it nor had schema v12: A's store is taken
# back to v11 as that build left it (the reports table, its triggers and
# team_set_aside as the v11 fixture has them), the report not queued.
third=$(qa "SELECT strftime('%Y-%m', max(started_at), 'unixepoch', 'localtime', '-2 month') FROM inspections")
sign "$a" "$third" a-third >/dev/null; ok $? "A signs the report of $third"
v11="$(dirname "$0")/../fixtures/xunjian-v11.db"
{
  echo "PRAGMA foreign_keys = OFF; BEGIN;"
  echo "CREATE TEMP TABLE saved AS SELECT id, uuid, inspection_id, month, number, number_suffix, path, sha256, bytes, signer, created_at FROM reports;"
  echo "DROP TABLE reports;"
  sqlite3 "$v11" "SELECT sql || ';' FROM sqlite_master WHERE tbl_name = 'reports' AND sql IS NOT NULL ORDER BY type = 'trigger', name"
  # Put back as they were: not captured again.
  echo "UPDATE team_settings SET value = 'off' WHERE key = 'capture';"
  echo "INSERT INTO reports SELECT * FROM saved;"
  echo "UPDATE team_settings SET value = 'on' WHERE key = 'capture';"
  echo "ALTER TABLE team_set_aside DROP COLUMN taken_by; ALTER TABLE team_set_aside DROP COLUMN taken_at;"
  # Schema v13's schedule outcome triggers and their stale_from column, back
  # to v11's.
  sqlite3 "$v11" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%outcomes%'"
  echo "ALTER TABLE schedule_outcome_spans DROP COLUMN stale_from;"
  sqlite3 "$v11" "SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%outcomes%'"
  # Schema v14's notice step drafts: not in v11.
  echo "DROP TABLE notice_step_drafts;"
  echo "DELETE FROM team_outbox WHERE record IN (SELECT uuid FROM reports WHERE month = '$third');"
  echo "PRAGMA user_version = 11; COMMIT;"
} >"$pg_dir/to-v11.sql"
sqlite3 "$a/xunjian.db" <"$pg_dir/to-v11.sql" && [ "$(qa "PRAGMA user_version")" = 11 ] \
  && [ "$(qa "SELECT count(*) FROM team_outbox WHERE table_name = 'reports'")" = 0 ] \
  && [ "$(qa "SELECT sql FROM sqlite_master WHERE name = 'reports'")" = "$(sqlite3 "$v11" "SELECT sql FROM sqlite_master WHERE name = 'reports'")" ]
ok $? "A's store is as the older build left it: v11, the report of $third not queued"
[ "$(on_server "count(*)" "$third")" = 0 ]; ok $? "the server lacks it"
as_a sync --json >"$pg_dir/a3.json"; ok $? "A, updated, syncs (exit 0)"
[ "$(qa "PRAGMA user_version")" -gt 11 ] \
  && [ "$(on_server sha256 "$third")" = "$(qa "SELECT sha256 FROM reports WHERE month = '$third'")" ] \
  && [ "$(on_server "count(*)" "$last")$(on_server "count(*)" "$first")" = 11 ]
ok $? "the store migrated and the server has the report of $third (the others once each)"
as_b sync >/dev/null && cmp -s "$a/archive/monthly/MR-$third.pdf" "$b/archive/monthly/MR-$third.pdf" \
  && run --data-dir "$b" report verify "$b/archive/monthly/MR-$third.pdf" >/dev/null 2>&1
ok $? "B receives it byte for byte, and it verifies there"
done_testing
