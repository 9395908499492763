#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Sync figures against a throwaway PostgreSQL on its Unix socket: the push
# of one laptop's archive against PostgreSQL's own COPY of the same rows and
# bytes into the same server, a new laptop pulling it all (time, peak
# memory), and a sync with nothing to do.  The archive is one inspector's
# year (bench-sync-data: 1,500 inspections, 60,000 answers, 3,000 photos of
# ~3 MB, made once into XJ_BENCH_CACHE) with BENCH_YEAR=1, a copy of a
# data folder made before with BENCH_DEMO_DIR=FOLDER (the 200-site ×
# 5-year demo: ≈295,000 inspections; the folder itself is not touched),
# else a demo (BENCH_SITES / BENCH_YEARS size it).  TAP output, figures as
# comments.
set -u
# A session bus of its own, for a keyring as a person has one (the empty
# sync is measured with the password from it too).
if [ -z "${XJ_KEYRING_BUS:-}" ] && command -v dbus-run-session >/dev/null; then
  XJ_KEYRING_BUS=1 exec dbus-run-session -- "$0" "$@"
fi
bus=${DBUS_SESSION_BUS_ADDRESS:-}
bin=${XUNJIAN_BINARY:?}
team_dir=$(dirname "$0")/../team
. "$team_dir/pg-harness.sh"
. "$team_dir/laptops.sh"
sites=${BENCH_SITES:-20}
years=${BENCH_YEARS:-1}
ms () { echo $(( $(date +%s%N) / 1000000 )); }

if [ "${BENCH_YEAR:-0}" = 1 ]; then
  # Made once into the cache, then a copy (the cache stays as made): the
  # database copied, the photos (10 GB) hard-linked where the file system
  # allows, as the sync only reads them.
  year=${XJ_BENCH_CACHE:-/tmp}/sync-year
  "${XJ_BENCH_SYNC_DATA:?}" "$year" 1500 3000 3000000 >&2
  ok $? "one inspector's year"
  mkdir -p "$a" && for f in photos renditions thumbnails; do
    cp -al "$year/$f" "$a/" 2>/dev/null || cp -a "$year/$f" "$a/" || exit 1
  done && cp "$year/xunjian.db" "$a/"
  ok $? "a copy of $year" || exit 1
  as_a team leave --force >/dev/null 2>&1   # made by a run that joined it once
elif [ -n "${BENCH_DEMO_DIR:-}" ]; then
  # Its contents (the folder may be a symbolic link: cp -a would copy the
  # link, and the bench would then work on the original).
  mkdir -p "$a" && cp -a "$BENCH_DEMO_DIR/." "$a/" && [ ! -L "$a" ] && [ -f "$a/xunjian.db" ] \
    && [ "$(readlink -f "$a/xunjian.db")" != "$(readlink -f "$BENCH_DEMO_DIR/xunjian.db")" ]
  ok $? "a copy of $BENCH_DEMO_DIR" || exit 1
else
  run --data-dir "$a" demo --sites "$sites" --years "$years" >/dev/null 2>&1
  ok $? "a demo archive ($sites sites, $years year(s))"
fi
start=$(ms)
as_a team join "$server" --user zhang >/dev/null && as_b team join "$server" --user li >/dev/null
ok $? "two laptops joined"
echo "# join (queues every record): $(( $(ms) - start )) ms"
echo "# $(qa "SELECT count(*) FROM inspections") inspections, $(qa "SELECT count(*) FROM answers") answers, $(qa "SELECT count(*) FROM photos") photos, $(qa "SELECT count(*) FROM reports") reports, $(qa "SELECT count(*) FROM team_outbox") records"

as_a sync --json >"$pg_dir/push.json"; ok $? "push"
push_ms=$(json "$pg_dir/push.json" elapsed_ms)
echo "# push: $(json "$pg_dir/push.json" pushed) records, $(json "$pg_dir/push.json" bytes_sent) bytes in $push_ms ms"

