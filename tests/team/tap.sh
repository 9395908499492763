# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the team tests: TAP lines, and the plan at the end.
n=0
failed=0

ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

done_testing () {
  echo "1..$n"
  exit $failed
}
