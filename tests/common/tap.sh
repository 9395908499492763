# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by every shell test (core, ui, team): TAP lines (`ok STATUS
# DESCRIPTION`), `$failed` for the exit status, and the plan at the end.
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