# The same rows and bytes with COPY, into tables of the same shape without
# the rules (triggers, row-level security), in the same server.
tables="sites templates template_versions schedules inspections answers answer_photos photos signatures reports notices notice_photos notice_events audit"
for t in $tables; do
  psql_value "CREATE TABLE public.copy_$t (LIKE xunjian.$t INCLUDING DEFAULTS)" >/dev/null
  psql_value "COPY xunjian.$t TO '$pg_dir/$t.copy'" >/dev/null
done
start=$(ms)
for t in $tables; do psql_value "COPY public.copy_$t FROM '$pg_dir/$t.copy'" >/dev/null; done
copy_ms=$(( $(ms) - start ))
echo "# COPY of the same rows: $copy_ms ms; push / COPY = $(python3 -c "print(round($push_ms / max($copy_ms, 1), 2))")"
ok 0 "COPY comparison"

/usr/bin/time -v -o "$pg_dir/time" sh -c "PGPASSWORD=Sekr1t-li setsid -w '$bin' --data-dir '$b' sync --json </dev/null >'$pg_dir/pull.json'"
ok $? "a new laptop pulls everything"
echo "# pull: $(json "$pg_dir/pull.json" pulled) records, $(json "$pg_dir/pull.json" bytes_received) bytes in $(json "$pg_dir/pull.json" elapsed_ms) ms, peak memory $(grep 'Maximum resident' "$pg_dir/time" | awk '{print $NF}') kB"

# A sync with nothing to do, as a person runs it: the whole command (the
# process, opening the database, connecting, the sync) on the loopback,
# 21 times; the wall clock of each (median, p90), the time inside the sync
# and the CPU time of the command (its own rusage: independent of the load
# of the machine, which the wall clock is not).
empty_sync () {
  python3 - "$bin" "$a" "$1" "$pg_dir/empty-$2" <<'PY'
import json, os, resource, subprocess, sys, time
binary, data_dir, label, out = sys.argv[1:5]
walls, insides, cpus = [], [], []
for _ in range(21):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run([binary, "--data-dir", data_dir, "sync", "--json"], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, start_new_session=True)
    walls.append((time.monotonic() - start) * 1000)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
    if done.returncode != 0:
        sys.exit("sync failed")
    insides.append(json.loads(done.stdout)["elapsed_ms"])
pick = lambda values, q: sorted(values)[int(q * (len(values) - 1) + 0.5)]
load = " ".join(open("/proc/loadavg").read().split()[:3])
print("# empty sync, %s: %.0f ms median, %.0f ms p90 for the whole command; %.0f ms inside the sync; "
      "CPU of the command %.1f ms (median); load %s (target: under 50 ms)"
      % (label, pick(walls, 0.5), pick(walls, 0.9), pick(insides, 0.5), pick(cpus, 0.5), load))
open(out, "w").write("%d\n" % round(pick(walls, 0.5)))
PY
}

as_a sync >/dev/null; as_b sync >/dev/null
cp "$a/xunjian.db" "$pg_dir/before.db"
PGPASSWORD=Sekr1t-zhang empty_sync "password in PGPASSWORD" env; ok $? "empty syncs (PGPASSWORD)"
cmp -s "$a/xunjian.db" "$pg_dir/before.db" && [ ! -s "$a/xunjian.db-wal" ]
ok $? "a sync with nothing to do writes nothing to the database"
if [ -n "$bus" ] && command -v gnome-keyring-daemon >/dev/null; then
  # The password typed once on a terminal and kept in the keyring, as a
  # person's laptop has it: no PGPASSWORD.
  export DBUS_SESSION_BUS_ADDRESS=$bus HOME=$pg_dir/home
  mkdir -p "$HOME"
  printf 'keyring-pw' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  python3 "$team_dir/type-password.py" "$bin" "$pg_dir/typed" "$server" zhang Sekr1t-zhang >/dev/null
  ok $? "the password typed once and kept in the keyring"
  empty_sync "password from the keyring" keyring; ok $? "empty syncs (keyring)"
  empty=$(cat "$pg_dir/empty-keyring")
else
  echo "# no session bus or gnome-keyring: the empty sync with PGPASSWORD only"
  empty=$(cat "$pg_dir/empty-env")
fi
[ "$empty" -lt 50 ]; ok $? "a sync with nothing to do takes under 50 ms ($empty ms)"
done_testing
