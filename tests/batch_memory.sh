#!/bin/sh
# Issue 7: `gradus batch` must not grow with the number of profiles.
# Runs batch over 200 and over 2,000 generated profiles (bench/genprofiles,
# seeded: the first 200 of the 2,000 are the 200) with --weeks 12, so that
# every plan has the same length, and checks that the peak resident set
# of the larger run is at most 1.1 times that of the smaller.
#
# usage: batch_memory.sh GENPROFILES WORKDIR
# Environment: GRADUS (the command), GRADUS_SANITIZE (meson b_sanitize:
# the sanitizers keep freed memory in quarantine, so RSS says nothing
# there and the test is skipped).
set -u
gen=$1
work=$2
if [ "${GRADUS_SANITIZE:-none}" != none ]; then
	echo "built with -fsanitize=$GRADUS_SANITIZE: freed memory is quarantined, RSS is meaningless; skipped"
	exit 77
fi
if [ ! -x /usr/bin/time ]; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL: /usr/bin/time not installed (Debian package 'time'; scripts/setup.sh --test installs it); CI=true, where a test that cannot run fails"
		exit 1
	fi
	echo "/usr/bin/time not installed (Debian package 'time'; scripts/setup.sh --test installs it); skipped"
	exit 77
fi
rm -rf "$work"
mkdir -p "$work" || exit 1
"$gen" 2000 "$work/profiles" || exit 1
ls "$work/profiles"/*.cfg > "$work/list-2000" || exit 1
head -n 200 "$work/list-2000" > "$work/list-200"

fail=0
for n in 200 2000; do
	/usr/bin/time -f %M -o "$work/rss-$n" "$GRADUS" batch --weeks 12 \
		< "$work/list-$n" > "$work/out-$n" 2> "$work/err-$n"
	code=$?
	lines=$(wc -l < "$work/out-$n")
	# the generator writes valid profiles, but some fit no template or
	# no exercise (invalid, exit 3); never an I/O error
	if [ "$code" != 0 ] && [ "$code" != 3 ]; then
		echo "batch over $n profiles: exit code $code"
		cat "$work/err-$n"
		fail=1
	fi
	if [ "$lines" != "$n" ]; then
		echo "batch over $n profiles wrote $lines lines"
		fail=1
	fi
	# /usr/bin/time writes "Command exited with non-zero status" first
	eval "rss_$n=\$(tail -n 1 \"\$work/rss-\$n\")"
done
plans=$(grep -c '"status":"plan"' "$work/out-2000")
echo "peak RSS: 200 profiles ${rss_200} KiB, 2000 profiles ${rss_2000} KiB ($plans plans in the 2000)"
if [ $((rss_2000 * 10)) -gt $((rss_200 * 11)) ]; then
	echo "memory grows with the number of profiles: ${rss_2000} KiB > 1.1 x ${rss_200} KiB"
	fail=1
fi
[ $fail = 0 ] && rm -rf "$work"
exit $fail
