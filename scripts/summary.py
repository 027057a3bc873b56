#!/usr/bin/env python3
"""Print 'N passed, N failed[, N skipped]' from meson test logs.

With CI=true in the environment a skipped test of the 'validate' or
'browser' suites counts as failed, named: CI must not pass a validation
that did not run (the tests themselves fail there too; this is the net).
"""
import json
import os
import sys

MUST_RUN = ("validate", "browser")
ci = os.environ.get("CI") == "true"
passed = failed = skipped = 0
for path in sys.argv[1:]:
    with open(path) as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            test = json.loads(line)
            result = test.get("result", "")
            # "gradus:validate / ics-validate": project:suite / name
            suite = test.get("name", "").split(" / ")[0].split(":")[-1]
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP" and ci and suite in MUST_RUN:
                print("FAIL: %s was skipped (a tool is missing); CI=true, where "
                      "a validation that cannot run fails" % test.get("name"),
                      file=sys.stderr)
                failed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
if passed + failed == 0:
    print("no tests ran", file=sys.stderr)
    failed = 1
line = "%d passed, %d failed" % (passed, failed)
if skipped:
    line += ", %d skipped" % skipped
print(line)
sys.exit(1 if failed else 0)
