#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The layout a newcomer finds each domain by (docs/architecture.md): one
# folder per domain, none with more than 25 .c files, no .c file over 800
# lines (split rather than grow), every folder of sources built by a
# meson.build of its own.  TAP output.
set -u
root=${1:?source root}
. "$(dirname "$0")/../common/tap.sh"

# The checks find what they count (not vacuous).
[ "$(find "$root/src" -name '*.c' | wc -l)" -gt 100 ]; ok $? "the sources are found"

crowded=$(find "$root/src" -type d | while read -r dir; do
  count=$(find "$dir" -maxdepth 1 -name '*.c' | wc -l)
  [ "$count" -gt 25 ] && echo "${dir#"$root"/}: $count .c files"
done)
[ -n "$crowded" ] && echo "$crowded" | sed 's/^/# /'
[ -z "$crowded" ]; ok $? "no source folder with more than 25 .c files (split it by what its files own)"

long=$(find "$root/src" -name '*.c' -exec wc -l {} + | awk '$2 != "total" && $1 > 800 { print $2 ": " $1 " lines" }' \
       | sed "s|$root/||")
[ -n "$long" ] && echo "$long" | sed 's/^/# /'
[ -z "$long" ]; ok $? "no .c file over 800 lines (split rather than grow)"

unbuilt=$(find "$root/src" -type d | while read -r dir; do
  if [ -n "$(find "$dir" -maxdepth 1 -name '*.c' | head -n 1)" ] && [ ! -f "$dir/meson.build" ]; then
    echo "${dir#"$root"/}"
  fi
done)
[ -n "$unbuilt" ] && echo "$unbuilt" | sed 's/^/# /'
[ -z "$unbuilt" ]; ok $? "every folder of sources has its own meson.build"

echo "1..$n"
exit $failed
