#!/bin/sh
# Quick start, part 2: install what is missing, build, and run every test.
# Prints "N passed, N failed" as its last line; exits non-zero on failure.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
status=0
meson test -C build --print-errorlogs >&2 || status=$?
python3 scripts/summary.py build/meson-logs/testlog.json
exit $status
