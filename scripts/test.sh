#!/bin/sh
# Quick start, part 2: install what is missing, build, and run every test:
# the whole suite, then again under AddressSanitizer + UBSan, then the unit
# and property tests under valgrind, then a short libFuzzer run of each fuzz
# target. Prints "N passed, N failed" (over all four runs) as its last
# line; exits non-zero on any failure.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh --test
status=0

meson test -C build --print-errorlogs >&2 || status=1

# AddressSanitizer + UndefinedBehaviorSanitizer build: any report fails
if [ ! -f build-asan/build.ninja ]; then
	meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
		-Dwerror=true >&2
fi
ninja -C build-asan >&2
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
LSAN_OPTIONS=suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C build-asan --print-errorlogs --no-suite browser --no-suite validate >&2 || status=1

# valgrind: memory errors and definite leaks fail (error exit code)
meson test -C build --print-errorlogs --setup valgrind \
	--suite unit --suite property >&2 || status=1

# libFuzzer smoke runs (issue 7, fuzz/README.md): every fuzz target for
# GRADUS_FUZZ_SECONDS (default 20) under ASan + UBSan, then a leak-checked
# replay of its corpus; any finding fails
if [ ! -f build-fuzz/build.ninja ]; then
	CC=clang meson setup build-fuzz -Dfuzzing=true -Dtests=false >&2
fi
ninja -C build-fuzz >&2
meson test -C build-fuzz --print-errorlogs --suite fuzz-smoke >&2 || status=1

python3 scripts/summary.py build/meson-logs/testlog.json \
	build-asan/meson-logs/testlog.json \
	build/meson-logs/testlog-valgrind.json \
	build-fuzz/meson-logs/testlog.json || status=1
exit $status
