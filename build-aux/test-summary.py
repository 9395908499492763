#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test cases in a meson test log and prints `N passed, N failed` last.

TAP tests (GTest with --tap, shell tests) count one per `ok` / `not ok` line;
other tests count once. A test program that crashed after its last `ok`
counts as one more failure, so nothing failed is ever hidden.
"""
import json
import re
import sys

passed = failed = skipped = 0
failures = []
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        entry = json.loads(line)
        name, result = entry["name"], entry["result"]
        cases = re.findall(r"^(not ok|ok)\b[^\n]*", entry.get("stdout") or "", re.M)
        if cases:
            for case in re.finditer(r"^(not ok|ok)\b([^\n]*)", entry["stdout"], re.M):
                if "# SKIP" in case.group(2):
                    skipped += 1
                elif case.group(1) == "ok":
                    passed += 1
                else:
                    failed += 1
                    failures.append(f"{name}:{case.group(2)}")
            if result not in ("OK", "SKIP", "EXPECTEDFAIL") and not any(
                    f.startswith(name + ":") for f in failures):
                failed += 1
                failures.append(f"{name}: {result}")
        elif result == "OK":
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
            failures.append(f"{name}: {result}")

for failure in failures:
    print("FAILED", failure)
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed else 0)
