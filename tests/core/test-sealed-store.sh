#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A sealed store: SQL lives in src/core only.  The report, the command line
# and the UI call core functions named for what they do; the SQL level of
# the store (xj-store-private.h: connections, statements, SQLite's codes) is
# compiled in only where XJ_CORE_COMPILATION is defined, and no target
# outside src/core and the tests asks for it.  TAP output.
set -u
root=${1:?source root}
. "$(dirname "$0")/../common/tap.sh"

# What only the core may say.
pattern='sqlite3|xj_store_get_db[^_]|xj_store_get_db$|xj_store_prepare|xj_store_exec|xj_store_step_done|xj_store_set_sqlite_error|xj_store_open_connection|xj_store_quick_check_db|xj-store-private\.h|XJ_CORE_COMPILATION|xj_core_private'

# The check finds what it looks for: the core's own SQL.
grep -rEq "$pattern" "$root/src/core" --include='*.c'; ok $? "the pattern finds the core's SQL (the check is not vacuous)"

for layer in src/report src/ui src/cli src/demo; do
  found=$(grep -rEn "$pattern" "$root/$layer" --include='*.c' --include='*.h' --include='meson.build')
  if [ -n "$found" ]; then
    echo "$found" | sed 's/^/# /'
    ok 1 "no SQL and no store internals in $layer"
  else
    ok 0 "no SQL and no store internals in $layer"
  fi
done

# The application's own sources beside the layers (main.c and the like).
found=$(find "$root/src" -maxdepth 1 -name '*.[ch]' -exec grep -EHn "$pattern" {} + 2>/dev/null)
[ -z "$found" ]; ok $? "no SQL in the application's top-level sources"

# The core's public headers do not hand SQLite's types out: <sqlite3.h>
# only behind XJ_CORE_COMPILATION.
bad=0
for header in $(find "$root/src/core" -name '*.h' ! -name '*-private.h'); do
  if awk '/#ifdef XJ_CORE_COMPILATION/ { inside = 1 } /#endif/ { inside = 0 }
          /#include <sqlite3.h>/ && !inside { found = 1 } END { exit found ? 0 : 1 }' "$header"; then
    echo "# $header includes <sqlite3.h> for everyone"
    bad=1
  fi
done
ok $bad "the core's public headers keep <sqlite3.h> to the core"

echo "1..$n"
exit $failed
