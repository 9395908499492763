#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-launch.sh XUNJIAN EMPTY_WINDOW [RUNS]
# Time from launch to a visible window, for Xunjian on a large demo database
# (made once: `xunjian demo --sites 200 --years 5`, kept in $XUNJIAN_BENCH_DIR
# or a temporary folder) and for an empty libadwaita window.  Needs a display
# (xvfb-run) and xdotool.  Prints the medians and the ratio.
set -u
# Settings in memory, schema from the build: nothing from the desktop session.
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=${GSETTINGS_SCHEMA_DIR:-$(dirname "$1")/../resources}
xunjian=$1
empty=$2
runs=${3:-7}
dir=${XUNJIAN_BENCH_DIR:-$(mktemp -d)}
if [ ! -f "$dir/xunjian.db" ]; then
  echo "# making the demo database (200 sites, 5 years) in $dir"
  "$xunjian" --data-dir "$dir" demo --sites 200 --years 5 >/dev/null || exit 1
fi

time_to_window () {
  local name=$1; shift
  local start end pid
  start=$(date +%s%N)
  setsid "$@" >/dev/null 2>&1 &
  pid=$!
  xdotool search --sync --onlyvisible --name "$name" >/dev/null 2>&1
  end=$(date +%s%N)
  kill -- -"$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  echo $(( (end - start) / 1000000 ))
}

median () { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One warm-up each: the first run pays for cold caches.
time_to_window "Empty Window" "$empty" >/dev/null
time_to_window "Xunjian" "$xunjian" --data-dir "$dir" >/dev/null
e=$(for i in $(seq "$runs"); do time_to_window "Empty Window" "$empty"; done | median)
x=$(for i in $(seq "$runs"); do time_to_window "Xunjian" "$xunjian" --data-dir "$dir"; done | median)
inspections=$(sqlite3 "$dir/xunjian.db" "SELECT count(*) FROM inspections" 2>/dev/null)
echo "# database: $inspections inspections"
echo "# empty libadwaita window: ${e} ms (median of $runs)"
echo "# Xunjian, filled window:  ${x} ms (median of $runs)"
echo "# ratio: $(awk -v a="$x" -v b="$e" 'BEGIN {printf "%.2f", a / b}')"
echo "ok 1 - launch measured"
echo "1..1"
