#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The team sync against a throwaway PostgreSQL on its Unix socket:
# - one inspector's year (bench-sync-data: 1,500 inspections, 60,000 answers,
#   3,000 photos of ~3 MB; made once into the cache folder) pushed by
#   `xunjian sync`, against PostgreSQL's own COPY of the same rows and bytes
#   into the same server in the same run (target: within 2×);
# - a new laptop pulling that year (time and peak memory);
# - a sync with nothing to do (target: under 50 ms).
# Figures on stdout; TAP on top.
set -u
bin=${XUNJIAN_BINARY:?}
maker=${XJ_BENCH_SYNC_DATA:?}
cache=${XJ_BENCH_CACHE:-/tmp}
inspections=${XJ_BENCH_INSPECTIONS:-1500}
photos=${XJ_BENCH_PHOTOS:-3000}
. "$(dirname "$0")/../team/pg-harness.sh"
. "$(dirname "$0")/../team/laptops.sh"

year=$cache/sync-year
[ "$inspections" = 1500 ] && [ "$photos" = 3000 ] || year=$cache/sync-year-$inspections-$photos
echo "# the year's data in $year (made once; minutes)"
"$maker" "$year" "$inspections" "$photos" 3000000 >&2; ok $? "one inspector's year is there"
# A run before this one left it joined to a server that is gone.
PGPASSWORD=x run --data-dir "$year" team leave --force >/dev/null 2>&1
echo "# $(sqlite3 "$year/xunjian.db" "SELECT count(*) || ' inspections, ' ||
  (SELECT count(*) FROM answers) || ' answers, ' || (SELECT count(*) FROM photos) ||
  ' photos, ' || (SELECT sum(bytes) / 1000000 FROM photos) || ' MB of photos' FROM inspections")"

ms () { echo $(( $(date +%s%N) / 1000000 )); }

PGPASSWORD=Sekr1t-zhang run --data-dir "$year" team join "$server" --user zhang >/dev/null
ok $? "the laptop joins the team"
start=$(ms)
PGPASSWORD=Sekr1t-zhang run --data-dir "$year" sync --json >"$pg_dir/push.json" 2>"$pg_dir/err"
ok $? "the year is pushed (exit 0)"
push_ms=$(( $(ms) - start ))
cat "$pg_dir/err" >&2
[ "$(psql_value "SELECT count(*) FROM xunjian.photos")" = "$photos" ]
ok $? "the server holds every photo"

# PostgreSQL's own COPY of the same rows and bytes, into tables like the
# team's (indexes included) in the same server.
tables=$(psql_value "SELECT string_agg(c.relname, ' ') FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'xunjian' AND c.relkind = 'r' AND c.relname <> 'meta'")
psql_value "CREATE SCHEMA copybench" >/dev/null
script=$pg_dir/copy.sql
: >"$script"
for t in $tables; do
  psql_value "CREATE TABLE copybench.$t (LIKE xunjian.$t INCLUDING DEFAULTS INCLUDING INDEXES)" >/dev/null
  "$pg_bin/psql" -X -q -h "$pg_dir" -U postgres -d team \
    -c "\\copy (SELECT * FROM xunjian.$t) TO '$pg_dir/$t.copy' WITH (FORMAT binary)"
  echo "\\copy copybench.$t FROM '$pg_dir/$t.copy' WITH (FORMAT binary)" >>"$script"
done
start=$(ms)
"$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -U postgres -d team -1 -f "$script"
ok $? "COPY of the same rows and bytes"
copy_ms=$(( $(ms) - start ))
bytes=$(du -cb "$pg_dir"/*.copy | tail -1 | cut -f1)

echo "push of the year: $push_ms ms; COPY of the same $(( bytes / 1000000 )) MB: $copy_ms ms;" \
  "ratio $(python3 -c "print(round($push_ms / max($copy_ms, 1), 2))") (target <= 2)"

# Nothing to do: the median of nine.
for i in 1 2 3 4 5 6 7 8 9; do
  start=$(ms)
  PGPASSWORD=Sekr1t-zhang run --data-dir "$year" sync --json >"$pg_dir/empty-$i.json" || break
  echo $(( $(ms) - start )) "$(json "$pg_dir/empty-$i.json" elapsed_us)"
done >"$pg_dir/empty"
[ "$(wc -l <"$pg_dir/empty")" = 9 ]; ok $? "nine syncs with nothing to do"
[ "$(json "$pg_dir/empty-9.json" pushed)" = 0 ] && [ "$(json "$pg_dir/empty-9.json" pulled)" = 0 ]
ok $? "and they move nothing"
echo "sync with nothing to do: median $(sort -n "$pg_dir/empty" | sed -n 5p | cut -d' ' -f1) ms" \
  "for the whole command, $(cut -d' ' -f2 "$pg_dir/empty" | sort -n | sed -n 5p | awk '{ printf "%.1f", $1 / 1000 }') ms" \
  "inside the sync (target < 50 ms)"

# A new laptop takes the year in.
as_b team join "$server" --user li >/dev/null; ok $? "a new laptop joins"
/usr/bin/time -f "%e %M" -o "$pg_dir/pull.time" \
  env PGPASSWORD=Sekr1t-li setsid -w "$bin" --data-dir "$b" sync --json >"$pg_dir/pull.json" </dev/null
ok $? "and pulls the year"
[ "$(qb "SELECT count(*) FROM inspections")" = "$inspections" ]; ok $? "every inspection arrived"
read -r pull_s pull_kb <"$pg_dir/pull.time"
echo "new laptop pulling the year: $pull_s s, peak memory $(( pull_kb / 1024 )) MB," \
  "$(json "$pg_dir/pull.json" pulled) records, $(json "$pg_dir/pull.json" photos_received) photos"

PGPASSWORD=Sekr1t-zhang run --data-dir "$year" team leave --force >/dev/null 2>&1
done_testing
