#!/bin/sh
# The speed benchmark (issues 7 and 17), every figure in one run:
#
#     bench/bench.sh [BASELINE_GRADUS]
#
#   - gradus batch --weeks 12 against gradus check (CPU and wall time) on
#     the example profiles that give a plan, copied round-robin to 2,000
#     files, and on 2,000 seeded random profiles (bench/genprofiles);
#     plans per CPU second;
#   - peak RSS of batch at 1,000 and 10,000 copies;
#   - one process: plan -f json, plan (text), check, --version.
# With BASELINE_GRADUS (another build's gradus, e.g. a release build of
# an older commit), each figure is measured for both, in turn, side by
# side. Every process is pinned to CPU 0 and timed by the kernel (user +
# sys CPU time, from wait4; peak RSS by /usr/bin/time in a run of its
# own); the figures are medians.
# bench/measure.py does the measuring; bench/stages splits one batch
# into its steps (see RESULTS.md).
#
# Uses a release build in build-release/ (configured on first use).
# Environment: RUNS (runs per batch/check figure, default 5), SINGLE_RUNS
# (runs per one-process figure, default 50), BUILD (build folder).
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-build-release}
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" --buildtype=release -Dtests=false >&2
fi
ninja -C "$build" src/cli/gradus bench/genprofiles bench/stages >&2

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
echo "machine: $(nproc) CPUs (${cpu:-unknown CPU}), ${mem:-? memory};" \
	"$( (cc --version 2>/dev/null || echo unknown) | head -n 1);" \
	"load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "this build: $("$build/src/cli/gradus" --version | head -n 1) ($build)"
[ $# -gt 0 ] && echo "baseline:   $("$1" --version | head -n 1) ($1)"
echo

exec python3 bench/measure.py --gradus "$build/src/cli/gradus" \
	${1:+--baseline "$1"} --gen "$build/bench/genprofiles" \
	--data "$build/bench-data" --runs "${RUNS:-5}" \
	--single-runs "${SINGLE_RUNS:-50}"
