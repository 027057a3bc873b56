#!/bin/sh
# Issue 3's end-to-end checks on the shipped clean sarcopenia example:
# - every single red flag set true: `gradus screen` and `gradus plan` exit
#   12 or higher, and `plan` prints no week;
# - every single red-flag answer removed: both exit 10 and name the
#   question.
set -u
src=profiles/examples/margaret-sarcopenia.cfg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
flags=$(sed -n '/^red_flags:/,/^};/p' "$src" | sed -n 's/^ *\([a-z_]*\) = false;.*/\1/p')
n=$(echo "$flags" | wc -l)
if [ "$n" -ne 19 ]; then
	echo "expected 19 red-flag answers in $src, found $n"
	exit 1
fi
for f in $flags; do
	sed "s/^\( *$f\) = false;/\1 = true;/" "$src" >"$tmp/yes.cfg"
	for cmd in screen plan; do
		"$GRADUS" $cmd "$tmp/yes.cfg" >"$tmp/out" 2>"$tmp/err"
		code=$?
		if [ "$code" -lt 12 ] || [ "$code" -gt 14 ]; then
			echo "$f = true: gradus $cmd exited $code, expected 12 to 14"
			fail=1
		fi
		if [ $cmd = plan ] && grep -q "week 1 of" "$tmp/out"; then
			echo "$f = true: gradus plan printed a plan"
			fail=1
		fi
	done
	sed "/^ *$f = false;/d" "$src" >"$tmp/missing.cfg"
	for cmd in screen plan; do
		"$GRADUS" $cmd "$tmp/missing.cfg" >"$tmp/out" 2>"$tmp/err"
		code=$?
		if [ "$code" -ne 10 ]; then
			echo "$f unanswered: gradus $cmd exited $code, expected 10"
			fail=1
		fi
		if ! grep -q "$f" "$tmp/out"; then
			echo "$f unanswered: gradus $cmd does not name the question"
			fail=1
		fi
	done
done
[ $fail = 0 ] && echo "19 red flags checked both ways"
exit $fail
