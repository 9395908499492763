#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line says what is true: a checklist file survives import and
# export, and a read that fails is an error, not an empty answer. TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
seeds=${XJ_FUZZ_SEEDS:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0

ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

unset DISPLAY WAYLAND_DISPLAY

# The CSV fuzzer's minimised input: a guidance of one space.
t=$work/templates
id=$("$bin" --data-dir "$t" template import "$seeds/seeds-csv/one-space-guidance.csv"); ok $? "the one-space guidance file imports"
"$bin" --data-dir "$t" template export "$id" "$work/first.csv"; ok $? "and exports"
again=$("$bin" --data-dir "$t" template import "$work/first.csv"); ok $? "the export imports again"
"$bin" --data-dir "$t" template export "$again" "$work/second.csv"
cmp -s "$work/first.csv" "$work/second.csv"; ok $? "import, export, import, export: the same CSV"

echo "1..$n"
exit $failed
