#!/bin/sh
# Test 'schema-reject': proves that the schema test can fail. Each file in
# bad/ is a document from good/ with one deliberate mistake (its name says
# which); validate.sh must accept the good/ files and reject every bad/ one.
# The files bad/checks-*.json (all plans) are valid against the schema but wrong in
# what only checks.py sees (a reason index that names no reason, ...):
# checks.py must accept the good/ files and reject each of these.
# Run from the source root.
set -eu
cd "${GRADUS_SRC:-$(dirname "$0")/../../..}"

dir=tests/validate/schema
fail=0
for kind in plan-2 screening-1 review-1; do
	schema=docs/schema/gradus-$kind.schema.json
	prefix=${kind%-*}
	echo "== $schema: $dir/good/$prefix*.json must be valid"
	"$dir/validate.sh" "$schema" "$dir"/good/"$prefix"*.json || fail=1
	set -- "$dir"/bad/"$prefix"-*.json
	if ! [ -f "$1" ]; then
		echo "FAIL: no $dir/bad/$prefix-*.json"
		fail=1
		continue
	fi
	echo "== $schema: the $# files $dir/bad/$prefix-*.json must be rejected"
	"$dir/validate.sh" --invalid "$schema" "$@" || fail=1
done

echo "== checks.py: $dir/good/*.json must pass"
python3 "$dir/checks.py" "$dir"/good/*.json || fail=1
set -- "$dir"/bad/checks-*.json
if ! [ -f "$1" ]; then
	echo "FAIL: no $dir/bad/checks-*.json"
	fail=1
fi
# valid against the plan schema (all at once: one validator run)
"$dir/validate.sh" docs/schema/gradus-plan-2.schema.json "$@" > /dev/null ||
	{ echo "FAIL: each of $dir/bad/checks-*.json must be valid against gradus-plan-2 (only checks.py may reject it)"; fail=1; }
for f in "$@"; do
	if out=$(python3 "$dir/checks.py" "$f"); then
		echo "FAIL: $f: ACCEPTED by checks.py, but it must be rejected"
		fail=1
	else
		echo "$f rejected by checks.py, as it must be: $(echo "$out" | head -n 1)"
	fi
done
exit $fail
