#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzz.sh FUZZER SECONDS SEED_DIR… : runs a libFuzzer target for a while
# on a scratch copy of the seeds; TAP output, not ok when it crashed.
set -u
fuzzer=$1
seconds=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
name=$(basename "$fuzzer")
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work" "$@" >"$work/log" 2>&1
status=$?
tail -n 12 "$work/log" | sed 's/^/# /'
if [ $status -eq 0 ]; then
  echo "ok 1 - $name ran ${seconds}s without a crash"
else
  for crash in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
    [ -f "$crash" ] && echo "# input: $(od -An -c "$crash" | head -5 | tr -s ' ')"
  done
  echo "not ok 1 - $name failed (exit $status)"
fi
echo "1..1"
[ $status -eq 0 ]
