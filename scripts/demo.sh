#!/bin/sh
# Quick start, part 1: install what is missing, build, and show gradus at
# work on a bundled example profile.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
./build/src/cli/gradus check exercises profiles
./build/src/cli/gradus exercises --position seated
