#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# fuzz-with-clang.sh SOURCE_ROOT BUILD_DIR SECONDS : the main build uses gcc,
# which has no libFuzzer, so build in a separate clang build directory: first
# the whole tree with warnings as errors (the second compiler catches what
# gcc lets through: unused g_autoptr locals, string concatenation in
# arrays), then the fuzz targets, each run for SECONDS.  TAP output.
set -u
top=$1
dir=$2
seconds=$3
n=0
failed=0
if [ ! -f "$dir/build.ninja" ]; then
  CC=clang meson setup "$dir" "$top" --buildtype=debug -Db_sanitize=address,undefined \
    -Db_lundef=false -Dwerror=true >"$dir.log" 2>&1 || { echo "not ok 1 - clang build set-up (see $dir.log)"; echo "1..1"; exit 1; }
else
  meson configure "$dir" -Dwerror=true >"$dir.log" 2>&1
fi
n=1
if meson compile -C "$dir" >"$dir-tree.log" 2>&1; then
  echo "ok 1 - the whole tree builds with clang, warnings as errors"
else
  grep -E "(error|warning):" "$dir-tree.log" | sort -u | head -n 20 | sed 's/^/# /'
  echo "not ok 1 - the whole tree builds with clang, warnings as errors (see $dir-tree.log)"
  failed=1
fi
if ! meson compile -C "$dir" fuzz-template-json fuzz-template-csv >"$dir.log" 2>&1; then
  tail -n 20 "$dir.log" | sed 's/^/# /'
  echo "not ok 2 - clang build of the fuzz targets"
  echo "1..2"
  exit 1
fi
for kind in json csv; do
  n=$((n + 1))
  # The built-in checklists, the CSV seeds and the test suite's bad files.
  out=$(sh "$top/tests/fuzz/run-fuzz.sh" "$dir/tests/fuzz/fuzz-template-$kind" "$seconds" \
    "$top/resources/checklists" "$top/tests/fuzz/seeds-csv" "$top/tests/fuzz/seeds-bad")
  status=$?
  echo "$out" | grep -a '^#'
  if [ $status -eq 0 ]; then echo "ok $n - fuzz-template-$kind"; else echo "not ok $n - fuzz-template-$kind"; failed=1; fi
done
echo "1..$n"
exit $failed
