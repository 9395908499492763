#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A notice printed in another language than it was written in (issue 12: made
# in Chinese and printed in English, its description printed again beside
# the findings it was made from; made in English, printed in Chinese, the
# same).  The real binary, pdftotext of each notice's PDF.  TAP output.
set -u
bin=${XUNJIAN_BINARY:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../common/tap.sh"
unset DISPLAY WAYLAND_DISPLAY

zh () { LANG=zh_CN.UTF-8 LANGUAGE=zh_CN "$@"; }
en () { LANG=C.UTF-8 LANGUAGE= "$@"; }
# The problem heading of a notice PDF, in either language.
problem='^(Problem|问题描述)$'

for made in zh en; do
  d=$work/$made
  $made "$bin" --data-dir "$d" demo >/dev/null; ok $? "demo data made in $made"
  q () { sqlite3 "$d/xunjian.db" "$1"; }
  # A notice whose description is its findings' own words, and one whose
  # description a person wrote.
  made_from=$(q "SELECT number FROM notices n WHERE EXISTS (SELECT 1 FROM notice_findings f
                 WHERE f.notice_id = n.id) ORDER BY id LIMIT 1")
  own=$(q "SELECT number FROM notices n WHERE state = 'draft' AND EXISTS (SELECT 1
           FROM notice_findings f WHERE f.notice_id = n.id) LIMIT 1")
  q "UPDATE notices SET description = '北侧绿化带垃圾已连续三天未清' WHERE number = '$own'"
  for printed in zh en; do
    $printed "$bin" --data-dir "$d" notice export "$made_from" "$work/$made-$printed.pdf"
    ok $? "$made_from made in $made, exported in $printed"
    pdftotext -layout -enc UTF-8 "$work/$made-$printed.pdf" "$work/$made-$printed.txt"
    ! grep -Eq "$problem" "$work/$made-$printed.txt"
    ok $? "$made_from made in $made, printed in $printed: the findings once, no description beside them"
    grep -Eq '^ *1 {2,}[^ ]' "$work/$made-$printed.txt"; ok $? "  finding 1 is printed"
    $printed "$bin" --data-dir "$d" notice export "$own" "$work/own-$made-$printed.pdf"
    pdftotext -layout -enc UTF-8 "$work/own-$made-$printed.pdf" "$work/own-$made-$printed.txt"
    grep -Eq "$problem" "$work/own-$made-$printed.txt" \
      && grep -q '北侧绿化带垃圾已连续三天未清' "$work/own-$made-$printed.txt"
    ok $? "$own made in $made, printed in $printed: the description a person wrote is printed"
  done
done
echo "1..$n"
exit $failed
