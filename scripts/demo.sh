#!/bin/sh
# Quick start, part 1: install what is missing, build, and print the plan
# for a bundled example profile (Margaret, 78, sarcopenia at home).
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
exec ./build/src/cli/gradus plan profiles/examples/margaret-sarcopenia.cfg
