#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Screen readers: the real binary, in Chinese, driven over AT-SPI with
# python3-dogtail (docs: /work/shared/TESTING-UI.md): the main menu is found
# by its name, and no button of any sidebar area is nameless.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
. "$(dirname "$0")/xdo-harness.sh"

# Accessibility on, as a person with a screen reader has it.
unset GTK_A11Y NO_AT_BRIDGE
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
atspi=$!
sleep 1

"$bin" --data-dir "$d" demo >/dev/null; ok $? "demo data"
LANG=zh_CN.UTF-8 LANGUAGE=zh_CN "$bin" --data-dir "$d" >"$work/app.log" 2>&1 &
app=$!
win=$(timeout 30 xdotool search --sync --onlyvisible --pid "$app" 2>/dev/null | head -n 1)
[ -n "$win" ]; ok $? "the application shows its window"
sleep 2

# dogtail reads the desktop's accessibility switch: a settings file of
# our own says it is on (the application keeps its settings in memory).
dogtail () {
  env -u GSETTINGS_SCHEMA_DIR GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$work/config" "$@"
}
dogtail gsettings set org.gnome.desktop.interface toolkit-accessibility true
dogtail /usr/bin/python3 "$(dirname "$0")/a11y-names.py" 主菜单 >"$work/names.log" 2>&1
result=$?
grep '^#' "$work/names.log"
[ $result = 0 ] || sed 's/^/# /' "$work/names.log" | grep -v '^# #' | tail -20
ok $result "every button on screen in every area has a name; the main menu is 主菜单"

kill "$atspi" 2>/dev/null
echo "1..$n"
exit $failed
