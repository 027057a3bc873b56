#!/bin/sh
# Long fuzzing runs (issue 7). Usage:
#   scripts/fuzz.sh TARGET SECONDS     TARGET: profile catalogue template plan log all
# Configures ./build-fuzz with clang (-Dfuzzing=true: libFuzzer + ASan +
# UBSan) when needed, builds, then runs fuzz/smoke.sh: SECONDS of fuzzing
# with leak checks off, then a leak-checked replay of the whole corpus.
# The corpus grows in build-fuzz/fuzz/work/corpus/TARGET and is kept
# between runs; a finding is written to build-fuzz/fuzz/work/artifacts/
# TARGET/ (see fuzz/README.md: minimise it, fix it, and add it to
# fuzz/regressions/TARGET/). "all" runs the targets one after another,
# SECONDS each. Exit 0 when there was no finding.
set -eu
cd "$(dirname "$0")/.."
if [ $# -ne 2 ]; then
	echo "usage: scripts/fuzz.sh profile|catalogue|template|plan|log|all SECONDS" >&2
	exit 2
fi
target=$1 secs=$2
case $target in
profile|catalogue|template|plan|log) targets=$target ;;
all) targets="profile catalogue template plan log" ;;
*) echo "scripts/fuzz.sh: unknown target '$target'" >&2; exit 2 ;;
esac
case $secs in
''|*[!0-9]*) echo "scripts/fuzz.sh: SECONDS must be a whole number" >&2; exit 2 ;;
esac
build() {
	if [ ! -f build-fuzz/build.ninja ]; then
		CC=clang meson setup build-fuzz -Dfuzzing=true -Dtests=false >&2
	fi
	ninja -C build-fuzz >&2
}
# two long runs may start at once (one per core): build one at a time
if command -v flock >/dev/null 2>&1; then
	mkdir -p build-fuzz
	exec 9>build-fuzz/.build-lock
	flock 9
	build
	flock -u 9
else
	build
fi
status=0
for t in $targets; do
	fuzz/smoke.sh "build-fuzz/fuzz/fuzz_$t" "$t" build-fuzz/fuzz/work "$secs" || status=1
done
exit $status
