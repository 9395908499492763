#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-key-commit.sh XUNJIAN RUNNER_SETUP BENCH_KEY_COMMIT [KEYS]
# Key press to committed answer on the real binary: a checklist of 120
# pass / fail items, the runner open on its draft, P sent KEYS times (100)
# through XTest at a quick inspector's pace while a separate connection
# polls the database.  Prints median / p90 / p99, as the program runs and
# with the OpenGL renderer forced (see src/ui/shell/xj-renderer.c).  Best run on a
# non-sanitized build (`meson setup build --buildtype=debugoptimized`).
set -u
# A session bus of its own, as the application expects one.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec dbus-run-session -- "$0" "$@"
fi
xunjian=$1
setup=$2
bench=$3
keys=${4:-100}
work=$(mktemp -d)
app=
xvfb=
cleanup () {
  [ -n "$app" ] && kill "$app" 2>/dev/null
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=${GSETTINGS_SCHEMA_DIR:-$(dirname "$xunjian")/../resources}

# A display of its own, without key repeat.
Xvfb -displayfd 3 -ardelay 60000 -arinterval 60000 -screen 0 1366x768x24 -nolisten tcp \
  3>"$work/display" 2>/dev/null &
xvfb=$!
i=0
while [ ! -s "$work/display" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
DISPLAY=:$(cat "$work/display"); export DISPLAY

python3 - "$work/bench.json" <<'PY'
import json, sys
sections = [{"title": "Section %d" % s,
             "items": [{"key": "b-%d-%d" % (s, i), "prompt": "Check %d.%d is in order" % (s, i),
                        "type": "pass_fail", "weight": 1, "failure_weight": 1}
                       for i in range(1, 31)]}
            for s in range(1, 5)]
json.dump({"format_version": 1, "uid": "bench:key-commit", "content_version": 1,
           "name": "Key to commit", "default_kind": "daily", "sections": sections},
          open(sys.argv[1], "w"))
PY
"$xunjian" --data-dir "$work/data" demo >/dev/null || exit 1
"$xunjian" --data-dir "$work/data" template import "$work/bench.json" >/dev/null || exit 1

# As the program chooses its renderer (cairo where OpenGL is emulated, as
# on this display), then with OpenGL forced, for comparison.
unset GSK_RENDERER
for renderer in "" gl; do
  [ -n "$renderer" ] && export GSK_RENDERER=$renderer
  id=$("$setup" "$work/data" bench:key-commit daily) || exit 1
  "$xunjian" --data-dir "$work/data" --open-inspection "$id" >"$work/app.log" 2>&1 &
  app=$!
  win=$(timeout 30 xdotool search --sync --onlyvisible --pid "$app" 2>/dev/null | head -n 1)
  [ -n "$win" ] || { echo "# no window"; exit 1; }
  xdotool windowfocus --sync "$win"
  sleep 2
  echo "# renderer: ${renderer:-chosen by the program}"
  "$bench" "$work/data/xunjian.db" "$id" "$keys" || { sed "s/^/# /" "$work/app.log"; exit 1; }
  kill "$app"
  wait "$app" 2>/dev/null
  app=
done
