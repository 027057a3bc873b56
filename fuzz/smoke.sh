#!/bin/sh
# fuzz/smoke.sh - one libFuzzer run of one target (the CI smoke runs and
# scripts/fuzz.sh long runs).
# Usage: smoke.sh FUZZ_EXE TARGET WORKDIR [SECONDS]
# SECONDS defaults to $GRADUS_FUZZ_SECONDS, else 20. The corpus grows in
# WORKDIR/corpus/TARGET (kept between runs); the seeds are rebuilt from
# the shipped files (fuzz/make_seeds.py); fuzz/regressions/TARGET is read
# too. Two passes:
#  1. fuzz for SECONDS with ASan + UBSan, leak checks off: libconfig 1.5
#     leaks on most syntax errors (fuzz/lsan.supp), and a suppressed leak
#     still costs a full LeakSanitizer scan, which made the run ~10x
#     slower;
#  2. replay every input of the corpus once with leak checks on.
# A crash, sanitizer report, leak, or one input taking over 10 s fails
# the run and leaves the input in WORKDIR/artifacts/TARGET/.
# libFuzzer's exit codes are mapped to 1: its default for a crash, 77,
# would be read by meson as "skipped".
set -u
exe=$1 target=$2 work=$3
secs=${4:-${GRADUS_FUZZ_SECONDS:-20}}
here=$(cd "$(dirname "$0")" && pwd)
log=$work/log.$target
mkdir -p "$work/corpus/$target" "$work/artifacts/$target" || exit 1
python3 "$here/make_seeds.py" "$target" "$work/seeds/$target" "$here/.." || exit 1
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1"
LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
dirs="$work/corpus/$target $work/seeds/$target $here/regressions/$target"
common="-timeout=10 -max_len=65536 -rss_limit_mb=2048 -error_exitcode=1
	-timeout_exitcode=1 -artifact_prefix=$work/artifacts/$target/"

# shellcheck disable=SC2086
"$exe" $common -max_total_time="$secs" -detect_leaks=0 \
	-dict="$here/gradus.dict" -print_final_stats=1 $dirs >"$log" 2>&1
rc=$?
# the progress lines are many: keep the start, the end and any report
grep -v '	\(NEW\|REDUCE\|pulse\)  *cov:' "$log"
if [ $rc -eq 0 ]; then
	# shellcheck disable=SC2086
	"$exe" $common -runs=0 -detect_leaks=1 $dirs >"$log.leaks" 2>&1
	rc=$?
	tail -n 3 "$log.leaks"
	[ $rc -eq 0 ] || cat "$log.leaks"
fi
if [ $rc -ne 0 ]; then
	echo "fuzz_$target: FAILED (exit $rc); the input is in $work/artifacts/$target/"
	exit 1
fi
echo "fuzz_$target: $secs s and a leak-checked replay of the corpus, no finding"
exit 0
