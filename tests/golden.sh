#!/bin/sh
# Runs one golden case: tests/golden/NAME/cmd is a shell line run from the
# source root with $GRADUS set to the built command. Its stdout, stderr and
# exit code must equal NAME/out, NAME/err and NAME/code (missing files mean
# empty output and exit 0).
set -u
name=$1
dir=tests/golden/$name
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
sh -c "$(cat "$dir/cmd")" >"$out" 2>"$err"
code=$?
want_code=0
[ -f "$dir/code" ] && want_code=$(cat "$dir/code")
fail=0
if [ "$code" != "$want_code" ]; then
	echo "exit code $code, expected $want_code"
	fail=1
fi
for s in out err; do
	want=$dir/$s
	[ -f "$want" ] || want=/dev/null
	got=$out
	[ $s = err ] && got=$err
	if ! diff -u "$want" "$got"; then
		echo "std$s differs from $dir/$s"
		fail=1
	fi
done
exit $fail
